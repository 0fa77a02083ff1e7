// Help generated from the service models, at every level, with --help as a synonym.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runKumo } from "../helpers/run.ts";

test("kumo help lists global options, built-ins and services", async () => {
  for (const args of [["help"], ["--help"]]) {
    const r = await runKumo(args);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^ {2}--query <value>$/m);
    assert.match(r.stdout, /^ {2}--output <value> \(json \| text \| table \| yaml \| yaml-stream\)$/m);
    assert.match(r.stdout, /^SERVICES \(installed\)\n(?: {2}\S+\n)*? {2}ec2\n/m);
    assert.match(r.stdout, /SERVICES \(available with `kumo services add <name>`\): \d+\n.*\bxray\b/);
  }
});

test("kumo help lists every built-in command, and each answers help", async () => {
  const r = await runKumo(["help"]);
  const section = r.stdout.slice(r.stdout.indexOf("BUILT-IN COMMANDS"), r.stdout.indexOf("SERVICES (installed)"));
  const names = [...section.matchAll(/^ {2}(\S+) +\S/gm)].map((m) => m[1]!);
  for (const name of ["configure", "sso", "vault", "exec", "assume", "shell-init", "console", "secrets", "doctor", "verify", "audit", "activity", "install-alias", "services"]) {
    assert.ok(names.includes(name), `${name} is not listed`);
  }
  const helps = await Promise.all(names.filter((n) => n !== "help").map((n) => runKumo([n, "help"])));
  for (const [i, h] of helps.entries()) {
    assert.equal(h.code, 0, `${names[i]} help: ${h.stderr}`);
    assert.ok(h.stdout.length > 100, `${names[i]} help printed little`);
  }
});

test("service help lists operations (CLI names) and waiters", async () => {
  const r = await runKumo(["ec2", "help"]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^ {2}describe-instances$/m);
  assert.match(r.stdout, /^ {2}run-instances$/m);
  assert.match(r.stdout, /^WAITERS\n {2}kumo ec2 wait <waiter> \[parameters\]\n(?: {2}.+\n)*? {2}instance-running$/m);
  const s3api = await runKumo(["s3api", "--help"]);
  assert.match(s3api.stdout, /^ {2}list-objects-v2$/m);
});

test("the CLI's added commands are listed with their service's operations, and answer help", async () => {
  const [ecr, eks, rds] = await Promise.all([runKumo(["ecr", "help"]), runKumo(["eks", "get-token", "help"]), runKumo(["rds", "generate-db-auth-token", "--help"])]);
  assert.match(ecr.stdout, /^ {2}get-download-url-for-layer\n {2}get-lifecycle-policy\n(?: {2}.+\n)*? {2}get-login-password\n/m);
  assert.equal(eks.code, 0, eks.stderr);
  assert.match(eks.stdout, /^eks get-token\n\nGet a token for authentication with an Amazon EKS cluster\./);
  assert.match(eks.stdout, /^ {4}\[--cluster-name <value>\]$/m);
  assert.equal(rds.code, 0, rds.stderr);
  assert.match(rds.stdout, /^ {4}--hostname <value>$/m);
  assert.match(rds.stdout, /^ {2}--port \[required\]\n {6}The port number the database is listening on\.$/m);
  // An unknown operation's list of choices names them too.
  const bad = await runKumo(["ecr", "get-login"]);
  assert.equal(bad.code, 252);
  // The CLI's order: operations, the commands it adds, wait, help.
  assert.match(bad.stderr, /\bupload-layer-part\b[\s\S]*\bget-login-password[\s|]+wait[\s|]+help\s*\n/);
});

