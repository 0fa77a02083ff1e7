import { test } from "node:test";
import assert from "node:assert/strict";
import {
  buildFullResult,
  mergePages,
  paginate,
  textNextToken,
  textPage,
  type PaginateOptions,
} from "../../../src/paginate/paginate.ts";
import { paginatorFor, type PaginatorConfig } from "../../../src/paginate/config.ts";
import { decodeToken } from "../../../src/paginate/token.ts";
import { GeneralError } from "../../../src/errors/index.ts";
import { isFloatAt, markFloat, type DocObject } from "../../../src/output/document.ts";

type Input = Record<string, unknown>;

function config(partial: Partial<PaginatorConfig>): PaginatorConfig {
  return {
    input_token: ["NextToken"],
    output_token: ["NextToken"],
    result_key: ["Items"],
    non_aggregate_keys: [],
    source: "cli",
    ...partial,
  };
}

/**
 * A service that serves `pages` in order: page i+1 is requested with
 * NextToken "t<i+1>", which page i carries. Records each request.
 */
function service(pages: DocObject[], names: { input?: string; output?: string } = {}) {
  const inName = names.input ?? "NextToken";
  const outName = names.output ?? "NextToken";
  const calls: Input[] = [];
  const call = async (input: Input): Promise<DocObject> => {
    calls.push(JSON.parse(JSON.stringify(input)) as Input);
    const token = input[inName];
    const i = token === undefined ? 0 : Number(String(token).slice(1));
    const page = JSON.parse(JSON.stringify(pages[i])) as DocObject;
    if (i + 1 < pages.length) page[outName] = `t${i + 1}`;
    return page;
  };
  return { call, calls };
}

async function collect(opts: PaginateOptions) {
  const it = paginate(opts);
  const pages: DocObject[] = [];
  for await (const p of it) pages.push(p);
  return { it, pages };
}

/** A starting token (compact JSON; readers do not care about spacing). */
const b64 = (dict: unknown) => Buffer.from(JSON.stringify(dict)).toString("base64");

test("several result keys are concatenated, in paginator order; other members are dropped", async () => {
  const { call, calls } = service([
    { Groups: ["x"], Users: ["a", "b"], IsTruncated: true },
    { Users: ["c"], Groups: ["y", "z"], IsTruncated: false },
  ]);
  const input = { PathPrefix: "/" };
  const doc = await buildFullResult(paginate({ call, input, paginator: config({ result_key: ["Users", "Groups"] }) }));
  assert.deepEqual(doc, { Users: ["a", "b", "c"], Groups: ["x", "y", "z"] });
  assert.deepEqual(Object.keys(doc), ["Users", "Groups"]);
  assert.deepEqual(calls, [{ PathPrefix: "/" }, { PathPrefix: "/", NextToken: "t1" }]);
  assert.deepEqual(input, { PathPrefix: "/" }, "the caller's input is not modified");
});

test("numbers are summed and strings concatenated; a key absent from every page stays absent", async () => {
  const { call } = service([
    { Items: [1], Count: 1, ScannedCount: 3, Text: "ab" },
    { Items: [2, 3], Count: 2, ScannedCount: 2, Text: "c" },
    { Items: [], Count: 0, ScannedCount: 4 },
  ]);
  const doc = await buildFullResult(
    paginate({ call, input: {}, paginator: config({ result_key: ["Items", "Count", "ScannedCount", "Text", "Missing"] }) }),
  );
  assert.deepEqual(doc, { Items: [1, 2, 3], Count: 3, ScannedCount: 9, Text: "abc" });
});

test("integral floats stay floats through sums, concatenation and non-aggregate keys", async () => {
  let n = 0;
  const call = async (): Promise<DocObject> => {
    n++;
    const values = [1, 2];
    markFloat(values, 1);
    const page: DocObject = { Values: values, Total: 2, Avg: 3 };
    markFloat(page, "Total");
    markFloat(page, "Avg");
    if (n === 1) page["NextToken"] = "t1";
    return page;
  };
  const doc = await buildFullResult(
    paginate({ call, input: {}, paginator: config({ result_key: ["Values", "Total"], non_aggregate_keys: ["Avg"] }) }),
  );
  assert.deepEqual(doc, { Values: [1, 2, 1, 2], Total: 4, Avg: 3 });
  const values = doc["Values"] as number[];
  assert.deepEqual(
    values.map((v, i) => isFloatAt(values, i, v)),
    [false, true, false, true],
  );
  assert.equal(isFloatAt(doc, "Total", 4), true);
  assert.equal(isFloatAt(doc, "Avg", 3), true);
});

