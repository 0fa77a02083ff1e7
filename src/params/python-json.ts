// A JSON decoder that accepts what Python's json.loads accepts (NaN,
// Infinity, -Infinity included) and fails with the same messages at the same
// positions, e.g. `Expecting ',' delimiter: line 1 column 14 (char 13)`.
// The AWS CLI prints those messages verbatim for bad JSON parameter values.
//
// Objects are marked as OrderedDicts and float-valued slots as floats (see
// python-values.ts) so that later messages print them as the CLI would.
import { isFloatAt, markFloat, markOrderedDict } from "./python-values.ts";
import { docKeys, markFloat as markDocFloat, markOrderedDict as markDocOrderedDict, setMember, type Doc, type DocArray, type DocObject } from "../output/document.ts";

export class PythonJsonError extends Error {
  /** The bare message, e.g. `Expecting value`. */
  readonly msg: string;
  /** Position in code points. */
  readonly pos: number;
  constructor(msg: string, chars: string[], pos: number) {
    let lineno = 1;
    let lastNewline = -1;
    for (let i = 0; i < pos && i < chars.length; i++) {
      if (chars[i] === "\n") {
        lineno++;
        lastNewline = i;
      }
    }
    super(`${msg}: line ${lineno} column ${pos - lastNewline} (char ${pos})`);
    this.name = "PythonJsonError";
    this.msg = msg;
    this.pos = pos;
  }
}

/** Nesting deeper than the CLI's Python stack allows (it gives up past 978 levels on the command line). */
export class PythonJsonRecursionError extends Error {
  constructor(kind: "array" | "object") {
    super(`maximum recursion depth exceeded while decoding a JSON ${kind} from a unicode string`);
    this.name = "PythonJsonRecursionError";
  }
}

export const MAX_JSON_DEPTH = 978;

const WS = new Set([" ", "\t", "\n", "\r"]);

interface Scanned {
  value: unknown;
  end: number;
  isFloat: boolean;
}

/** Internal: "no JSON value starts here" (Python's StopIteration). */
class NoValue {
  constructor(readonly pos: number) {}
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

function hexValue(c: string | undefined): number {
  if (c === undefined) return -1;
  if (c >= "0" && c <= "9") return c.charCodeAt(0) - 48;
  if (c >= "a" && c <= "f") return c.charCodeAt(0) - 87;
  if (c >= "A" && c <= "F") return c.charCodeAt(0) - 55;
  return -1;
}

class Decoder {
  private readonly n: number;
  private depth = 0;
  constructor(private readonly s: string[]) {
    this.n = s.length;
  }

  private skipWs(i: number): number {
    while (i < this.n && WS.has(this.s[i]!)) i++;
    return i;
  }

  decode(): Scanned {
    if (this.s[0] === "\ufeff") throw new PythonJsonError("Unexpected UTF-8 BOM (decode using utf-8-sig)", this.s, 0);
    const start = this.skipWs(0);
    let r: Scanned;
    try {
      r = this.scan(start);
    } catch (e) {
      if (e instanceof NoValue) throw new PythonJsonError("Expecting value", this.s, e.pos);
      throw e;
    }
    const end = this.skipWs(r.end);
    if (end !== this.n) throw new PythonJsonError("Extra data", this.s, end);
    return r;
  }

  private err(msg: string, pos: number): PythonJsonError {
    return new PythonJsonError(msg, this.s, pos);
  }

  private lit(i: number, word: string): boolean {
    if (i + word.length > this.n) return false;
    for (let k = 0; k < word.length; k++) if (this.s[i + k] !== word[k]) return false;
    return true;
  }

  private scan(i: number): Scanned {
    if (i >= this.n) throw new NoValue(i);
    const c = this.s[i];
    switch (c) {
      case '"': {
        const [value, end] = this.scanString(i + 1);
        return { value, end, isFloat: false };
      }
      case "{":
      case "[": {
        if (++this.depth > MAX_JSON_DEPTH) throw new PythonJsonRecursionError(c === "{" ? "object" : "array");
        const r = c === "{" ? this.scanObject(i + 1) : this.scanArray(i + 1);
        this.depth--;
        return { ...r, isFloat: false };
      }
      case "n":
        if (this.lit(i, "null")) return { value: null, end: i + 4, isFloat: false };
        break;
      case "t":
        if (this.lit(i, "true")) return { value: true, end: i + 4, isFloat: false };
        break;
      case "f":
        if (this.lit(i, "false")) return { value: false, end: i + 5, isFloat: false };
        break;
      case "N":
        if (this.lit(i, "NaN")) return { value: NaN, end: i + 3, isFloat: true };
        break;
      case "I":
        if (this.lit(i, "Infinity")) return { value: Infinity, end: i + 8, isFloat: true };
        break;
      case "-":
        if (this.lit(i, "-Infinity")) return { value: -Infinity, end: i + 9, isFloat: true };
        break;
    }
    return this.scanNumber(i);
  }

  private scanNumber(start: number): Scanned {
    const s = this.s;
    const last = this.n - 1;
    let i = start;
    if (s[i] === "-") {
      i++;
      if (i > last) throw new NoValue(start);
    }
    if (s[i]! >= "1" && s[i]! <= "9") {
      i++;
      while (i <= last && isDigit(s[i])) i++;
    } else if (s[i] === "0") {
      i++;
    } else {
      throw new NoValue(start);
    }
    let isFloat = false;
    if (i < last && s[i] === "." && isDigit(s[i + 1])) {
      isFloat = true;
      i += 2;
      while (i <= last && isDigit(s[i])) i++;
    }
    if (i < last && (s[i] === "e" || s[i] === "E")) {
      const eStart = i;
      i++;
      if (i < last && (s[i] === "-" || s[i] === "+")) i++;
      while (i <= last && isDigit(s[i])) i++;
      if (isDigit(s[i - 1])) isFloat = true;
      else i = eStart;
    }
    const text = s.slice(start, i).join("");
    let value = Number(text);
    if (!isFloat && Object.is(value, -0)) value = 0;
    return { value, end: i, isFloat };
  }

