// Paginators and waiters evaluate their JMESPath with kumo's engine
// (src/output/query/), the way botocore does with python jmespath.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot, paginatorFor, type WaiterConfig } from "../../../src/paginate/config.ts";
import { buildFullResult, paginate } from "../../../src/paginate/paginate.ts";
import { runWaiter, WaiterError } from "../../../src/paginate/waiter.ts";
import { compileExpression, JmesPathError } from "../../../src/output/query/index.ts";
import { GeneralError } from "../../../src/errors/index.ts";
import { markFloat, type DocObject } from "../../../src/output/document.ts";

interface RawData {
  paginators?: Record<string, Record<string, string | string[] | undefined> | null>;
  waiters?: Record<string, WaiterConfig>;
}

test("every paginator expression and waiter argument in data/cli compiles", () => {
  const dir = join(packageRoot(), "data", "cli");
  let paginatorExpressions = 0;
  let waiterArguments = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const data = JSON.parse(readFileSync(join(dir, file), "utf8")) as RawData;
    for (const [op, p] of Object.entries(data.paginators ?? {})) {
      if (!p) continue;
      for (const field of ["output_token", "result_key", "non_aggregate_keys", "more_results"]) {
        const value = p[field];
        if (value === undefined) continue;
        for (const expression of Array.isArray(value) ? value : [value]) {
          assert.doesNotThrow(() => compileExpression(expression), `${file} ${op} ${field}: ${expression}`);
          paginatorExpressions++;
        }
      }
    }
    for (const [name, w] of Object.entries(data.waiters ?? {})) {
      for (const a of w.acceptors) {
        if (a.argument === undefined) continue;
        assert.doesNotThrow(() => compileExpression(a.argument as string), `${file} ${name}: ${a.argument}`);
        waiterArguments++;
      }
    }
  }
  // data/cli holds the CLI's paginators and waiters for hundreds of services.
  assert.ok(paginatorExpressions > 1000, `only ${paginatorExpressions} paginator expressions`);
  assert.ok(waiterArguments > 200, `only ${waiterArguments} waiter arguments`);
});

async function wait(acceptor: WaiterConfig["acceptors"][number], doc: DocObject): Promise<unknown> {
  const config: WaiterConfig = { operation: "DescribeThing", delay: 1, maxAttempts: 1, acceptors: [acceptor] };
  try {
    await runWaiter({ name: "Thing", config, call: async () => doc, input: {}, sleep: async () => {} });
    return "success";
  } catch (e) {
    return e;
  }
}

test("waiter paths: numbers sort as numbers, and == is Python's", async () => {
  // python jmespath sorts numbers numerically (a string sort would give 9 last).
  assert.equal(await wait({ state: "success", matcher: "path", argument: "sort(Sizes)[-1]", expected: 10 }, { Sizes: [9, 10, 2] }), "success");
  // botocore compares with Python's ==: 1 == True, 5.0 == 5, [1] == [True].
  assert.equal(await wait({ state: "success", matcher: "path", argument: "Count", expected: true }, { Count: 1 }), "success");
  const stats: DocObject = { Average: 5 };
  markFloat(stats, "Average");
  assert.equal(await wait({ state: "success", matcher: "path", argument: "Average", expected: 5 }, stats), "success");
  assert.equal(await wait({ state: "success", matcher: "pathAll", argument: "Things[].Flags", expected: [true] }, { Things: [{ Flags: [1] }, { Flags: [true] }] }), "success");
  // Inside a filter, JMESPath's == keeps 1 and true apart at the top level, as python jmespath does.
  assert.ok(
    (await wait({ state: "success", matcher: "pathAny", argument: "Things[?Ready == `true`].Id", expected: "a" }, { Things: [{ Id: "a", Ready: 1 }] })) instanceof WaiterError,
  );
  // Members are looked up as own members only: no JavaScript prototype members.
  assert.equal(await wait({ state: "success", matcher: "path", argument: "Thing.constructor", expected: null }, { Thing: {} }), "success");
});

test("a waiter path that fails to evaluate ends the wait with python jmespath's message (exit 255)", async () => {
  const error = await wait({ state: "success", matcher: "path", argument: "length(Count)", expected: 1 }, { Count: 5 });
  assert.ok(error instanceof JmesPathError, `expected a JmesPathError, got ${String(error)}`);
  assert.ok(error instanceof GeneralError);
  assert.equal(error.exitCode, 255);
  assert.equal(
    error.message,
    `In function length(), invalid type for value: 5, expected one of: ['string', 'array', 'object'], received: "number"`,
  );
});

test("paginator output tokens are JMESPath (kinesis DescribeStream: StreamDescription.Shards[-1].ShardId)", async () => {
  const paginator = paginatorFor("kinesis", "DescribeStream");
  assert.ok(paginator);
  const calls: Record<string, unknown>[] = [];
  const call = async (input: Record<string, unknown>): Promise<DocObject> => {
    calls.push({ ...input });
    if (input["ExclusiveStartShardId"] === undefined) {
      return { StreamDescription: { StreamName: "s", HasMoreShards: true, Shards: [{ ShardId: "shard-1" }, { ShardId: "shard-2" }] } };
    }
    return { StreamDescription: { StreamName: "s", HasMoreShards: false, Shards: [{ ShardId: "shard-3" }] } };
  };
  const doc = await buildFullResult(paginate({ call, input: { StreamName: "s" }, paginator }));
  const shards = (doc["StreamDescription"] as DocObject)["Shards"] as DocObject[];
  assert.deepEqual(shards.map((s) => s["ShardId"]), ["shard-1", "shard-2", "shard-3"]);
  assert.deepEqual(calls, [{ StreamName: "s" }, { StreamName: "s", ExclusiveStartShardId: "shard-2" }]);
});
