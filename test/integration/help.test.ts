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