test("non-aggregate keys come from the first page, after the result keys, None when absent, dotted paths nested", async () => {
  const { call } = service([
    { Owner: { Id: "1" }, Items: ["a"], Meta: { Region: "r1" } },
    { Owner: { Id: "2" }, Items: ["b"], Meta: { Region: "r2" } },
  ]);
  const doc = await buildFullResult(
    paginate({ call, input: {}, paginator: config({ non_aggregate_keys: ["Owner", "Prefix", "Meta.Region"] }) }),
  );
  assert.deepEqual(doc, { Items: ["a", "b"], Owner: { Id: "1" }, Prefix: null, Meta: { Region: "r1" } });
  assert.deepEqual(Object.keys(doc), ["Items", "Owner", "Prefix", "Meta"]);
});

test("dotted result keys merge into nested objects (cloudfront ListDistributions)", async () => {
  const paginator = paginatorFor("cloudfront", "ListDistributions");
  assert.ok(paginator);
  const pages = [
    { DistributionList: { Items: [{ Id: "A" }], IsTruncated: true, NextMarker: "m1", Quantity: 1 } },
    { DistributionList: { Items: [{ Id: "B" }], IsTruncated: false, Quantity: 1 } },
  ];
  const calls: Input[] = [];
  const call = async (input: Input) => {
    calls.push({ ...input });
    return JSON.parse(JSON.stringify(pages[input["Marker"] === "m1" ? 1 : 0])) as DocObject;
  };
  const doc = await buildFullResult(paginate({ call, input: {}, paginator }));
  assert.deepEqual(doc, { DistributionList: { Items: [{ Id: "A" }, { Id: "B" }] } });
  assert.deepEqual(calls, [{}, { Marker: "m1" }]);
});

test("more_results false stops paging even when a token is present", async () => {
  const { call, calls } = service([
    { Items: ["a"], IsTruncated: false },
    { Items: ["b"], IsTruncated: false },
  ]);
  const doc = await buildFullResult(paginate({ call, input: {}, paginator: config({ more_results: "IsTruncated" }) }));
  assert.deepEqual(doc, { Items: ["a"] });
  assert.equal(calls.length, 1);
});

test("an output token expression with a fallback (s3 ListObjects: NextMarker || Contents[-1].Key)", async () => {
  const paginator = paginatorFor("s3api", "ListObjects");
  assert.ok(paginator);
  const calls: Input[] = [];
  const call = async (input: Input): Promise<DocObject> => {
    calls.push({ ...input });
    if (input["Marker"] === undefined) return { IsTruncated: true, Contents: [{ Key: "a" }, { Key: "b" }] };
    return { IsTruncated: false, Contents: [{ Key: "c" }] };
  };
  const doc = await buildFullResult(paginate({ call, input: { Bucket: "bkt" }, paginator }));
  assert.deepEqual((doc["Contents"] as DocObject[]).map((c) => c["Key"]), ["a", "b", "c"]);
  assert.deepEqual(calls, [{ Bucket: "bkt" }, { Bucket: "bkt", Marker: "b" }]);
});

test("empty-string tokens count as no token", async () => {
  const calls: Input[] = [];
  const call = async (input: Input): Promise<DocObject> => {
    calls.push(input);
    return { Items: ["a"], NextToken: "" };
  };
  assert.deepEqual(await buildFullResult(paginate({ call, input: {}, paginator: config({}) })), { Items: ["a"] });
  assert.equal(calls.length, 1);
});

test("--max-items inside a page cuts it and resumes from the request that fetched it", async () => {
  const { call, calls } = service([{ Items: ["a", "b", "c"] }, { Items: ["d", "e", "f"] }, { Items: ["g"] }]);
  const { it, pages } = await collect({ call, input: {}, paginator: config({}), maxItems: 4 });
  assert.equal(calls.length, 2);
  assert.deepEqual(pages[1]?.["Items"], ["d"], "the yielded page is cut too (text and yaml-stream print it)");
  assert.deepEqual(decodeToken(it.resumeToken as string, ["NextToken"]), {
    tokens: { NextToken: "t1" },
    truncateAmount: 1,
    encodedKeys: [],
    legacy: false,
  });
  // Python: base64(json.dumps({"NextToken": "t1", "boto_truncate_amount": 1}))
  assert.equal(it.resumeToken, "eyJOZXh0VG9rZW4iOiAidDEiLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==");
  const doc = mergePages(pages, it);
  assert.deepEqual(doc, { Items: ["a", "b", "c", "d"], NextToken: it.resumeToken });
  assert.deepEqual(Object.keys(doc), ["Items", "NextToken"]);
});

