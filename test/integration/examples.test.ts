// examples/assume_role_helper.sh, sourced in bash with the MFA code on its
// standard input, run with the real AWS CLI and with the `aws` shim running
// kumo: the same role is assumed and its credentials are exported to the
// shell either way. (examples/aws_resource_auditor.sh is compared in
// audit.test.ts.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { AWS_V2, GUARD, ROOT, baseEnv, runKumo, sandboxHome } from "../helpers/run.ts";

const HELPER = join(ROOT, "examples", "assume_role_helper.sh");
const ROLE = "arn:aws:iam::123456789012:role/ops-admin";
const MFA = "arn:aws:iam::123456789012:mfa/alice";

let moto: Moto;
let tmp: string;
let home: string;

function bash(script: string, env: Record<string, string>, stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn("bash", ["-c", script], { env, cwd: tmp, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    p.stdout.on("data", (d: Buffer) => (out += d));
    p.stderr.on("data", (d: Buffer) => (err += d));
    p.on("error", reject);
    p.on("close", (code) => resolve({ code: code ?? 128, stdout: out, stderr: err }));
    // A child that exits without reading its input (EPIPE) is no failure of the test.
    p.stdin.on("error", () => {});
    p.stdin.end(stdin);
  });
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), "kumo-examples-"));
  home = sandboxHome();
  moto = await startMoto();
  mkdirSync(join(tmp, "real"));
  writeFileSync(join(tmp, "real", "aws"), `#!/bin/sh\nexec ${AWS_V2} --endpoint-url "$AWS_ENDPOINT_URL" "$@"\n`);
  chmodSync(join(tmp, "real", "aws"), 0o755);
  const r = await runKumo(["install-alias", "--dir", join(tmp, "kumo")], { home });
  assert.equal(r.code, 0, r.stderr);
});

after(async () => {
  await moto?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// Sources the helper, then shows what it left in the shell.
const SESSION = `source ${JSON.stringify(HELPER)} ${ROLE} ${MFA} nightly-report
status=$?
echo "status=$status"
echo "key=$AWS_ACCESS_KEY_ID"
echo "secret=\${#AWS_SECRET_ACCESS_KEY}"
echo "token=\${#AWS_SESSION_TOKEN}"
echo "expiration=$EXPIRATION"
`;

async function runHelper(bin: string, code: string) {
  const env = baseEnv(home, { PATH: `${join(tmp, bin)}:${process.env.PATH}`, AWS_ENDPOINT_URL: moto.endpoint, NODE_OPTIONS: `--import ${GUARD}` });
  return bash(SESSION, env, `${code}\n`);
}

function parse(stdout: string): Record<string, string> {
  const lines = stdout.trimEnd().split("\n");
  const out: Record<string, string> = { arn: lines[0] ?? "" };
  for (const l of lines.slice(1)) {
    const i = l.indexOf("=");
    out[l.slice(0, i)] = l.slice(i + 1);
  }
  return out;
}

test("assume_role_helper.sh exports the role's credentials, with the real CLI and with kumo as aws", async () => {
  const [real, shim] = await Promise.all([runHelper("real", "123456"), runHelper("kumo", "123456")]);
  for (const [name, r] of [["aws", real], ["kumo", shim]] as const) {
    assert.equal(r.code, 0, `${name}: ${r.stderr}`);
    const v = parse(r.stdout);
    assert.equal(v.status, "0", name);
    // The last command of the helper ran with the exported credentials: it is the role now.
    assert.equal(v.arn, "arn:aws:sts::123456789012:assumed-role/ops-admin/nightly-report", name);
    assert.match(v.key!, /^ASIA[A-Z0-9]{16}$/, name);
    assert.ok(Number(v.secret) >= 40, name);
    assert.ok(Number(v.token) > 100, name);
    assert.match(v.expiration!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/, name);
    assert.match(r.stderr, new RegExp(`Assumed ${ROLE} until ${v.expiration!.replace(/[.+]/g, "\\$&")}`), name);
  }
  // The text output of the query is the same shape for both: four tab-separated fields.
  assert.equal(parse(real.stdout).expiration!.length, parse(shim.stdout).expiration!.length);
});

test("assume_role_helper.sh without arguments prints its usage and fails", async () => {
  const env = baseEnv(home, { PATH: `${join(tmp, "kumo")}:${process.env.PATH}`, AWS_ENDPOINT_URL: moto.endpoint });
  const r = await bash(`source ${JSON.stringify(HELPER)}; echo "status=$?"`, env, "");
  assert.equal(r.stdout, "status=1\n");
  assert.match(r.stderr, /^Usage: source /);
});
