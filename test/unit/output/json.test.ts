// --output json. Every expected output here and in fixtures/recorded.json was
// printed by the real AWS CLI v2.9.19 (/usr/bin/aws) against a local moto
// server, given the document as a JMESPath literal:
//   aws sts get-caller-identity --endpoint-url http://127.0.0.1:PORT --output json --query '`<document>`'
// (record-fixtures.ts re-records the fixture file).
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatJson } from "../../../src/output/json.ts";
import { parsePyJson } from "./pyjson.ts";
import { testRecordedDocs } from "./recorded.ts";

test("json keeps key order, indents by 4, prints floats as Python repr", () => {
  const doc = parsePyJson(String.raw`{"z": null, "a": 1.50, "b": true, "l": [1, 2], "ll": [[1, 2], [3]], "s": "x y", "d": {"k": "v"}}`);
  assert.equal(
    formatJson(doc),
    `{
    "z": null,
    "a": 1.5,
    "b": true,
    "l": [
        1,
        2
    ],
    "ll": [
        [
            1,
            2
        ],
        [
            3
        ]
    ],
    "s": "x y",
    "d": {
        "k": "v"
    }
}
`,
  );
});

test("json float forms: 5.0, 1e-07, 1e+16, Infinity, NaN", () => {
  const doc = parsePyJson(String.raw`{"f": [1.0, 5.0, 1e15, 1e16, 1e-4, 1e-5, 1e-7, -0.0, 2.0e-5], "s": [1E400, -1E400, NaN], "i": [0, -1, 9007199254740991]}`);
  assert.equal(
    formatJson(doc),
    `{
    "f": [
        1.0,
        5.0,
        1000000000000000.0,
        1e+16,
        0.0001,
        1e-05,
        1e-07,
        -0.0,
        2e-05
    ],
    "s": [
        Infinity,
        -Infinity,
        NaN
    ],
    "i": [
        0,
        -1,
        9007199254740991
    ]
}
`,
  );
});

test("json escapes control characters only; non-ASCII stays raw", () => {
  const doc = parsePyJson(
    String.raw`{"tab": "a\tb", "nul": "a\u0000b", "esc": "a\u001bb", "del": "a\u007fb", "ls": "a\u2028b", "bs": "a\\b", "q": "a\"b", "slash": "a/b", "日本": "😀 é"}`,
  );
  assert.equal(
    formatJson(doc),
    `{
    "tab": "a\\tb",
    "nul": "a\\u0000b",
    "esc": "a\\u001bb",
    "del": "a\u007fb",
    "ls": "a\u2028b",
    "bs": "a\\\\b",
    "q": "a\\"b",
    "slash": "a/b",
    "日本": "😀 é"
}
`,
  );
});

test("json empty containers inline; empty dict document prints nothing", () => {
  assert.equal(formatJson(parsePyJson(`{"l": [], "d": {}, "n": [[], {}]}`)), `{
    "l": [],
    "d": {},
    "n": [
        [],
        {}
    ]
}
`);
  assert.equal(formatJson({}), "");
  assert.equal(formatJson([]), "[]\n");
});

test("json top-level scalars", () => {
  assert.equal(formatJson("abc é"), `"abc é"\n`);
  assert.equal(formatJson(null), "null\n");
  assert.equal(formatJson(3), "3\n");
  assert.equal(formatJson(2.5), "2.5\n");
  assert.equal(formatJson(""), `""\n`);
  assert.equal(formatJson(false), "false\n");
});

testRecordedDocs("json");
