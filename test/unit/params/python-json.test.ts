// JSON decoding with Python's json.loads messages. Expected texts were
// produced by Python 3.11's json module (json.loads with
// object_pairs_hook=OrderedDict, as the AWS CLI calls it).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  MAX_JSON_DEPTH,
  parsePythonJson,
  parsePythonJsonWithKind,
  PythonJsonError,
  PythonJsonRecursionError,
} from "../../../src/params/python-json.ts";
import { pyRepr } from "../../../src/params/python-values.ts";

function errorOf(text: string): string {
  try {
    parsePythonJson(text);
  } catch (e) {
    assert.ok(e instanceof PythonJsonError, String(e));
    return e.message;
  }
  assert.fail(`decoded without error: ${JSON.stringify(text)}`);
}

const ERRORS: [string, string][] = [
  ["", "Expecting value: line 1 column 1 (char 0)"],
  [" ", "Expecting value: line 1 column 2 (char 1)"],
  ["[", "Expecting value: line 1 column 2 (char 1)"],
  ["{", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"],
  ['[{"Name": "x"', "Expecting ',' delimiter: line 1 column 14 (char 13)"],
  ['{"a"', "Expecting ':' delimiter: line 1 column 5 (char 4)"],
  ['{"a":', "Expecting value: line 1 column 6 (char 5)"],
  ['{"a":1', "Expecting ',' delimiter: line 1 column 7 (char 6)"],
  ['{"a":1,', "Expecting property name enclosed in double quotes: line 1 column 8 (char 7)"],
  ['{"a":1,}', "Expecting property name enclosed in double quotes: line 1 column 8 (char 7)"],
  ["[1,]", "Expecting value: line 1 column 4 (char 3)"],
  ["[1 2]", "Expecting ',' delimiter: line 1 column 4 (char 3)"],
  ['{"a" 1}', "Expecting ':' delimiter: line 1 column 6 (char 5)"],
  ["{a:1}", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"],
  ["{'a':1}", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"],
  ["nul", "Expecting value: line 1 column 1 (char 0)"],
  ["tru", "Expecting value: line 1 column 1 (char 0)"],
  ["Infinit", "Expecting value: line 1 column 1 (char 0)"],
  ["[1]x", "Extra data: line 1 column 4 (char 3)"],
  ["  [1]  x", "Extra data: line 1 column 8 (char 7)"],
  ['{"a":1}}', "Extra data: line 1 column 8 (char 7)"],
  ['"abc', "Unterminated string starting at: line 1 column 1 (char 0)"],
  ['"\\', "Unterminated string starting at: line 1 column 1 (char 0)"],
  ['"a\\qb"', "Invalid \\escape: line 1 column 3 (char 2)"],
  ['"\\u12"', "Invalid \\uXXXX escape: line 1 column 3 (char 2)"],
  ['"\\u12x4"', "Invalid \\uXXXX escape: line 1 column 3 (char 2)"],
  ['"x\\u1234', "Invalid \\uXXXX escape: line 1 column 4 (char 3)"],
  ['"a\tb"', "Invalid control character at: line 1 column 3 (char 2)"],
  ['"a\nb"', "Invalid control character at: line 1 column 3 (char 2)"],
  ["-", "Expecting value: line 1 column 1 (char 0)"],
  ["-x", "Expecting value: line 1 column 1 (char 0)"],
  ["01", "Extra data: line 1 column 2 (char 1)"],
  ["1.", "Extra data: line 1 column 2 (char 1)"],
  ["1e", "Extra data: line 1 column 2 (char 1)"],
  ["1e+", "Extra data: line 1 column 2 (char 1)"],
  [".5", "Expecting value: line 1 column 1 (char 0)"],
  ["[\n1,\n2\n,]", "Expecting value: line 4 column 2 (char 8)"],
  ["\ufeff{}", "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)"],
  // positions count code points, not UTF-16 units
  ['["\u{1F600}" 1]', "Expecting ',' delimiter: line 1 column 6 (char 5)"],
];

describe("parsePythonJson: errors", () => {
  for (const [text, message] of ERRORS) {
    test(JSON.stringify(text), () => assert.equal(errorOf(text), message));
  }
});

const VALUES: [string, string][] = [
  ["[1] ", "[1]"],
  ['"\\ud83d\\ude00"', "'\u{1F600}'"],
  ['"\\ud83dx"', "'\\ud83dx'"],
  ['"\\u0041\\u00e9"', "'A\u00e9'"],
  ["[NaN, -Infinity, Infinity]", "[nan, -inf, inf]"],
  ['{"a": [1, 2.0, -0, 1E+2, 3e-7]}', "OrderedDict([('a', [1, 2.0, 0, 100.0, 3e-07])])"],
  ['{"b": 1, "a": {}, "b": 2}', "OrderedDict([('b', 2), ('a', OrderedDict())])"],
  ['{"x": null, "y": true, "z": false, "s": "it\'s"}', "OrderedDict([('x', None), ('y', True), ('z', False), ('s', \"it's\")])"],
];

describe("parsePythonJson: values as Python holds them", () => {
  for (const [text, repr] of VALUES) {
    test(JSON.stringify(text), () => assert.equal(pyRepr(parsePythonJson(text)), repr));
  }

  test("plain JavaScript values come out", () => {
    assert.deepStrictEqual(parsePythonJson('{"Name": "x", "Values": ["a", 1, 2.5, null]}'), {
      Name: "x",
      Values: ["a", 1, 2.5, null],
    });
  });

  test("a top-level number says whether it is a float", () => {
    assert.deepStrictEqual(parsePythonJsonWithKind("1e5"), { value: 100000, isFloat: true });
    assert.deepStrictEqual(parsePythonJsonWithKind("100000"), { value: 100000, isFloat: false });
  });

  test("__proto__ is an ordinary key", () => {
    const v = parsePythonJson('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
    assert.deepStrictEqual(Object.keys(v), ["__proto__"]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test(`nesting deeper than ${MAX_JSON_DEPTH} levels fails as the CLI does`, () => {
    const ok = "[".repeat(MAX_JSON_DEPTH) + "]".repeat(MAX_JSON_DEPTH);
    assert.ok(Array.isArray(parsePythonJson(ok)));
    const deep = "[".repeat(MAX_JSON_DEPTH) + "{}" + "]".repeat(MAX_JSON_DEPTH);
    assert.throws(
      () => parsePythonJson(deep),
      (e: unknown) =>
        e instanceof PythonJsonRecursionError &&
        e.message === "maximum recursion depth exceeded while decoding a JSON object from a unicode string",
    );
  });
});
