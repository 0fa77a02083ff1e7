// --output table. Every expected output here and in fixtures/recorded.json was
// printed by the real AWS CLI v2.9.19 (/usr/bin/aws) against a local moto
// server, given the document as a JMESPath literal (so the title is the
// operation name GetCallerIdentity):
//   aws sts get-caller-identity --endpoint-url http://127.0.0.1:PORT --output table --query '`<document>`'
// stdout piped (80 columns) unless noted; other widths were recorded with
// stdout on a pseudo-terminal of that many columns (see aws-cli.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Doc } from "../../../src/output/document.ts";
import { FormatError } from "../../../src/output/format-error.ts";
import { formatTable } from "../../../src/output/table.ts";
import { parsePyJson } from "./pyjson.ts";
import { testRecordedDocs, testRecordedTables } from "./recorded.ts";

const table = (json: string, width = 80, color = false, tty = false): string =>
  formatTable(parsePyJson(json), { title: "GetCallerIdentity", width, color, tty });

test("table: list of objects under a key, columns scaled to the widest section", () => {
  assert.equal(
    table(String.raw`{"Regions": [{"Endpoint": "ec2.us-east-1.amazonaws.com", "RegionName": "us-east-1", "OptInStatus": "opt-in-not-required"}, {"Endpoint": "ec2.eu-west-1.amazonaws.com", "RegionName": "eu-west-1", "OptInStatus": "opt-in-not-required"}, {"Endpoint": "ec2.ap-south-1.amazonaws.com", "RegionName": "ap-south-1", "OptInStatus": "opt-in-not-required"}]}`),
    `-------------------------------------------------------------------------
|                           GetCallerIdentity                           |
+-----------------------------------------------------------------------+
||                               Regions                               ||
|+-------------------------------+-----------------------+-------------+|
||           Endpoint            |      OptInStatus      | RegionName  ||
|+-------------------------------+-----------------------+-------------+|
||  ec2.us-east-1.amazonaws.com  |  opt-in-not-required  |  us-east-1  ||
||  ec2.eu-west-1.amazonaws.com  |  opt-in-not-required  |  eu-west-1  ||
||  ec2.ap-south-1.amazonaws.com |  opt-in-not-required  |  ap-south-1 ||
|+-------------------------------+-----------------------+-------------+|
`,
  );
});

test("table: a single-row section wider than the terminal turns vertical", () => {
  const doc = String.raw`{"InstanceId": "i-0123456789abcdef0", "ImageId": "ami-0123456789abcdef0", "PrivateDnsName": "ip-10-0-0-1.ec2.internal", "LaunchTime": "2023-01-01T00:00:00+00:00"}`;
  assert.equal(
    table(doc),
    `-------------------------------------------------
|               GetCallerIdentity               |
+-----------------+-----------------------------+
|  ImageId        |  ami-0123456789abcdef0      |
|  InstanceId     |  i-0123456789abcdef0        |
|  LaunchTime     |  2023-01-01T00:00:00+00:00  |
|  PrivateDnsName |  ip-10-0-0-1.ec2.internal   |
+-----------------+-----------------------------+
`,
  );
  // On a 120-column terminal it fits as one row.
  assert.equal(
    table(doc, 120),
    `-----------------------------------------------------------------------------------------------------------
|                                            GetCallerIdentity                                            |
+-----------------------+----------------------+-----------------------------+----------------------------+
|        ImageId        |     InstanceId       |         LaunchTime          |      PrivateDnsName        |
+-----------------------+----------------------+-----------------------------+----------------------------+
|  ami-0123456789abcdef0|  i-0123456789abcdef0 |  2023-01-01T00:00:00+00:00  |  ip-10-0-0-1.ec2.internal  |
+-----------------------+----------------------+-----------------------------+----------------------------+
`,
  );
});

test("table: East-Asian wide and ambiguous characters take two columns", () => {
  assert.equal(
    table(String.raw`{"cjk": "日本語のテキスト", "accents": "é", "cyrillic": "Привет", "fullwidth": "ＡＢＣ", "halfwidth": "ｱｲｳ", "日本": "キー"}`),
    `-----------------------------------
|        GetCallerIdentity        |
+------------+--------------------+
|  accents   |  é                |
|  cjk       |  日本語のテキスト  |
|  cyrillic  |  Привет      |
|  fullwidth |  ＡＢＣ            |
|  halfwidth |  ｱｲｳ               |
|  日本      |  キー              |
+------------+--------------------+
`,
  );
});

