// `--query`: JMESPath as the AWS CLI runs it (python jmespath 1.0.1).
//
// The language is small, but the CLI's dialect has many observable details
// that other JMESPath engines do not share: which expressions are syntax
// errors and the exact error texts (positions, token names), legacy
// `` `foo` `` literals, raw strings that keep `\\`, slices that only apply to
// arrays, `==` that follows Python (1 == 1.0, but 1 != true at the top level
// and [1] == [true] inside containers), ordering of strings by code point,
// and the function library with Python's argument checks and messages. This
// module implements that dialect directly: a lexer and a top-down operator
// precedence parser with the same binding powers as the reference, and a tree
// interpreter over kumo documents.
//
// Python floats: a document marks integral floats on their container (see
// document.ts). While evaluating, an integral float that leaves its container
// travels as a PyFloat box, and is written back as a mark when it lands in a
// new container, so `Datapoints[].Average` still prints `5.0`.
//
// Failures: a bad expression is a QuerySyntaxError (exit 252) with the CLI's
// `Bad value for --query ...` text; errors while evaluating (bad function
// arguments, unknown functions, Python TypeErrors and ValueErrors) are a
// QueryEvaluationError (exit 255) with the text the CLI prints.

import type { Doc, DocArray, DocObject } from "./document.ts";
import { isFloatAt, markFloat } from "./document.ts";
import { GeneralError, ParamError } from "../errors/index.ts";

// ---------------------------------------------------------------------------
// Public interface
// ---------------------------------------------------------------------------

export type QueryErrorKind = "syntax" | "invalid-type" | "invalid-arity" | "unknown-function" | "invalid-value";

/** A `--query` expression that does not compile. Exit code 252. */
export class QuerySyntaxError extends ParamError {
  readonly kind = "syntax" as const;
  readonly expression: string;
  /** The jmespath part of the message, without `Bad value for --query <expr>: `. */
  readonly detail: string;
  constructor(expression: string, detail: string) {
    super(`Bad value for --query ${expression}: ${detail}`);
    this.expression = expression;
    this.detail = detail;
  }
}

/** A failure while evaluating a compiled query against a document. Exit code 255. */
export class QueryEvaluationError extends GeneralError {
  readonly kind: Exclude<QueryErrorKind, "syntax">;
  constructor(kind: Exclude<QueryErrorKind, "syntax">, message: string) {
    super(message);
    this.kind = kind;
  }
}

/** A parsed expression, ready to be evaluated any number of times. */
export class CompiledQuery {
  readonly expression: string;
  /** @internal */
  readonly tree: Node;
  /** @internal true when the expression can produce expression references (`&expr`). */
  readonly mayLeakExpref: boolean;
  /** @internal */
  constructor(expression: string, tree: Node, mayLeakExpref: boolean) {
    this.expression = expression;
    this.tree = tree;
    this.mayLeakExpref = mayLeakExpref;
  }
}

/** What a query produced, and whether Python would hold that number as a float. */
export interface QueryResult {
  value: Doc;
  /** True when `value` is a number Python holds as a float (`5.0` rather than `5`). */
  isFloat: boolean;
}

const compiled = new Map<string, CompiledQuery>();
const CACHE_LIMIT = 256;

/** Compiles a JMESPath expression; throws QuerySyntaxError with the AWS CLI's message. */
export function compileQuery(expression: string): CompiledQuery {
  const hit = compiled.get(expression);
  if (hit) return hit;
  let tree: Node;
  let mayLeakExpref: boolean;
  try {
    if (expression.length === 0) throw new Problem("syntax", "Invalid JMESPath expression: cannot be empty.");
    const tokens = tokenize(expression);
    mayLeakExpref = tokens.some((t) => t.type === "expref");
    tree = new Parser(tokens, expression).parse();
  } catch (err) {
    if (err instanceof Problem) throw new QuerySyntaxError(expression, err.message);
    if (err instanceof RangeError) throw new QuerySyntaxError(expression, "maximum recursion depth exceeded");
    throw err;
  }
  const query = new CompiledQuery(expression, tree, mayLeakExpref);
  if (compiled.size >= CACHE_LIMIT) compiled.clear();
  compiled.set(expression, query);
  return query;
}

/** Evaluates a compiled query. Containers in the result may be shared with `doc`. */
export function searchQuery(query: CompiledQuery, doc: Doc): Doc {
  return searchQueryResult(query, doc).value;
}

/** Like searchQuery, and also tells whether a top-level number is a Python float. */
export function searchQueryResult(query: CompiledQuery, doc: Doc): QueryResult {
  let out: Value;
  try {
    out = evaluate(query.tree, doc);
  } catch (err) {
    if (err instanceof Problem) throw new QueryEvaluationError(err.kind as Exclude<QueryErrorKind, "syntax">, err.message);
    if (err instanceof RangeError) throw new QueryEvaluationError("invalid-value", "maximum recursion depth exceeded");
    throw err;
  }
  // An expression reference cannot be printed; the CLI's JSON encoder gives up on it.
  if (query.mayLeakExpref && containsExpref(out)) {
    throw new QueryEvaluationError("invalid-value", "Circular reference detected");
  }
  if (out instanceof PyFloat) return { value: out.value, isFloat: true };
  const value = out as Doc;
  return { value, isFloat: typeof value === "number" && !Number.isInteger(value) };
}

