import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeToken, encodeToken, pyB64Decode, pyJsonDumps, pyTruthy } from "../../../src/paginate/token.ts";
import { GeneralError } from "../../../src/errors/index.ts";
import { markFloat, type DocObject } from "../../../src/output/document.ts";

// Tokens printed by the real AWS CLI v2 2.9.19 (/usr/bin/aws) against a local
// moto server, with the dict each one decodes to (`base64 -d`). Recorded with:
//   aws iam create-user --user-name {alice,bob,carol}; aws iam list-users --max-items 1
//   aws s3api list-objects-v2 --bucket bkt --page-size 2 --max-items {3,4}      (keys a..e)
//   aws dynamodb scan --table-name tbl --page-size {1,2} --max-items {2,3}       (binary hash key)
//   aws dynamodb scan --table-name stbl --page-size 1 --max-items {1,2,3,5}      (string keys
//     'q"\x<TAB>/', '\x7f\x01\b\f\r\n\u2028~ ', 'é1', '日本', '😀', '😀2')
//   aws dynamodb scan --table-name stbl --page-size 2 --max-items 1 --starting-token <the 'é1' token>
const CLI_VECTORS: { token: string; dict: Record<string, unknown>; blobs?: (string | number)[][] }[] = [
  {
    token: "eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==",
    dict: { Marker: null, boto_truncate_amount: 1 },
  },
  {
    token: "eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ==",
    dict: { NextToken: null, boto_truncate_amount: 2 },
  },
  {
    token: "eyJDb250aW51YXRpb25Ub2tlbiI6ICI5MmViNWZmZWU2YWUyZmVjM2FkNzFjNzc3NTMxNTc4ZiIsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDF9",
    dict: { ContinuationToken: "92eb5ffee6ae2fec3ad71c777531578f", boto_truncate_amount: 1 },
  },
  {
    token: "eyJDb250aW51YXRpb25Ub2tlbiI6ICI4Mjc3ZTA5MTBkNzUwMTk1YjQ0ODc5NzYxNmUwOTFhZCJ9",
    dict: { ContinuationToken: "8277e0910d750195b448797616e091ad" },
  },
  {
    token: "eyJFeGNsdXNpdmVTdGFydEtleSI6IG51bGwsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDJ9",
    dict: { ExclusiveStartKey: null, boto_truncate_amount: 2 },
  },
  {
    token: "eyJFeGNsdXNpdmVTdGFydEtleSI6IHsicGsiOiB7IkIiOiAiQVFJPSJ9fSwgImJvdG9fZW5jb2RlZF9rZXlzIjogW1siRXhjbHVzaXZlU3RhcnRLZXkiLCAicGsiLCAiQiJdXX0=",
    dict: { ExclusiveStartKey: { pk: { B: "AQI=" } } },
    blobs: [["ExclusiveStartKey", "pk", "B"]],
  },
  {
    token:
      "eyJFeGNsdXNpdmVTdGFydEtleSI6IHsicGsiOiB7IkIiOiAiQVFJPSJ9fSwgImJvdG9fdHJ1bmNhdGVfYW1vdW50IjogMSwgImJvdG9fZW5jb2RlZF9rZXlzIjogW1siRXhjbHVzaXZlU3RhcnRLZXkiLCAicGsiLCAiQiJdXX0=",
    dict: { ExclusiveStartKey: { pk: { B: "AQI=" } }, boto_truncate_amount: 1 },
    blobs: [["ExclusiveStartKey", "pk", "B"]],
  },
  {
    token: "eyJFeGNsdXNpdmVTdGFydEtleSI6IHsicGsiOiB7IlMiOiAicVwiXFx4XHQvIn19fQ==",
    dict: { ExclusiveStartKey: { pk: { S: 'q"\\x\t/' } } },
  },
  {
    token: "eyJFeGNsdXNpdmVTdGFydEtleSI6IHsicGsiOiB7IlMiOiAiXHUwMDdmXHUwMDAxXGJcZlxyXG5cdTIwMjh+ICJ9fX0=",
    dict: { ExclusiveStartKey: { pk: { S: "\x7f\x01\b\f\r\n\u2028~ " } } },
  },
  {
    token: "eyJFeGNsdXNpdmVTdGFydEtleSI6IHsicGsiOiB7IlMiOiAiXHUwMGU5MSJ9fX0=",
    dict: { ExclusiveStartKey: { pk: { S: "é1" } } },
  },
  {
    token: "eyJFeGNsdXNpdmVTdGFydEtleSI6IHsicGsiOiB7IlMiOiAiXHU2NWU1XHU2NzJjIn19fQ==",
    dict: { ExclusiveStartKey: { pk: { S: "日本" } } },
  },
  {
    token: "eyJFeGNsdXNpdmVTdGFydEtleSI6IHsicGsiOiB7IlMiOiAiXHVkODNkXHVkZTAwIn19fQ==",
    dict: { ExclusiveStartKey: { pk: { S: "😀" } } },
  },
  {
    token: "eyJFeGNsdXNpdmVTdGFydEtleSI6IHsicGsiOiB7IlMiOiAiXHUwMGU5MSJ9fSwgImJvdG9fdHJ1bmNhdGVfYW1vdW50IjogMX0=",
    dict: { ExclusiveStartKey: { pk: { S: "é1" } }, boto_truncate_amount: 1 },
  },
];

