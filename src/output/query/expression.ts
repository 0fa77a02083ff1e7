// Compiling and evaluating expressions: the engine's entry points for all of
// kumo. Failures are JmesPathErrors with python jmespath's own texts; the
// `--query` wording is added by query-option.ts.

import type { Doc } from "../document.ts";
import type { Node } from "./ast.ts";
import { JmesPathError } from "./errors.ts";
import { evaluate } from "./interpreter.ts";
import { tokenize } from "./lexer.ts";
import { parse } from "./parser.ts";
import { containsExpref, PyFloat, type Value } from "./values.ts";

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

/** What an expression produced, and whether Python would hold that number as a float. */
export interface QueryResult {
  value: Doc;
  /** True when `value` is a number Python holds as a float (`5.0` rather than `5`). */
  isFloat: boolean;
}

const compiled = new Map<string, CompiledQuery>();
const CACHE_LIMIT = 256;

/** Compiles a JMESPath expression (cached); throws a JmesPathError of kind "syntax". */
export function compileExpression(expression: string): CompiledQuery {
  const hit = compiled.get(expression);
  if (hit) return hit;
  let tree: Node;
  let mayLeakExpref: boolean;
  try {
    if (expression.length === 0) throw new JmesPathError("syntax", "Invalid JMESPath expression: cannot be empty.");
    const tokens = tokenize(expression);
    mayLeakExpref = tokens.some((t) => t.type === "expref");
    tree = parse(tokens, expression);
  } catch (err) {
    if (err instanceof RangeError) throw new JmesPathError("syntax", "maximum recursion depth exceeded");
    throw err;
  }
  const query = new CompiledQuery(expression, tree, mayLeakExpref);
  if (compiled.size >= CACHE_LIMIT) compiled.clear();
  compiled.set(expression, query);
  return query;
}

/**
 * Evaluates a compiled expression against a document; throws a JmesPathError.
 * Containers in the result may be shared with `doc`.
 */
export function evaluateExpression(query: CompiledQuery, doc: Doc): QueryResult {
  let out: Value;
  try {
    out = evaluate(query.tree, doc);
  } catch (err) {
    if (err instanceof RangeError) throw new JmesPathError("invalid-value", "maximum recursion depth exceeded");
    throw err;
  }
  // An expression reference cannot be printed; the CLI's JSON encoder gives up on it.
  if (query.mayLeakExpref && containsExpref(out)) {
    throw new JmesPathError("invalid-value", "Circular reference detected");
  }
  if (out instanceof PyFloat) return { value: out.value, isFloat: true };
  const value = out as Doc;
  return { value, isFloat: typeof value === "number" && !Number.isInteger(value) };
}

/** Compiles (cached) and evaluates `expression` against `doc`; throws a JmesPathError. */
export function searchExpression(expression: string, doc: Doc): QueryResult {
  return evaluateExpression(compileExpression(expression), doc);
}