// ---------------------------------------------------------------------------
// Values while evaluating
// ---------------------------------------------------------------------------

/** Values that are not plain documents: an integral Python float, or `&expr`. */
abstract class Special {}

/** A Python float whose value is integral (non-integral numbers are floats anyway). */
class PyFloat extends Special {
  constructor(readonly value: number) {
    super();
  }
}

/** The value of `&expression`, only meaningful as a function argument. */
class Expref extends Special {
  constructor(readonly node: Node) {
    super();
  }
}

/** Containers may hold Special values internally (an Expref inside a list). */
type Value = Doc | Special;

/** Errors raised inside this module, turned into public errors at the boundary. */
class Problem extends Error {
  constructor(
    readonly kind: QueryErrorKind,
    message: string,
  ) {
    super(message);
  }
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function isObj(v: Value | undefined): v is DocObject {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Special);
}

function isNum(v: Value): boolean {
  return typeof v === "number" || v instanceof PyFloat;
}

function num(v: Value): number {
  return v instanceof PyFloat ? v.value : (v as number);
}

/** True when Python would hold this number as a float. */
function isPyFloat(v: Value): boolean {
  return v instanceof PyFloat || (typeof v === "number" && !Number.isInteger(v));
}

/** An integral float becomes a box; anything else stays as it is. */
function floatValue(n: number): Value {
  return Number.isInteger(n) ? new PyFloat(n) : n;
}

/** Python has no integer -0. */
function intValue(n: number): number {
  return n === 0 ? 0 : n;
}

function at(list: DocArray, i: number): Value {
  const v = list[i];
  if (v === undefined) return null;
  if (typeof v === "number" && Number.isInteger(v) && isFloatAt(list, i, v)) return new PyFloat(v);
  return v;
}

function get(obj: DocObject, key: string): Value {
  if (!hasOwn(obj, key)) return null;
  const v = obj[key];
  if (v === undefined) return null;
  if (typeof v === "number" && Number.isInteger(v) && isFloatAt(obj, key, v)) return new PyFloat(v);
  return v;
}

function push(list: DocArray, v: Value): void {
  if (v instanceof PyFloat) {
    markFloat(list, list.length);
    list.push(v.value);
  } else {
    list.push(v as Doc);
  }
}

function put(obj: DocObject, key: string, v: Value): void {
  const plain = v instanceof PyFloat ? v.value : (v as Doc);
  if (key === "__proto__") {
    Object.defineProperty(obj, key, { value: plain, writable: true, enumerable: true, configurable: true });
  } else {
    obj[key] = plain;
  }
  if (v instanceof PyFloat) markFloat(obj, key);
}

function containsExpref(v: Value): boolean {
  if (v instanceof Expref) return true;
  if (Array.isArray(v)) return v.some((x) => containsExpref(x));
  if (isObj(v)) return Object.keys(v).some((k) => containsExpref(v[k] as Value));
  return false;
}

// ---------------------------------------------------------------------------
// Lexer
// ---------------------------------------------------------------------------

type TokenType =
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