test("--max-items on a page boundary resumes with the next service token", async () => {
  const { call, calls } = service([{ Items: ["a", "b", "c"] }, { Items: ["d"] }]);
  const doc = await buildFullResult(paginate({ call, input: {}, paginator: config({}), maxItems: 3 }));
  assert.equal(calls.length, 1);
  // Python: base64(json.dumps({"NextToken": "t1"}))
  assert.deepEqual(doc, { Items: ["a", "b", "c"], NextToken: "eyJOZXh0VG9rZW4iOiAidDEifQ==" });
});

test("--max-items reaching the last item of the last page gives no token", async () => {
  const { call } = service([{ Items: ["a", "b"] }, { Items: ["c"] }]);
  const doc = await buildFullResult(paginate({ call, input: {}, paginator: config({}), maxItems: 3 }));
  assert.deepEqual(doc, { Items: ["a", "b", "c"] });
});

test("--max-items in the first page without a starting token records a None service token", async () => {
  const { call } = service([{ Items: ["a", "b", "c"] }, { Items: ["d"] }]);
  const doc = await buildFullResult(paginate({ call, input: {}, paginator: config({}), maxItems: 2 }));
  // The value shown in awscli-v2-behaviour.md §4 (verified there against the CLI).
  assert.deepEqual(doc, { Items: ["a", "b"], NextToken: "eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ==" });
});

test("--max-items 0 returns an empty list and a token with truncate amount 0", async () => {
  const { call } = service([{ Items: ["a", "b"] }, { Items: ["c"] }]);
  const doc = await buildFullResult(paginate({ call, input: {}, paginator: config({}), maxItems: 0 }));
  // Python: base64(json.dumps({"NextToken": None, "boto_truncate_amount": 0}))
  assert.deepEqual(doc, { Items: [], NextToken: "eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAwfQ==" });
  // An empty first page with --max-items 0 stops on the page boundary.
  const empty = service([{ Items: [] }, { Items: ["c"] }]);
  const doc2 = await buildFullResult(paginate({ call: empty.call, input: {}, paginator: config({}), maxItems: 0 }));
  assert.deepEqual(doc2, { Items: [], NextToken: "eyJOZXh0VG9rZW4iOiAidDEifQ==" });
});

test("--starting-token: tokens are sent, the first page is cut on the left, secondary keys emptied", async () => {
  const { call, calls } = service([
    { Items: ["a", "b", "c"], Other: ["x"], Count: 3, Text: "abc" },
    { Items: ["d", "e", "f"], Other: ["y"], Count: 3, Text: "def", Extra: 1 },
    { Items: ["g"], Other: ["z"], Count: 1, Text: "g" },
  ]);
  const { it, pages } = await collect({
    call,
    input: { Filter: "f" },
    paginator: config({ result_key: ["Items", "Other", "Count", "Text", "Absent"] }),
    startingToken: b64({ NextToken: "t1", boto_truncate_amount: 1 }),
  });
  assert.deepEqual(calls, [
    { Filter: "f", NextToken: "t1" },
    { Filter: "f", NextToken: "t2" },
  ]);
  // Numbers go to 0, strings to "", lists to [], anything else (absent) to None.
  assert.deepEqual(pages[0], { Items: ["e", "f"], Other: [], Count: 0, Text: "", Extra: 1, NextToken: "t2", Absent: null });
  assert.deepEqual(mergePages(pages, it), { Items: ["e", "f", "g"], Other: ["z"], Count: 1, Text: "g" });
  assert.equal(it.resumeToken, undefined);
});

