// Credentials are looked up when the first request is signed, and once per
// process: a credential_process that counts its runs shows that a command
// making several requests runs it once, and commands that sign nothing never
// run it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { runKumo, sandboxHome } from "../helpers/run.ts";
import { startRecorder, type Recorder } from "../fakes/recorder.ts";

let moto: Moto;
let recorder: Recorder;
before(async () => {
  moto = await startMoto();
  recorder = await startRecorder(moto.endpoint);
  for (const name of ["lazy-a", "lazy-b", "lazy-c"]) {
    const r = await runKumo(["logs", "create-log-group", "--log-group-name", name, "--endpoint-url", moto.endpoint]);
    assert.equal(r.code, 0, r.stderr);
  }
});
after(async () => {
  await recorder?.stop();
  await moto?.stop();
});

/** A HOME whose default profile gets its keys from a program that notes each run in `runs`. */
function countingHome(): { home: string; runs: () => number } {
  const home = sandboxHome();
  const counter = join(home, "runs");
  writeFileSync(
    join(home, "creds.sh"),
    `#!/bin/sh\necho run >> "${counter}"\necho '{"Version": 1, "AccessKeyId": "testing", "SecretAccessKey": "testing"}'\n`,
    { mode: 0o755 },
  );
  writeFileSync(join(home, ".aws", "config"), `[default]\nregion = us-east-1\ncredential_process = ${join(home, "creds.sh")}\n`);
  return { home, runs: () => (existsSync(counter) ? readFileSync(counter, "utf8").split("\n").filter(Boolean).length : 0) };
}

const NO_KEYS = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined };

test("several requests in one command: the credentials are fetched once", async () => {
  const { home, runs } = countingHome();
  recorder.requests.length = 0;
  const r = await runKumo(["logs", "describe-log-groups", "--page-size", "1", "--endpoint-url", recorder.url, "--query", "logGroups[].logGroupName", "--output", "text"], {
    home,
    env: NO_KEYS,
  });
  assert.equal(r.code, 0, r.stderr);
  // (text output prints page by page)
  assert.equal(r.stdout, "lazy-a\nlazy-b\nlazy-c\n");
  // Three pages: three signed requests.
  assert.equal(recorder.requests.length, 3);
  assert.ok(recorder.requests.every((q) => /Credential=testing\//.test(String(q.headers.authorization))));
  assert.equal(runs(), 1);
});

test("commands that sign no request never look for credentials", async () => {
  const { home, runs } = countingHome();
  const commands: [string[], number][] = [
    [["configure", "get", "region"], 0],
    [["configure", "set", "output", "json"], 0],
    [["configure", "list-profiles"], 0],
    [["sts", "get-caller-identity", "--no-sign-request", "--endpoint-url", moto.endpoint, "--output", "text", "--query", "Account"], 0],
    [["ec2", "describe-instances", "--generate-cli-skeleton"], 0],
    // Rejected before any request is made.
    [["iam", "create-user", "--endpoint-url", moto.endpoint], 252],
    [["iam", "get-user", "--bogus", "--endpoint-url", moto.endpoint], 252],
  ];
  for (const [args, code] of commands) {
    const r = await runKumo(args, { home, env: NO_KEYS });
    assert.equal(r.code, code, `${args.join(" ")}: ${r.stderr}`);
    assert.equal(runs(), 0, args.join(" "));
  }
  // The first command that signs one does.
  const signed = await runKumo(["sts", "get-caller-identity", "--endpoint-url", moto.endpoint, "--output", "text", "--query", "Account"], { home, env: NO_KEYS });
  assert.equal(signed.code, 0, signed.stderr);
  assert.equal(runs(), 1);
});
