// Expected values were recorded from Python 3.11's argparse (which the AWS CLI
// uses) with the same option set: parse_known_args for the successes, and the
// last line of stderr for the errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ArgParser, ArgparseError, ArgSignal, choicesMessage, intType, type ArgSpec } from "../../../src/cli/argparse.ts";

const specs = (): ArgSpec[] => [
  { dest: "debug", options: ["--debug"], action: "true" },
  { dest: "endpoint_url", options: ["--endpoint-url"] },
  { dest: "paginate", options: ["--no-paginate"], action: "false" },
  { dest: "output", options: ["--output"], choices: ["json", "text"] },
  { dest: "query", options: ["--query"] },
  { dest: "profile", options: ["--profile"] },
  { dest: "region", options: ["--region"] },
  { dest: "command", options: [] },
];

const ok: [string[], Record<string, unknown>, string[]][] = [
  [["ec2", "describe-instances", "--region", "us-west-2"], { region: "us-west-2", command: "ec2" }, ["describe-instances"]],
  [["--reg", "eu-west-1", "ec2", "x"], { region: "eu-west-1", command: "ec2" }, ["x"]],
  [
    ["ec2", "--output=json", "describe-instances", "--instance-ids", "i-1", "i-2"],
    { output: "json", command: "ec2" },
    ["describe-instances", "--instance-ids", "i-1", "i-2"],
  ],
  [["ec2", "describe-instances", "--foo", "1", "--bar"], { command: "ec2" }, ["describe-instances", "--foo", "1", "--bar"]],
  [["--", "ec2", "--region", "x"], { command: "ec2", region: undefined }, ["--region", "x"]],
  [["ec2", "--query", "-1"], { query: "-1" }, []],
  [["ec2", "x", "--p", "prof"], { profile: "prof" }, ["x"]],
  [["ec2", "--debug", "a", "b", "c"], { debug: true }, ["a", "b", "c"]],
  [["ec2", "--no-pag"], { paginate: false }, []],
  [["s3", "ls", "s3://b", "--summarize"], { command: "s3" }, ["ls", "s3://b", "--summarize"]],
  [["ec2", "--instance-ids", "-5", "--region", "r"], { region: "r" }, ["--instance-ids", "-5"]],
  [["ec2", "--output", "json", "--output", "text"], { output: "text" }, []],
  [["ec2", "--filters", "Name=a,Values=b c", "Name=x"], {}, ["--filters", "Name=a,Values=b c", "Name=x"]],
];

for (const [args, expected, extras] of ok) {
  test(`parses ${JSON.stringify(args)}`, () => {
    const r = new ArgParser(specs()).parseKnownArgs(args);
    for (const [k, v] of Object.entries(expected)) assert.equal(r.values[k], v, k);
    assert.deepEqual(r.extras, extras);
  });
}

test("defaults for flags", () => {
  const r = new ArgParser(specs()).parseKnownArgs(["ec2"]);
  assert.equal(r.values.debug, false);
  assert.equal(r.values.paginate, true);
  assert.equal(r.values.region, undefined);
});

const errors: [string[], string][] = [
  [["--region"], "argument --region: expected one argument"],
  [["ec2", "--debug=1"], "argument --debug: ignored explicit argument '1'"],
  [[], "the following arguments are required: command"],
  [["--output"], "argument --output: expected one argument"],
  [["--endpoint-url"], "argument --endpoint-url: expected one argument"],
];
for (const [args, msg] of errors) {
  test(`error for ${JSON.stringify(args)}`, () => {
    assert.throws(() => new ArgParser(specs()).parseKnownArgs(args), (e: unknown) => e instanceof ArgparseError && e.message === msg);
  });
}