test("--starting-token plus --max-items inside the first page adds the starting cut to the resume amount", async () => {
  const { call } = service([{ Items: ["a", "b", "c", "d"] }, { Items: ["e"] }]);
  const doc = await buildFullResult(
    paginate({
      call,
      input: {},
      paginator: config({}),
      startingToken: b64({ NextToken: null, boto_truncate_amount: 1 }),
      maxItems: 2,
    }),
  );
  // Python: base64(json.dumps({"NextToken": None, "boto_truncate_amount": 3}))
  assert.deepEqual(doc, { Items: ["b", "c"], NextToken: "eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAzfQ==" });
});

test("the starting cut does not carry over to a later page", async () => {
  const { call } = service([{ Items: ["a", "b"] }, { Items: ["c", "d", "e"] }]);
  const { it } = await collect({
    call,
    input: {},
    paginator: config({}),
    startingToken: b64({ NextToken: null, boto_truncate_amount: 1 }),
    maxItems: 2,
  });
  // Page 1 gives "b", page 2 is cut after "c": one item of page 2 consumed.
  assert.equal(it.resumeToken, "eyJOZXh0VG9rZW4iOiAidDEiLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==");
});

test("legacy starting tokens: tok___index slices, None is not sent, other text is sent as is", async () => {
  const s1 = service([{ Items: ["a"] }, { Items: ["b", "c", "d"] }]);
  const d1 = await buildFullResult(paginate({ call: s1.call, input: {}, paginator: config({}), startingToken: "t1___2" }));
  assert.deepEqual(d1, { Items: ["d"] });
  assert.deepEqual(s1.calls, [{ NextToken: "t1" }]);

  const s2 = service([{ Items: ["a", "b"] }]);
  const d2 = await buildFullResult(paginate({ call: s2.call, input: { NextToken: "old" }, paginator: config({}), startingToken: "None___1" }));
  assert.deepEqual(d2, { Items: ["b"] });
  assert.deepEqual(s2.calls, [{}], "a None token removes the member");

  const calls: Input[] = [];
  const call = async (input: Input): Promise<DocObject> => {
    calls.push(input);
    return { Items: [] };
  };
  await buildFullResult(paginate({ call, input: {}, paginator: config({}), startingToken: "garbage" }));
  assert.deepEqual(calls, [{ NextToken: "garbage" }]);

  await assert.rejects(
    buildFullResult(paginate({ call, input: {}, paginator: config({}), startingToken: "a___b___3" })),
    (e: unknown) => e instanceof GeneralError && e.message === "Bad starting token: a___b___3",
  );
});

test("--page-size sets the limit key on every request", async () => {
  const { call, calls } = service([{ Items: ["a"] }, { Items: ["b"] }], { input: "Marker", output: "NextMarker" });
  const paginator = config({ input_token: ["Marker"], output_token: ["NextMarker"], limit_key: "MaxItems" });
  await buildFullResult(paginate({ call, input: {}, paginator, pageSize: 1 }));
  assert.deepEqual(calls, [{ MaxItems: 1 }, { MaxItems: 1, Marker: "t1" }]);
  await assert.rejects(
    buildFullResult(paginate({ call, input: {}, paginator: config({}), pageSize: 1 })),
    (e: unknown) =>
      e instanceof GeneralError &&
      e.message === "Error during pagination: PageSize parameter is not supported for the pagination interface for this operation.",
  );
});

test("several input tokens: each output token goes back under its input name; None ones are removed", async () => {
  const calls: Input[] = [];
  const call = async (input: Input): Promise<DocObject> => {
    calls.push({ ...input });
    if (calls.length === 1) return { Uploads: ["u1", "u2"], IsTruncated: true, NextKeyMarker: "k1", NextUploadIdMarker: "i1" };
    if (calls.length === 2) return { Uploads: ["u3"], IsTruncated: true, NextKeyMarker: "k2" };
    return { Uploads: ["u4"], IsTruncated: false };
  };
  const paginator = config({
    input_token: ["KeyMarker", "UploadIdMarker"],
    output_token: ["NextKeyMarker", "NextUploadIdMarker"],
    result_key: ["Uploads", "CommonPrefixes"],
    more_results: "IsTruncated",
  });
  const doc = await buildFullResult(paginate({ call, input: { Bucket: "b" }, paginator }));
  assert.deepEqual(doc, { Uploads: ["u1", "u2", "u3", "u4"] });
  assert.deepEqual(calls, [
    { Bucket: "b" },
    { Bucket: "b", KeyMarker: "k1", UploadIdMarker: "i1" },
    { Bucket: "b", KeyMarker: "k2" },
  ]);
  // A cut keeps every input token, None included, in input-token order.
  let n = 0;
  const call2 = async (): Promise<DocObject> =>
    ++n === 1 ? { Uploads: ["u1"], IsTruncated: true, NextKeyMarker: "k" } : { Uploads: ["u2", "u3"], IsTruncated: false };
  const doc2 = await buildFullResult(paginate({ call: call2, input: {}, paginator, maxItems: 2 }));
  // Python: base64(json.dumps({"KeyMarker": "k", "UploadIdMarker": None, "boto_truncate_amount": 1}))
  assert.equal(doc2["NextToken"], "eyJLZXlNYXJrZXIiOiAiayIsICJVcGxvYWRJZE1hcmtlciI6IG51bGwsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDF9");
});