  /** Scans a string whose opening quote is at `end - 1`; returns [value, index after the closing quote]. */
  private scanString(end: number): [string, number] {
    const s = this.s;
    const n = this.n;
    const begin = end - 1;
    const parts: string[] = [];
    for (;;) {
      let next = end;
      let c: string | undefined;
      for (; next < n; next++) {
        c = s[next]!;
        if (c === '"' || c === "\\") break;
        if (c.codePointAt(0)! <= 0x1f) throw this.err("Invalid control character at", next);
      }
      if (next >= n || !(c === '"' || c === "\\")) throw this.err("Unterminated string starting at", begin);
      if (next !== end) parts.push(s.slice(end, next).join(""));
      next++;
      if (c === '"') {
        end = next;
        break;
      }
      if (next === n) throw this.err("Unterminated string starting at", begin);
      c = s[next]!;
      if (c !== "u") {
        end = next + 1;
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        const out = simple[c];
        if (out === undefined) throw this.err("Invalid \\escape", end - 2);
        parts.push(out);
      } else {
        next++;
        end = next + 4;
        if (end >= n) throw this.err("Invalid \\uXXXX escape", next - 1);
        let code = 0;
        for (; next < end; next++) {
          const h = hexValue(s[next]);
          if (h < 0) throw this.err("Invalid \\uXXXX escape", end - 5);
          code = (code << 4) | h;
        }
        if (code >= 0xd800 && code <= 0xdbff && end + 6 < n && s[next] === "\\" && s[next + 1] === "u") {
          next += 2;
          end += 6;
          let low = 0;
          for (; next < end; next++) {
            const h = hexValue(s[next]);
            if (h < 0) throw this.err("Invalid \\uXXXX escape", end - 5);
            low = (low << 4) | h;
          }
          if (low >= 0xdc00 && low <= 0xdfff) {
            parts.push(String.fromCharCode(code, low));
            continue;
          }
          end -= 6;
        }
        parts.push(String.fromCharCode(code));
      }
    }
    return [parts.join(""), end];
  }

  private scanObject(i: number): { value: Record<string, unknown>; end: number } {
    const s = this.s;
    const obj: Record<string, unknown> = {};
    markOrderedDict(obj);
    i = this.skipWs(i);
    if (i >= this.n || s[i] !== "}") {
      for (;;) {
        if (i >= this.n || s[i] !== '"') throw this.err("Expecting property name enclosed in double quotes", i);
        const [key, afterKey] = this.scanString(i + 1);
        i = this.skipWs(afterKey);
        if (i >= this.n || s[i] !== ":") throw this.err("Expecting ':' delimiter", i);
        i = this.skipWs(i + 1);
        const v = this.scan(i);
        // In order, as Python's dict keeps it (even "10" before "9"), and `__proto__` as a key.
        setMember(obj as DocObject, key, v.value as Doc);
        if (v.isFloat) markFloat(obj, key);
        i = this.skipWs(v.end);
        if (i < this.n && s[i] === "}") break;
        if (i >= this.n || s[i] !== ",") throw this.err("Expecting ',' delimiter", i);
        i = this.skipWs(i + 1);
      }
    }
    return { value: obj, end: i + 1 };
  }

  private scanArray(i: number): { value: unknown[]; end: number } {
    const s = this.s;
    const arr: unknown[] = [];
    i = this.skipWs(i);
    if (i >= this.n || s[i] !== "]") {
      for (;;) {
        const v = this.scan(i);
        if (v.isFloat) markFloat(arr, arr.length);
        arr.push(v.value);
        i = this.skipWs(v.end);
        if (i < this.n && s[i] === "]") break;
        if (i >= this.n || s[i] !== ",") throw this.err("Expecting ',' delimiter", i);
        i = this.skipWs(i + 1);
      }
    }
    return { value: arr, end: i + 1 };
  }
}

/** Decodes `text` as Python's json.loads would; throws PythonJsonError. */
export function parsePythonJson(text: string): unknown {
  return new Decoder(Array.from(text)).decode().value;
}

/** Like parsePythonJson, also saying whether a top-level number is a Python float. */
export function parsePythonJsonWithKind(text: string): { value: unknown; isFloat: boolean } {
  const r = new Decoder(Array.from(text)).decode();
  return { value: r.value, isFloat: r.isFloat };
}

/**
 * JSON text as a document (Python's json.loads), or undefined when it is not
 * JSON. `ordered`: decoded with object_pairs_hook=OrderedDict.
 */
export function jsonDoc(text: string, ordered = false): Doc | undefined {
  let value: unknown;
  try {
    value = parsePythonJson(text);
  } catch {
    return undefined;
  }
  return toDoc(value, ordered);
}

/** Carries the JSON decoder's float marks over to the output document's. */
function toDoc(value: unknown, ordered: boolean): Doc {
  if (Array.isArray(value)) {
    const out: DocArray = value.map((v) => toDoc(v, ordered));
    value.forEach((_, i) => isFloatAt(value, i) && markDocFloat(out, i));
    return out;
  }
  if (value !== null && typeof value === "object") {
    const out: DocObject = {};
    const src = value as DocObject;
    for (const k of docKeys(src)) {
      setMember(out, k, toDoc(src[k], ordered));
      if (isFloatAt(value, k)) markDocFloat(out, k);
    }
    if (ordered) markDocOrderedDict(out);
    return out;
  }
  return value as Doc;
}