test("ambiguous prefixes list every match in definition order", () => {
  const p = new ArgParser([
    { dest: "a", options: ["--cli-read-timeout"] },
    { dest: "b", options: ["--cli-connect-timeout"] },
    { dest: "c", options: ["--cli-binary-format"] },
  ]);
  assert.throws(
    () => p.parseKnownArgs(["--cli-", "x"]),
    /^Error: ambiguous option: --cli- could match --cli-read-timeout, --cli-connect-timeout, --cli-binary-format$/,
  );
});

test("invalid choice uses the AWS CLI's two-column list and close matches", () => {
  // Recorded from `aws ec2 describe-instances --output xml` and `aws ec2x`.
  assert.equal(
    choicesMessage("xml", ["json", "text", "table", "yaml", "yaml-stream"]),
    "Invalid choice, valid choices are:\n\n" +
      "json                                     | text                                    \n" +
      "table                                    | yaml                                    \n" +
      "yaml-stream                             ",
  );
  assert.match(choicesMessage("ec2x", ["ec2", "ecs", "s3"]), /\n\n\nInvalid choice: 'ec2x', maybe you meant:\n\n {2}\* ec2$/);
});

test("the operation parser's optional help positional collects a stray word last", () => {
  // `aws ec2 describe-instances --foo 1 --bar` prints "Unknown options: --foo, --bar, 1".
  const p = new ArgParser([
    { dest: "ids", options: ["--instance-ids"], nargs: "*" },
    { dest: "help", options: [], nargs: "?" },
  ]);
  const r = p.parseKnownArgs(["--foo", "1", "--bar"]);
  assert.deepEqual([...r.extras, r.values.help], ["--foo", "--bar", "1"]);
  const r2 = p.parseKnownArgs(["x", "y"]);
  assert.deepEqual([...r2.extras, r2.values.help], ["y", "x"]);
  const r3 = p.parseKnownArgs(["--instance-ids", "a", "b"]);
  assert.deepEqual(r3.values.ids, ["a", "b"]);
  const r4 = p.parseKnownArgs(["--instance-ids"]);
  assert.deepEqual(r4.values.ids, []);
});

test("int options report argparse's invalid int value", () => {
  const p = new ArgParser([{ dest: "m", options: ["--max-items"], type: intType }]);
  assert.equal(p.parseKnownArgs(["--max-items", "7"]).values.m, 7);
  assert.throws(() => p.parseKnownArgs(["--max-items", "abc"]), /argument --max-items: invalid int value: 'abc'/);
});

test("a signal option stops parsing", () => {
  const p = new ArgParser([{ dest: "version", options: ["--version"], action: "signal" }, { dest: "command", options: [] }]);
  assert.throws(() => p.parseKnownArgs(["--version", "bogus"]), (e: unknown) => e instanceof ArgSignal && e.dest === "version");
});

test("required options are listed together", () => {
  const p = new ArgParser([
    { dest: "a", options: ["--bucket"], required: true },
    { dest: "b", options: ["--key"], required: true },
    { dest: "c", options: ["--other"] },
  ]);
  assert.throws(() => p.parseKnownArgs(["--other", "x"]), /the following arguments are required: --bucket, --key$/);
});

test("allowAbbrev false: a prefix of an option is left to the caller; collect keeps every value of a repeated option", () => {
  const specs = [
    { dest: "output", options: ["--output"] },
    { dest: "profile", options: ["--profile"], collect: "profiles" },
    { dest: "command", options: [] },
  ];
  const abbreviated = new ArgParser(specs).parseKnownArgs(["audit", "--out", "x.html"]);
  assert.equal(abbreviated.values.output, "x.html");
  const exact = new ArgParser(specs, { allowAbbrev: false }).parseKnownArgs(["audit", "--out", "x.html"]);
  assert.equal(exact.values.output, undefined);
  assert.deepEqual(exact.extras, ["--out", "x.html"]);
  const repeated = new ArgParser(specs).parseKnownArgs(["--profile", "a", "audit", "--profile=b", "--profile", "c"]);
  assert.equal(repeated.values.profile, "c");
  assert.deepEqual(repeated.values.profiles, ["a", "b", "c"]);
});