test("the same token twice is an error, raised after that page was yielded", async () => {
  const calls: Input[] = [];
  const call = async (input: Input): Promise<DocObject> => {
    calls.push(input);
    return { Items: [calls.length], NextToken: "same" };
  };
  const it = paginate({ call, input: {}, paginator: config({}) });
  const seen: DocObject[] = [];
  await assert.rejects(
    (async () => {
      for await (const p of it) seen.push(p);
    })(),
    (e: unknown) =>
      e instanceof GeneralError &&
      e.exitCode === 255 &&
      e.message === "Error during pagination: The same next token was received twice: {'NextToken': 'same'}",
  );
  assert.equal(seen.length, 2);
  assert.equal(calls.length, 2);
});

test("a starting token with keys the operation does not know fails when a resume token is built", async () => {
  const { call } = service([{ Items: ["a", "b"] }]);
  await assert.rejects(
    buildFullResult(paginate({ call, input: {}, paginator: config({}), startingToken: b64({ Other: "x" }), maxItems: 1 })),
    (e: unknown) => e instanceof GeneralError && e.message === "Bad starting token: {'Other': 'x', 'boto_truncate_amount': 1}",
  );
});

test("text output view: non-aggregate keys lead the first page; every page lists each result key", async () => {
  const { call } = service([{ Items: ["a"], Owner: "o", Junk: 1 }, { Other: ["x"] }]);
  const it = paginate({ call, input: {}, paginator: config({ result_key: ["Items", "Other"], non_aggregate_keys: ["Owner"] }) });
  const views: DocObject[] = [];
  let i = 0;
  for await (const page of it) views.push(textPage(it, page, i++));
  assert.deepEqual(views, [
    { Owner: "o", Items: ["a"], Other: null },
    { Items: null, Other: ["x"] },
  ]);
  assert.deepEqual(Object.keys(views[0] as DocObject), ["Owner", "Items", "Other"]);
  assert.equal(textNextToken(it), undefined);
});

test("SDK-only paginators take the first page's top-level lists as result keys", async () => {
  const paginator = paginatorFor("no-such-service", "ListThings", { ListThings: ["NextToken", "NextToken", "MaxResults"] });
  assert.ok(paginator);
  const { call, calls } = service([
    { Things: ["a"], Name: "n", Tags: [] },
    { Things: ["b", "c"], Name: "n", Tags: ["t"] },
  ]);
  const { it, pages } = await collect({ call, input: {}, paginator, maxItems: 2, pageSize: 5 });
  assert.deepEqual(it.resultKeys, ["Things", "Tags"]);
  assert.deepEqual(calls, [{ MaxResults: 5 }, { MaxResults: 5, NextToken: "t1" }]);
  assert.deepEqual(mergePages(pages, it), { Things: ["a", "b"], Tags: ["t"], NextToken: it.resumeToken });
  assert.deepEqual(mergePages(pages, paginator, it.resumeToken), mergePages(pages, it));
});

test("a page iterator runs once", async () => {
  const { call } = service([{ Items: [] }]);
  const it = paginate({ call, input: {}, paginator: config({}) });
  for await (const _ of it) void _;
  assert.throws(() => it[Symbol.asyncIterator](), /only once/);
});

// ---------------------------------------------------------------------------
// Scenarios replayed from the real CLI (AWS CLI v2 2.9.19 against moto; the
// commands are in token.test.ts). The fakes behave like the moto services did.
// ---------------------------------------------------------------------------

