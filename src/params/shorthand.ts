// The AWS CLI's shorthand syntax (`--filters Name=x,Values=a,b`), parsed the
// way AWS CLI v2 (2.9) parses it: purely syntactic, no model involved. The
// model-driven adjustments (scalars into lists, numbers, booleans) happen in
// values.ts.
//
// Grammar:
//   parameter     = keyval *("," keyval)
//   keyval        = key "=" values
//   key           = *[A-Za-z0-9-_.#/:]
//   values        = explicit-list / hash-literal / csv-value / ""   ("" at end of input)
//   csv-value     = first-value *("," second-value)     one item -> scalar, more -> list
//   explicit-list = "[" [ev *("," ev)] "]"              ev = explicit-list / hash-literal / first-value
//   hash-literal  = "{" [key "=" ev *("," key "=" ev)] "}"
//
// Positions are counted in code points, as the CLI (Python) counts them, so
// the caret under an error lands where the CLI puts it.

export type ShorthandValue = string | ShorthandValue[] | ShorthandObject;
export interface ShorthandObject {
  [key: string]: ShorthandValue;
}

/** A shorthand syntax error; `message` is the CLI's text (without the `Error parsing parameter` prefix). */
export class ShorthandParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ShorthandParseError";
  }
}

/** Thrown inside the parser; the csv-list rule backtracks on it. */
class SyntaxFailure extends ShorthandParseError {}

