// Pagination tokens as the AWS CLI prints and reads them (`NextToken` in the
// output, `--starting-token` on the command line).
//
// A token is a dict of the operation's input-token names → the service's
// token values (None when there is none), plus `boto_truncate_amount` when
// --max-items stopped inside a page (items of that page already returned).
// It is written as base64(json.dumps(dict)) with Python's defaults: ", " and
// ": " separators, ASCII-only output (\uXXXX escapes), keys in dict order.
// Binary values are base64 text inside the JSON and their paths are listed
// under `boto_encoded_keys` (appended last). kumo carries blobs as base64 text,
// so a binary value keeps the same text on both sides.
//
// Reading: anything that does not decode as such a dict (bad base64, bad
// UTF-8, bad JSON, a JSON list) is read in the legacy format
// `tok1___tok2___index`, or, failing that, taken whole as the service token,
// exactly as the CLI does. A few inputs make the CLI fail outright; kumo
// raises the same messages (exit 255).

import { GeneralError } from "../errors/index.ts";
import type { Doc, DocArray, DocObject } from "../output/document.ts";
import { isFloatAt } from "../output/document.ts";
import { pyFloatRepr } from "../output/pyformat.ts";

/** Path to a value inside a token: dict keys and list indexes. */
export type TokenPath = (string | number)[];

export const TRUNCATE_KEY = "boto_truncate_amount";
export const ENCODED_KEYS = "boto_encoded_keys";

// ---------------------------------------------------------------------------
// Python's json.dumps (default arguments)
// ---------------------------------------------------------------------------

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

/** A JSON string literal as Python's json.dumps writes it with ensure_ascii=True. */
export function pyJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const code = s.charCodeAt(i);
    const short = SHORT_ESCAPES[ch];
    if (short !== undefined) out += short;
    else if (code >= 0x20 && code <= 0x7e) out += ch;
    // Everything else, including DEL and each half of a surrogate pair.
    else out += "\\u" + code.toString(16).padStart(4, "0");
  }
  return out + '"';
}

function pyJsonNumber(n: number, isFloat: boolean): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "Infinity";
  if (n === -Infinity) return "-Infinity";
  if (isFloat || !Number.isInteger(n)) return pyFloatRepr(n);
  return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}

/**
 * Python's `json.dumps(value)` with default arguments. Numbers print as ints
 * unless non-integral or marked as floats on their container (see
 * output/document.ts).
 */
export function pyJsonDumps(value: unknown): string {
  const out: string[] = [];
  dumpInto(value, undefined, undefined, out);
  return out.join("");
}

function dumpInto(value: unknown, container: DocObject | DocArray | undefined, key: string | number | undefined, out: string[]): void {
  if (value === null || value === undefined) out.push("null");
  else if (typeof value === "string") out.push(pyJsonString(value));
  else if (typeof value === "boolean") out.push(value ? "true" : "false");
  else if (typeof value === "number") out.push(pyJsonNumber(value, key !== undefined && isFloatAt(container, key, value)));
  else if (Array.isArray(value)) {
    out.push("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(", ");
      dumpInto(value[i], value as DocArray, i, out);
    }
    out.push("]");
  } else if (typeof value === "object") {
    out.push("{");
    let first = true;
    for (const [k, v] of Object.entries(value)) {
      if (!first) out.push(", ");
      first = false;
      out.push(pyJsonString(k), ": ");
      dumpInto(v, value as DocObject, k, out);
    }
    out.push("}");
  } else {
    throw new TypeError(`Object of type ${typeof value} is not JSON serializable`);
  }
}

// ---------------------------------------------------------------------------
// Python's base64.b64decode (non-validating, as botocore calls it)
// ---------------------------------------------------------------------------

const B64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++) B64_VALUE[B64_ALPHABET.charCodeAt(i)] = i;

/**
 * Decodes base64 the way Python 3.11's `base64.b64decode(s)` does: bytes
 * outside the alphabet are skipped, decoding stops at complete padding, and
 * a short final group raises (as ValueError in Python; an Error here).
 */
