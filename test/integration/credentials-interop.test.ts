// kumo and the AWS CLI (/usr/bin/aws 2.9.19) side by side on the same HOME:
// role sessions one of them cached in ~/.aws/cli/cache are used by the other
// without calling STS, and `aws configure get` reads what `kumo configure set`
// wrote.
//
// The CLI 2.9 has no endpoint setting for the STS calls it makes for a role
// profile: it goes to https://sts.<region>.amazonaws.com. It is run with
// HTTPS_PROXY set to a proxy on 127.0.0.1 that answers for that host name
// (with a certificate from a CA made for this test) and passes each request
// on to a recorder in front of moto. kumo's STS calls go to the same recorder
// (AWS_ENDPOINT_URL_STS). So every STS call either program makes is seen, and
// "no call" can be asserted.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { AWS_V2, runAws, runKumo, sandboxHome } from "../helpers/run.ts";
import { formFields, startRecorder, type Recorder } from "../fakes/recorder.ts";
import { hasOpenssl, makeCertificates, startTlsProxy, type TlsProxy } from "../fakes/tls-proxy.ts";
import { assumeRoleCacheKey } from "../../src/credentials/cache.ts";
import { runKumoStep } from "../unit/configure/recording.ts";

const skip = !existsSync(AWS_V2) ? `the AWS CLI is not installed at ${AWS_V2}` : !hasOpenssl ? "openssl is not installed" : false;

const STS_HOSTS = ["sts.us-east-1.amazonaws.com", "sts.amazonaws.com"];
let moto: Moto;
let sts: Recorder;
let proxy: TlsProxy;
let caFile: string;
let certDir: string;

before(async () => {
  if (skip) return;
  moto = await startMoto();
  sts = await startRecorder(moto.endpoint);
  certDir = mkdtempSync(join(tmpdir(), "kumo-interop-ca-"));
  const certs = makeCertificates(certDir, STS_HOSTS);
  caFile = certs.caFile;
  proxy = await startTlsProxy(certs, Object.fromEntries(STS_HOSTS.map((h) => [h, sts.url])));
});
after(async () => {
  await proxy?.stop();
  await sts?.stop();
  await moto?.stop();
  if (certDir) rmSync(certDir, { recursive: true, force: true });
});

const ACCOUNT = "123456789012";
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const BASE = "[profile base]\naws_access_key_id = AKIDBASEEXAMPLE\naws_secret_access_key = base-secret\n";

/** No keys in the environment; each program's STS calls reach the recorder, and nothing else does. */
const kumoEnv = () => ({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_ENDPOINT_URL_STS: sts.url });
const awsEnv = () => ({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, HTTPS_PROXY: proxy.url, AWS_CA_BUNDLE: caFile });

const whoami = (profile: string) => ["sts", "get-caller-identity", "--profile", profile, "--endpoint-url", moto.endpoint, "--query", "Arn", "--output", "text"];
const exportKeys = (profile: string) => ["configure", "export-credentials", "--profile", profile];
const stsCalls = () => sts.requests.map((r) => formFields(r.body).Action);
const cached = (home: string, args: Record<string, string | number>) =>
  JSON.parse(readFileSync(join(home, ".aws", "cli", "cache", `${assumeRoleCacheKey(args)}.json`), "utf8")) as {
    Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string };
  };

function reset(): void {
  sts.requests.length = 0;
  proxy.requests.length = 0;
}

test("a role session cached by aws is used by kumo, which calls no STS", { skip }, async () => {
  reset();
  const home = sandboxHome({ config: `[profile r]\nrole_arn = ${role("from-aws")}\nsource_profile = base\nexternal_id = ext-1\n${BASE}` });
  const first = await runAws(whoami("r"), { home, env: awsEnv() });
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^arn:aws:sts::123456789012:assumed-role\/from-aws\/botocore-session-\d+\n$/);
  // aws really went to STS, through the proxy, for its host name.
  assert.deepEqual(stsCalls(), ["AssumeRole"]);
  assert.ok(proxy.requests.every((r) => r.host === "sts.us-east-1.amazonaws.com"));
  const session = cached(home, { RoleArn: role("from-aws"), ExternalId: "ext-1" });

  reset();
  const [r, keys] = await Promise.all([runKumo(whoami("r"), { home, env: kumoEnv() }), runKumo(exportKeys("r"), { home, env: kumoEnv() })]);
  assert.equal(r.code, 0, r.stderr);
  // The same session (its generated name has aws's timestamp), and STS was not asked.
  assert.equal(r.stdout, first.stdout);
  assert.equal(keys.code, 0, keys.stderr);
  const doc = JSON.parse(keys.stdout) as Record<string, string>;
  assert.equal(doc.AccessKeyId, session.Credentials.AccessKeyId);
  assert.equal(doc.SecretAccessKey, session.Credentials.SecretAccessKey);
  assert.equal(doc.SessionToken, session.Credentials.SessionToken);
  assert.deepEqual(stsCalls(), []);
});

