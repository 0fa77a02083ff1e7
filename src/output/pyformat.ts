// How Python 3 (which the AWS CLI runs on) turns scalars into text: float
// repr, str() of booleans and None, repr() of containers, terminal width of
// East-Asian characters, and str ordering for sorted() keys.

import type { Doc, DocArray, DocObject, Scalar } from "./document.ts";
import { docKeys, isFloatAt } from "./document.ts";

/** Python's repr()/str() of a float: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function pyFloatRepr(n: number): string {
  if (n !== n) return "nan";
  if (n === Infinity) return "inf";
  if (n === -Infinity) return "-inf";
  if (n === 0) return Object.is(n, -0) ? "-0.0" : "0.0";
  // toExponential() without an argument gives the shortest digits that round-trip.
  const e = n.toExponential();
  const ePos = e.indexOf("e");
  const exp = Number(e.slice(ePos + 1));
  let mantissa = e.slice(0, ePos);
  const negative = mantissa.charCodeAt(0) === 45;
  if (negative) mantissa = mantissa.slice(1);
  const digits = mantissa.length > 1 ? mantissa[0] + mantissa.slice(2) : mantissa;
  const sign = negative ? "-" : "";
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
    const absExp = Math.abs(exp);
    return sign + m + (exp < 0 ? "e-" : "e+") + (absExp < 10 ? "0" : "") + absExp;
  }
  if (exp < 0) return sign + "0." + "0".repeat(-exp - 1) + digits;
  if (digits.length <= exp + 1) return sign + digits + "0".repeat(exp + 1 - digits.length) + ".0";
  return sign + digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
}

/** Python str() of an int held in a JS number (exact digits, never exponent form). */
export function pyIntStr(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}

/** Python str() of a number: a float when marked or non-integral, else an int. */
export function pyNumberStr(n: number, isFloat: boolean): string {
  return isFloat || !Number.isInteger(n) ? pyFloatRepr(n) : pyIntStr(n);
}

/** Python str() of a scalar, as the text and table formats print it. */
export function pyStr(value: Scalar, isFloat: boolean): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return pyNumberStr(value, isFloat);
  if (value === null) return "None";
  return value ? "True" : "False";
}

/** Python str() of any value; containers print as Python repr ({'a': 1}, [1, 'x']). */
export function pyStrValue(value: Doc, container?: DocObject | DocArray, key?: string | number): string {
  if (value !== null && typeof value === "object") return pyRepr(value);
  return pyStr(value, typeof value === "number" && key !== undefined && isFloatAt(container, key, value));
}

/** Python repr() of a document value. */
export function pyRepr(value: Doc, container?: DocObject | DocArray, key?: string | number): string {
  const parts: string[] = [];
  reprInto(value, container, key, parts);
  return parts.join("");
}

function reprInto(value: Doc, container: DocObject | DocArray | undefined, key: string | number | undefined, out: string[]): void {
  if (typeof value === "string") {
    out.push(pyStrRepr(value));
  } else if (typeof value === "number") {
    out.push(pyNumberStr(value, key !== undefined && isFloatAt(container, key, value)));
  } else if (value === null) {
    out.push("None");
  } else if (typeof value === "boolean") {
    out.push(value ? "True" : "False");
  } else if (Array.isArray(value)) {
    out.push("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(", ");
      reprInto(value[i] as Doc, value, i, out);
    }
    out.push("]");
  } else {
    out.push("{");
    let first = true;
    for (const k of docKeys(value)) {
      if (!first) out.push(", ");
      first = false;
      out.push(pyStrRepr(k), ": ");
      reprInto(value[k] as Doc, value, k, out);
    }
    out.push("}");
  }
}

// Characters Python's str.isprintable() rejects (besides ASCII controls).
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** Python repr() of a str. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const out: string[] = [quote];
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === quote || ch === "\\") out.push("\\", ch);
    else if (ch === "\t") out.push("\\t");
    else if (ch === "\n") out.push("\\n");
    else if (ch === "\r") out.push("\\r");
    else if (cp < 0x20 || cp === 0x7f) out.push("\\x", hex(cp, 2));
    else if (cp < 0x7f) out.push(ch);
    else if (!NON_PRINTABLE.test(ch)) out.push(ch);
    else if (cp <= 0xff) out.push("\\x", hex(cp, 2));
    else if (cp <= 0xffff) out.push("\\u", hex(cp, 4));
    else out.push("\\U", hex(cp, 8));
  }
  out.push(quote);
  return out.join("");
}