/** DynamoDB Scan over a table with a binary hash key: Limit items a page, LastEvaluatedKey while more remain. */
function dynamoScan(keys: string[]) {
  const calls: Input[] = [];
  const call = async (input: Input): Promise<DocObject> => {
    calls.push(JSON.parse(JSON.stringify(input)) as Input);
    const start = input["ExclusiveStartKey"] as { pk: { B: string } } | undefined;
    const from = start ? keys.indexOf(start.pk.B) + 1 : 0;
    const limit = (input["Limit"] as number | undefined) ?? keys.length;
    const slice = keys.slice(from, from + limit);
    const page: DocObject = {
      Items: slice.map((k) => ({ pk: { B: k }, n: { S: "é" } })),
      Count: slice.length,
      ScannedCount: slice.length,
    };
    if (from + limit < keys.length) page["LastEvaluatedKey"] = { pk: { B: slice[slice.length - 1] as string } };
    return page;
  };
  return { call, calls };
}

const isBlob = (path: (string | number)[]) => path[0] === "ExclusiveStartKey" && path[path.length - 1] === "B";
const TBL = ["AAE=", "AQI=", "AgM=", "/wA="];

test("dynamodb scan --page-size 1 --max-items 2 (binary key token, key order as the CLI printed it)", async () => {
  const paginator = paginatorFor("dynamodb", "Scan");
  assert.ok(paginator);
  const { call } = dynamoScan(TBL);
  const doc = await buildFullResult(paginate({ call, input: { TableName: "tbl" }, paginator, pageSize: 1, maxItems: 2, isBlob }));
  assert.deepEqual(Object.keys(doc), ["Items", "Count", "ScannedCount", "ConsumedCapacity", "NextToken"]);
  assert.deepEqual(doc, {
    Items: [
      { pk: { B: "AAE=" }, n: { S: "é" } },
      { pk: { B: "AQI=" }, n: { S: "é" } },
    ],
    Count: 2,
    ScannedCount: 2,
    ConsumedCapacity: null,
    NextToken:
      "eyJFeGNsdXNpdmVTdGFydEtleSI6IHsicGsiOiB7IkIiOiAiQVFJPSJ9fSwgImJvdG9fZW5jb2RlZF9rZXlzIjogW1siRXhjbHVzaXZlU3RhcnRLZXkiLCAicGsiLCAiQiJdXX0=",
  });
});

test("dynamodb scan --page-size 2 --max-items 3, then resumed with the printed token", async () => {
  const paginator = paginatorFor("dynamodb", "Scan");
  assert.ok(paginator);
  const first = dynamoScan(TBL);
  const doc = await buildFullResult(paginate({ call: first.call, input: { TableName: "tbl" }, paginator, pageSize: 2, maxItems: 3, isBlob }));
  const token =
    "eyJFeGNsdXNpdmVTdGFydEtleSI6IHsicGsiOiB7IkIiOiAiQVFJPSJ9fSwgImJvdG9fdHJ1bmNhdGVfYW1vdW50IjogMSwgImJvdG9fZW5jb2RlZF9rZXlzIjogW1siRXhjbHVzaXZlU3RhcnRLZXkiLCAicGsiLCAiQiJdXX0=";
  assert.deepEqual(
    (doc["Items"] as DocObject[]).map((i) => (i["pk"] as DocObject)["B"]),
    ["AAE=", "AQI=", "AgM="],
  );
  assert.equal(doc["Count"], 4, "Count is summed over whole pages");
  assert.equal(doc["NextToken"], token);

  // Without isBlob the encoded paths of the starting token still mark the blob.
  const second = dynamoScan(TBL);
  const resumed = await buildFullResult(paginate({ call: second.call, input: { TableName: "tbl" }, paginator, pageSize: 2, startingToken: token }));
  assert.deepEqual(second.calls, [{ TableName: "tbl", ExclusiveStartKey: { pk: { B: "AQI=" } }, Limit: 2 }]);
  assert.deepEqual(
    (resumed["Items"] as DocObject[]).map((i) => (i["pk"] as DocObject)["B"]),
    ["/wA="],
  );
  assert.equal(resumed["Count"], 0, "the first page's Count is zeroed, as the CLI printed");
  assert.equal(resumed["NextToken"], undefined);
});

