// kumo doctor on sandboxed HOMEs with each problem planted: what it reports,
// and that --fix repairs exactly the reported modes and nothing else.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { kumo, keyIdFor, randomSecret, rng, sandbox, tempDir } from "../secrets/helpers.ts";
import { checkClock } from "../../../src/doctor/clock.ts";
import { checkStaticKeys } from "../../../src/doctor/profiles.ts";

const r = rng(77);
const KEY = keyIdFor(210987654321n, r);
const SECRET = randomSecret(r);
const NOW = new Date("2026-03-01T12:00:00Z");

function mode(p: string): string {
  return (statSync(p).mode & 0o777).toString(8);
}

function exe(dir: string, name: string, m = 0o755): string {
  mkdirSync(dir, { recursive: true });
  const p = join(dir, name);
  writeFileSync(p, "#!/bin/sh\necho '{}'\n");
  chmodSync(p, m);
  return p;
}

/** A PATH holding exactly one aws. */
function onePath(): string {
  const bin = tempDir("kumo-doc-bin-");
  exe(bin, "aws");
  return bin;
}

interface Doc {
  checks: { id: string; status: string; items: { message: string; attention: boolean; fixable: boolean; fixed?: boolean; path?: string }[] }[];
  attention: number;
}

async function doctor(home: string, args: string[], path: string) {
  return kumo(["doctor", "--offline", ...args], { cwd: home, home, env: { PATH: path }, now: () => NOW });
}

test("a tidy set-up: nothing needs attention, exit 0", async () => {
  const home = sandbox({ config: "[default]\nregion = eu-west-1\n[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n" });
  const res = await doctor(home, [], onePath());
  assert.equal(res.code, 0, res.stdout);
  assert.match(res.stdout, /\[ok\]   Permissions of ~\/\.aws and its files/);
  assert.match(res.stdout, /\[skip\] Clock skew against AWS \(offline\)/);
  assert.match(res.stdout, /Nothing needs attention\.\n$/);
});

