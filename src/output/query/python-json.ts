// JSON as Python's json module reads and writes it: json.loads() for
// `` `literals` `` and quoted identifiers, json.dumps() for to_string().

import { docKeys, type DocArray, type DocObject } from "../document.ts";
import { EXPREF_TEXT, pyFloatRepr, pyIntStr } from "./python.ts";
import { at, Expref, floatValue, get, intValue, isNum, isPyFloat, num, push, put, type Value } from "./values.ts";

export type JsonRead = { ok: true; value: Value } | { ok: false; error: string };

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** json.loads(): also accepts NaN, Infinity and -Infinity; integral floats keep their kind. */
export function readPyJson(text: string): JsonRead {
  const reader = new JsonReader(text);
  try {
    reader.space();
    const value = reader.value();
    reader.space();
    if (reader.pos !== text.length) return { ok: false, error: "Extra data" };
    return { ok: true, value };
  } catch (err) {
    if (err instanceof JsonProblem) return { ok: false, error: err.message };
    throw err;
  }
}

class JsonProblem extends Error {}

const JSON_ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

class JsonReader {
  pos = 0;
  constructor(private readonly s: string) {}

  space(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c !== " " && c !== "\t" && c !== "\n" && c !== "\r") break;
      this.pos++;
    }
  }

  private word(w: string): boolean {
    if (this.s.startsWith(w, this.pos)) {
      this.pos += w.length;
      return true;
    }
    return false;
  }

  value(): Value {
    const c = this.s[this.pos];
    switch (c) {
      case '"':
        return this.string();
      case "{":
        return this.object();
      case "[":
        return this.array();
    }
    if (this.word("null")) return null;
    if (this.word("true")) return true;
    if (this.word("false")) return false;
    if (this.word("NaN")) return NaN;
    if (this.word("Infinity")) return Infinity;
    if (this.word("-Infinity")) return -Infinity;
    return this.number();
  }

  private number(): Value {
    const s = this.s;
    const start = this.pos;
    let i = start;
    if (s[i] === "-") i++;
    if (s[i] === "0") i++;
    else if (s[i] !== undefined && s[i]! >= "1" && s[i]! <= "9") while (isDigit(s.charCodeAt(i))) i++;
    else throw new JsonProblem("Expecting value");
    let float = false;
    if (s[i] === "." && isDigit(s.charCodeAt(i + 1))) {
      i += 2;
      while (isDigit(s.charCodeAt(i))) i++;
      float = true;
    }
    if (s[i] === "e" || s[i] === "E") {
      let j = i + 1;
      if (s[j] === "+" || s[j] === "-") j++;
      if (isDigit(s.charCodeAt(j))) {
        while (isDigit(s.charCodeAt(j))) j++;
        i = j;
        float = true;
      }
    }
    this.pos = i;
    const n = Number(s.slice(start, i));
    return float ? floatValue(n) : intValue(n);
  }

  private string(): string {
    const s = this.s;
    let i = this.pos + 1;
    let out = "";
    let from = i;
    for (;;) {
      if (i >= s.length) throw new JsonProblem("Unterminated string starting at");
      const c = s.charCodeAt(i);
      if (c === 34) break;
      if (c < 0x20) throw new JsonProblem("Invalid control character at");
      if (c !== 92) {
        i++;
        continue;
      }
      out += s.slice(from, i);
      const e = s[i + 1];
      if (e === undefined) throw new JsonProblem("Unterminated string starting at");
      if (e === "u") {
        const unit = this.hex4(i + 2);
        i += 6;
        if (unit >= 0xd800 && unit <= 0xdbff && s[i] === "\\" && s[i + 1] === "u") {
          const low = this.hex4(i + 2);
          if (low >= 0xdc00 && low <= 0xdfff) {
            out += String.fromCharCode(unit, low);
            i += 6;
            from = i;
            continue;
          }
        }
        out += String.fromCharCode(unit);
      } else {
        const mapped = JSON_ESCAPES[e];
        if (mapped === undefined) throw new JsonProblem("Invalid \\escape");
        out += mapped;
        i += 2;
      }
      from = i;
    }
    this.pos = i + 1;
    return out + s.slice(from, i);
  }

  private hex4(i: number): number {
    const h = this.s.slice(i, i + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(h)) throw new JsonProblem("Invalid \\uXXXX escape");
    return parseInt(h, 16);
  }

  private array(): DocArray {
    const out: DocArray = [];
    this.pos++;
    this.space();
    if (this.s[this.pos] === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.space();
      push(out, this.value());
      this.space();
      const c = this.s[this.pos++];
      if (c === "]") return out;
      if (c !== ",") throw new JsonProblem("Expecting ',' delimiter");
    }
  }

  private object(): DocObject {
    const out: DocObject = {};
    this.pos++;
    this.space();
    if (this.s[this.pos] === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.s[this.pos] !== '"') throw new JsonProblem("Expecting property name enclosed in double quotes");
      const key = this.string();
      this.space();
      if (this.s[this.pos++] !== ":") throw new JsonProblem("Expecting ':' delimiter");
      this.space();
      put(out, key, this.value());
      this.space();
      const c = this.s[this.pos++];
      if (c === "}") return out;
      if (c !== ",") throw new JsonProblem("Expecting ',' delimiter");
    }
  }
}

/** json.dumps(v, separators=(',', ':')): ASCII-only, Python float text. */
export function pyJsonDumps(v: Value): string {
  const out: string[] = [];
  dumpInto(v, out);
  return out.join("");
}

function dumpInto(v: Value, out: string[]): void {
  if (v === null) out.push("null");
  else if (v === true) out.push("true");
  else if (v === false) out.push("false");
  else if (typeof v === "string") out.push(jsonAscii(v));
  else if (isNum(v)) {
    const n = num(v);
    if (Number.isNaN(n)) out.push("NaN");
    else if (n === Infinity) out.push("Infinity");
    else if (n === -Infinity) out.push("-Infinity");
    else out.push(isPyFloat(v) ? pyFloatRepr(n) : pyIntStr(n));
  } else if (Array.isArray(v)) {
    out.push("[");
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out.push(",");
      dumpInto(at(v, i), out);
    }
    out.push("]");
  } else if (v instanceof Expref) {
    out.push(jsonAscii(EXPREF_TEXT));
  } else {
    const o = v as DocObject;
    out.push("{");
    let first = true;
    for (const k of docKeys(o)) {
      if (!first) out.push(",");
      first = false;
      out.push(jsonAscii(k), ":");
      dumpInto(get(o, k), out);
    }
    out.push("}");
  }
}

function jsonAscii(s: string): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f && c !== 34 && c !== 92) continue;
    out += s.slice(from, i);
    from = i + 1;
    switch (c) {
      case 34:
        out += '\\"';
        break;
      case 92:
        out += "\\\\";
        break;
      case 10:
        out += "\\n";
        break;
      case 13:
        out += "\\r";
        break;
      case 9:
        out += "\\t";
        break;
      case 8:
        out += "\\b";
        break;
      case 12:
        out += "\\f";
        break;
      default:
        out += "\\u" + c.toString(16).padStart(4, "0");
    }
  }
  return out + s.slice(from) + '"';
}
