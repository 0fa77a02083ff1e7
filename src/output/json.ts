// --output json: Python's json.dump(doc, indent=4, ensure_ascii=False) plus a
// newline. Floats print as Python repr (5.0, 1e-07, 1e+16, Infinity, NaN).

import type { Doc, DocArray, DocObject } from "./document.ts";
import { isFloatAt, isObject } from "./document.ts";
import { pyFloatRepr, pyIntStr } from "./pyformat.ts";

/** A number as Python's json module writes it. */
export function jsonNumber(n: number, isFloat: boolean): string {
  if (!isFloat && Number.isInteger(n)) return pyIntStr(n);
  if (n !== n) return "NaN";
  if (n === Infinity) return "Infinity";
  if (n === -Infinity) return "-Infinity";
  return pyFloatRepr(n);
}

/**
 * A scalar as json.dumps writes it. JSON.stringify escapes strings exactly as
 * Python does with ensure_ascii=False: `"`, `\`, \b \f \n \r \t, other control
 * characters as lowercase \u00XX, everything else raw.
 */
export function jsonScalar(value: string | number | boolean | null, isFloat: boolean): string {
  if (typeof value === "number") return jsonNumber(value, isFloat);
  return JSON.stringify(value);
}

const NEWLINE_INDENTS: string[] = ["\n"];

function newlineIndent(depth: number): string {
  let s = NEWLINE_INDENTS[depth];
  if (s === undefined) {
    s = "\n" + "    ".repeat(depth);
    NEWLINE_INDENTS[depth] = s;
  }
  return s;
}

function writeValue(value: Doc, container: DocObject | DocArray | undefined, key: string | number, depth: number, out: string[]): void {
  if (value === null || typeof value !== "object") {
    out.push(typeof value === "number" ? jsonNumber(value, isFloatAt(container, key, value)) : JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push("[]");
      return;
    }
    const inner = newlineIndent(depth + 1);
    out.push("[");
    for (let i = 0; i < value.length; i++) {
      out.push(i === 0 ? inner : "," + inner);
      writeValue(value[i] as Doc, value, i, depth + 1, out);
    }
    out.push(newlineIndent(depth), "]");
    return;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) {
    out.push("{}");
    return;
  }
  const inner = newlineIndent(depth + 1);
  out.push("{");
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    out.push(i === 0 ? inner : "," + inner, JSON.stringify(k), ": ");
    writeValue(value[k] as Doc, value, k, depth + 1, out);
  }
  out.push(newlineIndent(depth), "}");
}

/** The json output of one document; "" for an empty object (the CLI prints nothing). */
export function formatJson(doc: Doc): string {
  if (isObject(doc) && Object.keys(doc).length === 0) return "";
  const out: string[] = [];
  writeValue(doc, undefined, 0, 0, out);
  out.push("\n");
  return out.join("");
}