function blobPredicate(paths: (string | number)[][] | undefined) {
  return (path: (string | number)[]) => (paths ?? []).some((p) => JSON.stringify(p) === JSON.stringify(path));
}

test("encodeToken reproduces tokens printed by the AWS CLI", () => {
  for (const v of CLI_VECTORS) {
    assert.equal(encodeToken(v.dict, { isBlob: blobPredicate(v.blobs) }), v.token, JSON.stringify(v.dict));
  }
});

test("decodeToken reads tokens printed by the AWS CLI", () => {
  for (const v of CLI_VECTORS) {
    const inputTokens = Object.keys(v.dict).filter((k) => k !== "boto_truncate_amount");
    const decoded = decodeToken(v.token, inputTokens);
    const { boto_truncate_amount: amount, ...tokens } = v.dict;
    assert.deepEqual(decoded.tokens, tokens);
    assert.equal(decoded.truncateAmount, amount ?? 0);
    assert.deepEqual(decoded.encodedKeys, v.blobs ?? []);
    assert.equal(decoded.legacy, false);
  }
});

test("a decoded token encodes back to the same text", () => {
  for (const v of CLI_VECTORS) {
    const inputTokens = Object.keys(v.dict).filter((k) => k !== "boto_truncate_amount");
    const d = decodeToken(v.token, inputTokens);
    const again = { ...d.tokens, ...(d.truncateAmount !== 0 || "boto_truncate_amount" in v.dict ? { boto_truncate_amount: d.truncateAmount } : {}) };
    assert.equal(encodeToken(again, { isBlob: blobPredicate(d.encodedKeys) }), v.token);
  }
});

// Expected texts computed with Python 3.11's json.dumps / base64.b64encode,
// which is what the CLI runs.
test("Uint8Array values are encoded and listed under boto_encoded_keys in traversal order", () => {
  const token = {
    ExclusiveStartKey: {
      pk: { BS: [new Uint8Array([0, 1]), new Uint8Array([1, 2])] },
      sk: { B: new Uint8Array([2, 3]) },
    },
  };
  assert.equal(
    encodeToken(token),
    "eyJFeGNsdXNpdmVTdGFydEtleSI6IHsicGsiOiB7IkJTIjogWyJBQUU9IiwgIkFRST0iXX0sICJzayI6IHsiQiI6ICJBZ009In19LCAiYm90b19lbmNvZGVkX2tleXMiOiBbWyJFeGNsdXNpdmVTdGFydEtleSIsICJwayIsICJCUyIsIDBdLCBbIkV4Y2x1c2l2ZVN0YXJ0S2V5IiwgInBrIiwgIkJTIiwgMV0sIFsiRXhjbHVzaXZlU3RhcnRLZXkiLCAic2siLCAiQiJdXX0=",
  );
  const decoded = decodeToken(encodeToken(token), ["ExclusiveStartKey"]);
  assert.deepEqual(decoded.tokens, { ExclusiveStartKey: { pk: { BS: ["AAE=", "AQI="] }, sk: { B: "AgM=" } } });
  assert.deepEqual(decoded.encodedKeys, [
    ["ExclusiveStartKey", "pk", "BS", 0],
    ["ExclusiveStartKey", "pk", "BS", 1],
    ["ExclusiveStartKey", "sk", "B"],
  ]);
});

test("pyJsonDumps writes Python's json.dumps text (escapes, floats, separators)", () => {
  const doc: DocObject = { Marker: "e\u0301 😀 \x00\x7f\u2028", n: 1.5, big: 1e16, small: 1e-5, f: 2, z: [true, false, null] };
  markFloat(doc, "big");
  markFloat(doc, "f");
  assert.equal(
    pyJsonDumps(doc),
    '{"Marker": "e\\u0301 \\ud83d\\ude00 \\u0000\\u007f\\u2028", "n": 1.5, "big": 1e+16, "small": 1e-05, "f": 2.0, "z": [true, false, null]}',
  );
  assert.equal(pyJsonDumps({ a: 10000000000000000 }), '{"a": 10000000000000000}');
  assert.equal(pyJsonDumps([]), "[]");
  assert.equal(pyJsonDumps({}), "{}");
});

