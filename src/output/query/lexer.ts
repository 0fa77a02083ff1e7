// The lexer: expression text to tokens, with python jmespath's error texts
// and caret positions (columns counted in code points, as Python does).
// Legacy `` `foo` `` literals (text that is not JSON becomes a string) and
// raw strings that keep `\\` are part of the dialect.

import { JmesPathError } from "./errors.ts";
import { pyLstrip } from "./python.ts";
import { readPyJson } from "./python-json.ts";
import { hasOwn, intValue, type Value } from "./values.ts";

export type TokenType =
  | "eof"
  | "unquoted_identifier"
  | "quoted_identifier"
  | "literal"
  | "number"
  | "dot"
  | "star"
  | "rbracket"
  | "comma"
  | "colon"
  | "current"
  | "lparen"
  | "rparen"
  | "lbrace"
  | "rbrace"
  | "lbracket"
  | "flatten"
  | "filter"
  | "pipe"
  | "or"
  | "and"
  | "expref"
  | "not"
  | "ne"
  | "eq"
  | "lt"
  | "lte"
  | "gt"
  | "gte";

export interface Token {
  type: TokenType;
  /** Identifier text, number, literal value, or the token's own text. */
  value: Value;
  /** Offset in the expression (UTF-16 units). */
  start: number;
}

const SIMPLE: Record<string, TokenType> = {
  ".": "dot",
  "*": "star",
  "]": "rbracket",
  ",": "comma",
  ":": "colon",
  "@": "current",
  "(": "lparen",
  ")": "rparen",
  "{": "lbrace",
  "}": "rbrace",
};

/** `<x>` followed by `=` or not, and the like. */
const PAIRED: Record<string, [second: string, both: TokenType, single: TokenType]> = {
  "<": ["=", "lte", "lt"],
  ">": ["=", "gte", "gt"],
  "!": ["=", "ne", "not"],
  "|": ["|", "or", "pipe"],
  "&": ["&", "and", "expref"],
};

const isIdentStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c);

/** Column in code points, as Python counts characters. */
export function column(text: string, offset: number): number {
  let col = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < offset) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    col++;
  }
  return col;
}

function lexerError(expression: string, offset: number, message: string): JmesPathError {
  const underline = " ".repeat(column(expression, offset)) + "^";
  return new JmesPathError("syntax", `Bad jmespath expression: ${message}:\n${expression}\n${underline}`);
}

/** The tokens of an expression, ending with an `eof` token. */
export function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  const n = expr.length;
  let i = 0;
  while (i < n) {
    const ch = expr[i] as string;
    const c = expr.charCodeAt(i);
    const simple = SIMPLE[ch];
    if (simple !== undefined) {
      tokens.push({ type: simple, value: ch, start: i });
      i++;
    } else if (isIdentStart(c)) {
      const start = i;
      while (++i < n && isIdentPart(expr.charCodeAt(i)));
      tokens.push({ type: "unquoted_identifier", value: expr.slice(start, i), start });
    } else if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
    } else if (ch === "[") {
      const next = expr[i + 1];
      if (next === "]") {
        tokens.push({ type: "flatten", value: "[]", start: i });
        i += 2;
      } else if (next === "?") {
        tokens.push({ type: "filter", value: "[?", start: i });
        i += 2;
      } else {
        tokens.push({ type: "lbracket", value: "[", start: i });
        i++;
      }
    } else if (hasOwn(PAIRED, ch)) {
      const [second, both, single] = PAIRED[ch] as [string, TokenType, TokenType];
      if (expr[i + 1] === second) {
        tokens.push({ type: both, value: ch + second, start: i });
        i += 2;
      } else {
        tokens.push({ type: single, value: ch, start: i });
        i++;
      }
    } else if (isDigit(c) || ch === "-") {
      const start = i;
      while (++i < n && isDigit(expr.charCodeAt(i)));
      const text = expr.slice(start, i);
      if (text === "-") throw lexerError(expr, start, "Unknown token '-'");
      tokens.push({ type: "number", value: intValue(Number(text)), start });
    } else if (ch === "=") {
      if (expr[i + 1] !== "=") throw lexerError(expr, i, "Unknown token '='");
      tokens.push({ type: "eq", value: "==", start: i });
      i += 2;
    } else if (ch === "'" || ch === "`" || ch === '"') {
      const start = i;
      const [body, end] = delimited(expr, i, ch);
      i = end;
      if (ch === "'") {
        tokens.push({ type: "literal", value: body.replaceAll("\\'", "'"), start });
      } else if (ch === "`") {
        tokens.push({ type: "literal", value: backtickLiteral(expr, start, body.replaceAll("\\`", "`")), start });
      } else {
        tokens.push({ type: "quoted_identifier", value: quotedIdentifier(expr, start, body), start });
      }
    } else {
      const cp = String.fromCodePoint(expr.codePointAt(i) as number);
      throw lexerError(expr, i, `Unknown token ${cp}`);
    }
  }
  tokens.push({ type: "eof", value: "", start: n });
  return tokens;
}

/**
 * The text between `delim` at `start` and the next unescaped `delim`. A
 * backslash keeps itself and the character after it. Returns the text and the
 * offset after the closing delimiter.
 */
function delimited(expr: string, start: number, delim: string): [string, number] {
  const from = start + 1;
  let i = from;
  const n = expr.length;
  for (;;) {
    if (i >= n) throw lexerError(expr, start, `Unclosed ${delim} delimiter`);
    const ch = expr[i];
    if (ch === delim) break;
    if (ch === "\\") {
      i++;
      if (i >= n) throw lexerError(expr, start, `Unclosed ${delim} delimiter`);
    }
    i++;
  }
  const body = expr.slice(from, i);
  return [body, i + 1];
}

/** `` `...` ``: JSON, or (the legacy form) the text itself as a string. */
function backtickLiteral(expr: string, start: number, lexeme: string): Value {
  const json = readPyJson(lexeme);
  if (json.ok) return json.value;
  const legacy = readPyJson(`"${pyLstrip(lexeme)}"`);
  if (legacy.ok) return legacy.value;
  throw lexerError(expr, start, `Bad token ${lexeme}`);
}

function quotedIdentifier(expr: string, start: number, body: string): string {
  const json = readPyJson(`"${body}"`);
  if (json.ok) return json.value as string;
  throw lexerError(expr, start, json.error);
}
