// --output text. Every expected output here and in fixtures/recorded.json was
// printed by the real AWS CLI v2.9.19 (/usr/bin/aws) against a local moto
// server, given the document as a JMESPath literal:
//   aws sts get-caller-identity --endpoint-url http://127.0.0.1:PORT --output text --query '`<document>`'
// Failures were recorded the same way: the CLI exits 255 with the message on
// stderr, after what it had already written to stdout.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FormatError } from "../../../src/output/format-error.ts";
import { formatText } from "../../../src/output/text.ts";
import { parsePyJson } from "./pyjson.ts";
import { testRecordedDocs } from "./recorded.ts";

const text = (json: string): string => formatText(parsePyJson(json));

test("text: one record per object, scalars sorted by key, identifiers upper-cased", () => {
  assert.equal(
    text(String.raw`{"Reservations": [{"OwnerId": "123456789012", "ReservationId": "r-0a1b2c3d", "Groups": [], "Instances": [{"InstanceId": "i-0a1b2c3d4e5f60718", "InstanceType": "t3.micro", "State": {"Code": 16, "Name": "running"}, "Tags": [{"Key": "Name", "Value": "web"}, {"Key": "env", "Value": "dev"}], "SecurityGroups": [], "EbsOptimized": false, "StateReason": {"Code": "", "Message": ""}}, {"InstanceId": "i-0f9e8d7c6b5a40312", "State": {"Code": 80, "Name": "stopped"}, "Tags": [], "EbsOptimized": true}]}]}`),
    `RESERVATIONS\t123456789012\tr-0a1b2c3d
INSTANCES\tFalse\ti-0a1b2c3d4e5f60718\tt3.micro
STATE\t16\trunning
STATEREASON\t\t
TAGS\tName\tweb
TAGS\tenv\tdev
INSTANCES\tTrue\ti-0f9e8d7c6b5a40312\t
STATE\t80\tstopped
`,
  );
});

test("text: Python str() of scalars, scalar lists one per line under a key, lists of lists", () => {
  assert.equal(
    text(String.raw`{"z": null, "a": 1.50, "b": true, "l": [1, 2], "ll": [[1, 2], [3]], "s": "x y", "d": {"k": "v"}}`),
    `1.5\tTrue\tx y\tNone
D\tv
L\t1
L\t2
LL\t1
LL\t2
LL\t3
`,
  );
  assert.equal(text(String.raw`[[1, 2], [3, 4], ["a", "b"]]`), "1\t2\n3\t4\na\tb\n");
  assert.equal(text(String.raw`[1, "a", 2.0, null, false]`), "1\ta\t2.0\tNone\tFalse\n");
});

test("text: rows of a list of objects share the sorted union of scalar keys", () => {
  assert.equal(
    text(String.raw`[{"a": 1, "b": 2}, {"a": 3, "c": [1, 2]}, {"b": 4, "c": [], "d": {"x": "y"}}]`),
    `1\t2
3\t
C\t1
C\t2
\t4
D\ty
`,
  );
  assert.equal(text(String.raw`{"L": [{"k": 1}, {"k": "two", "j": 2.0}, {}]}`), "L\t\t1\nL\t2.0\ttwo\nL\t\t\n");
});

test("text: a container where another row has a scalar prints as Python repr", () => {
  assert.equal(
    text(String.raw`{"L": [{"k": 1, "n": {"m": 2}}, {"k": {"z": [1, "it's", null, true, 2.0, "q\"'", "é\u0001", "日本"]}, "n": 5}]}`),
    `L\t1\t{'m': 2}
L\t{'z': [1, "it's", None, True, 2.0, 'q"\\'', 'é\\x01', '日本']}\t5
`,
  );
});

test("text: float forms", () => {
  assert.equal(
    text(String.raw`{"f": [1.0, 1e15, 1e16, 1e-4, 1e-5, -0.0, 1E400, NaN], "i": [0, 9007199254740991]}`),
    `F\t1.0
F\t1000000000000000.0
F\t1e+16
F\t0.0001
F\t1e-05
F\t-0.0
F\tinf
F\tnan
I\t0
I\t9007199254740991
`,
  );
});

test("text: top-level scalars; empty containers print nothing", () => {
  assert.equal(formatText(null), "None\n");
  assert.equal(formatText(""), "\n");
  assert.equal(formatText(5), "5\n");
  assert.equal(formatText(true), "True\n");
  assert.equal(formatText("abc é"), "abc é\n");
  assert.equal(formatText([]), "");
  assert.equal(formatText({}), "");
});

test("text: a list mixing objects and other values fails like the CLI, keeping earlier output", () => {
  assert.throws(
    () => text(String.raw`{"a": [[1, [2, {"k": "v"}]], [], 3]}`),
    (e: unknown) => e instanceof FormatError && e.message === "'int' object has no attribute 'items'" && e.partial === "A\t3\nA\t1\n",
  );
  assert.throws(
    () => text(String.raw`[{"a": 1}, "x"]`),
    (e: unknown) => e instanceof FormatError && e.message === "'str' object has no attribute 'items'" && e.partial === "",
  );
});

testRecordedDocs("text");