// Code point ranges whose East-Asian width is W, F or A (Unicode 14.0, the
// version of Python 3.11's unicodedata). Encoded as comma-separated hex
// "gap[.length-1]" pairs, gap measured from the end of the previous range.
const WIDE_RANGES_ENCODED =
  "a1,2,2.1,1,2.1,1.4,1.4,1.3,6,9,6.1,5.3,4,1.2,1.1,2,1.1,3.3,1,1,2,f,1,7,a.1,3,5.2,4,6.3,1,3.3,1," +
  "4.1,12.1,3,62,1,1,1,1,1,1,1,74,f,62,2,1.2,1,2,7.3,1,1,20.6f,8.1,6.3,7,1,3.18,7.10,1.6,37,e.3f,1," +
  "de,26.1,32.1,3,37.7,1b.3,6.a,10e,3c.1,65.d,3b.1,31.1,f,1c.1,1,b.4,1f,2.5,ec,8.1,2.1,16,7,1.2," +
  "4.1,9.1,2.1,4.7,1.3,2,5.1,19.1,3,6.3,2.1,16,7,2,2,2.1,1,5.3,2.1,3.2,1.6,4,1.6,11.9,3,9,3,16,7,2," +
  "5.1,a,3,3.1,1.e,4.1,c.6,7,3,8.1,2.1,16,7,2,5.1,9.1,2.1,3.6,3.3,2,5.1,12.9,2,6.2,3,4.2,2,1,2.2," +
  "2.2,3.2,c.3,5.2,3,4.1,1.5,1.d,15.4,d,3,17,10.1,9,3,4.6,2,3.1,1.1,4.1,a.6,16,3,17,a,5.1,9,3,4.6," +
  "2.5,2,4.1,a,2.c,d,3,33,3,6.3,10.1,1a,3,12.2,18,9,1.1,7.2,1.3,6,1,8.5,a.1,3.b,3a.3,1d.24,2,1,5," +
  "18,1,17.1,5,1,6.1,a.1,4.1f,48,24.3,27,24,f,d.24,c6,1.4,1.1,30.5f,e9,4.1,7,1,4.1,29,4.1,21,4.1,7," +
  "1,4.1,f,39,4.1,43.1,20.2,1a.5,56.1,6.1,29d.2,59.6,16.8,18.8,14.b,d,3,2.b,5e.1,a.5,a.5,1a.5,59.6," +
  "2b.4,46.9,1f,c.3,c.3,1.2,2a.1,5.a,2c.3,1a.5,b.2,3e.1,41,1d.1,b.5,a.5,e.1,1f.30,4d.2,2f,74.7," +
  "3c.2,f.2,3c.6,2b.1,b.7,2b.4,216.1,6.1,26.1,6.1,8,1,1,1,1f.1,35,f,e.1,6,13.1,3,9,10,2.3,1.1,2.1," +
  "2.2,1.3,8,1.1,1,5,2,26,c.2,a,1.3,a,d.2,c,14.e,21.e,3,1,3,9,2,a.1,3,4,27.1,6.3,1.b,4.9,f,2.d," +
  "1e.1,18,1,12,18,1.1,3.1,2,3,1,3,4,2.3,2,1,1.5,1,5.3,4.1,a,3,5,d.1,2.3,2.1,2.1,12.1,2.1,d,3,b,19," +
  "52,7.1,d.1,be.3,3,2,33.18,b.9e,1.60,4.23,c.f,2.3,a.1,1.6,8.1,2.1,4.1,2.1,4.2,2,2.3,10.3,9,d.1," +
  "6.1,2,4.1,4.1,6,1,21,1,5.b,c.1,1.2,1.3,1.1,1,f,13,a.1,1,8.1,11.2,4.1d,1,4.17,5,4.1,1c,14,e,1," +
  "4.2,1,1e.9,15.2,18,e,35b.1,33,4.4,1a.1,20,15d.4,2d,1.4,1.1,38.6,2.d,18.8,7,7,7,7,7,7,7,7,7e.1e0," +
  "1.1d7f,40.56cf,15c.13,b8.7,cb.4,2,1,5.17,3b.2,a.5,38.7,46.7,c.5,74.a,1.1f,4e,b.3,21,37.8,e.1," +
  "a.1,67.17,1c.9,6.1,6.1,6.8,7,7,3c.3,7e.1,a.2bb5,17.3,31.3,800.1aff,7.b,5.4,1a,5,1,2,2,7d.f," +
  "1bd.1,36.6,1.1f,10.1f,10.3f,5,87.1,1.60,5e.2,6.1,6.1,6.1,3.a,7.9,4.2,c,1a,13,2,f.1,e.21,7b.4," +
  "3.3,2d.2,58,d.2,1.2e,2e.81,1d.2,31.e,1c.3,24.8,1e.4,2b.4,1e,25.3,e.29,9e.1,a.5,24.3,24.3,28.7," +
  "34.a,c,f,7,2,b,f,7,2.42,137.8,16.9,8.17,6,2a,9.44,6.1,1,2c,2.2,1.1,17,48.7,9.2f,13,2.4,21.2," +
  "1b.4,1.3f,38.3,14.1,32,2.4,8,3,1d.1,3.3,a.6,9.6,40.1f,27.3,c.8,36.2,1d.1,1b.4,1a.6,4.b,7.4f," +
  "49.36,33.c,33.6,2e.7,a.125,1f,2a,3.1,2.4d,28.7,2a.15,1a.25,1c.13,17.8,4e.3,24.8,44.9,1.1,19.6," +
  "a.5,35,12.7,27.8,60,14.a,12,2c.40,7,1,4,f,b.5,3b.4,a.5,4,8.1,2.1,16,7,2,5,a.1,2.1,3.1,1.5,1.4," +
  "7.1,7.2,5.8a,5c,5.1d,48.7,a.a5,36.1,26.21,45.a,a.5,d.12,3a.5,a.35,1b.1,f.3,17.b8,3c.63,53.b,8.1," +
  "1.1,8,2,1e,2.1,c.8,a.45,8.1,2e.1,b.1a,48.7,53.c,49.106,9,2d,e.9,1d.2,20.1,16,e.48,7,2,2c.2,1,2," +
  "9.7,a.5,6,2,25,2,6.6,a.135,19.b6,1.e,32.c,39b.65,6f,5.a,c4.a4b,63.c,42f,9.fc6,247.21b8,239.6,1f," +
  "a.3,51,a.5,1e.1,6.9,46.9,a,7,15.4,13.2af,5b.64,4b.3,39.6,11.4c5f,6b.4,d.2,9.6,a.1,8.125b,2e.1," +
  "17.8,74.3b,f6.9,27.1,c2.14,46.99,14.b,57.8,19.86,55,47,2.1,1.1,2.1,4,c,1,7,41,4.1,8,7,1c,4,5," +
  "1.2,7,154.1,124.1,2be.e,5,f.44f,1f.e0,7,11.1,7,2,5.d4,2d.2,e.1,a.3,2.13f,1f.10,3a.4,1.4df,7,4,2," +
  "f,c5.1,10.28,4c.3,a.3,2.310,44.4b,3d.c1,4,1b,2,1.1,1,a,4,1,1.5,1.3,1,1,1,3,2,1.1,1,1,1,1,1,2," +
  "1.1,4,7,4,4,1,a,11.4,3,5,11.33,2.10d,4,27.3,64.b,f.1,f,e.1,25.14,5.1d,2.39,6.3c,1.37,1a.120,c.8," +
  "1.45,1.15,c.2a,4.4,c.10,3,3.46,1,1.ba,2.3e,d.3,1.17,12,1a.1,d,56.54,30.45,6,3.2,2.a,b.4,4.b," +
  "74.b,59.26,c.3,38.7,a.5,28.7,1e.1,2.4d,c.2e,1.9,1.b8,54.b,e.91,93,37.24,a.c0406,1.1d,60.2ff7f";