test("each planted problem is reported; --fix repairs exactly the modes it reported", async () => {
  const home = sandbox({ credentials: `[default]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n` });
  writeFileSync(
    join(home, ".aws", "config"),
    [
      "[profile mixed]",
      `aws_access_key_id = ${KEY}`,
      `aws_secret_access_key = ${SECRET}`,
      "role_arn = arn:aws:iam::210987654321:role/admin",
      "[profile relative]",
      "credential_process = ./bin/get-creds --json",
      "[profile writable]",
      `credential_process = ${join(home, "tools", "creds")}`,
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
  const aws = join(home, ".aws");
  chmodSync(aws, 0o755);
  chmodSync(join(aws, "credentials"), 0o644);
  mkdirSync(join(aws, "cli", "cache"), { recursive: true, mode: 0o700 });
  writeFileSync(join(aws, "cli", "cache", "abc.json"), "{}", { mode: 0o640 });
  mkdirSync(join(aws, "sso", "cache"), { recursive: true, mode: 0o700 });
  chmodSync(join(aws, "sso", "cache"), 0o777);
  const soon = new Date(NOW.getTime() + 10 * 60_000).toISOString();
  const gone = new Date(NOW.getTime() - 60 * 60_000).toISOString();
  writeFileSync(join(aws, "sso", "cache", "s1.json"), JSON.stringify({ startUrl: "https://corp.awsapps.com/start", accessToken: "t", expiresAt: soon }), { mode: 0o600 });
  writeFileSync(join(aws, "sso", "cache", "s2.json"), JSON.stringify({ startUrl: "https://old.awsapps.com/start", accessToken: "t", expiresAt: gone }), { mode: 0o600 });
  const script = exe(join(home, "tools"), "creds", 0o777);
  // kumo's vault folder is held to the same modes.
  mkdirSync(join(home, ".kumo", "vault"), { recursive: true });
  chmodSync(join(home, ".kumo", "vault"), 0o755);
  writeFileSync(join(home, ".kumo", "vault", "vault.kv"), "x", { mode: 0o644 });
  chmodSync(join(home, ".kumo", "vault", "vault.kv"), 0o644);
  // Not reported, so never touched: a loose file outside ~/.aws.
  writeFileSync(join(home, "notes.txt"), "x", { mode: 0o666 });
  chmodSync(join(home, "notes.txt"), 0o666);
  // Two different aws commands on PATH.
  const first = tempDir("kumo-doc-first-");
  exe(first, "aws");
  const path = `${first}:${onePath()}`;

  const res = await doctor(home, ["--output", "json"], path);
  assert.equal(res.code, 1);
  const doc = JSON.parse(res.stdout) as Doc;
  const by = (id: string) => doc.checks.find((c) => c.id === id)!;
  assert.deepEqual(
    by("permissions").items.map((i) => i.message),
    [
      "~/.aws is a folder others can use (mode 755, want 700)",
      "~/.aws/cli/cache/abc.json is readable or writable by others (mode 640, want 600)",
      "~/.aws/credentials is readable or writable by others (mode 644, want 600)",
      "~/.aws/sso/cache is a folder others can use (mode 777, want 700)",
      "~/.kumo/vault is a folder others can use (mode 755, want 700)",
      "~/.kumo/vault/vault.kv is readable or writable by others (mode 644, want 600)",
    ],
  );
  assert.ok(by("permissions").items.every((i) => i.fixable));
  const keys = by("static-keys").items.map((i) => i.message);
  assert.equal(keys.length, 2);
  assert.ok(keys.some((k) => /profile "mixed" keeps long-lived key/.test(k)));
  assert.match(keys.find((k) => k.includes('"default"'))!, /profile "default" keeps long-lived key AKIA\*+.{4} in plaintext in ~\/\.aws\/credentials/);
  assert.ok(!res.stdout.includes(SECRET) && !res.stdout.includes(KEY));
  assert.deepEqual(by("mixed-profiles").items.map((i) => i.message.split(":")[0]), ['profile "mixed" has static keys and role_arn']);
  const cp = by("credential-process").items;
  assert.match(cp[0]!.message, /profile "relative": credential_process runs "\.\/bin\/get-creds", a path relative/);
  assert.match(cp[1]!.message, /profile "writable": credential_process target .*tools\/creds can be changed by anyone \(mode 777\)/);
  assert.equal(cp[1]!.fixable, true);
  const sso = by("sso-sessions").items.filter((i) => i.attention).map((i) => i.message);
  assert.match(sso[0]!, /corp\.awsapps\.com\/start expires in 10 minutes/);
  assert.match(sso[1]!, /old\.awsapps\.com\/start expired/);
  assert.match(by("aws-on-path").items[0]!.message, new RegExp(`2 different aws commands on PATH: ${first}/aws runs`));
  assert.equal(doc.attention, 6 + 2 + 1 + 2 + 2 + 1);

  const fixed = await doctor(home, ["--fix"], path);
  assert.equal(fixed.code, 1, "problems without a repair remain");
  assert.match(fixed.stdout, /~\/\.aws\/credentials is readable or writable by others \(mode 644, want 600\)  -> fixed: mode 600/);
  assert.match(fixed.stdout, /Fixed 7 items\./);
  assert.deepEqual(
    [aws, join(aws, "credentials"), join(aws, "cli", "cache", "abc.json"), join(aws, "sso", "cache"), script, join(home, ".kumo", "vault"), join(home, ".kumo", "vault", "vault.kv")].map(mode),
    ["700", "600", "600", "700", "755", "700", "600"],
  );
  assert.equal(mode(join(home, "notes.txt")), "666", "a file doctor did not report is left alone");
  assert.equal(mode(join(aws, "config")), "600");

  const after = JSON.parse((await doctor(home, ["--output", "json"], path)).stdout) as Doc;
  assert.equal(after.checks.find((c) => c.id === "permissions")!.status, "ok");
  assert.equal(after.attention, doc.attention - 7);
});


test("key age from IAM and clock skew: the judgements", async () => {
  const keys = [{ profile: "old", accessKeyId: KEY, secretAccessKey: SECRET, file: "/h/.aws/credentials" }];
  const aged = checkStaticKeys(keys, new Map([[KEY, { created: new Date("2025-06-01T00:00:00Z") }]]), NOW, (p) => p);
  assert.match(aged.items[0]!.message, /created 2025-06-01 \(273 days ago, older than 90 days: rotate it\)/);
  const unknown = checkStaticKeys(keys, new Map([[KEY, { error: "IAM not reachable" }]]), NOW, (p) => p);
  assert.match(unknown.items[0]!.message, /age unknown \(IAM not reachable\)/);

  const at = (offsetMs: number) => async () => new Date(NOW.getTime() + offsetMs).toUTCString();
  const ok = await checkClock("http://127.0.0.1:9/", () => NOW, at(-30_000));
  assert.equal(ok.status, "ok");
  assert.match(ok.items[0]!.message, /local clock is 30 s ahead of/);
  const skewed = await checkClock("http://127.0.0.1:9/", () => NOW, at(10 * 60_000));
  assert.equal(skewed.status, "attention");
  assert.match(skewed.items[0]!.message, /600 s behind .*signed requests will fail/);
  const down = await checkClock("http://127.0.0.1:9/", () => NOW, async () => {
    throw new Error("connect ECONNREFUSED");
  });
  assert.equal(down.status, "skipped");
});

test("help", async () => {
  const home = sandbox();
  const h = await kumo(["doctor", "help"], { cwd: home, home });
  assert.equal(h.code, 0);
  assert.match(h.stdout, /kumo doctor \[--fix\]/);
  const bad = await kumo(["doctor", "--repair"], { cwd: home, home });
  assert.equal(bad.code, 252);
});

test("aws on PATH: kumo's own shim in front of the AWS CLI is no problem; anything else in front is", async () => {
  const { mkdtempSync, mkdirSync: mk, writeFileSync: wf, rmSync: rm } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join: j } = await import("node:path");
  const { checkAwsOnPath } = await import("../../../src/doctor/aws-on-path.ts");
  const { shimScript } = await import("../../../src/commands/install-alias/shim.ts");
  const dir = mkdtempSync(j(tmpdir(), "kumo-doctor-path-"));
  try {
    for (const d of ["shim", "other", "cli"]) mk(j(dir, d), { mode: 0o755 });
    wf(j(dir, "shim", "aws"), shimScript("/usr/bin/node", "/opt/kumo/bin/kumo.cjs"), { mode: 0o755 });
    wf(j(dir, "other", "aws"), "#!/bin/sh\necho not the cli\n", { mode: 0o755 });
    wf(j(dir, "cli", "aws"), "#!/bin/sh\necho aws-cli\n", { mode: 0o755 });
    const withShim = checkAwsOnPath([j(dir, "shim"), j(dir, "cli")].join(":"), dir);
    assert.deepEqual(withShim.items.map((i) => [i.message, i.attention]), [[`aws is kumo's shim ${j(dir, "shim", "aws")} (kumo install-alias), in front of ${j(dir, "cli", "aws")}`, false]]);
    const shadowed = checkAwsOnPath([j(dir, "other"), j(dir, "cli")].join(":"), dir);
    assert.equal(shadowed.items[0]!.attention, true);
    assert.match(shadowed.items[0]!.message, /2 different aws commands on PATH/);
  } finally {
    rm(dir, { recursive: true, force: true });
  }
});
