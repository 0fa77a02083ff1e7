// Python's scalar formatting as the AWS CLI relies on it. Expected values were
// produced by Python 3.11.2 (/usr/bin/python3, the interpreter /usr/bin/aws
// runs on): repr() of floats, sorted(), round(), repr() of containers, and
// unicodedata.east_asian_width for the table column widths.
// fixtures/float-repr.json: 600 float bit patterns (random bits, random
// magnitudes, rounded decimals) with repr(float) from that interpreter.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../helpers/run.ts";
import { markFloat } from "../../../src/output/document.ts";
import type { DocObject } from "../../../src/output/document.ts";
import { codePointLength, displayWidth, pyCompare, pyFloatRepr, pyRepr, pyRound, pyStr } from "../../../src/output/pyformat.ts";

test("pyFloatRepr: fixed notation from 1e-4 up to 1e16, exponent form outside, always a dot or exponent", () => {
  const cases: [number, string][] = [
    [0, "0.0"],
    [-0, "-0.0"],
    [1, "1.0"],
    [5, "5.0"],
    [1.5, "1.5"],
    [0.1, "0.1"],
    [0.2 + 0.1, "0.30000000000000004"],
    [1 / 3, "0.3333333333333333"],
    [100, "100.0"],
    [1e15, "1000000000000000.0"],
    [1e16, "1e+16"],
    [1.5e16, "1.5e+16"],
    [9999999999999998, "9999999999999998.0"],
    [1e22, "1e+22"],
    [1e-4, "0.0001"],
    [0.00012, "0.00012"],
    [1e-5, "1e-05"],
    [1e-7, "1e-07"],
    [2.5e-10, "2.5e-10"],
    [1.7976931348623157e308, "1.7976931348623157e+308"],
    [5e-324, "5e-324"],
    [123456789.123, "123456789.123"],
    [1e100, "1e+100"],
    [-1e-100, "-1e-100"],
    [Infinity, "inf"],
    [-Infinity, "-inf"],
    [NaN, "nan"],
  ];
  for (const [n, want] of cases) assert.equal(pyFloatRepr(n), want, `repr(${n})`);
});

test("pyFloatRepr matches Python for 600 recorded floats", () => {
  const file = JSON.parse(readFileSync(join(ROOT, "test/unit/output/fixtures/float-repr.json"), "utf8")) as {
    values: [string, string][];
  };
  assert.ok(file.values.length >= 500);
  for (const [hex, want] of file.values) {
    const n = Buffer.from(hex, "hex").readDoubleLE(0);
    assert.equal(pyFloatRepr(n), want, `bits ${hex}`);
  }
});

test("pyStr: booleans, None, ints, floats as Python str()", () => {
  assert.equal(pyStr(true, false), "True");
  assert.equal(pyStr(false, false), "False");
  assert.equal(pyStr(null, false), "None");
  assert.equal(pyStr("x y", false), "x y");
  assert.equal(pyStr(5, false), "5");
  assert.equal(pyStr(5, true), "5.0");
  assert.equal(pyStr(2.5, false), "2.5");
  assert.equal(pyStr(1e16, true), "1e+16");
  assert.equal(pyStr(1e21, false), "1000000000000000000000");
  assert.equal(pyStr(-0, false), "0");
});

test("pyRepr: containers as Python repr(), with float marks and str quoting", () => {
  const inner = [null, true, false, 2, "q\"'", "é\x01", "日本", "\t\n\r\\", "\x7f", "\u200b", "😀", "\u{E0001}"];
  markFloat(inner, 3);
  const doc: DocObject = { a: 1, "it's": inner };
  assert.equal(
    pyRepr(doc),
    `{'a': 1, "it's": [None, True, False, 2.0, 'q"\\'', 'é\\x01', '日本', '\\t\\n\\r\\\\', '\\x7f', '\\u200b', '😀', '\\U000e0001']}`,
  );
  assert.equal(pyRepr([]), "[]");
  assert.equal(pyRepr({}), "{}");
});

test("displayWidth: East-Asian wide, fullwidth and ambiguous characters count 2 (Python unicodedata 14.0)", () => {
  const cases: [string, number][] = [
    ["abc", 3],
    ["日本語", 6],
    ["Привет", 12],
    ["αβγ", 6],
    ["é", 2],
    ["e\u0301", 3],
    ["😀", 2],
    ["ＡＢＣ", 6],
    ["ｱｲｳ", 3],
    ["\u00a1", 2],
    ["·", 2],
    ["—", 2],
    ["…", 2],
    ["€", 2],
    ["한국어", 6],
    ["ㄱ", 2],
    ["\u3000", 2],
    ["\ufe0f", 2],
    ["\u200b", 1],
    ["\u{20000}", 2],
    ["a\u00a0b", 3],
    ["±×÷", 6],
    ["①", 2],
    ["→", 2],
    ["♥", 2],
    ["", 0],
  ];
  for (const [s, want] of cases) assert.equal(displayWidth(s), want, JSON.stringify(s));
});

test("codePointLength counts astral characters once", () => {
  assert.equal(codePointLength("a😀b"), 3);
  assert.equal(codePointLength("日本"), 2);
});

test("pyCompare sorts by code point like Python's sorted()", () => {
  const keys = ["b", "a", "B", "_", "Z", "é", "e", "日本", "😀", "\uff01", "ab", "a", ""];
  assert.deepEqual(keys.sort(pyCompare), ["", "B", "Z", "_", "a", "a", "ab", "b", "e", "é", "日本", "\uff01", "😀"]);
});

test("pyRound rounds halves to even", () => {
  const got = [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, 2.4999, 2.5000001, 10.5, 11.5].map(pyRound);
  assert.deepEqual(got, [0, 2, 2, 4, 0, -2, 2, 3, 10, 12]);
});