export function pyB64Decode(input: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.floor((input.length * 3) / 4) + 3);
  let n = 0;
  let quadPos = 0;
  let left = 0;
  let pads = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i] as number;
    if (c === 0x3d /* = */) {
      if (quadPos >= 2 && quadPos + ++pads >= 4) return out.slice(0, n);
      continue;
    }
    const v = B64_VALUE[c] as number;
    if (v < 0) continue;
    pads = 0;
    switch (quadPos) {
      case 0:
        quadPos = 1;
        left = v;
        break;
      case 1:
        quadPos = 2;
        out[n++] = ((left << 2) | (v >> 4)) & 0xff;
        left = v & 0x0f;
        break;
      case 2:
        quadPos = 3;
        out[n++] = ((left << 4) | (v >> 2)) & 0xff;
        left = v & 0x03;
        break;
      default:
        quadPos = 0;
        out[n++] = ((left << 6) | v) & 0xff;
        left = 0;
    }
  }
  if (quadPos === 1) {
    throw new Error(
      `Invalid base64-encoded string: number of data characters (${Math.floor(n / 3) * 4 + 1}) cannot be 1 more than a multiple of 4`,
    );
  }
  if (quadPos !== 0) throw new Error("Incorrect padding");
  return out.slice(0, n);
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

// ---------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------

export interface EncodeOptions {
  /**
   * Says which values are binary (blobs). A string at such a path is taken
   * as the base64 text of the bytes. Uint8Array values are always binary.
   */
  isBlob?: (path: TokenPath) => boolean;
}

/**
 * The token text for `token` (input-token names → values, then
 * `boto_truncate_amount` if any), byte for byte as the AWS CLI prints it.
 */
export function encodeToken(token: Record<string, unknown>, options: EncodeOptions = {}): string {
  const encoded: TokenPath[] = [];
  const plain = replaceBytes(token, [], options.isBlob, encoded) as Record<string, unknown>;
  let json: string;
  if (encoded.length === 0) {
    json = pyJsonDumps(plain);
  } else {
    // The CLI rebuilds the dict with bytes as base64 text, then lists the paths last.
    json = pyJsonDumps({ ...plain, [ENCODED_KEYS]: encoded });
  }
  return Buffer.from(json, "utf8").toString("base64");
}

function replaceBytes(value: unknown, path: TokenPath, isBlob: EncodeOptions["isBlob"], encoded: TokenPath[]): unknown {
  if (value instanceof Uint8Array) {
    encoded.push(path);
    return toBase64(value);
  }
  if (typeof value === "string") {
    if (path.length > 0 && isBlob?.(path)) encoded.push(path);
    return value;
  }
  if (Array.isArray(value)) {
    let changed = false;
    const copy = value.map((v, i) => {
      const r = replaceBytes(v, [...path, i], isBlob, encoded);
      if (r !== v) changed = true;
      return r;
    });
    return changed ? copy : value;
  }
  if (value !== null && typeof value === "object") {
    let changed = false;
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = replaceBytes(v, [...path, k], isBlob, encoded);
      if (r !== v) changed = true;
      copy[k] = r;
    }
    return changed ? copy : value;
  }
  return value;
}

// ---------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------

export interface DecodedToken {
  /** Input-token names → service token values (null when there is none), in the token's order. */
  tokens: Record<string, unknown>;
  /**
   * Items of the first page already returned (`boto_truncate_amount`, or the
   * legacy index). Normally an integer; kept as found so the paginator can
   * fail on odd values as the CLI does.
   */
  truncateAmount: unknown;
  /** Paths (from `boto_encoded_keys`) of binary values, which stay as base64 text. */
  encodedKeys: TokenPath[];
  /** True when the text was read in the legacy `a___b___index` form. */
  legacy: boolean;
}

/** What Python raises for the few inputs the CLI does not survive. */
function pyTypeName(value: unknown, raw: string): string {
  if (value === null) return "NoneType";
  if (typeof value === "string") return "str";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return /[.eE]/.test(raw) ? "float" : "int";
  return "object";
}

class NotAToken extends Error {}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Reads a `--starting-token` value for an operation whose input tokens are
 * `inputTokens`. Throws a GeneralError where the CLI fails (a legacy token
 * with too many parts; base64 JSON that is a string, number or null).
 */
