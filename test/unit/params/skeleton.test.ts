// --generate-cli-skeleton's placeholder values where the SDK's schemas say
// too little: enums start at their first value, floats print 0.0, and a
// YAML skeleton holds timestamps bare (data/cli/skeleton from botocore).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSkeleton } from "../../../src/commands/service/skeleton.ts";
import { cliSkeletonHints } from "../../../src/paginate/config.ts";
import { Pack } from "../../../src/services/pack.ts";
import { operationShapes } from "../../../src/services/shape.ts";

const PACKS = join(resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", ".."), "dist", "packs");
const skip = existsSync(join(PACKS, "cloudwatch.pack")) ? false : "dist/packs is missing (run npm run build)";

function shapes(service: string, op: string) {
  const schema = Pack.load(join(PACKS, `${service}.pack`)).operation(op);
  assert.ok(schema);
  return operationShapes(schema);
}

describe("skeleton placeholders", { skip }, () => {
  test("floats, enums and timestamps in JSON and YAML input skeletons", () => {
    const input = shapes("cloudwatch", "PutMetricData").input;
    const hints = cliSkeletonHints("cloudwatch");
    const json = buildSkeleton(input, "input", hints);
    assert.match(json, /"Value": 0\.0,/);
    assert.match(json, /"Values": \[\n\s+0\.0\n\s+\]/, "a list of floats");
    assert.match(json, /"Counts": \[\n\s+0\.0\n\s+\]/);
    assert.match(json, /"Unit": "Seconds"/, "the first enum value");
    assert.match(json, /"StorageResolution": 0\n/, "integers stay 0");
    const yaml = buildSkeleton(input, "yaml-input", hints);
    assert.match(yaml, /^ {2}Value: 0\.0$/m);
    assert.match(yaml, /^ {4}Sum: 0\.0 {2}# \[REQUIRED\]$/m);
    assert.match(yaml, /^ {2}Timestamp: 1970-01-01 00:00:00$/m);
    assert.match(yaml, /^ {2}Unit: "Seconds"$/m);
    // Without the data: plain zeros and empty strings.
    const bare = buildSkeleton(input, "input");
    assert.match(bare, /"Value": 0,/);
    assert.match(bare, /"Unit": ""/);
  });

  test("an output skeleton names strings, enums included, and a list's strings after their shape", () => {
    const output = shapes("cloudwatch", "DescribeAlarms").output;
    const doc = JSON.stringify(buildSkeleton(output, "output-doc", cliSkeletonHints("cloudwatch")));
    assert.match(doc, /"StateValue":"StateValue"/);
    const queues = buildSkeleton(shapes("sqs", "ListQueues").output, "output-doc", cliSkeletonHints("sqs"));
    assert.deepEqual(queues, { QueueUrls: ["String"], NextToken: "NextToken" });
    assert.deepEqual(buildSkeleton(shapes("sqs", "ListQueues").output, "output-doc"), { QueueUrls: ["QueueUrls"], NextToken: "NextToken" });
  });
});
