// From the text a user typed for one operation parameter to the value the API
// call takes, driven by the SDK schema, the way AWS CLI v2 (2.9) does it:
//
// - structures, maps and lists of them: shorthand syntax, or JSON when the
//   (first) value starts with `{` or `[`; shorthand results are then adjusted
//   to the model (a scalar where a list belongs becomes a one-item list,
//   numbers and booleans are converted);
// - lists: one value per item (`--ids a b c`) or one JSON array;
// - numbers: Python int(), then float(); booleans; timestamps (to Date);
// - blobs: base64-decoded under cli_binary_format=base64, the text's bytes
//   under raw-in-base64-out; streaming blobs are a path to a file.
//
// Then validateInput() checks the assembled input against the schema with
// botocore's messages.
import { createReadStream, statSync } from "node:fs";
import { homedir } from "node:os";
import { resolve } from "node:path";
import { GeneralError, ParamError } from "../errors/index.ts";
import { elementEntry, memberEntry, type Holder, type Shape, type ShapeTable } from "../services/shape.ts";
import { expandUser, expandVars } from "./paramfile.ts";
import { parsePythonJsonWithKind, PythonJsonError, PythonJsonRecursionError } from "./python-json.ts";
import {
  markFloat,
  pyBytesRepr,
  pyFloatOf,
  pyIntOf,
  pyStr,
  pyStrRepr,
  pyTypeName,
  unmarkFloat,
} from "./python-values.ts";
import { isPythonSpace, parseShorthand, ShorthandParseError, type ShorthandValue } from "./shorthand.ts";
import { parseTimestampInput } from "./timestamp-input.ts";

export type BinaryFormat = "base64" | "raw-in-base64-out";

export interface ParamValueOptions {
  binaryFormat: BinaryFormat;
  /** CLI service and operation names (`elb`, `register-instances-with-load-balancer`): a few old parameters parse differently. */
  service?: string;
  operation?: string;
  /** Where a streaming blob's file path is resolved from, and the env/home for its `$VAR`/`~` (default: the process's). */
  cwd?: string;
  env?: Record<string, string | undefined>;
  home?: string;
}

/** What argparse hands over: a string, or a string per item for list parameters; bytes where fileb:// was used. */
export type RawParamValue = string | Uint8Array | (string | Uint8Array)[];

/** A Python ValueError/TypeError from converting a value (exit code 255). */
class ConversionError extends GeneralError {}

/** Python's IndexError on an empty value (exit code 255); unlike ConversionError, list unpacking lets it through. */
class EmptyValueError extends GeneralError {}

type Container = Record<string, unknown> | unknown[];