export function decodeToken(text: string, inputTokens: readonly string[]): DecodedToken {
  let parsed: unknown;
  let json: string;
  try {
    json = utf8.decode(pyB64Decode(Buffer.from(text, "utf8")));
    parsed = JSON.parse(json);
  } catch {
    return decodeLegacy(text, inputTokens);
  }
  if (parsed === null || typeof parsed !== "object") {
    // The CLI calls dict.pop() on whatever json.loads returned.
    throw new GeneralError(`'${pyTypeName(parsed, json.trim())}' object has no attribute 'pop'`);
  }
  if (Array.isArray(parsed)) return decodeLegacy(text, inputTokens);
  const tokens = parsed as Record<string, unknown>;
  let encodedKeys: TokenPath[] = [];
  if (Object.prototype.hasOwnProperty.call(tokens, ENCODED_KEYS)) {
    const listed = tokens[ENCODED_KEYS];
    delete tokens[ENCODED_KEYS];
    if (listed !== null) {
      try {
        encodedKeys = restoreBytes(tokens, listed);
      } catch (err) {
        if (err instanceof NotAToken) return decodeLegacy(text, inputTokens);
        throw err;
      }
    }
  }
  let truncateAmount: unknown = 0;
  if (Object.prototype.hasOwnProperty.call(tokens, TRUNCATE_KEY)) {
    truncateAmount = tokens[TRUNCATE_KEY];
    delete tokens[TRUNCATE_KEY];
  }
  return { tokens, truncateAmount, encodedKeys, legacy: false };
}

/** Checks each listed path holds base64 text and rewrites it in canonical form. */
function restoreBytes(tokens: Record<string, unknown>, listed: unknown): TokenPath[] {
  if (!Array.isArray(listed)) throw new NotAToken();
  const paths: TokenPath[] = [];
  for (const path of listed) {
    if (!Array.isArray(path) || path.length === 0) throw new NotAToken();
    let container: unknown = tokens;
    for (let i = 0; i < path.length - 1; i++) container = step(container, path[i]);
    const last = path[path.length - 1];
    const value = step(container, last);
    if (typeof value !== "string") throw new NotAToken();
    let bytes: Uint8Array;
    try {
      bytes = pyB64Decode(Buffer.from(value, "utf8"));
    } catch {
      throw new NotAToken();
    }
    (container as Record<string | number, unknown>)[last as string | number] = toBase64(bytes);
    paths.push(path as TokenPath);
  }
  return paths;
}

function step(container: unknown, key: unknown): unknown {
  if (Array.isArray(container)) {
    if (typeof key !== "number" || !Number.isInteger(key)) throw new NotAToken();
    const i = key < 0 ? container.length + key : key;
    if (i < 0 || i >= container.length) throw new NotAToken();
    return container[i];
  }
  if (container !== null && typeof container === "object" && typeof key === "string") {
    if (!Object.prototype.hasOwnProperty.call(container, key)) throw new NotAToken();
    return (container as Record<string, unknown>)[key];
  }
  throw new NotAToken();
}

/** Python's int() of a str, for the legacy index (ASCII digits). */
function pyInt(s: string): number | undefined {
  const m = /^[ \t\n\r\f\v]*([+-]?)(\d+(?:_\d+)*)[ \t\n\r\f\v]*$/.exec(s);
  if (!m) return undefined;
  const n = Number((m[2] as string).replace(/_/g, ""));
  return m[1] === "-" ? -n : n;
}

function decodeLegacy(text: string, inputTokens: readonly string[]): DecodedToken {
  let parts = text.split("___");
  let index = 0;
  if (parts.length === inputTokens.length + 1) {
    const n = pyInt(parts[parts.length - 1] as string);
    if (n === undefined) parts = [text];
    else {
      index = n;
      parts = parts.slice(0, -1);
    }
  }
  if (parts.length > inputTokens.length) throw new GeneralError(`Bad starting token: ${text}`);
  const tokens: Record<string, unknown> = {};
  inputTokens.forEach((name, i) => {
    const part = parts[i];
    tokens[name] = part === undefined || part === "None" ? null : part;
  });
  return { tokens, truncateAmount: index, encodedKeys: [], legacy: true };
}

/** Python truthiness of a JSON value. */
export function pyTruthy(value: Doc | undefined): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}
