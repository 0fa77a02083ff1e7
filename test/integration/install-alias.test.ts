// `kumo install-alias`: an `aws` shim that runs kumo, which never replaces
// someone else's `aws` without --force.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GUARD, baseEnv, runKumo, sandboxHome } from "../helpers/run.ts";

const REAL = "#!/usr/bin/python3\n# the AWS CLI\n";

test("install-alias creates an executable aws that runs kumo, and reinstalls over its own shim", async () => {
  const home = sandboxHome();
  const dir = join(mkdtempSync(join(tmpdir(), "kumo-alias-")), "bin");
  const r = await runKumo(["install-alias", "--dir", dir], { home });
  assert.equal(r.code, 0, r.stderr);
  const shim = join(dir, "aws");
  assert.match(r.stdout, new RegExp(`^Installed ${shim} -> kumo`));
  assert.match(r.stderr, /is not on PATH/);
  assert.equal(statSync(shim).mode & 0o777, 0o755);
  const env = { ...baseEnv(home), PATH: `${dir}:${process.env.PATH}`, NODE_OPTIONS: `--import ${GUARD}` };
  const v = spawnSync("aws", ["--version"], { env, encoding: "utf8" });
  assert.equal(v.status, 0, v.stderr);
  const kv = await runKumo(["--version"], { home });
  assert.equal(v.stdout, kv.stdout, "aws --version is kumo's");
  const bad = spawnSync("aws", ["ec2", "describe-nothing"], { env, encoding: "utf8" });
  assert.equal(bad.status, 252, "exit codes pass through");
  const again = await runKumo(["install-alias", "--dir", dir], { home, env: { PATH: `${dir}:${process.env.PATH}` } });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stderr, "");
});

test("an existing aws that is not kumo's is kept unless --force; --uninstall removes only kumo's", async () => {
  const home = sandboxHome();
  const dir = mkdtempSync(join(tmpdir(), "kumo-alias-"));
  const target = join(dir, "aws");
  writeFileSync(target, REAL, { mode: 0o755 });
  const refused = await runKumo(["install-alias", "--dir", dir], { home });
  assert.equal(refused.code, 255);
  assert.match(refused.stderr, /already exists and is not kumo's shim .*--force/);
  assert.equal(readFileSync(target, "utf8"), REAL);
  const keep = await runKumo(["install-alias", "--uninstall", "--dir", dir], { home });
  assert.equal(keep.code, 255);
  assert.equal(readFileSync(target, "utf8"), REAL);
  const forced = await runKumo(["install-alias", "--dir", dir, "--force"], { home });
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(readFileSync(target, "utf8"), /kumo-aws-shim/);
  const removed = await runKumo(["install-alias", "--uninstall", "--dir", dir], { home });
  assert.equal(removed.code, 0, removed.stderr);
  assert.equal(existsSync(target), false);
  const help = await runKumo(["install-alias", "help"], { home });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--force/);
  const unknown = await runKumo(["install-alias", "--nope"], { home });
  assert.equal(unknown.code, 252);
});
