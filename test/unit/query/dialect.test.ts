// Where the AWS CLI's JMESPath (python jmespath 1.0.1) differs from other
// JMESPath engines, notably the community edition (arithmetic, `let`,
// variables, the ternary operator, extra functions, string slices), and how
// Python floats survive a query.

import { test } from "node:test";
import assert from "node:assert/strict";

import {
  compileQuery,
  searchQuery,
  searchQueryResult,
  QueryEvaluationError,
  QuerySyntaxError,
} from "../../../src/output/query.ts";
import { isFloatAt, markFloat, type Doc, type DocArray, type DocObject } from "../../../src/output/document.ts";

const q = (expression: string, doc: Doc = null): Doc => searchQuery(compileQuery(expression), doc);

function syntaxError(expression: string): QuerySyntaxError {
  try {
    compileQuery(expression);
  } catch (err) {
    assert.ok(err instanceof QuerySyntaxError, `${expression}: ${String(err)}`);
    return err;
  }
  assert.fail(`${expression} compiled`);
}

function evaluationError(expression: string, doc: Doc = null): QueryEvaluationError {
  const compiled = compileQuery(expression);
  try {
    searchQuery(compiled, doc);
  } catch (err) {
    assert.ok(err instanceof QueryEvaluationError, `${expression}: ${String(err)}`);
    return err;
  }
  assert.fail(`${expression} evaluated`);
}

test("the message and exit code for an incomplete expression", () => {
  const err = syntaxError("foo[");
  assert.equal(err.message, 'Bad value for --query foo[: Invalid jmespath expression: Incomplete expression:\n"foo["\n     ^');
  assert.equal(err.exitCode, 252);
  assert.equal(err.expression, "foo[");
  assert.equal(err.detail, 'Invalid jmespath expression: Incomplete expression:\n"foo["\n     ^');
});

test("syntax beyond python jmespath 1.0.1 is rejected", () => {
  const rejected = [
    "a + b",
    "a - b",
    "-a",
    "a * b",
    "a / b",
    "a // b",
    "a % b",
    "a \u2212 b",
    "a \u00d7 b",
    "a \u00f7 b",
    "$",
    "$.a",
    "$x",
    "let $x = a in $x",
    "a ? b : c",
    "a = b",
    "[a b]",
    "[ ]",
    "[1-2]",
    "'abc",
    "`1",
  ];
  for (const expression of rejected) assert.equal(syntaxError(expression).exitCode, 252, expression);
  assert.match(syntaxError("a + b").message, /Unknown token \+:\na \+ b\n {2}\^$/);
  assert.match(syntaxError("a * b").message, /^Bad value for --query a \* b: invalid token: Parse error at column 2, token "\*" \(STAR\)/);
});

test("quirks of the reference grammar are kept", () => {
  // A missing comma between hash entries or function arguments is tolerated.
  assert.deepEqual(q("{a: a b: b}", { a: 1, b: 2 }), { a: 1, b: 2 });
  assert.deepEqual(q("length(@ )", [1]), 1);
  assert.deepEqual(q("length(@,)", [1]), 1);
  // A later number in a slice overwrites the earlier one.
  assert.deepEqual(q("[1:2 3]", [0, 1, 2, 3, 4]), [1, 2]);
  // An index after an index does not start a projection.
  assert.equal(q("[0][0:2].a", [[{ a: 1 }, { a: 2 }]]), null);
  assert.deepEqual(q("[0:1][0].a", [[{ a: 1 }, { a: 2 }]]), [1]);
});

test("functions of the community edition are unknown", () => {
  const extra = [
    "upper('a')",
    "lower('a')",
    "split('a,b', ',')",
    "replace('a', 'a', 'b')",
    "trim(' a ')",
    "trim_left(' a')",
    "trim_right('a ')",
    "pad_left('a', `3`)",
    "pad_right('a', `3`)",
    "find_first('abc', 'b')",
    "find_last('abc', 'b')",
    "items(@)",
    "from_items(`[]`)",
    "group_by(@, &a)",
    "zip(`[1]`, `[2]`)",
  ];
  for (const expression of extra) {
    const name = expression.slice(0, expression.indexOf("("));
    const err = evaluationError(expression, {});
    assert.equal(err.kind, "unknown-function");
    assert.equal(err.message, `Unknown function: ${name}()`);
    assert.equal(err.exitCode, 255);
  }
});

