// `kumo console` end to end: the sign-in URL built against a fake federation
// endpoint that checks each getSigninToken request (KUMO_FEDERATION_ENDPOINT),
// role sessions and federation tokens from moto's STS, destinations and
// regions, and the browser started through $BROWSER.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { runKumo, sandboxHome } from "../helpers/run.ts";
import { formFields, startRecorder, type Recorder } from "../fakes/recorder.ts";
import { startFederation, type FederationFake } from "../fakes/federation.ts";
import { vaultEnv } from "../unit/vault/harness.ts";

let moto: Moto;
let sts: Recorder;
let fed: FederationFake;
before(async () => {
  moto = await startMoto();
  sts = await startRecorder(moto.endpoint);
  fed = await startFederation();
});
after(async () => {
  await fed?.stop();
  await sts?.stop();
  await moto?.stop();
});

const ROLE = "arn:aws:iam::123456789012:role/console";
const CONFIG = `[profile base]\nregion = eu-west-1\n[profile admin]\nrole_arn = ${ROLE}\nsource_profile = base\nregion = eu-central-1\n`;
const env = (extra: Record<string, string | undefined> = {}) =>
  vaultEnv({ sts: sts.url, extra: { AWS_DEFAULT_REGION: undefined, KUMO_FEDERATION_ENDPOINT: fed.endpoint, BROWSER: "/nonexistent-browser", ...extra } });

async function home(): Promise<string> {
  const h = sandboxHome({ config: CONFIG });
  const add = await runKumo(["vault", "add", "base", "--env", "--no-add-config"], {
    home: h,
    env: env({ AWS_ACCESS_KEY_ID: "AKIABASEEXAMPLE00003", AWS_SECRET_ACCESS_KEY: "base-secret" }),
  });
  assert.equal(add.code, 0, add.stderr);
  return h;
}

function loginParams(stdout: string): Record<string, string> {
  assert.match(stdout, /\n$/);
  const u = new URL(stdout.trim());
  assert.equal(`${u.origin}${u.pathname}`, fed.endpoint);
  return Object.fromEntries(u.searchParams);
}

test("a role profile: its role session goes to getSigninToken; --stdout prints the login URL", async () => {
  const h = await home();
  fed.requests.length = 0;
  const r = await runKumo(["console", "admin", "--stdout"], { home: h, env: env() });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(fed.requests.length, 1);
  assert.deepEqual(loginParams(r.stdout), {
    Action: "login",
    Issuer: "kumo",
    Destination: "https://console.aws.amazon.com/console/home?region=eu-central-1",
    SigninToken: fed.tokenFor(1),
  });
  // The session sent is the role session kumo cached in the vault.
  const session = JSON.parse((await runKumo(["vault", "credentials", "admin"], { home: h, env: env() })).stdout);
  assert.deepEqual(fed.requests[0]!.session, { sessionId: session.AccessKeyId, sessionKey: session.SecretAccessKey, sessionToken: session.SessionToken });
  assert.equal(fed.requests[0]!.sessionDuration, undefined);
  assert.deepEqual(fed.refused, []);
});

test("vault keys are exchanged for a federation token; --duration, --region and --destination", async () => {
  const h = await home();
  sts.requests.length = 0;
  fed.requests.length = 0;
  const r = await runKumo(["--region", "ap-southeast-2", "console", "base", "--stdout", "--destination", "ec2", "--duration", "7200"], { home: h, env: env() });
  assert.equal(r.code, 0, r.stderr);
  const calls = sts.calls("GetFederationToken");
  assert.equal(calls.length, 1);
  const f = formFields(calls[0]!.body);
  assert.equal(f.Name, "kumo-base");
  assert.equal(f.DurationSeconds, "7200");
  assert.deepEqual(JSON.parse(f.Policy!), { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
  assert.match(String(calls[0]!.headers.authorization), /Credential=AKIABASEEXAMPLE00003\//);
  assert.equal(fed.requests.length, 1);
  assert.equal(fed.requests[0]!.sessionDuration, undefined, "SessionDuration is not sent for federation tokens");
  assert.match(fed.requests[0]!.session.sessionToken, /.{20,}/);
  const p = loginParams(r.stdout);
  assert.equal(p.Destination, "https://console.aws.amazon.com/ec2/home?region=ap-southeast-2");

  // A role session with --duration: SessionDuration goes to the federation endpoint too.
  fed.requests.length = 0;
  await runKumo(["console", "admin", "--stdout", "--duration", "7200", "--destination", "/s3/buckets"], { home: h, env: env() });
  assert.equal(fed.requests[0]!.sessionDuration, 7200);
  assert.equal(formFields(sts.calls("AssumeRole").at(-1)!.body).DurationSeconds, "7200");
});

test("session credentials in the environment are used as they are", async () => {
  const h = sandboxHome();
  sts.requests.length = 0;
  fed.requests.length = 0;
  const r = await runKumo(["console", "--stdout"], {
    home: h,
    env: env({ AWS_ACCESS_KEY_ID: "ASIAENVEXAMPLE000001", AWS_SECRET_ACCESS_KEY: "env-secret", AWS_SESSION_TOKEN: "env-token", AWS_REGION: "cn-north-1" }),
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sts.requests.length, 0);
  assert.deepEqual(fed.requests[0]!.session, { sessionId: "ASIAENVEXAMPLE000001", sessionKey: "env-secret", sessionToken: "env-token" });
  assert.equal(loginParams(r.stdout).Destination, "https://console.amazonaws.cn/console/home?region=cn-north-1");
});

test("the browser is started through $BROWSER with the URL; a refusal is a clear error", async () => {
  const h = await home();
  const dir = mkdtempSync(join(tmpdir(), "kumo-browser-"));
  const out = join(dir, "opened.txt");
  const script = join(dir, "browser.sh");
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$@" > "${out}.tmp" && mv "${out}.tmp" "${out}"\n`);
  chmodSync(script, 0o755);
  fed.requests.length = 0;
  const r = await runKumo(["console", "admin"], { home: h, env: env({ BROWSER: script }) });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, "Opened the AWS console in the browser.\n");
  for (let i = 0; i < 100 && !existsSync(out); i++) await new Promise((res) => setTimeout(res, 50));
  const opened = readFileSync(out, "utf8").trim();
  assert.equal(new URL(opened).searchParams.get("SigninToken"), fed.tokenFor(fed.requests.length));

  const noBrowser = await runKumo(["console", "admin"], { home: h, env: env({ BROWSER: "/nonexistent-browser" }) });
  assert.equal(noBrowser.code, 0);
  assert.match(noBrowser.stderr, /^Could not start a browser; open this URL/);
  assert.match(noBrowser.stdout, /^http:\/\/127\.0\.0\.1:\d+\/federation\?Action=login&/);

  const refusing = await startFederation({ refuseAll: "session expired" });
  try {
    const bad = await runKumo(["console", "admin", "--stdout"], { home: h, env: env({ KUMO_FEDERATION_ENDPOINT: refusing.endpoint }) });
    assert.equal(bad.code, 255);
    assert.equal(bad.stdout, "");
    assert.equal(bad.stderr, "\nThe federation endpoint refused the session (HTTP 400): session expired\n");
  } finally {
    await refusing.stop();
  }
  const help = await runKumo(["console", "help"], { home: h, env: env() });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /KUMO_FEDERATION_ENDPOINT/);
});
