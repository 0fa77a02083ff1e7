// --query against answers recorded from the real AWS CLI v2 (2.9.19, python
// jmespath 1.0.1): syntax error texts (exit 252), evaluation error texts
// (exit 255) and results, including Python float/int distinctions. The
// recording is cli-recorded.json; record-cli.py in this folder regenerates it.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import {
  compileQuery,
  searchQueryResult,
  QueryEvaluationError,
  QuerySyntaxError,
} from "../../../src/output/query.ts";
import { isFloatAt, type Doc } from "../../../src/output/document.ts";

interface Recorded {
  cli: string;
  given: Doc;
  cases: { expression: string; exit: number; stdout?: string; stdout_raw?: string; stderr?: string }[];
}

const recorded = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), "cli-recorded.json"), "utf8"),
) as Recorded;

/** Python's float repr, enough for the values in the recording. */
function pyFloat(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "Infinity" : "-Infinity";
  if (Object.is(n, -0)) return "-0.0";
  const [m, e] = n.toExponential().split("e") as [string, string];
  const exp = Number(e);
  if (exp >= 16 || exp < -4) return `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return Number.isInteger(n) ? `${n}.0` : String(n);
}

/** json.dumps(value, separators=(",", ":"), ensure_ascii=False), honouring float marks. */
function pyJson(value: Doc, isFloat: boolean): string {
  if (typeof value === "number") return isFloat || !Number.isInteger(value) ? pyFloat(value) : String(value);
  if (typeof value === "string") {
    return `"${value.replace(/[\\"\u0000-\u001f]/g, (c) => {
      const named: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f" };
      return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    })}"`;
  }
  if (value === null || typeof value === "boolean") return JSON.stringify(value);
  if (Array.isArray(value)) {
    return `[${value.map((v, i) => pyJson(v, typeof v === "number" && isFloatAt(value, i, v))).join(",")}]`;
  }
  return `{${Object.keys(value)
    .map((k) => {
      const v = value[k] as Doc;
      return `${pyJson(k, false)}:${pyJson(v, typeof v === "number" && isFloatAt(value, k, v))}`;
    })
    .join(",")}}`;
}

/** Python prints an object's address in this one message; it cannot be reproduced. */
const withoutAddress = (s: string): string => s.replace(/ at 0x[0-9a-f]+>/g, ">");

test(`recorded from ${recorded.cli}`, async (t) => {
  assert.ok(recorded.cases.length > 100);
  for (const c of recorded.cases) {
    await t.test(JSON.stringify(c.expression), () => {
      if (c.exit === 252) {
        assert.throws(
          () => compileQuery(c.expression),
          (err: unknown) => {
            assert.ok(err instanceof QuerySyntaxError, String(err));
            assert.equal(err.exitCode, 252);
            assert.equal(err.message, c.stderr);
            return true;
          },
        );
        return;
      }
      const compiled = compileQuery(c.expression);
      if (c.exit === 255) {
        assert.throws(
          () => searchQueryResult(compiled, recorded.given),
          (err: unknown) => {
            assert.ok(err instanceof QueryEvaluationError, String(err));
            assert.equal(err.exitCode, 255);
            assert.equal(withoutAddress(err.message), withoutAddress(c.stderr ?? ""));
            return true;
          },
        );
        return;
      }
      assert.equal(c.exit, 0);
      const { value, isFloat } = searchQueryResult(compiled, recorded.given);
      assert.equal(pyJson(value, isFloat), c.stdout);
    });
  }
});
