// The JMESPath compliance suite of python jmespath 1.0.1 (the version the AWS
// CLI ships), run against kumo's --query engine. Results are compared the way
// the suite intends: 1 equals 1.0, booleans are never numbers, object key
// order does not matter. Error cases must raise the named error class.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import {
  compileQuery,
  searchQuery,
  QueryEvaluationError,
  QuerySyntaxError,
  type QueryErrorKind,
} from "../../../src/output/query.ts";
import type { Doc } from "../../../src/output/document.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const suiteDir = resolve(root, "../shared/conformance/jmespath");

interface Case {
  expression: string;
  result?: unknown;
  error?: QueryErrorKind;
  bench?: "parse" | "full";
  comment?: string;
}
interface Suite {
  given: unknown;
  cases: Case[];
  comment?: string;
}

/** JSON equality as the suite means it: numbers by value, booleans apart, keys unordered. */
function sameJson(actual: unknown, expected: unknown): boolean {
  if (typeof expected === "number") return typeof actual === "number" && actual === expected;
  if (expected === null || typeof expected !== "object") return actual === expected;
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((v, i) => sameJson(actual[i], v))
    );
  }
  if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const keys = Object.keys(e);
  return (
    keys.length === Object.keys(a).length &&
    keys.every((k) => Object.prototype.hasOwnProperty.call(a, k) && sameJson(a[k], e[k]))
  );
}

function run(c: Case, given: Doc): void {
  if (c.error !== undefined) {
    let caught: unknown;
    try {
      searchQuery(compileQuery(c.expression), given);
    } catch (err) {
      caught = err;
    }
    assert.ok(caught !== undefined, `expected a ${c.error} error`);
    if (c.error === "syntax") {
      assert.ok(caught instanceof QuerySyntaxError, `expected a syntax error, got ${String(caught)}`);
    } else {
      assert.ok(caught instanceof QueryEvaluationError, `expected an evaluation error, got ${String(caught)}`);
      assert.equal(caught.kind, c.error, caught.message);
    }
    return;
  }
  const compiled = compileQuery(c.expression);
  if (c.bench === "parse" && !("result" in c)) return;
  const actual = searchQuery(compiled, given);
  if ("result" in c) {
    assert.ok(
      sameJson(actual, c.result),
      `got ${JSON.stringify(actual)}, expected ${JSON.stringify(c.result)}`,
    );
  }
}

if (!existsSync(suiteDir)) {
  test("jmespath compliance suite", { skip: `conformance data not found at ${suiteDir}` }, () => {});
} else {
  const files = readdirSync(suiteDir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  test("the suite is there", () => {
    assert.ok(files.length >= 16, `only ${files.length} files in ${suiteDir}`);
  });
  for (const file of files) {
    const suites = JSON.parse(readFileSync(join(suiteDir, file), "utf8")) as Suite[];
    test(file, async (t) => {
      let n = 0;
      for (const suite of suites) {
        for (const c of suite.cases) {
          n++;
          const label = `#${n} ${c.expression.length > 80 ? c.expression.slice(0, 77) + "..." : c.expression}`;
          await t.test(label, () => run(c, suite.given as Doc));
        }
      }
    });
  }
}