test("pyB64Decode accepts and rejects what Python 3.11's base64.b64decode does", () => {
  // Recorded with python3 -c 'import base64; base64.b64decode(s.encode())'.
  const ok: [string, string][] = [
    ["YQ==YQ==", "a"],
    ["YQ==\n", "a"],
    ["Y Q = =", "a"],
    ["YQ===", "a"],
    ["YWJj=", "abc"],
    ["YW=Jj", "abc"],
    ["=YWJj", "abc"],
    ["YWJj====", "abc"],
    ["YQ==x", "a"],
    ["", ""],
  ];
  for (const [input, out] of ok) {
    assert.equal(Buffer.from(pyB64Decode(Buffer.from(input))).toString("latin1"), out, input);
  }
  const bad: [string, RegExp][] = [
    ["YQ", /Incorrect padding/],
    ["YQ=", /Incorrect padding/],
    ["eyJhIjogMX0", /Incorrect padding/],
    ["Y===", /number of data characters \(1\) cannot be 1 more than a multiple of 4/],
    ["Y", /number of data characters \(1\)/],
  ];
  for (const [input, message] of bad) assert.throws(() => pyB64Decode(Buffer.from(input)), message, input);
});

test("legacy tokens: tok___index, None, and opaque text", () => {
  assert.deepEqual(decodeToken("abc___2", ["NextToken"]), { tokens: { NextToken: "abc" }, truncateAmount: 2, encodedKeys: [], legacy: true });
  assert.deepEqual(decodeToken("None___1", ["NextToken"]).tokens, { NextToken: null });
  assert.equal(decodeToken("None___1", ["NextToken"]).truncateAmount, 1);
  // Not an index: the whole text is the service token.
  assert.deepEqual(decodeToken("abc___x", ["NextToken"]).tokens, { NextToken: "abc___x" });
  assert.deepEqual(decodeToken("garbage", ["NextToken"]), { tokens: { NextToken: "garbage" }, truncateAmount: 0, encodedKeys: [], legacy: true });
  // Base64 that is not valid JSON, a JSON list, or unpadded base64: legacy too.
  assert.deepEqual(decodeToken("WzFd", ["NextToken"]).tokens, { NextToken: "WzFd" });
  assert.deepEqual(decodeToken("eyJOZXh0VG9rZW4iOiBudWxsfQ", ["NextToken"]).tokens, { NextToken: "eyJOZXh0VG9rZW4iOiBudWxsfQ" });
  // Two input tokens.
  assert.deepEqual(decodeToken("k___u___3", ["KeyMarker", "UploadIdMarker"]), {
    tokens: { KeyMarker: "k", UploadIdMarker: "u" },
    truncateAmount: 3,
    encodedKeys: [],
    legacy: true,
  });
  assert.deepEqual(decodeToken("k", ["KeyMarker", "UploadIdMarker"]).tokens, { KeyMarker: "k", UploadIdMarker: null });
  assert.equal(decodeToken("k___ 7 ", ["A"]).truncateAmount, 7);
  assert.equal(decodeToken("k___-1", ["A"]).truncateAmount, -1);
});

test("tokens the CLI rejects fail with its messages (recorded from aws s3api list-objects-v2 --starting-token)", () => {
  const cases: [string, string][] = [
    ["a___b___3", "Bad starting token: a___b___3"],
    ["MTIz", "'int' object has no attribute 'pop'"], // base64 of 123
    ["ImFiYyI=", "'str' object has no attribute 'pop'"], // "abc"
    ["bnVsbA==", "'NoneType' object has no attribute 'pop'"], // null
  ];
  for (const [token, message] of cases) {
    assert.throws(
      () => decodeToken(token, ["ContinuationToken"]),
      (err: unknown) => err instanceof GeneralError && err.message === message && err.exitCode === 255,
      token,
    );
  }
});

test("a JSON token keeps its own key order and any extra keys", () => {
  const text = Buffer.from('{"b": 1, "NextToken": "x", "boto_truncate_amount": 4}').toString("base64");
  const d = decodeToken(text, ["NextToken"]);
  assert.deepEqual(Object.keys(d.tokens), ["b", "NextToken"]);
  assert.equal(d.truncateAmount, 4);
});

test("pyTruthy follows Python", () => {
  for (const v of [null, false, 0, "", [], {}]) assert.equal(pyTruthy(v), false, JSON.stringify(v));
  for (const v of [true, 1, -1, "x", [0], { a: null }]) assert.equal(pyTruthy(v), true, JSON.stringify(v));
});
