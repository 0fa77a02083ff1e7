import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { cliServiceData, packageRoot, paginatorFor, waiterFor, waiterNames } from "../../../src/paginate/config.ts";

test("packageRoot is the folder with kumo's package.json and data/cli", () => {
  const root = packageRoot();
  assert.ok(existsSync(join(root, "package.json")));
  assert.ok(existsSync(join(root, "data", "cli", "s3api.json")));
  assert.equal(packageRoot(), root);
});

test("paginatorFor reads the CLI's paginator from data/cli, lists normalised", () => {
  const p = paginatorFor("s3api", "ListObjects");
  assert.ok(p);
  assert.equal(p.source, "cli");
  assert.deepEqual(p.input_token, ["Marker"]);
  assert.deepEqual(p.output_token, ["NextMarker || Contents[-1].Key"]);
  assert.deepEqual(p.result_key, ["Contents", "CommonPrefixes"]);
  assert.equal(p.limit_key, "MaxKeys");
  assert.equal(p.more_results, "IsTruncated");

  const scan = paginatorFor("dynamodb", "Scan");
  assert.ok(scan);
  assert.deepEqual(scan.result_key, ["Items", "Count", "ScannedCount"]);
  assert.deepEqual(scan.non_aggregate_keys, ["ConsumedCapacity"]);
  assert.equal(scan.more_results, undefined);
});

test("operations without a paginator, and unknown services, have none", () => {
  assert.equal(paginatorFor("s3api", "GetObject"), undefined);
  assert.equal(paginatorFor("no-such-service", "ListThings"), undefined);
  assert.equal(cliServiceData("no-such-service"), undefined);
  assert.equal(cliServiceData("../package"), undefined);
  assert.equal(cliServiceData("index"), undefined);
});

test("the CLI's definition wins over the SDK's", () => {
  const p = paginatorFor("iam", "ListUsers", { ListUsers: ["X", "Y", "Z"] });
  assert.ok(p);
  assert.equal(p.source, "cli");
  assert.deepEqual(p.input_token, ["Marker"]);
});

test("SDK fallback: from the pack's map or a single entry; empty page-size key means none", () => {
  const fromMap = paginatorFor("no-such-service", "ListThings", { ListThings: ["NextToken", "NextToken", ""] });
  assert.deepEqual(fromMap, {
    input_token: ["NextToken"],
    output_token: ["NextToken"],
    result_key: [],
    non_aggregate_keys: [],
    source: "sdk",
    infer_result_keys: true,
  });
  const fromEntry = paginatorFor("no-such-service", "ListThings", ["Marker", "NextMarker", "Limit"], ["Things"]);
  assert.deepEqual(fromEntry, {
    input_token: ["Marker"],
    output_token: ["NextMarker"],
    result_key: ["Things"],
    non_aggregate_keys: [],
    source: "sdk",
    limit_key: "Limit",
  });
  assert.equal(paginatorFor("no-such-service", "ListThings", [null, "NextToken", null]), undefined);
  assert.equal(paginatorFor("no-such-service", "Other", { ListThings: ["a", "b", "c"] }), undefined);
});

test("waiters: names sorted, lookup by model name", () => {
  const names = waiterNames("ec2");
  assert.ok(names.includes("InstanceRunning"));
  assert.deepEqual(names, [...names].sort());
  const w = waiterFor("ec2", "InstanceRunning");
  assert.ok(w);
  assert.equal(w.operation, "DescribeInstances");
  assert.equal(w.delay, 15);
  assert.equal(w.maxAttempts, 40);
  assert.equal(waiterFor("ec2", "NoSuchWaiter"), undefined);
  assert.equal(waiterFor("ec2", "toString"), undefined);
  assert.deepEqual(waiterNames("no-such-service"), []);
});