test("slices apply to arrays only", () => {
  assert.equal(q("'abc'[0:1]"), null);
  assert.equal(q("[::-1]", "abc"), null);
  assert.deepEqual(q("[::-1]", [1, 2, 3]), [3, 2, 1]);
  assert.deepEqual(q("[-10:10:-1]", [0, 1, 2]), []);
  assert.deepEqual(q("[10:-10:-1]", [0, 1, 2]), [2, 1, 0]);
  assert.equal(evaluationError("[::0]", [1]).message, "slice step cannot be zero");
  assert.equal(q("[::0]", "not a list"), null);
});

test("literals: raw strings keep backslashes, legacy backtick strings", () => {
  assert.equal(q("'a\\\\b'"), "a\\\\b");
  assert.equal(q("'it\\'s'"), "it's");
  assert.equal(q("`foo`"), "foo");
  assert.equal(q("`  foo bar`"), "foo bar");
  assert.equal(q("` true `"), true);
  assert.equal(q("``"), "");
  assert.equal(q('`"a\\`b\\`c"`'), "a`b`c");
  assert.ok(Number.isNaN(q("`NaN`") as number));
  assert.equal(q("`-Infinity`"), -Infinity);
  assert.match(syntaxError('`a"b`').message, /Bad token a"b:/);
});

test("sorting and min/max follow Python", () => {
  assert.deepEqual(q("sort(@)", [10, 9, 100, 1.5]), [1.5, 9, 10, 100]);
  assert.deepEqual(q("sort(@)", ["b", "B", "a", "\uffff", "\u{1f600}"]), ["B", "a", "b", "\uffff", "\u{1f600}"]);
  assert.equal(q("max(@)", ["a", "B"]), "a");
  assert.equal(q("min(@)", ["\u{1f600}", "\uffff"]), "\uffff");
  assert.deepEqual(q("max_by(@, &k)", [{ k: "a" }, { k: "b", n: 1 }, { k: "b", n: 2 }]), { k: "b", n: 1 });
  assert.deepEqual(q("min_by(@, &k)", [{ k: 2 }, { k: 1, n: 1 }, { k: 1, n: 2 }]), { k: 1, n: 1 });
  assert.deepEqual(q("sort_by(@, &k)[].n", [{ k: 1, n: 1 }, { k: 0, n: 2 }, { k: 1, n: 3 }]), [2, 1, 3]);
  assert.equal(q("'\uffff' < '\u{1f600}'"), true);
  assert.equal(
    evaluationError("min_by(@, &k)", [{ k: 1 }, { k: "a" }]).message,
    "'<' not supported between instances of 'str' and 'int'",
  );
});

test("equality follows Python", () => {
  assert.equal(q("`1` == `1.0`"), true);
  assert.equal(q("`1` == `true`"), false);
  assert.equal(q("`0` == `false`"), false);
  assert.equal(q("`[1]` == `[true]`"), true);
  assert.equal(q("contains(`[1]`, `true`)"), true);
  assert.equal(q("contains(@, `[1, {\"a\": 1.0}]`)", [[1, { a: 1 }]]), true);
  assert.equal(q("`{\"a\": 1, \"b\": 2}` == `{\"b\": 2, \"a\": 1}`"), true);
  assert.equal(q("!`0`"), false);
});

test("fields named like Object.prototype members are just missing", () => {
  const doc = { a: {} };
  for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"]) {
    assert.equal(q(name, doc), null, name);
    assert.equal(q(`a.${name}`, doc), null, name);
  }
  assert.equal(evaluationError("constructor(@)", doc).kind, "unknown-function");
  assert.equal(evaluationError("toString(@)", doc).kind, "unknown-function");
});

test("a multi-select key named __proto__ is an ordinary key", () => {
  const out = q("{__proto__: a, b: b}", { a: 1, b: 2 }) as DocObject;
  assert.deepEqual(Object.keys(out), ["__proto__", "b"]);
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.equal(out["__proto__"], 1);
});

