// How the AWS CLI (Python) would write a parameter value in its messages:
// `str()`/`repr()` of strings, numbers, lists and dicts, and `type()` names.
//
// Two facts a JavaScript value cannot carry are recorded on the side:
// - objects decoded from JSON are Python OrderedDicts (the CLI decodes with
//   object_pairs_hook=OrderedDict), which print differently from dicts;
// - a number that Python holds as a float (`1.0`, `1e5`) prints as a float.
// Both are recorded against the containing object, so values stay plain.

const jsonObjects = new WeakSet<object>();
const floatSlots = new WeakMap<object, Set<string | number>>();

/** Marks an object as decoded from JSON (an OrderedDict in the CLI). */
export function markOrderedDict(obj: object): void {
  jsonObjects.add(obj);
}

export function isOrderedDict(obj: object): boolean {
  return jsonObjects.has(obj);
}

/** Records that `container[key]` holds a Python float. */
export function markFloat(container: object, key: string | number): void {
  let set = floatSlots.get(container);
  if (!set) floatSlots.set(container, (set = new Set()));
  set.add(key);
}

/** Forgets a float mark (the slot now holds something else). */
export function unmarkFloat(container: object, key: string | number): void {
  floatSlots.get(container)?.delete(key);
}

export function isFloatAt(container: object | undefined, key: string | number | undefined): boolean {
  if (container === undefined || key === undefined) return false;
  return floatSlots.get(container)?.has(key) ?? false;
}

