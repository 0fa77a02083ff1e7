// The errors of the JMESPath engine.
//
// Inside the engine every failure is a JmesPathError carrying the text python
// jmespath (or Python itself) would give. Callers that evaluate expressions
// from AWS models (paginators, waiters) let it propagate as it is: a general
// failure, exit 255, as an uncaught exception in the AWS CLI. `--query` turns
// it into QuerySyntaxError / QueryEvaluationError (query-option.ts).

import { GeneralError, ParamError } from "../../errors/index.ts";

export type QueryErrorKind = "syntax" | "invalid-type" | "invalid-arity" | "unknown-function" | "invalid-value";

/** A failure to compile or evaluate an expression, with python jmespath's message. Exit code 255. */
export class JmesPathError extends GeneralError {
  readonly kind: QueryErrorKind;
  constructor(kind: QueryErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

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
