// `--query`: the engine's errors in the AWS CLI's words. A bad expression is
// a QuerySyntaxError (exit 252, `Bad value for --query <expr>: ...`); errors
// while evaluating (bad function arguments, unknown functions, Python
// TypeErrors and ValueErrors) are a QueryEvaluationError (exit 255) with the
// text the CLI prints.

import type { Doc } from "../document.ts";
import { JmesPathError, QueryEvaluationError, QuerySyntaxError, type QueryErrorKind } from "./errors.ts";
import { compileExpression, evaluateExpression, type CompiledQuery, type QueryResult } from "./expression.ts";

/** Compiles a JMESPath expression; throws QuerySyntaxError with the AWS CLI's message. */
export function compileQuery(expression: string): CompiledQuery {
  try {
    return compileExpression(expression);
  } catch (err) {
    if (err instanceof JmesPathError) throw new QuerySyntaxError(expression, err.message);
    throw err;
  }
}

/** Evaluates a compiled query. Containers in the result may be shared with `doc`. */
export function searchQuery(query: CompiledQuery, doc: Doc): Doc {
  return searchQueryResult(query, doc).value;
}

/** Like searchQuery, and also tells whether a top-level number is a Python float. */
export function searchQueryResult(query: CompiledQuery, doc: Doc): QueryResult {
  try {
    return evaluateExpression(query, doc);
  } catch (err) {
    if (err instanceof JmesPathError) {
      throw new QueryEvaluationError(err.kind as Exclude<QueryErrorKind, "syntax">, err.message);
    }
    throw err;
  }
}