interface Token {
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
function column(text: string, offset: number): number {
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

function lexerError(expression: string, offset: number, message: string): Problem {
  const underline = " ".repeat(column(expression, offset)) + "^";
  return new Problem("syntax", `Bad jmespath expression: ${message}:\n${expression}\n${underline}`);
}

function tokenize(expr: string): Token[] {
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

// ---------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------

type Comparator = "eq" | "ne" | "lt" | "lte" | "gt" | "gte";

type Node =
  | { k: "identity" }
  | { k: "current" }
  | { k: "field"; name: string }
  | { k: "literal"; value: Value }
  | { k: "sub"; left: Node; right: Node }
  | { k: "indexExpr"; left: Node; right: Node }
  | { k: "index"; index: number }
  | { k: "slice"; start: number | null; stop: number | null; step: number | null }
  | { k: "project"; left: Node; right: Node }
  | { k: "valueProject"; left: Node; right: Node }
  | { k: "filter"; left: Node; right: Node; cond: Node }
  | { k: "flatten"; child: Node }
  | { k: "compare"; op: Comparator; left: Node; right: Node }
  | { k: "or"; left: Node; right: Node }
  | { k: "and"; left: Node; right: Node }
  | { k: "pipe"; left: Node; right: Node }
  | { k: "not"; child: Node }
  | { k: "list"; items: Node[] }
  | { k: "hash"; keys: string[]; values: Node[] }
  | { k: "call"; name: string; args: Node[] }
  | { k: "expref"; child: Node };

const IDENTITY: Node = { k: "identity" };

const BINDING: Record<TokenType, number> = {
  eof: 0,
  unquoted_identifier: 0,
  quoted_identifier: 0,
  literal: 0,
  rbracket: 0,
  rparen: 0,
  comma: 0,
  rbrace: 0,
  number: 0,
  current: 0,
  expref: 0,
  colon: 0,
  pipe: 1,
  or: 2,
  and: 3,
  eq: 5,
  gt: 5,
  lt: 5,
  gte: 5,
  lte: 5,
  ne: 5,
  flatten: 9,
  star: 20,
  filter: 21,
  dot: 40,
  not: 45,
  lbrace: 50,
  lbracket: 55,
  lparen: 60,
};

/** Tokens below this binding power end a projection. */
const PROJECTION_STOP = 10;

const DOT_RHS_EXPECTED = "['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace']";
const HASH_KEY_EXPECTED = "['quoted_identifier', 'unquoted_identifier']";

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly expression: string,
  ) {}

  parse(): Node {
    const tree = this.expr(0);
    const rest = this.peek();
    if (rest.type !== "eof") throw this.error(rest, `Unexpected token: ${pyStr(rest.value)}`);
    return tree;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)] as Token;
  }

  private expr(rbp: number): Node {
    const token = this.peek();
    this.pos++;
    let left = this.nud(token);
    for (;;) {
      const next = this.peek();
      if (rbp >= BINDING[next.type]) return left;
      // These bind tightly but cannot continue an expression.
      if (next.type === "star" || next.type === "not" || next.type === "lbrace") {
        throw this.error(next, "invalid token");
      }
      this.pos++;
      left = this.led(next, left);
    }
  }

  private nud(token: Token): Node {
    switch (token.type) {
      case "literal":
        return { k: "literal", value: token.value };
      case "unquoted_identifier":
        return { k: "field", name: token.value as string };
      case "quoted_identifier": {
        const next = this.peek();
        if (next.type === "lparen") {
          throw this.error(next, "Quoted identifier not allowed for function names.", 0);
        }
        return { k: "field", name: token.value as string };
      }
      case "star": {
        const right = this.peek().type === "rbracket" ? IDENTITY : this.projectionRhs(BINDING.star);
        return { k: "valueProject", left: IDENTITY, right };
      }
      case "filter":
        return this.filterTail(IDENTITY);
      case "lbrace":
        return this.hash();
      case "lparen": {
        const inner = this.expr(0);
        this.match("rparen");
        return inner;
      }
      case "flatten":
        return { k: "project", left: { k: "flatten", child: IDENTITY }, right: this.projectionRhs(BINDING.flatten) };
      case "not":
        return { k: "not", child: this.expr(BINDING.not) };
      case "lbracket": {
        const next = this.peek().type;
        if (next === "number" || next === "colon") return this.projectIfSlice(IDENTITY, this.indexOrSlice());
        if (next === "star" && this.peek(1).type === "rbracket") {
          this.pos += 2;
          return { k: "project", left: IDENTITY, right: this.projectionRhs(BINDING.star) };
        }
        return this.list();
      }
      case "current":
        return { k: "current" };
      case "expref":
        return { k: "expref", child: this.expr(BINDING.expref) };
      case "eof":
        throw this.incomplete();
      default:
        throw this.error(token, "invalid token");
    }
  }

  private led(token: Token, left: Node): Node {
    switch (token.type) {
      case "dot":
        if (this.peek().type === "star") {
          this.pos++;
          return { k: "valueProject", left, right: this.projectionRhs(BINDING.dot) };
        }
        return { k: "sub", left, right: this.dotRhs(BINDING.dot) };
      case "pipe":
        return { k: "pipe", left, right: this.expr(BINDING.pipe) };
      case "or":
        return { k: "or", left, right: this.expr(BINDING.or) };
      case "and":
        return { k: "and", left, right: this.expr(BINDING.and) };
      case "lparen": {
        if (left.k !== "field") {
          const nameToken = this.peek(-2);
          throw this.error(nameToken, `Invalid function name '${pyStr(nameToken.value)}'`);
        }
        const args: Node[] = [];
        while (this.peek().type !== "rparen") {
          args.push(this.expr(0));
          if (this.peek().type === "comma") this.pos++;
        }
        this.match("rparen");
        return { k: "call", name: left.name, args };
      }
      case "filter":
        return this.filterTail(left);
      case "eq":
      case "ne":
      case "lt":
      case "lte":
      case "gt":
      case "gte":
        return { k: "compare", op: token.type, left, right: this.expr(BINDING[token.type]) };
      case "flatten":
        return { k: "project", left: { k: "flatten", child: left }, right: this.projectionRhs(BINDING.flatten) };
      case "lbracket": {
        const next = this.peek().type;
        if (next === "number" || next === "colon") {
          const right = this.indexOrSlice();
          // An index expression simply grows: `a[0][1:2]` does not project.
          if (left.k === "indexExpr") return { k: "indexExpr", left, right };
          return this.projectIfSlice(left, right);
        }
        this.match("star");
        this.match("rbracket");
        return { k: "project", left, right: this.projectionRhs(BINDING.star) };
      }
      default:
        throw this.error(token, "invalid token");
    }
  }

  private filterTail(left: Node): Node {
    const cond = this.expr(0);
    this.match("rbracket");
    const right = this.peek().type === "flatten" ? IDENTITY : this.projectionRhs(BINDING.filter);
    return { k: "filter", left, right, cond };
  }

  private projectIfSlice(left: Node, right: Node): Node {
    const indexed: Node = { k: "indexExpr", left, right };
    if (right.k !== "slice") return indexed;
    return { k: "project", left: indexed, right: this.projectionRhs(BINDING.star) };
  }

  /** After `[` when a number or `:` follows. */
  private indexOrSlice(): Node {
    if (this.peek().type === "colon" || this.peek(1).type === "colon") return this.slice();
    const token = this.peek();
    this.pos++;
    this.match("rbracket");
    return { k: "index", index: token.value as number };
  }

  private slice(): Node {
    const parts: (number | null)[] = [null, null, null];
    let index = 0;
    for (let t = this.peek(); t.type !== "rbracket" && index < 3; t = this.peek()) {
      if (t.type === "colon") {
        index++;
        if (index === 3) throw this.error(t, "syntax error");
        this.pos++;
      } else if (t.type === "number") {
        parts[index] = t.value as number;
        this.pos++;
      } else {
        throw this.error(t, "syntax error");
      }
    }
    this.match("rbracket");
    return { k: "slice", start: parts[0] ?? null, stop: parts[1] ?? null, step: parts[2] ?? null };
  }

  private projectionRhs(rbp: number): Node {
    const t = this.peek();
    if (BINDING[t.type] < PROJECTION_STOP) return IDENTITY;
    if (t.type === "lbracket" || t.type === "filter") return this.expr(rbp);
    if (t.type === "dot") {
      this.pos++;
      return this.dotRhs(rbp);
    }
    throw this.error(t, "syntax error");
  }

  private dotRhs(rbp: number): Node {
    const t = this.peek();
    switch (t.type) {
      case "quoted_identifier":
      case "unquoted_identifier":
      case "star":
        return this.expr(rbp);
      case "lbracket":
        this.pos++;
        return this.list();
      case "lbrace":
        this.pos++;
        return this.hash();
      default:
        throw this.error(t, `Expecting: ${DOT_RHS_EXPECTED}, got: ${t.type}`);
    }
  }

  /** After `[`: `expr (, expr)* ]`. */
  private list(): Node {
    const items: Node[] = [];
    for (;;) {
      items.push(this.expr(0));
      if (this.peek().type === "rbracket") break;
      this.match("comma");
    }
    this.match("rbracket");
    return { k: "list", items };
  }

  /** After `{`: `key: expr (, key: expr)* }`. */
  private hash(): Node {
    const keys: string[] = [];
    const values: Node[] = [];
    for (;;) {
      const key = this.peek();
      if (key.type !== "quoted_identifier" && key.type !== "unquoted_identifier") {
        throw this.expected(HASH_KEY_EXPECTED, key);
      }
      this.pos++;
      this.match("colon");
      keys.push(key.value as string);
      values.push(this.expr(0));
      const t = this.peek().type;
      if (t === "comma") {
        this.pos++;
      } else if (t === "rbrace") {
        this.pos++;
        break;
      }
    }
    return { k: "hash", keys, values };
  }

  private match(type: TokenType): void {
    const t = this.peek();
    if (t.type !== type) throw this.expected(type, t);
    this.pos++;
  }

  private expected(what: string, t: Token): Problem {
    if (t.type === "eof") return this.incomplete();
    return this.error(t, `Expecting: ${what}, got: ${t.type}`);
  }

  private incomplete(): Problem {
    const e = this.expression;
    const underline = " ".repeat(column(e, e.length) + 1) + "^";
    return new Problem("syntax", `Invalid jmespath expression: Incomplete expression:\n"${e}"\n${underline}`);
  }

  private error(t: Token, message: string, col = column(this.expression, t.start)): Problem {
    const underline = " ".repeat(col + 1) + "^";
    return new Problem(
      "syntax",
      `${message}: Parse error at column ${col}, token "${pyStr(t.value)}" (${t.type.toUpperCase()}), ` +
        `for expression:\n"${this.expression}"\n${underline}`,
    );
  }
}