test("integral floats keep their kind through a query", () => {
  const first: DocObject = { Average: 5, Sum: 10 };
  markFloat(first, "Average");
  const second: DocObject = { Average: 2.5, Sum: 3 };
  const doc: DocObject = { Datapoints: [first, second] };

  const averages = q("Datapoints[].Average", doc) as DocArray;
  assert.deepEqual(averages, [5, 2.5]);
  assert.ok(isFloatAt(averages, 0, 5));

  const sums = q("Datapoints[].Sum", doc) as DocArray;
  assert.ok(!isFloatAt(sums, 0, 10));

  assert.deepEqual(searchQueryResult(compileQuery("Datapoints[0].Average"), doc), { value: 5, isFloat: true });
  assert.deepEqual(searchQueryResult(compileQuery("Datapoints[0].Sum"), doc), { value: 10, isFloat: false });
  assert.deepEqual(searchQueryResult(compileQuery("Datapoints[1].Average"), doc), { value: 2.5, isFloat: true });

  const picked = q("{avg: Datapoints[0].Average, sum: Datapoints[0].Sum}", doc) as DocObject;
  assert.ok(isFloatAt(picked, "avg", 5));
  assert.ok(!isFloatAt(picked, "sum", 10));

  assert.deepEqual(searchQueryResult(compileQuery("sum(Datapoints[].Sum)"), doc), { value: 13, isFloat: false });
  assert.deepEqual(searchQueryResult(compileQuery("sum(`[1, 2.0]`)"), null), { value: 3, isFloat: true });
  assert.deepEqual(searchQueryResult(compileQuery("max(Datapoints[].Average)"), doc), { value: 5, isFloat: true });
  assert.deepEqual(searchQueryResult(compileQuery("ceil(`1.5`)"), null), { value: 2, isFloat: false });
  assert.deepEqual(searchQueryResult(compileQuery("abs(`-2.0`)"), null), { value: 2, isFloat: true });
  assert.deepEqual(searchQueryResult(compileQuery("to_number('3.0')"), null), { value: 3, isFloat: true });
  assert.equal(q("to_string(Datapoints[0])", doc), '{"Average":5.0,"Sum":10}');

  // A container picked out whole is the input's own, with its marks.
  assert.equal(q("Datapoints[0]", doc), first);
});

test("to_number parses as Python's int() and float() do", () => {
  const cases: [string, number | null, boolean][] = [
    ["12", 12, false],
    [" 12 ", 12, false],
    ["1_000", 1000, false],
    ["-0", 0, false],
    ["1e3", 1000, true],
    ["5.", 5, true],
    [".5", 0.5, true],
    ["\u0661\u0662", 12, false],
    ["1__0", null, false],
    ["0x10", null, false],
    ["", null, false],
    ["abc", null, false],
  ];
  for (const [text, value, isFloat] of cases) {
    const r = searchQueryResult(compileQuery("to_number(@)"), text);
    assert.deepEqual(r, { value, isFloat: value === null ? false : isFloat }, JSON.stringify(text));
  }
  assert.equal(q("to_number(@)", "-inf"), -Infinity);
  assert.equal(q("to_number(@)", true), null);
});

test("an expression reference cannot be a result", () => {
  const err = evaluationError("&a");
  assert.equal(err.message, "Circular reference detected");
  assert.equal(q("type(&a)"), null);
  assert.equal(q("length([&a])", {}), 1);
});

test("compiled queries are cached per expression", () => {
  const a = compileQuery("Reservations[].Instances[].InstanceId");
  assert.equal(compileQuery("Reservations[].Instances[].InstanceId"), a);
  assert.notEqual(compileQuery("Reservations[].Instances[].InstanceType"), a);
  assert.equal(a.expression, "Reservations[].Instances[].InstanceId");
});

test("compiling and evaluating typical queries takes well under a millisecond", () => {
  const instances = Array.from({ length: 20 }, (_, i) => ({
    InstanceId: `i-${i}`,
    InstanceType: "t3.micro",
    State: { Name: i % 2 ? "running" : "stopped" },
    Tags: [{ Key: "Name", Value: `web-${i}` }],
  }));
  const doc = { Reservations: [{ Instances: instances }, { Instances: instances }] };
  // The fastest of several batches, so that a busy machine does not decide the outcome.
  const batches = 10;
  const rounds = 200;
  let best = Infinity;
  for (let b = 0; b < batches; b++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) {
      // A different expression each round, so every round compiles.
      const expression =
        `Reservations[].Instances[?State.Name=='running'].{Id: InstanceId, Type: InstanceType, ` +
        `Name: Tags[?Key=='Name'] | [0].Value, N${b}x${i}: length(Tags)}`;
      searchQuery(compileQuery(expression), doc);
    }
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6 / rounds);
  }
  assert.ok(best < 0.5, `${best.toFixed(3)} ms per compile and search`);
});
