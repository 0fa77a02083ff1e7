// `kumo exec` end to end: the command's environment, its exit code, the
// nesting guard, role profiles, and `--server` with the real AWS CLI
// fetching its credentials from kumo's endpoint (STS and the CLI's own call
// to moto, through recorders).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { runKumo, sandboxHome } from "../helpers/run.ts";
import { formFields, startRecorder, type Recorder } from "../fakes/recorder.ts";
import { vaultEnv } from "../unit/vault/harness.ts";

let moto: Moto;
let sts: Recorder;
before(async () => {
  moto = await startMoto();
  sts = await startRecorder(moto.endpoint);
});
after(async () => {
  await sts?.stop();
  await moto?.stop();
});

const ROLE = "arn:aws:iam::123456789012:role/deploy";
const CONFIG = `[profile base]\nregion = eu-west-1\n[profile deploy]\nrole_arn = ${ROLE}\nsource_profile = base\nrole_session_name = deployer\nregion = us-west-2\n`;
const env = (extra: Record<string, string | undefined> = {}) =>
  vaultEnv({ sts: sts.url, extra: { AWS_DEFAULT_REGION: undefined, AWS_PROFILE: "stale", AWS_SESSION_TOKEN: "stale", ...extra } });

async function homeWithVault(): Promise<string> {
  const home = sandboxHome({ config: CONFIG });
  const add = await runKumo(["vault", "add", "base", "--env", "--no-add-config"], {
    home,
    env: env({ AWS_ACCESS_KEY_ID: "AKIABASEEXAMPLE00001", AWS_SECRET_ACCESS_KEY: "base-secret" }),
  });
  assert.equal(add.code, 0, add.stderr);
  return home;
}

const dump = `for v in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_REGION AWS_DEFAULT_REGION AWS_PROFILE KUMO_VAULT KUMO_VAULT_PASSPHRASE AWS_CONTAINER_CREDENTIALS_FULL_URI AWS_CONTAINER_AUTHORIZATION_TOKEN; do eval "echo $v=\\\${$v-UNSET}"; done`;
const parse = (out: string) => Object.fromEntries(out.trim().split("\n").map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));