test("operation help shows each option's type, required flags and shorthand", async () => {
  const r = await runKumo(["iam", "create-user", "help"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ {4}--user-name <value>$/m);
  assert.match(r.stdout, /^ {4}\[--path <value>\]$/m);
  assert.match(r.stdout, /^ {2}--user-name \(string\) \[required\]$/m);
  assert.match(r.stdout, /^ {2}--tags \(list of structure\)\n {6}Shorthand Syntax: Key=string,Value=string \.\.\.$/m);
  assert.match(r.stdout, /^OUTPUT\n {2}User -> \(structure\)$/m);
  const ec2 = await runKumo(["ec2", "describe-instances", "--help"]);
  assert.match(ec2.stdout, /^ {2}--dry-run \| --no-dry-run \(boolean\)$/m);
  assert.match(ec2.stdout, /^ {4}\[--max-items <value>\]$/m);
  assert.match(ec2.stdout, /Shorthand Syntax: Name=string,Values=string,string \.\.\./);
  const get = await runKumo(["s3api", "get-object", "help"]);
  assert.match(get.stdout, /^ {4}<outfile>$/m);
});

test("waiter help", async () => {
  const r = await runKumo(["ec2", "wait", "help"]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^ {2}instance-stopped$/m);
});

test("a waiter's help says what it waits for, as the CLI's does, with its operation's options", async () => {
  const flat = (s: string) => s.replace(/\s+/g, " ");
  const polling = (delay: number, attempts: number) =>
    `It will poll every ${delay} seconds until a successful state has been reached. This will exit with a return code of 255 after ${attempts} failed checks.`;
  // Descriptions as AWS CLI v2 prints them (`aws <service> wait <waiter> help`).
  const expected: [string[], string][] = [
    [["ec2", "wait", "instance-running", "help"], `Wait until JMESPath query Reservations[].Instances[].State.Name returns running for all elements when polling with describe-instances. ${polling(15, 40)}`],
    [["dynamodb", "wait", "table-not-exists", "--help"], `Wait until ResourceNotFoundException is thrown when polling with describe-table. ${polling(20, 25)}`],
    [["s3api", "wait", "bucket-exists", "help"], `Wait until 200 response is received when polling with head-bucket. ${polling(5, 20)}`],
    [["iam", "wait", "user-exists", "help"], `Wait until 200 response is received when polling with get-user. ${polling(1, 20)}`],
    [["cloudformation", "wait", "stack-create-complete", "help"], `Wait until stack status is CREATE_COMPLETE. ${polling(30, 120)}`],
  ];
  const runs = await Promise.all(expected.map(([args]) => runKumo(args)));
  for (const [i, r] of runs.entries()) {
    const [args, description] = expected[i]!;
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.startsWith(`${args[0]} wait ${args[2]}\n\n`), r.stdout);
    assert.ok(flat(r.stdout).includes(description), `${args.join(" ")}:\n${r.stdout}`);
    assert.doesNotMatch(r.stdout, /^OUTPUT$/m, "a waiter prints nothing");
  }
  const ec2 = runs[0]!.stdout;
  assert.match(ec2, /^ {2}kumo ec2 wait instance-running\n {4}\[--instance-ids <value>\]$/m);
  // The paginator's members are hidden, and a waiter takes no pagination options.
  assert.doesNotMatch(ec2, /--next-token|--max-results|--starting-token|--max-items/);
});

test("operation help hides the members a paginator's own options stand in for", async () => {
  const [ec2, iam] = await Promise.all([runKumo(["ec2", "describe-instances", "help"]), runKumo(["iam", "list-users", "help"])]);
  assert.doesNotMatch(ec2.stdout, /--next-token|--max-results/);
  assert.match(ec2.stdout, /^ {4}\[--starting-token <value>\]\n {4}\[--page-size <value>\]\n {4}\[--max-items <value>\]$/m);
  // IAM's MaxItems member is the page size; its Marker the token.
  assert.doesNotMatch(iam.stdout, /--marker|--max-items \(integer\)/);
  assert.match(iam.stdout, /^ {4}\[--path-prefix <value>\]\n {4}\[--starting-token <value>\]\n {4}\[--page-size <value>\]\n {4}\[--max-items <value>\]$/m);
});

test("help after a subcommand of kumo services prints the family's help", async () => {
  for (const args of [["services", "add", "--help"], ["services", "remove", "help"], ["services", "list", "--help"]]) {
    const r = await runKumo(args);
    assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stdout, /^kumo services\n\nWhich AWS services/, args.join(" "));
  }
});
