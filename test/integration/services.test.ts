// Adding a service that is not built in: `kumo services add`, the automatic
// add with a notice, and calls through an added service, against moto. The
// EventBridge client (a devDependency) stands in for the npm registry: tests
// never reach the network, so it comes from node_modules.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync, existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { ROOT, runAws, runKumo } from "../helpers/run.ts";

const LOCAL_CLIENT = join(ROOT, "node_modules", "@aws-sdk", "client-eventbridge");

let moto: Moto;

before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto?.stop();
});

test("services add installs a client, extracts its pack, and the service answers like aws", async () => {
  const kumoHome = mkdtempSync(join(tmpdir(), "kumo-svc-"));
  const env = { KUMO_HOME: kumoHome };
  const add = await runKumo(["services", "add", "events", "--from", LOCAL_CLIENT], { env });
  assert.equal(add.code, 0, add.stderr);
  assert.match(add.stdout, /^added events \(@aws-sdk\/client-eventbridge@\d+\.\d+\.\d+\)\n$/);
  const index = JSON.parse(readFileSync(join(kumoHome, "services", "services.json"), "utf8"));
  assert.equal(index.services.events.package, "@aws-sdk/client-eventbridge");
  assert.equal(statSync(join(kumoHome, "services", "services.json")).mode & 0o777, 0o600);
  assert.ok(existsSync(join(kumoHome, "services", "packs", "events.pack")));

  const list = await runKumo(["services", "list"], { env });
  assert.match(list.stdout, /^events\s+added\s+@aws-sdk\/client-eventbridge@/m);
  assert.match(list.stdout, /^ec2\s+built-in\s+@aws-sdk\/client-ec2@/m);

  const args = ["events", "list-event-buses", "--endpoint-url", moto.endpoint];
  const [k, a] = await Promise.all([runKumo(args, { env }), runAws(args)]);
  assert.equal(k.code, 0, k.stderr);
  assert.equal(k.stdout, a.stdout);
  assert.equal(k.stderr, "");

  const remove = await runKumo(["services", "remove", "events"], { env });
  assert.equal(remove.code, 0, remove.stderr);
  const after = await runKumo(args, { env: { ...env, KUMO_NO_AUTO_INSTALL: "1" } });
  assert.equal(after.code, 255);
  assert.match(after.stderr, /The events service is not part of this kumo installation\. Add it with:\n\n {2}kumo services add events/);
});

test("calling a service that is not installed adds it first, with a one-line notice", async () => {
  const kumoHome = mkdtempSync(join(tmpdir(), "kumo-svc-"));
  // An `npm` first on PATH that records what kumo asked for and places the
  // local copy of the package where `npm install --prefix <dir>` would.
  const bin = mkdtempSync(join(tmpdir(), "kumo-npm-"));
  const log = join(bin, "calls.log");
  writeFileSync(
    join(bin, "npm"),
    `#!/bin/sh\necho "$@" >> "${log}"\n` +
      `[ "$1" = install ] && [ "$2" = --prefix ] || exit 3\n` +
      `mkdir -p "$3/node_modules/@aws-sdk" && ln -s "${LOCAL_CLIENT}" "$3/node_modules/@aws-sdk/client-eventbridge"\n`,
  );
  chmodSync(join(bin, "npm"), 0o755);
  const env = { KUMO_HOME: kumoHome, PATH: `${bin}:${process.env.PATH}` };
  const args = ["events", "list-event-buses", "--endpoint-url", moto.endpoint];
  const k = await runKumo(args, { env });
  assert.equal(k.code, 0, k.stderr);
  assert.equal(k.stderr, "kumo: adding the events service (@aws-sdk/client-eventbridge), one time only...\n");
  const a = await runAws(args);
  assert.equal(k.stdout, a.stdout);
  const calls = readFileSync(log, "utf8");
  // Added clients are held to the SDK release line kumo was built with (same Node.js support).
  assert.match(calls, /^install --prefix \S+ --no-audit --no-fund --save @aws-sdk\/client-eventbridge@<=3\.\d+\.\d+$/m);
  const again = await runKumo(args, { env });
  assert.equal(again.stderr, "");
  assert.equal(again.stdout, a.stdout);
});

test("services add rejects names the AWS CLI does not know", async () => {
  const r = await runKumo(["services", "add", "not-a-service"], { env: { KUMO_HOME: mkdtempSync(join(tmpdir(), "kumo-svc-")) } });
  assert.equal(r.code, 255);
  assert.match(r.stderr, /Unknown service: not-a-service/);
});