const WIDE: Uint32Array = (() => {
  const toks = WIDE_RANGES_ENCODED.split(",");
  const arr = new Uint32Array(toks.length * 2);
  let next = 0;
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i] as string;
    const dot = tok.indexOf(".");
    const start = next + parseInt(dot < 0 ? tok : tok.slice(0, dot), 16);
    const end = start + (dot < 0 ? 0 : parseInt(tok.slice(dot + 1), 16));
    arr[2 * i] = start;
    arr[2 * i + 1] = end;
    next = end + 1;
  }
  return arr;
})();

function isWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < (WIDE[2 * mid] as number)) hi = mid - 1;
    else if (cp > (WIDE[2 * mid + 1] as number)) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Terminal columns as the AWS CLI's table counts them: East-Asian W, F and A characters take 2. */
export function displayWidth(s: string): number {
  let width = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xa1) continue;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        // One code point in two UTF-16 units: counts as 1 or 2 columns.
        i++;
        if (!isWide(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000)) width--;
        continue;
      }
    }
    if (isWide(c)) width++;
  }
  return width;
}

/** Number of code points (Python's len()) in a string. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Orders strings as Python's sorted() does: by code point, not by UTF-16 unit. */
export function pyCompare(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Sorts keys in place as Python's sorted() does. The native sort orders by
 * UTF-16 unit, which agrees with code point order unless a key holds a
 * character beyond U+FFFF.
 */
export function pySortKeys(keys: string[]): string[] {
  keys.sort();
  for (const k of keys) if (SURROGATE.test(k)) return keys.sort(pyCompare);
  return keys;
}

/** Python's round() of a float to an int: halves go to the even neighbour. */
export function pyRound(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