function isDict(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

function setSlot(parent: Container, key: string | number, value: unknown): void {
  unmarkFloat(parent, key);
  if (Array.isArray(parent)) parent[key as number] = value;
  else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
}

function pyStrip(s: string): string {
  const chars = Array.from(s);
  let a = 0;
  let b = chars.length;
  while (a < b && isPythonSpace(chars[a]!.codePointAt(0)!)) a++;
  while (b > a && isPythonSpace(chars[b - 1]!.codePointAt(0)!)) b--;
  return chars.slice(a, b).join("");
}

function pyLstrip(s: string): string {
  const chars = Array.from(s);
  let a = 0;
  while (a < chars.length && isPythonSpace(chars[a]!.codePointAt(0)!)) a++;
  return chars.slice(a).join("");
}

/** Python's type name as used in TypeError/AttributeError texts (`list`, `dict`, `str`). */
function pyShortType(v: unknown): string {
  return pyTypeName(v).slice("<class '".length, -2);
}

const SCALAR_KINDS = new Set(["string", "number", "bigInteger", "bigDecimal", "boolean", "timestamp", "blob"]);
const COMPLEX_KINDS = new Set(["structure", "union", "list", "map"]);

/** A document, or lists/maps whose innermost values are documents: JSON only. */
function isDocumentContainer(shape: Shape): boolean {
  switch (shape.kind) {
    case "document":
      return true;
    case "list":
    case "map":
      return isDocumentContainer(shape.member);
    default:
      return false;
  }
}

/** Shorthand is offered for structures, maps, and lists of structures/lists/maps. */
export function supportsShorthand(shape: Shape): boolean {
  if (isDocumentContainer(shape)) return false;
  if (!COMPLEX_KINDS.has(shape.kind)) return false;
  return shape.kind !== "list" || COMPLEX_KINDS.has(shape.member.kind);
}

// Parameters that take one bare value per list item, each becoming the single member of a structure.
const OLD_LIST_CASES: Record<string, Record<string, string[]>> = {
  firehose: { "put-record-batch": ["records"] },
  workspaces: {
    "reboot-workspaces": ["reboot-workspace-requests"],
    "rebuild-workspaces": ["rebuild-workspace-requests"],
    "terminate-workspaces": ["terminate-workspace-requests"],
  },
  elb: {
    "remove-tags": ["tags"],
    "describe-instance-health": ["instances"],
    "deregister-instances-from-load-balancer": ["instances"],
    "register-instances-with-load-balancer": ["instances"],
  },
};

function usesOldListCase(service: string | undefined, operation: string | undefined, cliName: string): boolean {
  if (service === undefined || operation === undefined) return false;
  return OLD_LIST_CASES[service]?.[operation]?.includes(cliName.replace(/^--/, "")) ?? false;
}

/**
 * The API value for one parameter. `paramName` is the option as typed
 * (`--filters`; the dashes are added when missing). Throws ParamError (252)
 * for shorthand/JSON errors and GeneralError (255) for values Python rejects
 * (`invalid literal for int() with base 10: 'abc'`, `Invalid base64: "hello"`).
 */
export function parseParamValue(paramName: string, shape: Shape, raw: RawParamValue, opts: ParamValueOptions): unknown {
  const cliName = paramName.startsWith("--") ? paramName : `--${paramName}`;
  if (Array.isArray(raw) && shape.kind !== "list") raw = single(raw);
  let value = shouldParseAsShorthand(shape, raw)
    ? parseAsShorthand(cliName, shape, raw, opts)
    : unpackCliArg(cliName, shape, raw, opts);
  value = applyBinaryFormat(value, shape, opts.binaryFormat);
  return coerceTimestamps(value, shape);
}

function shouldParseAsShorthand(shape: Shape, raw: RawParamValue): boolean {
  const check = Array.isArray(raw) && raw.length > 0 ? raw[0] : raw;
  if (typeof check === "string") {
    const t = pyStrip(check);
    if (t.startsWith("[") || t.startsWith("{")) return false;
  }
  return supportsShorthand(shape);
}

function parseAsShorthand(cliName: string, shape: Shape, raw: RawParamValue, opts: ParamValueOptions): unknown {
  if (
    shape.kind === "list" &&
    shape.member.kind === "structure" &&
    shape.member.members.size === 1 &&
    usesOldListCase(opts.service, opts.operation, cliName)
  ) {
    const key = [...shape.member.members.keys()][0]!;
    const items = typeof raw === "string" ? Array.from(raw) : Array.isArray(raw) ? raw : Array.from(raw);
    return items.map((v) => ({ [key]: v }));
  }
  if (
    (shape.kind === "structure" || shape.kind === "union") &&
    shape.members.size === 1 &&
    shape.members.get("Value")?.kind === "string" &&
    typeof raw === "string" &&
    !raw.includes("=")
  ) {
    return { Value: raw };
  }
  try {
    const parsed: ShorthandValue | ShorthandValue[] = Array.isArray(raw) ? raw.map(shorthandOf) : shorthandOf(raw);
    backCompat({}, "", parsed, shape);
    return parsed;
  } catch (e) {
    if (e instanceof ShorthandParseError) throw new ParamError(`Error parsing parameter '${cliName}': ${e.message}`);
    throw e;
  }
}

function shorthandOf(v: string | Uint8Array): ShorthandValue {
  if (typeof v === "string") return parseShorthand(v);
  // The CLI hands fileb:// bytes to the parser too, which fails on them.
  throw new ConversionError(
    v.length ? "'in <string>' requires string as left operand, not int" : "a bytes-like object is required, not 'str'",
  );
}

class DocumentInShorthand extends Error {}

/** Adjusts parsed shorthand to the model, in place (the CLI's BackCompatVisitor). */
function backCompat(parent: Container, key: string | number, value: unknown, shape: Shape): void {
  switch (shape.kind) {
    case "document":
      if (value !== undefined && value !== null) throw new DocumentInShorthand();
      return;
    case "structure":
    case "union": {
      if (!isDict(value)) return;
      for (const [name, member] of shape.members) {
        if (!hasOwn(value, name)) continue;
        try {
          backCompat(value, name, value[name], member);
        } catch (e) {
          if (e instanceof DocumentInShorthand) {
            throw new ShorthandParseError(
              `Shorthand syntax does not support document types. Use JSON input for top-level argument to specify nested parameter: ${name}`,
            );
          }
          throw e;
        }
      }
      return;
    }
    case "list":
      if (!Array.isArray(value)) {
        // foo=bar where a list belongs: ["bar"] (the item itself is left as typed).
        if (value !== undefined && value !== null) setSlot(parent, key, [value]);
        return;
      }
      value.forEach((item, i) => backCompat(value, i, item, shape.member));
      return;
    case "map":
      if (!isDict(value)) return;
      for (const k of Object.keys(value)) backCompat(value, k, value[k], shape.member);
      return;
    case "number":
    case "bigInteger":
    case "bigDecimal": {
      if (value === undefined || value === null) return;
      if (typeof value !== "string") {
        throw new ConversionError(
          `int() argument must be a string, a bytes-like object or a real number, not '${pyShortType(value)}'`,
        );
      }
      const [n, isFloat] = toNumber(value);
      setSlot(parent, key, n);
      if (isFloat) markFloat(parent, key);
      return;
    }
    case "boolean": {
      if (value === undefined || value === null) return;
      if (typeof value !== "string") throw new ConversionError(`'${pyShortType(value)}' object has no attribute 'lower'`);
      const lower = value.toLowerCase();
      if (lower === "true") setSlot(parent, key, true);
      else if (lower === "false") setSlot(parent, key, false);
      return;
    }
    default:
      return;
  }
}

/**
 * A number from text: Python int() when it accepts the text, else float().
 * (The SDK schema does not say which of the two the model wants.)
 */
function toNumber(text: string): [number, boolean] {
  const i = pyIntOf(text);
  if (i !== undefined) return [i, false];
  const f = pyFloatOf(text);
  if (f !== undefined) return [f, true];
  throw new ConversionError(`invalid literal for int() with base 10: ${pyStrRepr(text)}`);
}

function single(raw: RawParamValue): string | Uint8Array {
  // argparse keeps the last occurrence of a single-valued option.
  if (Array.isArray(raw)) return raw.length ? raw[raw.length - 1]! : "";
  return raw;
}

function printable(v: string | Uint8Array): string {
  return typeof v === "string" ? v : pyBytesRepr(v);
}

function bytesText(v: Uint8Array): string {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("utf8");
}

function unpackCliArg(cliName: string, shape: Shape, raw: RawParamValue | number, opts: ParamValueOptions): unknown {
  const kind = shape.kind;
  if (kind === "document") return unpackJson(cliName, typeof raw === "number" ? String(raw) : single(raw));
  if (SCALAR_KINDS.has(kind)) {
    return unpackScalar(cliName, shape, typeof raw === "number" || !Array.isArray(raw) ? raw : single(raw), opts);
  }
  if (kind === "structure" || kind === "union" || kind === "map") {
    if (typeof raw === "number") return raw;
    const v = single(raw);
    if (typeof v === "string") {
      const t = pyLstrip(v);
      if (t === "") throw new EmptyValueError("string index out of range");
      if (t.startsWith("{")) return unpackJson(cliName, v);
    } else if (v.length === 0) {
      throw new EmptyValueError("index out of range");
    }
    throw new ParamError(`Error parsing parameter '${cliName}': Invalid JSON:\n${printable(v)}`);
  }
  if (kind === "list") {
    if (typeof raw === "number") return raw;
    if (typeof raw === "string") {
      const t = pyLstrip(raw);
      if (t === "") throw new EmptyValueError("string index out of range");
      if (t.startsWith("[")) return unpackJson(cliName, raw);
    } else if (Array.isArray(raw) && raw.length === 1 && typeof raw[0] === "string") {
      if (pyStrip(raw[0]).startsWith("[")) return unpackJson(cliName, raw[0]);
    }
    // One value per item; a lone string is split into its characters, as Python iterates it.
    const items: (string | Uint8Array | number)[] =
      typeof raw === "string" ? Array.from(raw) : Array.isArray(raw) ? raw : Array.from(raw);
    try {
      return items.map((v) => unpackCliArg(cliName, shape.member, v, opts));
    } catch (e) {
      if (e instanceof ConversionError) {
        const first = items[0];
        throw new ParamError(
          `Error parsing parameter '${cliName}': ${typeof first === "number" ? String(first) : printable(first!)}`,
        );
      }
      throw e;
    }
  }
  return typeof raw === "number" ? raw : single(raw);
}

function unpackScalar(cliName: string, shape: Shape, v: string | Uint8Array | number, opts: ParamValueOptions): unknown {
  switch (shape.kind) {
    case "number":
    case "bigInteger":
    case "bigDecimal": {
      if (typeof v === "number") return v;
      if (typeof v === "string") return toNumber(v)[0];
      const text = Buffer.from(v).toString("latin1");
      const i = pyIntOf(text) ?? pyFloatOf(text);
      if (i === undefined) throw new ConversionError(`invalid literal for int() with base 10: ${pyBytesRepr(v)}`);
      return i;
    }
    case "blob":
      if (shape.isStreaming) return openStreamingBlob(cliName, v, opts);
      return v;
    case "boolean":
      if (typeof v === "string") return v.toLowerCase() === "false" ? false : v.length > 0;
      if (typeof v === "number") return v !== 0;
      return v.length > 0;
    default:
      return v;
  }
}

/** A streaming blob parameter names a file; the call reads it from there. */
function openStreamingBlob(cliName: string, v: string | Uint8Array | number, opts: ParamValueOptions): unknown {
  const env = opts.env ?? process.env;
  const text = typeof v === "string" ? v : typeof v === "number" ? String(v) : bytesText(v);
  const path = expandUser(expandVars(text, env), { env, home: opts.home ?? homedir() });
  const full = resolve(opts.cwd ?? process.cwd(), path);
  let isFile = false;
  try {
    isFile = path !== "" && statSync(full).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) throw new ParamError(`Error parsing parameter '${cliName}': Blob values must be a path to a file.`);
  return createReadStream(full);
}

function unpackJson(cliName: string, v: string | Uint8Array): unknown {
  const text = typeof v === "string" ? v : bytesText(v);
  try {
    return parsePythonJsonWithKind(text).value;
  } catch (e) {
    if (e instanceof PythonJsonError) {
      throw new ParamError(`Error parsing parameter '${cliName}': Invalid JSON: ${e.message}\nJSON received: ${printable(v)}`);
    }
    if (e instanceof PythonJsonRecursionError) throw new GeneralError(e.message);
    throw e;
  }
}

// ---- Walking a value along its shape (the CLI's ModelVisitor) ----

/**
 * Visits every scalar of `value` that sits where `shape` expects one,
 * descending only where the value's type matches (objects for structures and
 * maps, arrays for lists). `fn` returns the replacement for a scalar.
 */
function walkScalars(value: unknown, shape: Shape, fn: (v: unknown, shape: Shape) => unknown): unknown {
  switch (shape.kind) {
    case "structure":
    case "union":
      if (isDict(value)) {
        for (const [name, member] of shape.members) {
          if (!hasOwn(value, name)) continue;
          const before = value[name];
          const after = walkScalars(before, member, fn);
          if (after !== before) setSlot(value, name, after);
        }
      }
      return value;
    case "list":
      if (Array.isArray(value)) {
        value.forEach((item, i) => {
          const after = walkScalars(item, shape.member, fn);
          if (after !== item) setSlot(value, i, after);
        });
      }
      return value;
    case "map":
      if (isDict(value)) {
        for (const k of Object.keys(value)) {
          const before = value[k];
          const after = walkScalars(before, shape.member, fn);
          if (after !== before) setSlot(value, k, after);
        }
      }
      return value;
    default:
      return fn(value, shape);
  }
}

const B64 = new Map<string, number>();
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".split("").forEach((c, i) => B64.set(c, i));

/** Python's base64.b64decode (non-strict): other characters skipped, padding checked. */
export function pyB64Decode(s: string): Uint8Array | undefined {
  const out: number[] = [];
  let quad = 0;
  let left = 0;
  let pads = 0;
  for (const ch of s) {
    if (ch === "=") {
      if (quad >= 2 && quad + ++pads >= 4) return Uint8Array.from(out);
      continue;
    }
    const v = B64.get(ch);
    if (v === undefined) continue;
    pads = 0;
    switch (quad) {
      case 0:
        left = v;
        quad = 1;
        break;
      case 1:
        out.push(((left << 2) | (v >> 4)) & 0xff);
        left = v & 0x0f;
        quad = 2;
        break;
      case 2:
        out.push(((left << 4) | (v >> 2)) & 0xff);
        left = v & 0x03;
        quad = 3;
        break;
      default:
        out.push(((left << 6) | v) & 0xff);
        quad = 0;
    }
  }
  return quad === 0 ? Uint8Array.from(out) : undefined;
}

/**
 * Blob values given as text become bytes: base64-decoded under `base64`
 * (`Invalid base64: "hello"` otherwise), UTF-8 encoded under
 * `raw-in-base64-out`. Bytes are left alone. Mutates containers in place and
 * returns the (possibly replaced) value; use it for --cli-input-json input too.
 */
export function applyBinaryFormat(value: unknown, shape: Shape, format: BinaryFormat): unknown {
  return walkScalars(value, shape, (v, s) => {
    if (s.kind !== "blob" || typeof v !== "string") return v;
    if (format === "raw-in-base64-out") return new TextEncoder().encode(v);
    if (!/^[\x00-\x7f]*$/.test(v)) throw new GeneralError("string argument should contain only ASCII characters");
    const bytes = pyB64Decode(v);
    if (!bytes) throw new GeneralError(`Invalid base64: "${v}"`);
    return bytes;
  });
}

/** Timestamps given as text or epoch numbers become Dates where botocore can read them; the rest is left for validation. */
export function coerceTimestamps(value: unknown, shape: Shape): unknown {
  return walkScalars(value, shape, (v, s) => {
    if (s.kind !== "timestamp" || (typeof v !== "string" && typeof v !== "number")) return v;
    return parseTimestampInput(v) ?? v;
  });
}

// ---- Validation (botocore's ParamValidator) ----

type Problem =
  | { kind: "missing"; name: string; required: string }
  | { kind: "unknown"; name: string; param: string; valid: string[] }
  | { kind: "type"; name: string; value: unknown; parent: object | undefined; key: string | number | undefined; valid: string[] }
  | { kind: "docType"; name: string; value: unknown; parent: object | undefined; key: string | number | undefined }
  | { kind: "length"; name: string; value: number; min: number }
  | { kind: "range"; name: string; value: unknown; parent: object | undefined; key: string | number | undefined; min: number | string }
  | { kind: "unionMany"; name: string; members: string[] }
  | { kind: "unionEmpty"; name: string; members: string[] };

const VALID: Record<string, string[]> = {
  structure: ["<class 'dict'>"],
  map: ["<class 'dict'>"],
  string: ["<class 'str'>"],
  list: ["<class 'list'>", "<class 'tuple'>"],
  integer: ["<class 'int'>"],
  boolean: ["<class 'bool'>"],
  blob: ["<class 'bytes'>", "<class 'bytearray'>", "file-like object"],
  timestamp: ["<class 'datetime.datetime'>", "timestamp-string"],
};
const DOCUMENT_TYPES = ["<class 'str'>", "<class 'int'>", "<class 'bool'>", "<class 'float'>", "<class 'list'>", "<class 'dict'>"];

function displayName(name: string): string {
  if (!name) return "input";
  return name.startsWith(".") ? name.slice(1) : name;
}

function formatProblem(p: Problem): string {
  const name = displayName(p.name);
  switch (p.kind) {
    case "missing":
      return `Missing required parameter in ${name}: "${p.required}"`;
    case "unknown":
      return `Unknown parameter in ${name}: "${p.param}", must be one of: ${p.valid.join(", ")}`;
    case "type":
      return (
        `Invalid type for parameter ${name}, value: ${pyStr(p.value, p.parent, p.key)}, ` +
        `type: ${pyTypeName(p.value, p.parent, p.key)}, valid types: ${p.valid.join(", ")}`
      );
    case "docType":
      return (
        `Invalid type for document parameter ${name}, value: ${pyStr(p.value, p.parent, p.key)}, ` +
        `type: ${pyTypeName(p.value, p.parent, p.key)}, valid types: ${DOCUMENT_TYPES.join(", ")}`
      );
    case "length":
      return `Invalid length for parameter ${name}, value: ${p.value}, valid min length: ${p.min}`;
    case "range":
      return `Invalid value for parameter ${name}, value: ${pyStr(p.value, p.parent, p.key)}, valid min value: ${typeof p.min === "string" ? p.min : pyStr(p.min)}`;
    case "unionMany":
      return `Invalid number of parameters set for tagged union structure ${name}. Can only set one of the following keys: ${p.members.join(". ")}.`;
    case "unionEmpty":
      return `Must set one of the following keys for tagged unionstructure ${name}: ${p.members.join(". ")}.`;
  }
}

function isFileLike(v: unknown): boolean {
  return v !== null && typeof v === "object" && typeof (v as { read?: unknown }).read === "function";
}

/**
 * Minimum lengths and values by shape name, then member (list and map
 * elements under "member", "key", "value"): data/cli's `min`, from botocore.
 * A float minimum is a string as Python prints it ("0.0").
 */
export type MinConstraints = ShapeTable<number | string>;

class Validator {
  readonly problems: Problem[] = [];
  constructor(private readonly mins: MinConstraints) {}

  validate(
    value: unknown,
    shape: Shape,
    name: string,
    parent: object | undefined,
    key: string | number | undefined,
    min?: number | string,
    holder?: Holder,
  ): void {
    const typeError = (valid: string[]) => this.problems.push({ kind: "type", name, value, parent, key, valid });
    switch (shape.kind) {
      case "structure":
      case "union": {
        if (!isDict(value)) return void typeError(VALID.structure!);
        const present = Object.keys(value).filter((k) => value[k] !== undefined);
        if (shape.kind === "union") {
          const members = [...shape.members.keys()];
          if (present.length === 0) this.problems.push({ kind: "unionEmpty", name, members });
          else if (present.length > 1) this.problems.push({ kind: "unionMany", name, members });
        }
        for (const req of shape.members.keys()) {
          if (!shape.required.has(req)) continue;
          if (shape.members.get(req)!.isIdempotencyToken) continue; // filled in automatically
          if (!present.includes(req)) this.problems.push({ kind: "missing", name, required: req });
        }
        const known: string[] = [];
        for (const k of present) {
          if (shape.members.has(k)) known.push(k);
          else this.problems.push({ kind: "unknown", name, param: k, valid: [...shape.members.keys()] });
        }
        for (const k of known) {
          this.validate(value[k], shape.members.get(k)!, `${name}.${k}`, value, k, memberEntry(this.mins, shape, k), { owner: shape, member: k });
        }
        return;
      }
      case "list": {
        if (!Array.isArray(value)) return void typeError(VALID.list!);
        if (min !== undefined && value.length < Number(min)) this.problems.push({ kind: "length", name, value: value.length, min: Number(min) });
        const itemMin = elementEntry(this.mins, shape, "member", holder);
        value.forEach((item, i) => {
          if (item !== undefined) this.validate(item, shape.member, `${name}[${i}]`, value, i, itemMin);
        });
        return;
      }
      case "map": {
        if (!isDict(value)) return void typeError(VALID.map!);
        const keyMin = elementEntry(this.mins, shape, "key", holder);
        const valueMin = elementEntry(this.mins, shape, "value", holder);
        for (const k of Object.keys(value)) {
          if (value[k] === undefined) continue;
          this.validate(k, shape.key, `${name} (key: ${k})`, undefined, undefined, keyMin);
          this.validate(value[k], shape.member, `${name}.${k}`, value, k, valueMin);
        }
        return;
      }
      case "string": {
        if (typeof value !== "string") return void typeError(VALID.string!);
        // Python counts code points. A host label with no stated minimum needs one character.
        const low = min !== undefined ? Number(min) : shape.traits.hostLabel ? 1 : undefined;
        const length = low === undefined ? 0 : Array.from(value).length;
        if (low !== undefined && length < low) this.problems.push({ kind: "length", name, value: length, min: low });
        return;
      }
      case "number":
      case "bigInteger":
      case "bigDecimal":
        // bool is an int in Python, so it passes too.
        if (typeof value !== "number" && typeof value !== "bigint" && typeof value !== "boolean") {
          return void typeError(VALID.integer!);
        }
        if (min !== undefined && Number(value) < Number(min)) this.problems.push({ kind: "range", name, value, parent, key, min });
        return;
      case "boolean":
        if (typeof value !== "boolean") typeError(VALID.boolean!);
        return;
      case "blob":
        if (typeof value === "string" || value instanceof Uint8Array || isFileLike(value)) return;
        return void typeError(VALID.blob!);
      case "timestamp":
        if (value instanceof Date && !Number.isNaN(value.getTime())) return;
        if ((typeof value === "string" || typeof value === "number") && parseTimestampInput(value)) return;
        return void typeError(VALID.timestamp!);
      case "document":
        this.validateDocument(value, name, parent, key);
        return;
      default:
        return;
    }
  }

  private validateDocument(value: unknown, name: string, parent: object | undefined, key: string | number | undefined): void {
    if (value === null || value === undefined) return;
    if (isDict(value)) {
      for (const k of Object.keys(value)) this.validateDocument(value[k], k, value, k);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => this.validateDocument(item, `${name}[${i}]`, value, i));
    } else if (!["string", "number", "boolean", "bigint"].includes(typeof value)) {
      this.problems.push({ kind: "docType", name, value, parent, key });
    }
  }
}

/**
 * Checks an operation's input against its shape as botocore does before a
 * call: throws ParamError (exit code 252) listing every problem, e.g.
 * `Parameter validation failed:\nMissing required parameter in input: "Bucket"`.
 * Minimum lengths and values come from `mins` (the SDK's schemas carry none).
 */
export function validateInput(input: unknown, shape: Shape, mins: MinConstraints = {}): void {
  if (shape.kind === "unit") return;
  const v = new Validator(mins);
  v.validate(input, shape, "", undefined, undefined);
  if (v.problems.length) {
    throw new ParamError(`Parameter validation failed:\n${v.problems.map(formatProblem).join("\n")}`);
  }
}
