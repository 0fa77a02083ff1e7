// `kumo assume` and `kumo shell-init` end to end: the AssumeRole request
// (session name, external ID, source identity, duration, MFA code read from
// the prompt), the export lines of each shell evaluated by a real shell, a
// role ARN assumed with the current credentials, --exec, and kumo-assume.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { baseEnv, runKumo, sandboxHome } from "../helpers/run.ts";
import { formFields, startRecorder, type Recorder } from "../fakes/recorder.ts";
import { kumoOnPath, vaultEnv } from "../unit/vault/harness.ts";

let moto: Moto;
let sts: Recorder;
let bin: string;
before(async () => {
  moto = await startMoto();
  sts = await startRecorder(moto.endpoint);
  bin = kumoOnPath();
});
after(async () => {
  await sts?.stop();
  await moto?.stop();
});

const ACCOUNT = "123456789012";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/admin`;
const MFA = `arn:aws:iam::${ACCOUNT}:mfa/alice`;
const CONFIG = `[profile base]\nregion = eu-west-1\n[profile admin]\nrole_arn = ${ROLE}\nsource_profile = base\nmfa_serial = ${MFA}\nregion = eu-central-1\n`;
const env = (extra: Record<string, string | undefined> = {}) => vaultEnv({ sts: sts.url, binDir: bin, extra: { AWS_DEFAULT_REGION: undefined, SHELL: "/bin/bash", ...extra } });

async function home(): Promise<string> {
  const h = sandboxHome({ config: CONFIG });
  const add = await runKumo(["vault", "add", "base", "--env", "--no-add-config"], {
    home: h,
    env: env({ AWS_ACCESS_KEY_ID: "AKIABASEEXAMPLE00002", AWS_SECRET_ACCESS_KEY: "base-secret" }),
  });
  assert.equal(add.code, 0, add.stderr);
  return h;
}

/** Runs `script` in bash with kumo on PATH (asynchronously: the recorders live in this process). */
function bash(script: string, h: string, extra: Record<string, string | undefined> = {}): Promise<{ stdout: string; stderr: string; status: number | null }> {
  return new Promise((resolve, reject) => {
    const p = spawn("bash", ["-c", script], { env: baseEnv(h, env(extra)), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d));
    p.stderr.on("data", (d: Buffer) => (stderr += d));
    p.on("error", reject);
    p.on("close", (status) => resolve({ stdout, stderr, status }));
  });
}

test("a role profile with MFA: every option reaches AssumeRole, the code is asked for, the lines set the session", async () => {
  const h = await home();
  sts.requests.length = 0;
  const r = await runKumo(
    ["assume", "admin", "--duration", "900", "--session-name", "alice-admin", "--external-id", "ext-1", "--source-identity", "alice"],
    { home: h, env: env(), stdin: "654321\n" },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`^Enter MFA code for ${MFA}: \\nAssumed admin, valid until \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\.\\n$`));
  const calls = sts.calls("AssumeRole");
  assert.equal(calls.length, 1);
  const f = formFields(calls[0]!.body);
  assert.deepEqual(
    { RoleArn: f.RoleArn, RoleSessionName: f.RoleSessionName, ExternalId: f.ExternalId, SourceIdentity: f.SourceIdentity, DurationSeconds: f.DurationSeconds, SerialNumber: f.SerialNumber, TokenCode: f.TokenCode },
    { RoleArn: ROLE, RoleSessionName: "alice-admin", ExternalId: "ext-1", SourceIdentity: "alice", DurationSeconds: "900", SerialNumber: MFA, TokenCode: "654321" },
  );
  assert.match(String(calls[0]!.headers.authorization), /Credential=AKIABASEEXAMPLE00002\//);
  const names = r.stdout.trim().split("\n").map((l) => l.replace(/^(export|unset) ([A-Z_]+).*$/, "$1 $2"));
  assert.deepEqual(names, [
    "export AWS_ACCESS_KEY_ID",
    "export AWS_SECRET_ACCESS_KEY",
    "export AWS_SESSION_TOKEN",
    "export AWS_CREDENTIAL_EXPIRATION",
    "export AWS_REGION",
    "export AWS_DEFAULT_REGION",
    "export KUMO_ASSUMED",
    "unset AWS_SECURITY_TOKEN",
    "unset AWS_PROFILE",
    "unset AWS_DEFAULT_PROFILE",
  ]);
  // bash evaluates them; the AWS CLI then signs with the role session.
  const cli = await startRecorder(moto.endpoint);
  try {
    const out = await bash(`eval "$1"; echo "$AWS_REGION $KUMO_ASSUMED"; /usr/bin/aws sts get-caller-identity --endpoint-url ${cli.url} --query Account --output text`.replace("$1", r.stdout.replace(/"/g, '\\"').replace(/\$/g, "\\$")), h, { AWS_PROFILE: "base" });
    assert.equal(out.stderr, "");
    assert.equal(out.stdout, `eu-central-1 admin\n${ACCOUNT}\n`);
    const key = /export AWS_ACCESS_KEY_ID='([^']+)'/.exec(r.stdout)![1];
    assert.match(String(cli.calls("GetCallerIdentity")[0]!.headers.authorization), new RegExp(`Credential=${key}/`));
  } finally {
    await cli.stop();
  }
});

test("fish and PowerShell lines; a role ARN assumed with --profile's vault keys", async () => {
  const h = await home();
  sts.requests.length = 0;
  const fish = await runKumo(["--profile", "base", "assume", `arn:aws:iam::${ACCOUNT}:role/reader`, "--shell", "fish"], { home: h, env: env() });
  assert.equal(fish.code, 0, fish.stderr);
  assert.match(fish.stdout, /^set -gx AWS_ACCESS_KEY_ID '[A-Z0-9]+';\nset -gx AWS_SECRET_ACCESS_KEY '[^']+';\nset -gx AWS_SESSION_TOKEN '[^']+';\nset -gx AWS_CREDENTIAL_EXPIRATION '[^']+';\nset -gx AWS_REGION 'eu-west-1';\nset -gx AWS_DEFAULT_REGION 'eu-west-1';\nset -gx KUMO_ASSUMED 'arn:aws:iam::123456789012:role\/reader';\nset -e AWS_SECURITY_TOKEN;\nset -e AWS_PROFILE;\nset -e AWS_DEFAULT_PROFILE;\n$/);
  const f = formFields(sts.calls("AssumeRole")[0]!.body);
  assert.equal(f.RoleArn, `arn:aws:iam::${ACCOUNT}:role/reader`);
  assert.match(f.RoleSessionName!, /^kumo-\d+$/);
  assert.match(String(sts.calls("AssumeRole")[0]!.headers.authorization), /Credential=AKIABASEEXAMPLE00002\//);

  const ps = await runKumo(["--profile", "base", "assume", `arn:aws:iam::${ACCOUNT}:role/reader`, "--shell", "powershell"], { home: h, env: env() });
  assert.match(ps.stdout, /^\$Env:AWS_ACCESS_KEY_ID = '[A-Z0-9]+'\n[\s\S]*Remove-Item Env:AWS_SECURITY_TOKEN -ErrorAction SilentlyContinue\n/);

  // The environment's credentials sign it when no --profile is given.
  sts.requests.length = 0;
  const fromEnv = await runKumo(["assume", `arn:aws:iam::${ACCOUNT}:role/reader`], { home: h, env: env({ AWS_ACCESS_KEY_ID: "AKIAENVEXAMPLE000003", AWS_SECRET_ACCESS_KEY: "e" }) });
  assert.equal(fromEnv.code, 0, fromEnv.stderr);
  assert.match(String(sts.calls("AssumeRole")[0]!.headers.authorization), /Credential=AKIAENVEXAMPLE000003\//);
});

test("--exec runs a command with the session and passes its exit code", async () => {
  const h = await home();
  const r = await runKumo(["assume", "admin", "--mfa-token", "111111", "--exec", "--", "sh", "-c", 'echo "$KUMO_VAULT $AWS_REGION ${AWS_SESSION_TOKEN:+token}"; exit 3'], { home: h, env: env() });
  assert.equal(r.code, 3, r.stderr);
  assert.equal(r.stdout, "admin eu-central-1 token\n");
  const bad = await runKumo(["assume", "admin", "--exec"], { home: h, env: env() });
  assert.equal(bad.code, 252);
  assert.match(bad.stderr, /--exec needs a command after --/);
});

test("kumo shell-init bash: kumo-assume sets the variables in the calling shell, and --unset clears them", async () => {
  const h = await home();
  const out = await bash(
    `eval "$(kumo shell-init bash)"; kumo-assume admin --mfa-token 222222 || exit 9; echo "assumed=$KUMO_ASSUMED region=$AWS_REGION key=\${AWS_ACCESS_KEY_ID:+set}"; kumo-assume --unset; echo "after=\${AWS_ACCESS_KEY_ID:-unset}"; kumo-assume help | head -1`,
    h,
  );
  assert.equal(out.status, 0, out.stderr);
  assert.equal(out.stdout, "assumed=admin region=eu-central-1 key=set\nafter=unset\nkumo assume\n");
  const failing = await bash(`eval "$(kumo shell-init bash)"; kumo-assume nosuchprofile; echo "rc=$? key=\${AWS_ACCESS_KEY_ID:-unset}"`, h);
  assert.equal(failing.stdout, "rc=255 key=unset\n");
  assert.match(failing.stderr, /The config profile \(nosuchprofile\) could not be found/);
  const help = await runKumo(["shell-init", "help"], { home: h, env: env() });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^kumo shell-init\n/);
  const unknown = await runKumo(["shell-init", "csh"], { home: h, env: env() });
  assert.equal(unknown.code, 252);
});
