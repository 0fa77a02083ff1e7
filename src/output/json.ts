// --output json: Python's json.dump(doc, indent=4, ensure_ascii=False) plus a
// newline. Floats print as Python repr (5.0, 1e-07, 1e+16, Infinity, NaN).

import type { Doc, DocArray, DocObject } from "./document.ts";
import { docKeys, FLOAT_KEYS, hasKeyOrder, isFloatAt, isObject } from "./document.ts";
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

/**
 * JSON.stringify(x, null, 4) lays out containers exactly as Python's
 * json.dumps(indent=4) does and escapes strings the same way; only numbers
 * can differ. It is used for every container whose numbers all print alike:
 * unmarked safe integers, and non-integral floats between 1e-4 and 1e16
 * (where both languages use plain decimal notation with the same shortest
 * digits). Returns the containers that need Python's number formatting.
 */
function containersNeedingPython(doc: Doc): Set<object> {
  const dirty = new Set<object>();
  const visit = (c: DocObject | DocArray): boolean => {
    // JSON.stringify cannot print floats marked as such, nor keys in an order JavaScript does not keep.
    let bad = (c as { [FLOAT_KEYS]?: unknown })[FLOAT_KEYS] !== undefined || (!Array.isArray(c) && hasKeyOrder(c));
    if (Array.isArray(c)) {
      for (const v of c) if (v !== null && typeof v === "object" ? visit(v) : typeof v === "number" && !plainNumber(v)) bad = true;
    } else {
      for (const k in c) {
        const v = c[k] as Doc;
        if (v !== null && typeof v === "object" ? visit(v) : typeof v === "number" && !plainNumber(v)) bad = true;
      }
    }
    if (bad) dirty.add(c);
    return bad;
  };
  if (doc !== null && typeof doc === "object") visit(doc);
  return dirty;
}

function plainNumber(n: number): boolean {
  if (Number.isInteger(n)) return Number.isSafeInteger(n);
  const a = n < 0 ? -n : n;
  return a >= 1e-4 && a < 1e16;
}

function writeValue(value: Doc, container: DocObject | DocArray | undefined, key: string | number, depth: number, dirty: Set<object>): string {
  if (value === null || typeof value !== "object") {
    return typeof value === "number" ? jsonNumber(value, isFloatAt(container, key, value)) : JSON.stringify(value);
  }
  if (!dirty.has(value)) {
    const s = JSON.stringify(value, null, 4);
    return depth === 0 ? s : s.replace(/\n/g, newlineIndent(depth));
  }
  // Strings accumulate by concatenation: V8 joins them as ropes (linear, and
  // faster than collecting pieces in an array).
  const inner = newlineIndent(depth + 1);
  let out: string;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    out = "[";
    for (let i = 0; i < value.length; i++) {
      out += (i === 0 ? inner : "," + inner) + writeValue(value[i] as Doc, value, i, depth + 1, dirty);
    }
    return out + newlineIndent(depth) + "]";
  }
  out = "{";
  let first = true;
  for (const k of docKeys(value)) {
    out += (first ? inner : "," + inner) + JSON.stringify(k) + ": " + writeValue(value[k] as Doc, value, k, depth + 1, dirty);
    first = false;
  }
  return first ? "{}" : out + newlineIndent(depth) + "}";
}

/** The json output of one document; "" for an empty object (the CLI prints nothing). */
export function formatJson(doc: Doc): string {
  if (isObject(doc) && Object.keys(doc).length === 0) return "";
  return writeValue(doc, undefined, 0, 0, containersNeedingPython(doc)) + "\n";
}