test("the command gets a session, the region and KUMO_VAULT, and nothing of the caller's credentials; its exit code is kumo's", async () => {
  const home = await homeWithVault();
  sts.requests.length = 0;
  const r = await runKumo(["exec", "base", "--", "sh", "-c", `${dump}; exit 42`], { home, env: env() });
  assert.equal(r.code, 42, r.stderr);
  const vars = parse(r.stdout);
  assert.match(vars.AWS_ACCESS_KEY_ID!, /^[A-Z0-9]{16,}$/);
  assert.notEqual(vars.AWS_ACCESS_KEY_ID, "AKIABASEEXAMPLE00001", "a session, not the stored key");
  assert.notEqual(vars.AWS_SESSION_TOKEN, "stale");
  assert.ok(vars.AWS_SESSION_TOKEN!.length > 20);
  assert.equal(vars.AWS_SECURITY_TOKEN, vars.AWS_SESSION_TOKEN);
  assert.match(vars.AWS_CREDENTIAL_EXPIRATION!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(Math.abs(Date.parse(vars.AWS_CREDENTIAL_EXPIRATION!) - Date.now() - 3600_000) < 120_000);
  assert.equal(vars.AWS_REGION, "eu-west-1");
  assert.equal(vars.AWS_DEFAULT_REGION, "eu-west-1");
  assert.equal(vars.AWS_PROFILE, "UNSET");
  assert.equal(vars.KUMO_VAULT, "base");
  assert.equal(vars.KUMO_VAULT_PASSPHRASE, "UNSET", "the vault passphrase is not passed on");
  assert.equal(vars.AWS_CONTAINER_CREDENTIALS_FULL_URI, "UNSET");
  assert.equal(sts.calls("GetSessionToken").length, 1);

  // --region wins; --no-session hands over the stored keys; exit 0 passes through too.
  const keys = await runKumo(["--region", "ap-south-1", "exec", "base", "--no-session", "--", "sh", "-c", dump], { home, env: env() });
  assert.equal(keys.code, 0, keys.stderr);
  const kv = parse(keys.stdout);
  assert.equal(kv.AWS_ACCESS_KEY_ID, "AKIABASEEXAMPLE00001");
  assert.equal(kv.AWS_SESSION_TOKEN, "UNSET");
  assert.equal(kv.AWS_CREDENTIAL_EXPIRATION, "UNSET");
  assert.equal(kv.AWS_REGION, "ap-south-1");

  const killed = await runKumo(["exec", "base", "--", "sh", "-c", "kill -TERM $$"], { home, env: env() });
  assert.equal(killed.code, 128 + 15);
  const missing = await runKumo(["exec", "base", "--", "no-such-command-kumo"], { home, env: env() });
  assert.equal(missing.code, 127);
  assert.match(missing.stderr, /kumo: no-such-command-kumo: command not found/);
  // Options after -- are the command's, help flags included.
  const helpFlag = await runKumo(["exec", "base", "--no-session", "--", "sh", "-c", 'echo "$@"', "sh", "-h", "--help"], { home, env: env() });
  assert.equal(helpFlag.code, 0, helpFlag.stderr);
  assert.equal(helpFlag.stdout, "-h --help\n");
  const noDashes = await runKumo(["exec", "base", "ls", "-l"], { home, env: env() });
  assert.equal(noDashes.code, 252);
  assert.match(noDashes.stderr, /Unknown options: -l\nPut the command after --: kumo exec <profile> -- <command> \[args\.\.\.\]/);
});

test("nesting is refused unless asked for", async () => {
  const home = await homeWithVault();
  const nested = await runKumo(["exec", "base", "--", "true"], { home, env: env({ KUMO_VAULT: "other" }) });
  assert.equal(nested.code, 255);
  assert.match(nested.stderr, /kumo exec is already running for profile "other" in this shell \(KUMO_VAULT is set\)\. .*pass --allow-nested\./);
  const fromAwsVault = await runKumo(["exec", "base", "--", "true"], { home, env: env({ AWS_VAULT: "legacy" }) });
  assert.equal(fromAwsVault.code, 255);
  const allowed = await runKumo(["exec", "--allow-nested", "base", "--", "sh", "-c", "echo $KUMO_VAULT"], { home, env: env({ KUMO_VAULT: "other" }) });
  assert.equal(allowed.code, 0, allowed.stderr);
  assert.equal(allowed.stdout, "base\n");
});

test("a role profile: AssumeRole signed with the source's vault keys, cached in the vault", async () => {
  const home = await homeWithVault();
  sts.requests.length = 0;
  const r = await runKumo(["exec", "deploy", "--", "sh", "-c", dump], { home, env: env() });
  assert.equal(r.code, 0, r.stderr);
  const calls = sts.calls("AssumeRole");
  assert.equal(calls.length, 1);
  const f = formFields(calls[0]!.body);
  assert.equal(f.RoleArn, ROLE);
  assert.equal(f.RoleSessionName, "deployer");
  assert.equal(f.DurationSeconds, "3600");
  assert.match(String(calls[0]!.headers.authorization), /Credential=AKIABASEEXAMPLE00001\//);
  const vars = parse(r.stdout);
  assert.equal(vars.AWS_REGION, "us-west-2");
  assert.equal(vars.KUMO_VAULT, "deploy");
  const again = await runKumo(["exec", "deploy", "--", "sh", "-c", dump], { home, env: env() });
  assert.equal(parse(again.stdout).AWS_ACCESS_KEY_ID, vars.AWS_ACCESS_KEY_ID);
  assert.equal(sts.calls("AssumeRole").length, 1, "the second run used the cached role session");
  const list = await runKumo(["vault", "list", "--sessions"], { home, env: env() });
  assert.match(list.stdout, /^deploy\t/m);
});

test("--server: the real AWS CLI gets its credentials from kumo's endpoint, which checks the token", async () => {
  const home = await homeWithVault();
  const cli = await startRecorder(moto.endpoint);
  try {
    const script =
      `${dump}; ` +
      `code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: wrong' "$AWS_CONTAINER_CREDENTIALS_FULL_URI" -H "X-Check: 1" || true); echo WRONG_TOKEN=$code; ` +
      `/usr/bin/aws sts get-caller-identity --endpoint-url ${cli.url} --query Account --output text`;
    const r = await runKumo(["exec", "--server", "deploy", "--", "sh", "-c", script], { home, env: env() });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split("\n");
    assert.equal(lines.at(-1), "123456789012");
    const vars = parse(lines.slice(0, -1).join("\n"));
    assert.equal(vars.AWS_ACCESS_KEY_ID, "UNSET");
    assert.equal(vars.AWS_SESSION_TOKEN, "UNSET");
    assert.match(vars.AWS_CONTAINER_CREDENTIALS_FULL_URI!, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.match(vars.AWS_CONTAINER_AUTHORIZATION_TOKEN!, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(vars.WRONG_TOKEN, "403", "curl with a wrong token is refused");
    // The CLI signed with the role session kumo served.
    const signed = cli.calls("GetCallerIdentity")[0]!;
    const roleSession = await runKumo(["vault", "credentials", "deploy"], { home, env: env() });
    const served = JSON.parse(roleSession.stdout);
    assert.match(String(signed.headers.authorization), new RegExp(`Credential=${served.AccessKeyId}/\\d{8}/us-west-2/sts/`));
    assert.equal(signed.headers["x-amz-security-token"], served.SessionToken);
  } finally {
    await cli.stop();
  }
  const both = await runKumo(["exec", "--server", "--no-session", "base", "--", "true"], { home, env: env() });
  assert.equal(both.code, 252);
  assert.match(both.stderr, /--server hands out sessions only; it cannot be combined with --no-session/);
  const help = await runKumo(["exec", "--help"], { home, env: env() });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^kumo exec\n/);
});
