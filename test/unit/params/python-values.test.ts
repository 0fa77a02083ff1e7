// Python's printing and number parsing, as the AWS CLI's messages show them.
// Expected texts are Python 3.11's repr()/int()/float() results.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  markFloat,
  markOrderedDict,
  pyBytesRepr,
  pyFloatOf,
  pyFloatRepr,
  pyIntOf,
  pyRepr,
  pyStr,
  pyStrRepr,
  pyTypeName,
} from "../../../src/params/python-values.ts";

describe("pyFloatRepr", () => {
  const cases: [number, string][] = [
    [1, "1.0"],
    [0.1, "0.1"],
    [1e16, "1e+16"],
    [1e15, "1000000000000000.0"],
    [123456789012345680, "1.2345678901234568e+17"],
    [1234567890123456, "1234567890123456.0"],
    [0.0001, "0.0001"],
    [0.00001, "1e-05"],
    [1e-7, "1e-07"],
    [-0, "-0.0"],
    [1.5e300, "1.5e+300"],
    [5e-324, "5e-324"],
    [2.5, "2.5"],
    [100000, "100000.0"],
    [1e22, "1e+22"],
    [NaN, "nan"],
    [Infinity, "inf"],
    [-Infinity, "-inf"],
    [0.1 + 0.2, "0.30000000000000004"],
  ];
  for (const [x, repr] of cases) test(repr, () => assert.equal(pyFloatRepr(x), repr));
});

describe("pyStrRepr / pyBytesRepr", () => {
  const strs: [string, string][] = [
    ["abc", "'abc'"],
    ["it's", `"it's"`],
    ['say "hi"', `'say "hi"'`],
    [`both ' and "`, `'both \\' and "'`],
    ["tab\there", "'tab\\there'"],
    ["nl\n", "'nl\\n'"],
    ["back\\slash", "'back\\\\slash'"],
    ["\x00\x7f\x80\xa0\xad", "'\\x00\\x7f\\x80\\xa0\\xad'"],
    ["\u00e9\u{1F600}", "'\u00e9\u{1F600}'"],
    ["\u2028", "'\\u2028'"],
    ["\ud800", "'\\ud800'"],
    ["\u{1D7CE}", "'\u{1D7CE}'"],
    ["\u0378", "'\\u0378'"],
  ];
  for (const [s, repr] of strs) test(repr, () => assert.equal(pyStrRepr(s), repr));

  const bytes: [number[], string][] = [
    [[0x61, 0x62, 0x63], "b'abc'"],
    [[0x69, 0x74, 0x27, 0x73], `b"it's"`],
    [[0x00, 0xff, 0x5c, 0x27, 0x22], `b'\\x00\\xff\\\\\\'"'`],
    [[0x09, 0x0a, 0x0d], "b'\\t\\n\\r'"],
  ];
  for (const [b, repr] of bytes) test(repr, () => assert.equal(pyBytesRepr(Uint8Array.from(b)), repr));
});

describe("pyRepr / pyStr / pyTypeName", () => {
  test("containers, with OrderedDicts and floats where recorded", () => {
    const inner = { a: 1, b: [1, 2.5, null, true] };
    markOrderedDict(inner);
    markFloat(inner, "a");
    assert.equal(pyRepr(inner), "OrderedDict([('a', 1.0), ('b', [1, 2.5, None, True])])");
    assert.equal(pyRepr({ k: "v", n: { x: false } }), "{'k': 'v', 'n': {'x': False}}");
    assert.equal(pyRepr([]), "[]");
    const empty = {};
    markOrderedDict(empty);
    assert.equal(pyRepr(empty), "OrderedDict()");
  });

  test("str() leaves strings bare", () => {
    assert.equal(pyStr("abc"), "abc");
    assert.equal(pyStr(["abc"]), "['abc']");
    assert.equal(pyStr(null), "None");
    assert.equal(pyStr(new Date(Date.UTC(2023, 0, 2, 3, 4, 5, 600))), "2023-01-02 03:04:05.600000+00:00");
  });

  test("type names", () => {
    const box = [1];
    markFloat(box, 0);
    const od = {};
    markOrderedDict(od);
    assert.equal(pyTypeName("x"), "<class 'str'>");
    assert.equal(pyTypeName(1), "<class 'int'>");
    assert.equal(pyTypeName(1.5), "<class 'float'>");
    assert.equal(pyTypeName(box[0], box, 0), "<class 'float'>");
    assert.equal(pyTypeName(true), "<class 'bool'>");
    assert.equal(pyTypeName(null), "<class 'NoneType'>");
    assert.equal(pyTypeName([]), "<class 'list'>");
    assert.equal(pyTypeName({}), "<class 'dict'>");
    assert.equal(pyTypeName(od), "<class 'collections.OrderedDict'>");
    assert.equal(pyTypeName(new Uint8Array(1)), "<class 'bytes'>");
  });

  test("large integers print all their digits", () => {
    assert.equal(pyRepr(1e21), "1000000000000000000000");
    assert.equal(pyRepr(-0), "0");
  });
});

describe("pyIntOf / pyFloatOf", () => {
  // [text, int(text) or undefined, repr(float(text)) or undefined]
  const cases: [string, number | undefined, string | undefined][] = [
    ["1e1_0", undefined, "10000000000.0"],
    ["1_0.5", undefined, "10.5"],
    ["1._5", undefined, undefined],
    ["1.5_", undefined, undefined],
    [".5", undefined, "0.5"],
    ["5.", undefined, "5.0"],
    ["+.5e-3", undefined, "0.0005"],
    [" 1 ", 1, "1.0"],
    ["\u00a01\u2003", 1, "1.0"],
    ["\u0661\u0662", 12, "12.0"],
    ["1__0", undefined, undefined],
    ["inf", undefined, "inf"],
    ["-Infinity", undefined, "-inf"],
    ["nAn", undefined, "nan"],
    ["infinit", undefined, undefined],
    ["1e", undefined, undefined],
    ["e5", undefined, undefined],
    ["0x10", undefined, undefined],
    ["1_000", 1000, "1000.0"],
    [" -0 ", 0, "-0.0"],
    ["+-1", undefined, undefined],
    ["\x1c5\x1f", undefined, undefined],
    ["\u0663.\u0665", undefined, "3.5"],
    ["1.5e+3_0", undefined, "1.5e+30"],
    ["1e+_3", undefined, undefined],
    ["0_0", 0, "0.0"],
    ["00", 0, "0.0"],
    ["1 0", undefined, undefined],
    ["", undefined, undefined],
    ["\u{1D7CF}\u{1D7D0}", 12, "12.0"],
  ];
  for (const [text, int, float] of cases) {
    test(JSON.stringify(text), () => {
      assert.equal(pyIntOf(text), int);
      const f = pyFloatOf(text);
      assert.equal(f === undefined ? undefined : pyFloatRepr(f), float);
    });
  }
});
