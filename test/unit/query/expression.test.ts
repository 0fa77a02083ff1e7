// The engine's plain entry points (used by paginators and waiters) and how
// `--query` words the same failures.

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  compileExpression,
  compileQuery,
  evaluateExpression,
  JmesPathError,
  QueryEvaluationError,
  QuerySyntaxError,
  searchExpression,
  searchQueryResult,
} from "../../../src/output/query.ts";
import { GeneralError, ParamError } from "../../../src/errors/index.ts";
import { isFloatAt, markFloat, type DocArray, type DocObject } from "../../../src/output/document.ts";

const SYNTAX_DETAIL =
  'Expecting: [\'quoted_identifier\', \'unquoted_identifier\', \'lbracket\', \'lbrace\'], got: number: Parse error at column 2, token "1" (NUMBER), for expression:\n"a.1"\n   ^';

test("compileExpression: syntax errors carry python jmespath's text only (exit 255)", () => {
  assert.throws(
    () => compileExpression("a.1"),
    (e: unknown) => e instanceof JmesPathError && e instanceof GeneralError && e.kind === "syntax" && e.exitCode === 255 && e.message === SYNTAX_DETAIL,
  );
  assert.throws(() => compileExpression(""), { message: "Invalid JMESPath expression: cannot be empty." });
});

test("compileQuery: the same failure in --query's words (exit 252)", () => {
  assert.throws(
    () => compileQuery("a.1"),
    (e: unknown) =>
      e instanceof QuerySyntaxError &&
      e instanceof ParamError &&
      e.exitCode === 252 &&
      e.detail === SYNTAX_DETAIL &&
      e.message === `Bad value for --query a.1: ${SYNTAX_DETAIL}`,
  );
});

test("evaluateExpression: result, float kind, and evaluation errors as JmesPathError", () => {
  const doc: DocObject = { Datapoints: [{ Average: 5 }, { Average: 2.5 }] };
  markFloat((doc["Datapoints"] as DocObject[])[0] as DocObject, "Average");
  const first = evaluateExpression(compileExpression("Datapoints[0].Average"), doc);
  assert.deepEqual(first, { value: 5, isFloat: true });
  const all = searchExpression("Datapoints[].Average", doc);
  assert.deepEqual(all.value, [5, 2.5]);
  assert.equal(isFloatAt(all.value as DocArray, 0, 5), true);
  assert.deepEqual(searchExpression("length(Datapoints)", doc), { value: 2, isFloat: false });

  const message = `In function abs(), invalid type for value: a, expected one of: ['number'], received: "string"`;
  assert.throws(
    () => searchExpression("abs('a')", doc),
    (e: unknown) => e instanceof JmesPathError && e.kind === "invalid-type" && e.exitCode === 255 && e.message === message,
  );
  // --query reports the same text as a QueryEvaluationError.
  assert.throws(
    () => searchQueryResult(compileQuery("abs('a')"), doc),
    (e: unknown) => e instanceof QueryEvaluationError && !(e instanceof JmesPathError) && e.kind === "invalid-type" && e.message === message,
  );
});
