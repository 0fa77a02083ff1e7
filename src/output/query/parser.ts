// The parser: tokens to a syntax tree, top-down operator precedence with the
// same binding powers as python jmespath, so the same expressions are syntax
// errors, with the same messages, columns and token names.

import { IDENTITY, type Node } from "./ast.ts";
import { JmesPathError } from "./errors.ts";
import { column, type Token, type TokenType } from "./lexer.ts";
import { pyStr } from "./python.ts";

/** Parses the tokens of `expression` (from tokenize()). */
export function parse(tokens: Token[], expression: string): Node {
  return new Parser(tokens, expression).parse();
}

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

  private expected(what: string, t: Token): JmesPathError {
    if (t.type === "eof") return this.incomplete();
    return this.error(t, `Expecting: ${what}, got: ${t.type}`);
  }

  private incomplete(): JmesPathError {
    const e = this.expression;
    const underline = " ".repeat(column(e, e.length) + 1) + "^";
    return new JmesPathError("syntax", `Invalid jmespath expression: Incomplete expression:\n"${e}"\n${underline}`);
  }

  private error(t: Token, message: string, col = column(this.expression, t.start)): JmesPathError {
    const underline = " ".repeat(col + 1) + "^";
    return new JmesPathError(
      "syntax",
      `${message}: Parse error at column ${col}, token "${pyStr(t.value)}" (${t.type.toUpperCase()}), ` +
        `for expression:\n"${this.expression}"\n${underline}`,
    );
  }
}