test("dynamodb scan --page-size 3 --max-items 2, then resumed: yaml-stream pages as the CLI printed them", async () => {
  const paginator = paginatorFor("dynamodb", "Scan");
  assert.ok(paginator);
  const first = dynamoScan(TBL);
  const doc = await buildFullResult(paginate({ call: first.call, input: { TableName: "tbl" }, paginator, pageSize: 3, maxItems: 2, isBlob }));
  assert.equal(doc["Count"], 3);
  assert.equal(doc["ScannedCount"], 3);
  assert.equal(doc["NextToken"], "eyJFeGNsdXNpdmVTdGFydEtleSI6IG51bGwsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDJ9");

  const second = dynamoScan(TBL);
  const { pages } = await collect({ call: second.call, input: { TableName: "tbl" }, paginator, pageSize: 3, startingToken: doc["NextToken"] as string });
  assert.deepEqual(pages, [
    { Items: [{ pk: { B: "AgM=" }, n: { S: "é" } }], Count: 0, ScannedCount: 0, LastEvaluatedKey: { pk: { B: "AgM=" } } },
    { Items: [{ pk: { B: "/wA=" }, n: { S: "é" } }], Count: 1, ScannedCount: 1 },
  ]);
});

test("s3api list-objects-v2 --page-size 2 --max-items 3 / 4 (tokens the CLI printed)", async () => {
  // 2.9.19's paginator (no non_aggregate_keys), continuation tokens as moto issued them.
  const paginator = config({
    input_token: ["ContinuationToken"],
    output_token: ["NextContinuationToken"],
    result_key: ["Contents", "CommonPrefixes"],
    limit_key: "MaxKeys",
    more_results: "IsTruncated",
  });
  const tokens = ["92eb5ffee6ae2fec3ad71c777531578f", "8277e0910d750195b448797616e091ad"];
  const keys = ["a", "b", "c", "d", "e"];
  const call = async (input: Input): Promise<DocObject> => {
    const at = input["ContinuationToken"] === undefined ? 0 : tokens.indexOf(input["ContinuationToken"] as string) + 1;
    const size = input["MaxKeys"] as number;
    const page: DocObject = {
      IsTruncated: at * size + size < keys.length,
      Contents: keys.slice(at * size, at * size + size).map((Key) => ({ Key })),
      Name: "bkt",
      Prefix: "",
      MaxKeys: size,
      KeyCount: 2,
    };
    if (page["IsTruncated"]) page["NextContinuationToken"] = tokens[at] as string;
    return page;
  };
  const three = await buildFullResult(paginate({ call, input: { Bucket: "bkt" }, paginator, pageSize: 2, maxItems: 3 }));
  assert.deepEqual(three, {
    Contents: [{ Key: "a" }, { Key: "b" }, { Key: "c" }],
    NextToken: "eyJDb250aW51YXRpb25Ub2tlbiI6ICI5MmViNWZmZWU2YWUyZmVjM2FkNzFjNzc3NTMxNTc4ZiIsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDF9",
  });
  const four = await buildFullResult(paginate({ call, input: { Bucket: "bkt" }, paginator, pageSize: 2, maxItems: 4 }));
  assert.equal(four["NextToken"], "eyJDb250aW51YXRpb25Ub2tlbiI6ICI4Mjc3ZTA5MTBkNzUwMTk1YjQ0ODc5NzYxNmUwOTFhZCJ9");
});

test("iam list-users --max-items 1, then --starting-token ... --max-items 1 --output text", async () => {
  const paginator = paginatorFor("iam", "ListUsers");
  assert.ok(paginator);
  // moto answered every ListUsers with all users and IsTruncated false.
  const call = async (): Promise<DocObject> => ({ Users: [{ UserName: "alice" }, { UserName: "bob" }, { UserName: "carol" }], IsTruncated: false });
  const doc = await buildFullResult(paginate({ call, input: {}, paginator, maxItems: 1 }));
  assert.deepEqual(doc, { Users: [{ UserName: "alice" }], NextToken: "eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==" });

  const it = paginate({ call, input: {}, paginator, maxItems: 1, startingToken: doc["NextToken"] as string });
  const views: DocObject[] = [];
  let i = 0;
  for await (const page of it) views.push(textPage(it, page, i++));
  assert.deepEqual(views, [{ Users: [{ UserName: "bob" }] }]);
  assert.deepEqual(textNextToken(it), { NextToken: { NextToken: "eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ==" } });
});