test("a role session cached by kumo is used by aws, which calls no STS", { skip }, async () => {
  reset();
  const home = sandboxHome({
    config:
      `[profile top]\nrole_arn = ${role("top")}\nsource_profile = mid\nrole_session_name = top-s\nduration_seconds = 1800\n` +
      `[profile mid]\nrole_arn = ${role("mid")}\nsource_profile = base\n${BASE}`,
  });
  const first = await runKumo(whoami("top"), { home, env: kumoEnv() });
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.stdout, `arn:aws:sts::${ACCOUNT}:assumed-role/top/top-s\n`);
  assert.deepEqual(stsCalls(), ["AssumeRole", "AssumeRole"]);
  const session = cached(home, { RoleArn: role("top"), RoleSessionName: "top-s", DurationSeconds: 1800 });

  reset();
  const [again, keys] = await Promise.all([
    runAws(whoami("top"), { home, env: awsEnv() }),
    runAws(exportKeys("top"), { home, env: awsEnv() }),
  ]);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stdout, first.stdout);
  assert.equal(keys.code, 0, keys.stderr);
  assert.equal((JSON.parse(keys.stdout) as Record<string, string>).AccessKeyId, session.Credentials.AccessKeyId);
  assert.deepEqual(stsCalls(), []);
  assert.deepEqual(proxy.requests, []);
  assert.deepEqual(proxy.refused, []);
});

test("an MFA session cached by kumo is used by aws without asking for a code", { skip }, async () => {
  reset();
  const mfa = `arn:aws:iam::${ACCOUNT}:mfa/dev-user`;
  const home = sandboxHome({ config: `[profile m]\nrole_arn = ${role("mfa")}\nsource_profile = base\nmfa_serial = ${mfa}\n${BASE}` });
  const first = await runKumo(exportKeys("m"), { home, env: kumoEnv(), stdin: "123456\n" });
  assert.equal(first.code, 0, first.stderr);
  assert.equal(formFields(sts.requests[0]!.body).TokenCode, "123456");
  reset();
  // No code on stdin: had aws needed one, it would have failed.
  const keys = await runAws(exportKeys("m"), { home, env: awsEnv(), stdin: "" });
  assert.equal(keys.code, 0, keys.stderr);
  assert.equal(keys.stderr, "");
  assert.equal(keys.stdout, first.stdout);
  assert.deepEqual(stsCalls(), []);
});

test("a web identity session cached by aws is used by kumo", { skip }, async () => {
  reset();
  const home = sandboxHome({ config: "[default]\nregion = us-east-1\n" });
  const token = join(home, "token.jwt");
  writeFileSync(token, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJrdW1vIn0.c2ln");
  const env = { AWS_WEB_IDENTITY_TOKEN_FILE: token, AWS_ROLE_ARN: role("web"), AWS_ROLE_SESSION_NAME: "ci" };
  const args = ["configure", "export-credentials"];
  const first = await runAws(args, { home, env: { ...awsEnv(), ...env } });
  assert.equal(first.code, 0, first.stderr);
  assert.deepEqual(stsCalls(), ["AssumeRoleWithWebIdentity"]);
  reset();
  const again = await runKumo(args, { home, env: { ...kumoEnv(), ...env } });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stdout, first.stdout);
  assert.deepEqual(stsCalls(), []);
});

test("aws configure get reads what kumo configure set wrote", { skip }, async () => {
  const home = sandboxHome({ config: "# my settings\n[default]\nregion = us-west-2\n\n[profile old]\noutput = text\n" });
  const sets: string[][] = [
    ["region", "eu-west-1"],
    ["cli_pager", ""],
    ["s3.max_concurrent_requests", "20"],
    ["default.s3.addressing_style", "path"],
    ["profile.dev.region", "ap-south-1"],
    ["profile.dev.role_arn", role("dev")],
    ["aws_access_key_id", "AKIDDEFAULTEXAMPLE"],
    ["profile.dev.aws_secret_access_key", "dev/secret+key"],
    // An existing profile's name as the first part is a sub-section of the current profile.
    ["old.output", "json"],
    ["preview.cloudfront", "true"],
    ["mfa_serial", `arn:aws:iam::${ACCOUNT}:mfa/me`, "--profile", "brand new"],
    ["aws_session_token", "tok==", "--profile", "brand new"],
  ];
  // kumo runs in this process (the command line, as a user types it).
  for (const args of sets) {
    const r = await runKumoStep(home, { args: ["configure", "set", ...args] });
    assert.equal(r.code, 0, r.stderr);
  }
  const gets: [string[], string][] = [
    [["region"], "eu-west-1"],
    [["s3.max_concurrent_requests"], "20"],
    [["dev.role_arn"], role("dev")],
    [["aws_access_key_id"], "AKIDDEFAULTEXAMPLE"],
    [["profile.dev.aws_secret_access_key"], "dev/secret+key"],
    [["mfa_serial", "--profile", "brand new"], `arn:aws:iam::${ACCOUNT}:mfa/me`],
  ];
  // (The files themselves are compared byte for byte with the CLI's in
  // test/unit/configure/recorded.test.ts; here the CLI reads them back.)
  // Three at a time: the CLI takes about a second to start.
  const results: { code: number; stdout: string; stderr: string }[] = [];
  for (let i = 0; i < gets.length; i += 3) {
    results.push(...(await Promise.all(gets.slice(i, i + 3).map(([args]) => runAws(["configure", "get", ...args], { home })))));
  }
  for (const [i, [args, want]] of gets.entries()) {
    const got = results[i]!;
    assert.equal(got.stderr, "", args.join(" "));
    assert.equal(got.code, 0, args.join(" "));
    assert.equal(got.stdout, `${want}\n`, args.join(" "));
  }
  // The comment and the order of what was there stay; the new profile is quoted as the CLI quotes it.
  const config = readFileSync(join(home, ".aws", "config"), "utf8");
  assert.match(config, /^# my settings\n\[default\]\nregion = eu-west-1\n/);
  assert.match(config, /\n\[profile 'brand new'\]\nmfa_serial = /);
  assert.match(readFileSync(join(home, ".aws", "credentials"), "utf8"), /^\[default\]\naws_access_key_id = AKIDDEFAULTEXAMPLE\n/);
});