// ---------------------------------------------------------------------------
// Interpreter
// ---------------------------------------------------------------------------

function evaluate(node: Node, value: Value): Value {
  switch (node.k) {
    case "identity":
    case "current":
      return value;
    case "field":
      return isObj(value) ? get(value, node.name) : null;
    case "literal":
      return node.value;
    case "sub":
    case "indexExpr":
    case "pipe":
      return evaluate(node.right, evaluate(node.left, value));
    case "index": {
      if (!Array.isArray(value)) return null;
      const i = node.index < 0 ? value.length + node.index : node.index;
      return i >= 0 && i < value.length ? at(value, i) : null;
    }
    case "slice":
      return Array.isArray(value) ? slice(value, node.start, node.stop, node.step) : null;
    case "project": {
      const base = evaluate(node.left, value);
      if (!Array.isArray(base)) return null;
      const out: DocArray = [];
      for (let i = 0; i < base.length; i++) {
        const v = evaluate(node.right, at(base, i));
        if (v !== null) push(out, v);
      }
      return out;
    }
    case "valueProject": {
      const base = evaluate(node.left, value);
      if (!isObj(base)) return null;
      const out: DocArray = [];
      for (const key of Object.keys(base)) {
        const v = evaluate(node.right, get(base, key));
        if (v !== null) push(out, v);
      }
      return out;
    }
    case "filter": {
      const base = evaluate(node.left, value);
      if (!Array.isArray(base)) return null;
      const out: DocArray = [];
      for (let i = 0; i < base.length; i++) {
        const element = at(base, i);
        if (isFalse(evaluate(node.cond, element))) continue;
        const v = evaluate(node.right, element);
        if (v !== null) push(out, v);
      }
      return out;
    }
    case "flatten": {
      const base = evaluate(node.child, value);
      if (!Array.isArray(base)) return null;
      const out: DocArray = [];
      for (let i = 0; i < base.length; i++) {
        const element = base[i];
        if (Array.isArray(element)) {
          for (let j = 0; j < element.length; j++) push(out, at(element, j));
        } else {
          push(out, at(base, i));
        }
      }
      return out;
    }
    case "compare":
      return compare(node.op, evaluate(node.left, value), evaluate(node.right, value));
    case "or": {
      const left = evaluate(node.left, value);
      return isFalse(left) ? evaluate(node.right, value) : left;
    }
    case "and": {
      const left = evaluate(node.left, value);
      return isFalse(left) ? left : evaluate(node.right, value);
    }
    case "not":
      return isFalse(evaluate(node.child, value));
    case "list": {
      if (value === null) return null;
      const out: DocArray = [];
      for (const item of node.items) push(out, evaluate(item, value));
      return out;
    }
    case "hash": {
      if (value === null) return null;
      const out: DocObject = {};
      for (let i = 0; i < node.keys.length; i++) {
        put(out, node.keys[i] as string, evaluate(node.values[i] as Node, value));
      }
      return out;
    }
    case "call": {
      const args: Value[] = [];
      for (const arg of node.args) args.push(evaluate(arg, value));
      return callFunction(node.name, args);
    }
    case "expref":
      return new Expref(node.child);
  }
}

