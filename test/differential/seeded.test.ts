// kumo against the reference AWS CLI v2 on data the reference CLI writes
// first, for what the estate of differential.test.ts does not hold:
// - map keys JavaScript objects do not keep as given: keys that look like
//   numbers (objects list them first, in numeric order) and `__proto__`
//   (assigning it changes an object's prototype). The CLI prints map keys in
//   the order the service sent them, in every format and through --query;
//   written by the reference CLI, the service holds them in the order given.
// - JSON timestamps sent as epoch seconds with a `.0` (ACM), printed as
//   dates, and as the float they are with cli_timestamp_format = wire.
// - query-protocol structures whose model order differs from the SDK's
//   (Auto Scaling groups list required members first in the SDK).
// - rds add-option-to-option-group and remove-option-from-option-group,
//   the CLI's two halves of modify-option-group (which it takes away).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { AWS_V2, runAws, runKumo, sandboxHome } from "../helpers/run.ts";
import { firstDifference } from "./compare.ts";

const skip = !existsSync(AWS_V2)
  ? `the reference AWS CLI is not installed at ${AWS_V2}`
  : spawnSync("python3", ["-c", "import moto.server"], { stdio: "ignore" }).status !== 0
    ? 'moto is not installed (pip install "moto[server]")'
    : false;

/** Keys in an order JavaScript would change, with values that show which is which. */
const KEYS = ["b", "10", "9", "__proto__", "constructor", "0", "a"];
const ITEM = `{"id": {"S": "k-1"}, "byKey": {"M": {${KEYS.map((k, i) => `"${k}": {"N": "${i}"}`).join(", ")}}}, "plain": {"S": "x"}}`;
const TAGS = `{${KEYS.map((k) => `"${k}": "${k}-tag"`).join(", ")}}`;