test("table: section titles wider than their columns, scalar lists, nested sections", () => {
  assert.equal(
    table(String.raw`{"a": 1, "AVeryLongSectionTitleThatIsWiderThanItsColumnsByFar": {"x": 1, "y": 2}, "l": [1, "two", 3.0, null, true]}`),
    `-------------------------------------------------------
|                  GetCallerIdentity                  |
+-------------------------+---------------------------+
|  a                      |  1                        |
+-------------------------+---------------------------+
||AVeryLongSectionTitleThatIsWiderThanItsColumnsByFar||
|+------------------------+--------------------------+|
||            x           |            y             ||
|+------------------------+--------------------------+|
||  1                     |  2                       ||
|+------------------------+--------------------------+|
||                         l                         ||
|+---------------------------------------------------+|
||  1                                                ||
||  two                                              ||
||  3.0                                              ||
||  None                                             ||
||  True                                             ||
|+---------------------------------------------------+|
`,
  );
});

test("table: a scalar document shows only the title; empty and falsy documents print nothing", () => {
  assert.equal(table(`"abc"`), "-------------------\n|GetCallerIdentity|\n+-----------------+\n");
  for (const empty of [{}, [], null, 0, false, ""] as Doc[]) {
    assert.equal(formatTable(empty, { title: "GetCallerIdentity", width: 80, color: false }), "");
  }
});

test("table: lists of lists of objects add rows to the enclosing section", () => {
  assert.equal(
    table(String.raw`[[{"a": 1}, {"a": 2}], [{"b": 1}]]`),
    `-------------------
|GetCallerIdentity|
+-----------------+
|        b        |
+-----------------+
|  1              |
|  2              |
|  1              |
+-----------------+
`,
  );
});

test("table: colour wraps cells and indent bars; every write ends with a reset", () => {
  assert.equal(
    table(String.raw`{"a": "x", "e": {"f": "g"}}`, 80, true),
    `-------------------
\x1b[0m\x1b[0m|GetCallerIdentity|\x1b[0m\x1b[0m
\x1b[0m\x1b[0m+-------+---------+\x1b[0m\x1b[0m
\x1b[0m\x1b[0m|  \x1b[1m\x1b[34ma\x1b[0m    |  \x1b[1m\x1b[34mx\x1b[0m      |\x1b[0m\x1b[0m
\x1b[0m\x1b[0m+-------+---------+\x1b[0m\x1b[0m
\x1b[0m\x1b[2m\x1b[33m|\x1b[0m\x1b[0m|       e       |\x1b[0m\x1b[2m\x1b[33m|\x1b[0m\x1b[0m
\x1b[0m\x1b[2m\x1b[33m|\x1b[0m\x1b[0m+------+--------+\x1b[0m\x1b[2m\x1b[33m|\x1b[0m\x1b[0m
\x1b[0m\x1b[2m\x1b[33m|\x1b[0m\x1b[0m|  \x1b[1m\x1b[34mf\x1b[0m   |  \x1b[1m\x1b[34mg\x1b[0m     |\x1b[0m\x1b[2m\x1b[33m|\x1b[0m\x1b[0m
\x1b[0m\x1b[2m\x1b[33m|\x1b[0m\x1b[0m+------+--------+\x1b[0m\x1b[2m\x1b[33m|\x1b[0m\x1b[0m
\x1b[0m`,
  );
  // On a terminal one more reset follows when the CLI exits, even with nothing to show.
  assert.equal(table(String.raw`{"a": "x", "e": {"f": "g"}}`, 80, true, true), table(String.raw`{"a": "x", "e": {"f": "g"}}`, 80, true) + "\x1b[0m");
  assert.equal(table("{}", 80, true, true), "\x1b[0m");
});

test("table: rows of different lengths and non-objects after an object fail like the CLI", () => {
  const fails = (json: string, message: string): void => {
    assert.throws(() => table(json), (e: unknown) => e instanceof FormatError && e.message === message && e.partial === "");
  };
  fails(String.raw`[[1, 2], [3]]`, "Row should have 2 elements, instead it has 1");
  fails(String.raw`[{"a": 1}, "x"]`, "string indices must be integers, not 'str'");
  fails(String.raw`[{"x": 1}, 3.0]`, "'float' object is not iterable");
  fails(String.raw`[{"x": 1}, []]`, "'list' object has no attribute 'get'");
});

testRecordedDocs("table");
testRecordedTables();