/** JMESPath falsiness: null, false, "", [] and {}; numbers are always true. */
function isFalse(v: Value): boolean {
  if (v === null || v === false || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isObj(v)) {
    for (const k in v) if (hasOwn(v, k)) return false;
    return true;
  }
  return false;
}

/** Python's list slicing. */
function slice(list: DocArray, start: number | null, stop: number | null, step: number | null): DocArray {
  const s = step ?? 1;
  if (s === 0) throw new Problem("invalid-value", "slice step cannot be zero");
  const len = list.length;
  const clamp = (v: number, low: number, high: number): number => {
    if (v < 0) v += len;
    return v < low ? low : v > high ? high : v;
  };
  let from: number;
  let to: number;
  if (s > 0) {
    from = start === null ? 0 : clamp(start, 0, len);
    to = stop === null ? len : clamp(stop, 0, len);
  } else {
    from = start === null ? len - 1 : clamp(start, -1, len - 1);
    to = stop === null ? -1 : clamp(stop, -1, len - 1);
  }
  const out: DocArray = [];
  if (s > 0) for (let i = from; i < to; i += s) push(out, at(list, i));
  else for (let i = from; i > to; i += s) push(out, at(list, i));
  return out;
}

/**
 * `==` as the reference does it: Python equality, except that 0 and 1 never
 * equal false and true at the top level (inside containers they do).
 */
function jmesEquals(a: Value, b: Value): boolean {
  const x = a instanceof PyFloat ? a.value : a;
  const y = b instanceof PyFloat ? b.value : b;
  if ((typeof x === "boolean" && typeof y === "number") || (typeof x === "number" && typeof y === "boolean")) {
    return false;
  }
  return pyEquals(x, y);
}