describe("kumo prints what AWS CLI v2 prints, on data the CLI wrote", { skip, concurrency: 4 }, () => {
  let moto: Moto;
  let home: string;
  let queueUrl: string;
  const endpoint = (): string[] => ["--endpoint-url", moto.endpoint];

  before(async () => {
    moto = await startMoto();
    home = sandboxHome({
      config: "[default]\nregion = us-east-1\n\n[profile wire]\nregion = us-east-1\ncli_timestamp_format = wire\n",
      credentials: ["default", "wire"].map((p) => `[${p}]\naws_access_key_id = testing\naws_secret_access_key = testing\n`).join("\n"),
    });
    const seed = async (args: string[]): Promise<string> => {
      const r = await runAws([...args, ...endpoint()], { home });
      assert.equal(r.code, 0, r.stderr);
      return r.stdout;
    };
    await seed([
      "dynamodb", "create-table", "--table-name", "keys",
      "--attribute-definitions", "AttributeName=id,AttributeType=S",
      "--key-schema", "AttributeName=id,KeyType=HASH",
      "--billing-mode", "PAY_PER_REQUEST",
    ]);
    await seed(["dynamodb", "put-item", "--table-name", "keys", "--item", ITEM]);
    queueUrl = (await seed(["sqs", "create-queue", "--queue-name", "keys", "--query", "QueueUrl", "--output", "text"])).trim();
    await seed(["sqs", "tag-queue", "--queue-url", queueUrl, "--tags", TAGS]);
    await seed(["acm", "request-certificate", "--domain-name", "example.com"]);
    await seed(["autoscaling", "create-launch-configuration", "--launch-configuration-name", "lc", "--image-id", "ami-12c6146b", "--instance-type", "t2.micro"]);
    await seed([
      "autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", "asg", "--launch-configuration-name", "lc",
      "--min-size", "0", "--max-size", "2", "--availability-zones", "us-east-1a",
    ]);
    await seed(["rds", "create-option-group", "--option-group-name", "og", "--engine-name", "mysql", "--major-engine-version", "8.0", "--option-group-description", "cache"]);
  });

  after(async () => {
    await moto?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const getItem = ["dynamodb", "get-item", "--table-name", "keys", "--key", '{"id": {"S": "k-1"}}'];
  const cases: [string, () => string[]][] = [
    ["get-item, json", () => getItem],
    ["get-item, yaml", () => [...getItem, "--output", "yaml"]],
    ["get-item, text", () => [...getItem, "--output", "text"]],
    ["get-item, table", () => [...getItem, "--output", "table"]],
    ["keys()", () => [...getItem, "--query", "keys(Item.byKey.M)"]],
    ["values() and a wildcard", () => [...getItem, "--query", "[values(Item.byKey.M)[].N, Item.byKey.M.*.N]"]],
    ["to_string()", () => [...getItem, "--query", "to_string(Item.byKey.M)"]],
    ["__proto__ and constructor by name", () => [...getItem, "--query", 'Item.byKey.M.["__proto__", constructor, "10"]']],
    ["merge() keeps first-seen order", () => [...getItem, "--query", 'merge(Item.byKey.M, {"7": `1`, "__proto__": `2`})']],
    ["a multiselect hash with number-like keys", () => [...getItem, "--query", '{"2": Item.plain.S, "1": Item.id.S, z: `0`}']],
    ["a list of objects as a table row", () => [...getItem, "--query", "[Item.byKey.M]", "--output", "table"]],
    ["sqs list-queue-tags, json", () => ["sqs", "list-queue-tags", "--queue-url", queueUrl]],
    ["sqs list-queue-tags, text", () => ["sqs", "list-queue-tags", "--queue-url", queueUrl, "--output", "text"]],
    ["acm epoch timestamps, json", () => ["acm", "list-certificates"]],
    ["acm epoch timestamps, text", () => ["acm", "list-certificates", "--output", "text"]],
    ["acm epoch timestamps, cli_timestamp_format wire", () => ["acm", "list-certificates", "--profile", "wire"]],
    ["autoscaling groups in model order, json", () => ["autoscaling", "describe-auto-scaling-groups"]],
    ["autoscaling groups in model order, text", () => ["autoscaling", "describe-auto-scaling-groups", "--output", "text"]],
    ["autoscaling launch configurations in model order", () => ["autoscaling", "describe-launch-configurations"]],
  ];
  test("rds option groups: the two commands replacing modify-option-group", async () => {
    // Each changes the option group, so the CLI goes first and kumo repeats the same change.
    const steps = [
      ["rds", "add-option-to-option-group", "--option-group-name", "og", "--options", "OptionName=MEMCACHED,Port=11211", "--apply-immediately"],
      ["rds", "remove-option-from-option-group", "--option-group-name", "og", "--options", "MEMCACHED", "--apply-immediately"],
      ["rds", "add-option-to-option-group", "--option-group-name", "og", "--options-to-include", "OptionName=X"],
    ];
    for (const step of steps) {
      const aws = await runAws([...step, ...endpoint()], { home });
      const kumo = await runKumo([...step, ...endpoint()], { home });
      assert.equal(kumo.code, aws.code, `${step.join(" ")}: ${kumo.stderr}`);
      assert.equal(kumo.stdout, aws.stdout, step.join(" "));
      assert.equal(kumo.stderr.replace(/\bkumo\b/g, "aws"), aws.stderr, step.join(" "));
    }
    // modify-option-group is gone; the list of choices comes from each program's own (newer or older) model.
    const gone = ["rds", "modify-option-group", "--option-group-name", "og", ...endpoint()];
    const [aws, kumo] = [await runAws(gone, { home }), await runKumo(gone, { home })];
    assert.equal(aws.code, 252);
    assert.equal(kumo.code, 252);
    for (const r of [aws, kumo]) {
      assert.match(r.stderr, /argument operation: Invalid choice, valid choices are:/);
      assert.match(r.stderr, /\badd-option-to-option-group\b/);
      // The choices (before "maybe you meant") do not offer it.
      assert.doesNotMatch(r.stderr.split("Invalid choice:")[0]!, /\bmodify-option-group\b/);
      assert.match(r.stderr, /Invalid choice: 'modify-option-group', maybe you meant:\n\n {2}\* copy-option-group\n/);
    }
  });

  for (const [name, args] of cases) {
    test(name, async () => {
      const [aws, kumo] = await Promise.all([runAws([...args(), ...endpoint()], { home }), runKumo([...args(), ...endpoint()], { home })]);
      assert.equal(aws.code, 0, aws.stderr);
      assert.equal(kumo.code, aws.code, kumo.stderr);
      const diff = firstDifference(aws.stdout, kumo.stdout);
      assert.equal(kumo.stdout, aws.stdout, diff);
    });
  }
});