const KEY_CHARS = /^[A-Za-z0-9\-_.#/:]$/;
// string.whitespace in Python: what the parser skips between tokens.
const SKIPPED_WHITESPACE = new Set([" ", "\t", "\n", "\r", "\x0b", "\x0c"]);

/** Python's str.isspace(), used for right-stripping bare values. */
export function isPythonSpace(cp: number): boolean {
  return (
    (cp >= 0x09 && cp <= 0x0d) ||
    (cp >= 0x1c && cp <= 0x20) ||
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

// The three character classes of bare values. None reaches past U+FFFF.
// Characters a bare value may start with: anything but controls, space and " ' , = [ {
function isStartChar(cp: number): boolean {
  return (
    cp === 0x21 ||
    (cp >= 0x23 && cp <= 0x26) ||
    (cp >= 0x28 && cp <= 0x2b) ||
    (cp >= 0x2d && cp <= 0x3c) ||
    (cp >= 0x3e && cp <= 0x5a) ||
    (cp >= 0x5c && cp <= 0x7a) ||
    (cp >= 0x7c && cp <= 0xffff)
  );
}

// Python's `\s` below U+007E (everything above is in the classes anyway).
function isRegexSpace(cp: number): boolean {
  return (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x20);
}

// After the first character of a first value: anything but " ' , ] } and controls.
function isFirstFollowChar(cp: number): boolean {
  return (
    isRegexSpace(cp) ||
    cp === 0x21 ||
    (cp >= 0x23 && cp <= 0x26) ||
    (cp >= 0x28 && cp <= 0x2b) ||
    (cp >= 0x2d && cp <= 0x5c) ||
    (cp >= 0x5e && cp <= 0x7c) ||
    (cp >= 0x7e && cp <= 0xffff)
  );
}

// After the first character of a value that follows a comma: anything but " ' , = and controls.
function isSecondFollowChar(cp: number): boolean {
  return (
    isRegexSpace(cp) ||
    cp === 0x21 ||
    (cp >= 0x23 && cp <= 0x26) ||
    (cp >= 0x28 && cp <= 0x2b) ||
    (cp >= 0x2d && cp <= 0x3c) ||
    (cp >= 0x3e && cp <= 0xffff)
  );
}

function cpOf(ch: string | undefined): number {
  return ch === undefined ? -1 : ch.codePointAt(0)!;
}

function rstripPython(s: string): string {
  const chars = Array.from(s);
  let end = chars.length;
  while (end > 0 && isPythonSpace(cpOf(chars[end - 1]))) end--;
  return end === chars.length ? s : chars.slice(0, end).join("");
}

/** `value` with the line holding `index` followed by a caret line pointing at it. */
function errorLocation(chars: string[], index: number): string {
  let consumed = chars.join("");
  let remaining = "";
  let spaces = index;
  const before = chars.slice(0, index);
  const lastNewline = before.lastIndexOf("\n");
  if (lastNewline >= 0) spaces = index - lastNewline - 1;
  const after = chars.slice(index).indexOf("\n");
  if (after >= 0) {
    consumed = chars.slice(0, index + after).join("");
    remaining = chars.slice(index + after).join("");
  }
  return `${consumed}\n${" ".repeat(spaces)}^${remaining}`;
}

function syntaxError(chars: string[], expected: string, actual: string, index: number): SyntaxFailure {
  return new SyntaxFailure(`Expected: '${expected}', received: '${actual}' for input:\n${errorLocation(chars, index)}`);
}

function setKey(obj: ShorthandObject, key: string, value: ShorthandValue): void {
  // defineProperty keeps a key named __proto__ an ordinary key.
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

class Parser {
  private i = 0;
  constructor(private readonly chars: string[]) {}

  parse(): ShorthandObject {
    // parameter = keyval *("," keyval); a key given twice is an error.
    const params: ShorthandObject = {};
    let [key, val] = this.keyval();
    setKey(params, key, val);
    let lastIndex = this.i;
    while (this.i < this.chars.length) {
      this.expect(",", true);
      [key, val] = this.keyval();
      if (Object.prototype.hasOwnProperty.call(params, key)) {
        throw new ShorthandParseError(
          `Second instance of key "${key}" encountered for input:\n${errorLocation(this.chars, lastIndex + 1)}\n` +
            `This is often because there is a preceding "," instead of a space.`,
        );
      }
      setKey(params, key, val);
      lastIndex = this.i;
    }
    return params;
  }

  private atEof(): boolean {
    return this.i >= this.chars.length;
  }

  private current(): string | undefined {
    return this.chars[this.i];
  }

  private keyval(): [string, ShorthandValue] {
    const key = this.key();
    this.expect("=", true);
    return [key, this.values()];
  }

  private key(): string {
    const start = this.i;
    while (!this.atEof() && KEY_CHARS.test(this.chars[this.i]!)) this.i++;
    return this.chars.slice(start, this.i).join("");
  }

  private values(): ShorthandValue {
    if (this.atEof()) return "";
    const c = this.current();
    if (c === "[") return this.explicitList();
    if (c === "{") return this.hashLiteral();
    return this.csvValue();
  }

  // foo=bar -> "bar"; foo=bar,baz -> ["bar", "baz"]; foo=a,b,c=d stops before "c".
  private csvValue(): ShorthandValue {
    const first = this.firstValue();
    this.consumeWhitespace();
    if (this.atEof() || this.current() !== ",") return first;
    this.expect(",", true);
    const list: string[] = [first];
    for (;;) {
      try {
        const item = this.secondValue();
        this.consumeWhitespace();
        if (this.atEof()) {
          list.push(item);
          break;
        }
        this.expect(",", true);
        list.push(item);
      } catch (e) {
        if (!(e instanceof SyntaxFailure) || this.atEof()) throw e;
        // The item was really the next key (`c=d`): back up to its comma.
        this.backtrackTo(",");
        break;
      }
    }
    return list.length === 1 ? first : list;
  }

  private explicitList(): ShorthandValue[] {
    this.expect("[", true);
    const values: ShorthandValue[] = [];
    while (this.current() !== "]") {
      values.push(this.explicitValue());
      this.consumeWhitespace();
      if (this.current() !== "]") {
        this.expect(",");
        this.consumeWhitespace();
      }
    }
    this.expect("]");
    return values;
  }

  private explicitValue(): ShorthandValue {
    const c = this.current();
    if (c === "[") return this.explicitList();
    if (c === "{") return this.hashLiteral();
    return this.firstValue();
  }

  private hashLiteral(): ShorthandObject {
    this.expect("{", true);
    const obj: ShorthandObject = {};
    while (this.current() !== "}") {
      const key = this.key();
      this.expect("=", true);
      const v = this.explicitValue();
      this.consumeWhitespace();
      if (this.current() !== "}") {
        this.expect(",");
        this.consumeWhitespace();
      }
      setKey(obj, key, v);
    }
    this.expect("}");
    return obj;
  }

  private firstValue(): string {
    const c = this.current();
    if (c === "'" || c === '"') return this.quotedValue(c);
    return this.bareValue(isFirstFollowChar) ?? "";
  }

  private secondValue(): string {
    const c = this.current();
    if (c === "'" || c === '"') return this.quotedValue(c);
    const v = this.bareValue(isSecondFollowChar);
    if (v === undefined) throw syntaxError(this.chars, "<second>", "<none>", this.i);
    return v;
  }

  /** A bare value (`\,` is an escaped comma), right-stripped; undefined when none starts here. */
  private bareValue(follows: (cp: number) => boolean): string | undefined {
    const chars = this.chars;
    const start = this.i;
    let j = start;
    let first = true;
    for (;;) {
      if (chars[j] === "\\" && chars[j + 1] === ",") {
        j += 2;
      } else if (j < chars.length && (first ? isStartChar : follows)(cpOf(chars[j]))) {
        j += 1;
      } else {
        break;
      }
      first = false;
    }
    if (j === start) return undefined;
    this.i = j;
    return rstripPython(chars.slice(start, j).join("").replaceAll("\\,", ","));
  }

  /**
   * A quoted value: the quote, then any of `\\`, `\<quote>` or a non-quote
   * character, then the quote. When the greedy reading runs off the end, the
   * match that a backtracking regex engine would find is used instead.
   */
  private quotedValue(q: string): string {
    const chars = this.chars;
    const start = this.i;
    const n = chars.length;
    let close = -1;
    let j = start + 1;
    for (;;) {
      if (j >= n) break;
      const c = chars[j];
      if (c === "\\" && (chars[j + 1] === "\\" || chars[j + 1] === q)) j += 2;
      else if (c !== q) j += 1;
      else {
        close = j;
        break;
      }
    }
    if (close < 0) close = this.backtrackingClose(q, start + 1);
    if (close < 0) {
      throw syntaxError(chars, q === "'" ? "<singled quoted>" : "<double quoted>", "<none>", start);
    }
    this.i = close + 1;
    return chars
      .slice(start + 1, close)
      .join("")
      .replaceAll(`\\${q}`, q)
      .replaceAll("\\\\", "\\");
  }

  /** First closing position a backtracking search finds, computed right to left. */
  private backtrackingClose(q: string, from: number): number {
    const chars = this.chars;
    const n = chars.length;
    const res = new Int32Array(n + 2).fill(-1);
    for (let i = n - 1; i >= from; i--) {
      const c = chars[i];
      const next = chars[i + 1];
      if (c === "\\" && next === "\\" && res[i + 2]! >= 0) res[i] = res[i + 2]!;
      else if (c === "\\" && next === q && res[i + 2]! >= 0) res[i] = res[i + 2]!;
      else if (c !== q && res[i + 1]! >= 0) res[i] = res[i + 1]!;
      else if (c === q) res[i] = i;
    }
    return from <= n ? res[from]! : -1;
  }

  private expect(char: string, consumeWhitespace = false): void {
    if (consumeWhitespace) this.consumeWhitespace();
    if (this.atEof()) throw syntaxError(this.chars, char, "EOF", this.i);
    const actual = this.chars[this.i]!;
    if (actual !== char) throw syntaxError(this.chars, char, actual, this.i);
    this.i++;
    if (consumeWhitespace) this.consumeWhitespace();
  }

  private backtrackTo(char: string): void {
    while (this.i >= 0 && this.chars[this.i] !== char) this.i--;
  }

  private consumeWhitespace(): void {
    while (!this.atEof() && SKIPPED_WHITESPACE.has(this.chars[this.i]!)) this.i++;
  }
}

/** Parses one shorthand string into an object of strings, lists and objects. */
export function parseShorthand(input: string): ShorthandObject {
  return new Parser(Array.from(input)).parse();
}