/** Python's repr() of a float. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  // Shortest round-trip digits, then Python's layout: plain notation for
  // decimal exponents in [-4, 16), scientific otherwise.
  const exp = x.toExponential(); // e.g. "-1.2345e+21"
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(exp)!;
  const sign = m[1]!;
  const digits = m[2]! + (m[3] ?? "");
  const e = Number(m[4]);
  const decpt = e + 1; // position of the decimal point relative to the digits
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${"0".repeat(-decpt)}${digits}`;
    if (decpt >= digits.length) return `${sign}${digits}${"0".repeat(decpt - digits.length)}.0`;
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const ee = Math.abs(e);
  return `${sign}${mant}e${e < 0 ? "-" : "+"}${ee < 10 ? "0" : ""}${ee}`;
}

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python's repr() of a str. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp < 0x7f || ch === " ") out += ch;
    else if (NON_PRINTABLE.test(ch)) {
      if (cp <= 0xff) out += "\\x" + cp.toString(16).padStart(2, "0");
      else if (cp <= 0xffff) out += "\\u" + cp.toString(16).padStart(4, "0");
      else out += "\\U" + cp.toString(16).padStart(8, "0");
    } else out += ch;
  }
  return out + quote;
}

/** Python's repr() of bytes. */
export function pyBytesRepr(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const x of b) {
    if (x === 0x27) hasSingle = true;
    else if (x === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = "b" + quote;
  for (const x of b) {
    const ch = String.fromCharCode(x);
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (x < 0x20 || x >= 0x7f) out += "\\x" + x.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + quote;
}

function numberRepr(x: number, isFloat: boolean): string {
  if (isFloat || !Number.isInteger(x)) return pyFloatRepr(x);
  if (Object.is(x, -0)) return "0";
  return Math.abs(x) >= 1e21 ? BigInt(x).toString() : String(x);
}

/** Python's repr() of a value; `parent`/`key` say where it sits (for floats). */
export function pyRepr(value: unknown, parent?: object, key?: string | number): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return pyStrRepr(value);
  if (typeof value === "number") return numberRepr(value, isFloatAt(parent, key));
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return pyBytesRepr(value);
  if (value instanceof Date) return `datetime.datetime(${dateArgs(value)}, tzinfo=tzutc())`;
  if (Array.isArray(value)) return `[${value.map((v, i) => pyRepr(v, value, i)).join(", ")}]`;
  if (typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (isOrderedDict(obj)) {
      if (keys.length === 0) return "OrderedDict()";
      return `OrderedDict([${keys.map((k) => `(${pyStrRepr(k)}, ${pyRepr(obj[k], obj, k)})`).join(", ")}])`;
    }
    return `{${keys.map((k) => `${pyStrRepr(k)}: ${pyRepr(obj[k], obj, k)}`).join(", ")}}`;
  }
  return String(value);
}

function dateArgs(d: Date): string {
  const parts = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
  const s = d.getUTCSeconds();
  const us = d.getUTCMilliseconds() * 1000;
  if (s || us) parts.push(s);
  if (us) parts.push(us);
  return parts.join(", ");
}

/** Python's str() of a value: like repr() except that a str is itself. */
export function pyStr(value: unknown, parent?: object, key?: string | number): string {
  if (typeof value === "string") return value;
  if (value instanceof Date) return pyDateStr(value);
  return pyRepr(value, parent, key);
}

function pyDateStr(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const us = d.getUTCMilliseconds() * 1000;
  return (
    `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}${us ? "." + p(us, 6) : ""}+00:00`
  );
}

/** `str(type(value))` in Python, e.g. `<class 'int'>`. */
export function pyTypeName(value: unknown, parent?: object, key?: string | number): string {
  if (value === null || value === undefined) return "<class 'NoneType'>";
  if (typeof value === "boolean") return "<class 'bool'>";
  if (typeof value === "string") return "<class 'str'>";
  if (typeof value === "bigint") return "<class 'int'>";
  if (typeof value === "number") {
    return isFloatAt(parent, key) || !Number.isInteger(value) ? "<class 'float'>" : "<class 'int'>";
  }
  if (value instanceof Uint8Array) return "<class 'bytes'>";
  if (value instanceof Date) return "<class 'datetime.datetime'>";
  if (Array.isArray(value)) return "<class 'list'>";
  if (typeof value === "object") {
    return isOrderedDict(value) ? "<class 'collections.OrderedDict'>" : "<class 'dict'>";
  }
  return `<class '${typeof value}'>`;
}

// ---- int() and float() of a str ----

// Non-ASCII whitespace that int()/float() treat as spaces.
function isUnicodeOnlySpace(cp: number): boolean {
  return (
    cp === 0x85 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

const DECIMAL_DIGIT = /\p{Nd}/u;

/** The value of a Unicode decimal digit (they come in runs of ten from zero). */
function digitValue(cp: number): number {
  let start = cp;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

/** What int()/float() parse: ASCII kept, other spaces as ' ', other decimal digits as ASCII, ends stripped. */
function numericText(s: string): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 127) out += ch;
    else if (isUnicodeOnlySpace(cp)) out += " ";
    else if (DECIMAL_DIGIT.test(ch)) out += String(digitValue(cp));
    else out += ch;
  }
  return out.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, "");
}

const INT_RE = /^[+-]?\d+(?:_\d+)*$/;
const DIGITS = String.raw`\d+(?:_\d+)*`;
const FLOAT_RE = new RegExp(String.raw`^[+-]?(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`);
const FLOAT_WORD_RE = /^([+-]?)(inf|infinity|nan)$/i;

/** Python's int(s) in base 10; undefined where Python raises ValueError. */
export function pyIntOf(s: string): number | undefined {
  const t = numericText(s);
  if (!INT_RE.test(t)) return undefined;
  const v = Number(t.replaceAll("_", ""));
  return Object.is(v, -0) ? 0 : v;
}

/** Python's float(s); undefined where Python raises ValueError. */
export function pyFloatOf(s: string): number | undefined {
  const t = numericText(s);
  const w = FLOAT_WORD_RE.exec(t);
  if (w) {
    if (w[2]!.toLowerCase() === "nan") return NaN;
    return w[1] === "-" ? -Infinity : Infinity;
  }
  if (!FLOAT_RE.test(t)) return undefined;
  return Number(t.replaceAll("_", ""));
}