/** Python `==` between documents: booleans compare as 0 and 1, dict order is irrelevant. */
function pyEquals(a: Value, b: Value): boolean {
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

const OPERATOR_TEXT: Record<Comparator, string> = { eq: "==", ne: "!=", lt: "<", lte: "<=", gt: ">", gte: ">=" };

function compare(op: Comparator, a: Value, b: Value): Value {
  if (op === "eq") return jmesEquals(a, b);
  if (op === "ne") return !jmesEquals(a, b);
  // Ordering applies to numbers and strings; anything else gives null.
  const comparable = (v: Value): boolean => isNum(v) || typeof v === "string";
  if (!comparable(a) || !comparable(b)) return null;
  const c = order(a, b, OPERATOR_TEXT[op]);
  switch (op) {
    case "lt":
      return c < 0;
    case "lte":
      return c <= 0;
    case "gt":
      return c > 0;
    default:
      return c >= 0;
  }
}

/** Three-way comparison of two numbers or two strings; Python's TypeError otherwise. */
function order(a: Value, b: Value, operator: string): number {
  if (typeof a === "string" && typeof b === "string") return compareCodePoints(a, b);
  if (isNum(a) && isNum(b)) {
    const x = num(a);
    const y = num(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
  }
  throw new Problem(
    "invalid-type",
    `'${operator}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`,
  );
}

/** Orders strings by code point, as Python does (UTF-16 order differs above U+FFFF). */
function compareCodePoints(a: string, b: string): number {
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

// ---------------------------------------------------------------------------
// Functions
// ---------------------------------------------------------------------------

type JmesType = "number" | "string" | "boolean" | "array" | "object" | "null" | "expref";

interface FunctionSpec {
  /** Allowed types per argument, as the reference spells them; empty means any. */
  args: string[][];
  variadic?: boolean;
  run: (args: Value[]) => Value;
}

function jmesType(v: Value): JmesType {
  if (v === null) return "null";
  switch (typeof v) {
    case "string":
      return "string";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
  }
  if (Array.isArray(v)) return "array";
  if (v instanceof PyFloat) return "number";
  if (v instanceof Expref) return "expref";
  return "object";
}

/** Python's `type(v).__name__`. */
function pyTypeName(v: Value): string {
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

function typeError(fn: string, value: Value, received: string, expected: string[]): Problem {
  return new Problem(
    "invalid-type",
    `In function ${fn}(), invalid type for value: ${pyStr(value)}, ` +
      `expected one of: ${pyRepr(expected)}, received: "${received}"`,
  );
}

function checkArgument(fn: string, value: Value, expected: string[]): void {
  const actual = jmesType(value);
  const top: string[] = [];
  const sub: string[] = [];
  for (const t of expected) {
    const dash = t.indexOf("-");
    if (dash < 0) {
      top.push(t);
    } else {
      top.push(t.slice(0, dash));
      sub.push(t.slice(dash + 1));
    }
  }
  if (!top.includes(actual)) throw typeError(fn, value, actual, expected);
  if (sub.length === 0 || !Array.isArray(value)) return;
  let allowed: string;
  if (sub.length === 1) {
    allowed = sub[0] as string;
  } else {
    if (value.length === 0) return;
    // With several element types, the first element decides which one applies.
    const first = at(value, 0);
    const found = sub.find((t) => t === jmesType(first));
    if (found === undefined) throw typeError(fn, first, pyTypeName(first), expected);
    allowed = found;
  }
  for (let i = 0; i < value.length; i++) {
    const element = at(value, i);
    if (jmesType(element) !== allowed) throw typeError(fn, element, pyTypeName(element), expected);
  }
}

function callFunction(name: string, args: Value[]): Value {
  const spec = hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (spec === undefined) throw new Problem("unknown-function", `Unknown function: ${name}()`);
  const expected = spec.args.length;
  const plural = expected === 1 ? "argument" : "arguments";
  if (spec.variadic) {
    if (args.length < expected) {
      throw new Problem(
        "invalid-arity",
        `Expected at least ${expected} ${plural} for function ${name}(), received ${args.length}`,
      );
    }
  } else if (args.length !== expected) {
    throw new Problem("invalid-arity", `Expected ${expected} ${plural} for function ${name}(), received ${args.length}`);
  }
  for (let i = 0; i < expected; i++) {
    const types = spec.args[i] as string[];
    if (types.length > 0) checkArgument(name, args[i] as Value, types);
  }
  return spec.run(args);
}

function elements(list: DocArray): Value[] {
  const out: Value[] = [];
  for (let i = 0; i < list.length; i++) out.push(at(list, i));
  return out;
}

function listOf(values: Value[]): DocArray {
  const out: DocArray = [];
  for (const v of values) push(out, v);
  return out;
}

function applyExpref(ref: Value, element: Value): Value {
  return evaluate((ref as Expref).node, element);
}

/** `min()`/`max()` over precomputed keys: first best wins, Python's TypeError on mixed types. */
function pickBy(items: Value[], key: (v: Value) => Value, wantMax: boolean): Value {
  if (items.length === 0) return null;
  let best = items[0] as Value;
  let bestKey = key(best);
  const operator = wantMax ? ">" : "<";
  for (let i = 1; i < items.length; i++) {
    const item = items[i] as Value;
    const k = key(item);
    const c = order(k, bestKey, operator);
    if (wantMax ? c > 0 : c < 0) {
      best = item;
      bestKey = k;
    }
  }
  return best;
}

function keyFunction(fn: string, ref: Value, allowed: JmesType[]): (v: Value) => Value {
  return (element) => {
    const k = applyExpref(ref, element);
    const t = jmesType(k);
    if (!allowed.includes(t)) throw typeError(fn, k, t, allowed);
    return k;
  };
}

/** A Python int/float result of arithmetic over numbers of which some may be floats. */
function numberResult(n: number, float: boolean): Value {
  return float ? floatValue(n) : intValue(n);
}

function toInteger(fn: (n: number) => number, v: Value): number {
  const n = num(v);
  if (Number.isNaN(n)) throw new Problem("invalid-value", "cannot convert float NaN to integer");
  if (!Number.isFinite(n)) throw new Problem("invalid-value", "cannot convert float infinity to integer");
  return intValue(fn(n));
}

const FUNCTIONS: Record<string, FunctionSpec> = {
  abs: {
    args: [["number"]],
    run: ([v]) => (isPyFloat(v as Value) ? floatValue(Math.abs(num(v as Value))) : intValue(Math.abs(num(v as Value)))),
  },
  avg: {
    args: [["array-number"]],
    run: ([v]) => {
      const list = v as DocArray;
      if (list.length === 0) return null;
      let total = 0;
      for (const x of list) total += x as number;
      return floatValue(total / list.length);
    },
  },
  ceil: { args: [["number"]], run: ([v]) => toInteger(Math.ceil, v as Value) },
  contains: {
    args: [["array", "string"], []],
    run: ([subject, search]) => {
      if (Array.isArray(subject)) return subject.some((x) => pyEquals(x, search as Value));
      if (typeof search !== "string") {
        throw new Problem(
          "invalid-type",
          `'in <string>' requires string as left operand, not ${pyTypeName(search as Value)}`,
        );
      }
      return (subject as string).includes(search);
    },
  },
  ends_with: { args: [["string"], ["string"]], run: ([s, suffix]) => (s as string).endsWith(suffix as string) },
  floor: { args: [["number"]], run: ([v]) => toInteger(Math.floor, v as Value) },
  join: {
    args: [["string"], ["array-string"]],
    run: ([sep, list]) => (list as string[]).join(sep as string),
  },
  keys: { args: [["object"]], run: ([o]) => Object.keys(o as DocObject) },
  length: {
    args: [["string", "array", "object"]],
    run: ([v]) => {
      if (typeof v === "string") {
        let n = 0;
        for (const _ of v) n++;
        return n;
      }
      if (Array.isArray(v)) return v.length;
      return Object.keys(v as DocObject).length;
    },
  },
  map: {
    args: [["expref"], ["array"]],
    run: ([ref, list]) => listOf(elements(list as DocArray).map((x) => applyExpref(ref as Value, x))),
  },
  max: {
    args: [["array-number", "array-string"]],
    run: ([list]) => pickBy(elements(list as DocArray), (x) => x, true),
  },
  max_by: {
    args: [["array"], ["expref"]],
    run: ([list, ref]) => pickBy(elements(list as DocArray), keyFunction("max_by", ref as Value, ["number", "string"]), true),
  },
  merge: {
    args: [["object"]],
    variadic: true,
    run: (args) => {
      const out: DocObject = {};
      for (const arg of args) mergeInto(out, arg);
      return out;
    },
  },
  min: {
    args: [["array-number", "array-string"]],
    run: ([list]) => pickBy(elements(list as DocArray), (x) => x, false),
  },
  min_by: {
    args: [["array"], ["expref"]],
    run: ([list, ref]) =>
      pickBy(elements(list as DocArray), keyFunction("min_by", ref as Value, ["number", "string"]), false),
  },
  not_null: {
    args: [[]],
    variadic: true,
    run: (args) => args.find((v) => v !== null) ?? null,
  },
  reverse: {
    args: [["array", "string"]],
    run: ([v]) => {
      if (typeof v === "string") return Array.from(v).reverse().join("");
      return listOf(elements(v as DocArray).reverse());
    },
  },
  sort: {
    args: [["array-string", "array-number"]],
    run: ([list]) => listOf(elements(list as DocArray).sort((a, b) => order(a, b, "<"))),
  },
  sort_by: {
    args: [["array"], ["expref"]],
    run: ([v, ref]) => {
      const list = v as DocArray;
      if (list.length === 0) return list;
      const items = elements(list);
      // The first element's key decides whether keys are numbers or strings.
      const firstType = jmesType(applyExpref(ref as Value, items[0] as Value));
      if (firstType !== "number" && firstType !== "string") {
        throw typeError("sort_by", items[0] as Value, firstType, ["string", "number"]);
      }
      const key = keyFunction("sort_by", ref as Value, [firstType]);
      const keyed = items.map((item, i) => ({ item, key: key(item), i }));
      keyed.sort((a, b) => order(a.key, b.key, "<") || a.i - b.i);
      return listOf(keyed.map((x) => x.item));
    },
  },
  starts_with: { args: [["string"], ["string"]], run: ([s, prefix]) => (s as string).startsWith(prefix as string) },
  sum: {
    args: [["array-number"]],
    run: ([v]) => {
      let total = 0;
      let float = false;
      for (const x of elements(v as DocArray)) {
        total += num(x);
        float ||= isPyFloat(x);
      }
      return numberResult(total, float);
    },
  },
  to_array: { args: [[]], run: ([v]) => (Array.isArray(v) ? v : listOf([v as Value])) },
  to_number: { args: [[]], run: ([v]) => toNumber(v as Value) },
  to_string: { args: [[]], run: ([v]) => (typeof v === "string" ? v : pyJsonDumps(v as Value)) },
  type: { args: [[]], run: ([v]) => (v instanceof Expref ? null : jmesType(v as Value)) },
  values: {
    args: [["object"]],
    run: ([v]) => {
      const o = v as DocObject;
      return listOf(Object.keys(o).map((k) => get(o, k)));
    },
  },
};

/** `dict.update(arg)`: only the first argument of merge() is type-checked by the reference. */
function mergeInto(out: DocObject, arg: Value): void {
  if (isObj(arg)) {
    for (const k of Object.keys(arg)) put(out, k, get(arg, k));
    return;
  }
  if (typeof arg === "string") {
    // Each character is a one-item sequence, never a (key, value) pair.
    if (arg.length > 0) {
      throw new Problem("invalid-value", "dictionary update sequence element #0 has length 1; 2 is required");
    }
    return;
  }
  if (!Array.isArray(arg)) throw new Problem("invalid-type", `'${pyTypeName(arg)}' object is not iterable`);
  arg.forEach((pair, i) => {
    let items: Value[];
    if (Array.isArray(pair)) items = elements(pair);
    else if (typeof pair === "string") items = Array.from(pair);
    else if (isObj(pair)) items = Object.keys(pair);
    else throw new Problem("invalid-type", `cannot convert dictionary update sequence element #${i} to a sequence`);
    if (items.length !== 2) {
      throw new Problem(
        "invalid-value",
        `dictionary update sequence element #${i} has length ${items.length}; 2 is required`,
      );
    }
    const [key, value] = items as [Value, Value];
    if (Array.isArray(key) || isObj(key)) throw new Problem("invalid-type", `unhashable type: '${pyTypeName(key)}'`);
    // Non-string keys print as JSON does with them.
    put(out, typeof key === "string" ? key : pyJsonDumps(key), value);
  });
}

/** Python whitespace, as str.strip() and int()/float() see it. */
const PY_SPACE = "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

function pyLstrip(s: string): string {
  let i = 0;
  while (i < s.length && PY_SPACE.includes(s[i] as string)) i++;
  return s.slice(i);
}

function pyStrip(s: string): string {
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

/** to_number(): int(text), else float(text), else null. */
function toNumber(v: Value): Value {
  if (isNum(v)) return v;
  if (v instanceof Expref) {
    throw new Problem(
      "invalid-type",
      "int() argument must be a string, a bytes-like object or a real number, not '_Expression'",
    );
  }
  if (typeof v !== "string") return null;
  const text = asciiDigits(pyStrip(v));
  if (PY_INT.test(text)) return intValue(Number(text.replaceAll("_", "")));
  if (PY_FLOAT.test(text)) return floatValue(Number(text.replaceAll("_", "")));
  const special = PY_FLOAT_SPECIAL.exec(text);
  if (special) {
    if ((special[2] as string).toLowerCase() === "nan") return NaN;
    return special[1] === "-" ? -Infinity : Infinity;
  }
  return null;
}

// ---------------------------------------------------------------------------
// JSON as Python's json module reads and writes it
// ---------------------------------------------------------------------------

type JsonRead = { ok: true; value: Value } | { ok: false; error: string };

/** json.loads(): also accepts NaN, Infinity and -Infinity; integral floats keep their kind. */
function readPyJson(text: string): JsonRead {
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
function pyJsonDumps(v: Value): string {
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
    for (const k of Object.keys(o)) {
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

// ---------------------------------------------------------------------------
// Python text of values, for error messages
// ---------------------------------------------------------------------------

const EXPREF_TEXT = "<jmespath.visitor._Expression object>";

/** Python repr() of a float: shortest round-trip digits, exponent below 1e-4 and from 1e16. */
function pyFloatRepr(n: number): string {
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
function pyIntStr(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}

/** Python str(): strings as they are, everything else as repr(). */
function pyStr(v: Value): string {
  return typeof v === "string" ? v : pyRepr(v);
}

function pyRepr(v: Value | string[]): string {
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
  return `{${Object.keys(o)
    .map((k) => `${pyStringRepr(k)}: ${pyRepr(get(o, k))}`)
    .join(", ")}}`;
}

const NOT_PRINTABLE = /[\p{C}\p{Z}]/u;

function pyStringRepr(s: string): string {
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
