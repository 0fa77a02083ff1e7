// Python semantics the engine needs: `==`, ordering (and its TypeError),
// type names, str()/repr() texts for error messages, whitespace stripping and
// int()/float() of text.

import { docKeys, type DocArray, type DocObject } from "../document.ts";
import { JmesPathError } from "./errors.ts";
import { at, Expref, floatValue, get, hasOwn, intValue, isNum, isPyFloat, jmesType, num, PyFloat, Special, type Value } from "./values.ts";

// ---------------------------------------------------------------------------
// Equality and ordering
// ---------------------------------------------------------------------------

/** Python `==` between documents: booleans compare as 0 and 1, 1 == 1.0, dict order is irrelevant. */
export function pyEquals(a: Value, b: Value): boolean {
  const x = a instanceof PyFloat ? a.value : a;
  const y = b instanceof PyFloat ? b.value : b;
  if (x === y) return true;
  const tx = typeof x;
  const ty = typeof y;
  if ((tx === "number" || tx === "boolean") && (ty === "number" || ty === "boolean")) return Number(x) === Number(y);
  if (x === null || y === null || tx !== "object" || ty !== "object") return false;
  if (x instanceof Special || y instanceof Special) return false;
  if (Array.isArray(x)) {
    if (!Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!pyEquals(x[i] as Value, y[i] as Value)) return false;
    return true;
  }
  if (Array.isArray(y)) return false;
  const ox = x as DocObject;
  const oy = y as DocObject;
  const keys = Object.keys(ox);
  if (keys.length !== Object.keys(oy).length) return false;
  for (const k of keys) if (!hasOwn(oy, k) || !pyEquals(ox[k] as Value, oy[k] as Value)) return false;
  return true;
}

/**
 * Three-way comparison of two numbers or two strings (NaN when unordered);
 * Python's TypeError for anything else, naming `operator`.
 */
export function pyOrder(a: Value, b: Value, operator: string): number {
  if (typeof a === "string" && typeof b === "string") return compareCodePoints(a, b);
  if (isNum(a) && isNum(b)) {
    const x = num(a);
    const y = num(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
  }
  throw new JmesPathError(
    "invalid-type",
    `'${operator}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`,
  );
}

/** Orders strings by code point, as Python does (UTF-16 order differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Python's `type(v).__name__`. */
export function pyTypeName(v: Value): string {
  switch (jmesType(v)) {
    case "null":
      return "NoneType";
    case "string":
      return "str";
    case "number":
      return isPyFloat(v) ? "float" : "int";
    case "boolean":
      return "bool";
    case "array":
      return "list";
    case "object":
      return "dict";
    default:
      return "_Expression";
  }
}

// ---------------------------------------------------------------------------
// Text of values, for error messages
// ---------------------------------------------------------------------------

/** repr() of an expression reference (without the address Python adds). */
export const EXPREF_TEXT = "<jmespath.visitor._Expression object>";

/** Python repr() of a float: shortest round-trip digits, exponent below 1e-4 and from 1e16. */
export function pyFloatRepr(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (n === Infinity) return "inf";
  if (n === -Infinity) return "-inf";
  if (n === 0) return Object.is(n, -0) ? "-0.0" : "0.0";
  const [mantissa, expText] = n.toExponential().split("e") as [string, string];
  const exp = Number(expText);
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const sign = negative ? "-" : "";
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${e < 10 ? "0" : ""}${e}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${"0".repeat(exp + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** Python str() of an int held in a double: all digits, never an exponent. */
export function pyIntStr(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}

/** Python str(): strings as they are, everything else as repr(). */
export function pyStr(v: Value): string {
  return typeof v === "string" ? v : pyRepr(v);
}

/** Python repr() of a value (or of a list of strings). */
export function pyRepr(v: Value | string[]): string {
  if (v === null) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "string") return pyStringRepr(v);
  if (isNum(v as Value)) {
    const n = num(v as Value);
    return isPyFloat(v as Value) ? pyFloatRepr(n) : pyIntStr(n);
  }
  if (v instanceof Expref) return EXPREF_TEXT;
  if (Array.isArray(v)) {
    const parts: string[] = [];
    for (let i = 0; i < v.length; i++) parts.push(pyRepr(at(v as DocArray, i)));
    return `[${parts.join(", ")}]`;
  }
  const o = v as DocObject;
  return `{${docKeys(o)
    .map((k) => `${pyStringRepr(k)}: ${pyRepr(get(o, k))}`)
    .join(", ")}}`;
}

const NOT_PRINTABLE = /[\p{C}\p{Z}]/u;

/** Python repr() of a str. */
export function pyStringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch !== " " && (c < 0x20 || c === 0x7f || NOT_PRINTABLE.test(ch))) {
      if (c < 0x100) out += "\\x" + c.toString(16).padStart(2, "0");
      else if (c < 0x10000) out += "\\u" + c.toString(16).padStart(4, "0");
      else out += "\\U" + c.toString(16).padStart(8, "0");
    } else out += ch;
  }
  return out + quote;
}

// ---------------------------------------------------------------------------
// Text: whitespace, and numbers as int()/float() read them
// ---------------------------------------------------------------------------

/** Python whitespace, as str.strip() and int()/float() see it. */
const PY_SPACE = "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

export function pyLstrip(s: string): string {
  let i = 0;
  while (i < s.length && PY_SPACE.includes(s[i] as string)) i++;
  return s.slice(i);
}

export function pyStrip(s: string): string {
  let end = s.length;
  while (end > 0 && PY_SPACE.includes(s[end - 1] as string)) end--;
  return pyLstrip(s.slice(0, end));
}

/** Unicode decimal digits (any script) to ASCII, as int() and float() accept them. */
function asciiDigits(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  return s.replace(/\p{Nd}/gu, (d) => {
    // Decimal digits come in runs of ten, from 0 to 9.
    let cp = d.codePointAt(0) as number;
    let value = 0;
    while (/\p{Nd}/u.test(String.fromCodePoint(cp - 1))) {
      cp--;
      value++;
    }
    return String(value % 10);
  });
}

const PY_INT = /^[+-]?\d(?:_?\d)*$/;
const PY_FLOAT = /^[+-]?(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?$/;
const PY_FLOAT_SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/** int(text), else float(text), else null (the ValueError both raise). */
export function pyNumberFromText(s: string): Value {
  const text = asciiDigits(pyStrip(s));
  if (PY_INT.test(text)) return intValue(Number(text.replaceAll("_", "")));
  if (PY_FLOAT.test(text)) return floatValue(Number(text.replaceAll("_", "")));
  const special = PY_FLOAT_SPECIAL.exec(text);
  if (special) {
    if ((special[2] as string).toLowerCase() === "nan") return NaN;
    return special[1] === "-" ? -Infinity : Infinity;
  }
  return null;
}
