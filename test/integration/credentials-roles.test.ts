// Role profiles end to end: kumo assumes roles from moto's STS (through a
// recorder that shows which calls were made), chains source profiles, asks
// for MFA codes, and reuses sessions from ~/.aws/cli/cache.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { GUARD, KUMO_BIN, baseEnv, runAws, runKumo, sandboxHome, AWS_V2 } from "../helpers/run.ts";
import { formFields, startRecorder, type Recorder } from "../fakes/recorder.ts";
import { assumeRoleCacheKey } from "../../src/credentials/cache.ts";

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

/** The CLI's message on stderr (a blank line, the message), optionally followed by a blank line and kumo's hint. */
function assertMessage(stderr: string, message: string, label?: string): void {
  const cli = `\n${message}\n`;
  assert.ok(stderr === cli || stderr.startsWith(`${cli}\n`), `${label ?? message}: ${JSON.stringify(stderr)}`);
}

const ACCOUNT = "123456789012";
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const BASE = "[profile base]\naws_access_key_id = AKIDBASEEXAMPLE\naws_secret_access_key = base-secret\n";
/** No credentials in the environment; STS calls of the chain go to the recorder; the command's own call to moto. */
const env = (extra: Record<string, string | undefined> = {}) => ({
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_ENDPOINT_URL_STS: sts.url,
  ...extra,
});
const whoami = (profile: string, more: string[] = []) => ["sts", "get-caller-identity", "--profile", profile, "--endpoint-url", moto.endpoint, "--query", "Arn", "--output", "text", ...more];
const cacheFile = (home: string, args: Record<string, string | number>) => join(home, ".aws", "cli", "cache", `${assumeRoleCacheKey(args)}.json`);
const assumeCalls = () => sts.calls("AssumeRole").map((r) => formFields(r.body));

test("a chain of roles: top → mid → base with static keys; the command runs as the top role", async () => {
  sts.requests.length = 0;
  const home = sandboxHome({
    config:
      `[profile top]\nrole_arn = ${role("top")}\nsource_profile = mid\nrole_session_name = top-session\n` +
      `[profile mid]\nrole_arn = ${role("mid")}\nsource_profile = base\nrole_session_name = mid-session\n` +
      BASE,
  });
  const r = await runKumo(whoami("top"), { home, env: env() });
  assert.equal(r.stderr, "");
  assert.equal(r.code, 0);
  assert.equal(r.stdout, `arn:aws:sts::${ACCOUNT}:assumed-role/top/top-session\n`);
  const calls = assumeCalls();
  assert.deepEqual(calls.map((c) => c.RoleArn), [role("mid"), role("top")]);
  // mid's call is signed with base's keys.
  assert.match(String(sts.calls("AssumeRole")[0]!.headers.authorization), /Credential=AKIDBASEEXAMPLE\//);
  // Only the roles' calls went to the STS endpoint setting; --endpoint-url took the command's own call.
  assert.equal(sts.calls("GetCallerIdentity").length, 0);

  // Both sessions are cached under the CLI's names, as the CLI writes them.
  const topFile = cacheFile(home, { RoleArn: role("top"), RoleSessionName: "top-session" });
  const doc = JSON.parse(readFileSync(topFile, "utf8"));
  assert.deepEqual(Object.keys(doc), ["Credentials", "AssumedRoleUser", "PackedPolicySize", "ResponseMetadata"]);
  assert.deepEqual(Object.keys(doc.Credentials), ["AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"]);
  assert.match(doc.Credentials.Expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);
  assert.equal(doc.AssumedRoleUser.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/top/top-session`);
  assert.equal(doc.ResponseMetadata.HTTPStatusCode, 200);
  assert.ok(existsSync(cacheFile(home, { RoleArn: role("mid"), RoleSessionName: "mid-session" })));
  assert.match(readFileSync(topFile, "utf8"), /^\{"Credentials": \{"AccessKeyId": "/);

  // Second run: everything from the cache, no STS call at all.
  sts.requests.length = 0;
  const again = await runKumo(whoami("top"), { home, env: env() });
  assert.equal(again.stdout, r.stdout);
  assert.equal(sts.requests.length, 0);

  // A top session with less than 15 minutes left is replaced; mid's cached session signs the new call.
  doc.Credentials.Expiration = new Date(Date.now() + 10 * 60_000).toISOString().replace("Z", "+00:00");
  writeFileSync(topFile, JSON.stringify(doc));
  const third = await runKumo(whoami("top"), { home, env: env() });
  assert.equal(third.code, 0, third.stderr);
  assert.deepEqual(assumeCalls().map((c) => c.RoleArn), [role("top")]);
  const replaced = JSON.parse(readFileSync(topFile, "utf8"));
  assert.ok(new Date(replaced.Credentials.Expiration).getTime() > Date.now() + 50 * 60_000);
});

test("AssumeRole parameters from the profile, and the cache key that includes them", async () => {
  sts.requests.length = 0;
  const home = sandboxHome({
    config: `[profile r]\nrole_arn = ${role("params")}\nsource_profile = base\nexternal_id = ext-123\nduration_seconds = 1800\n${BASE}`,
  });
  const r = await runKumo(whoami("r"), { home, env: env() });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^arn:aws:sts::123456789012:assumed-role\/params\/botocore-session-\d+\n$/);
  const [call] = assumeCalls();
  assert.equal(call!.ExternalId, "ext-123");
  assert.equal(call!.DurationSeconds, "1800");
  assert.match(call!.RoleSessionName!, /^botocore-session-\d+$/);
  // The generated session name is not part of the key.
  assert.ok(existsSync(cacheFile(home, { RoleArn: role("params"), ExternalId: "ext-123", DurationSeconds: 1800 })));
});

test("STS is called in the command's region, whatever --endpoint-url says", async () => {
  sts.requests.length = 0;
  const home = sandboxHome({ config: `[profile r]\nrole_arn = ${role("regional")}\nsource_profile = base\n${BASE}` });
  const r = await runKumo(whoami("r", ["--region", "eu-west-3"]), { home, env: env() });
  assert.equal(r.code, 0, r.stderr);
  assert.match(String(sts.calls("AssumeRole")[0]!.headers.authorization), /\/eu-west-3\/sts\/aws4_request/);
});

test("credential_source = Environment signs with the environment's keys, even with --profile", async () => {
  sts.requests.length = 0;
  const home = sandboxHome({ config: `[profile r]\nrole_arn = ${role("from-env")}\ncredential_source = Environment\nrole_session_name = s\n` });
  const r = await runKumo(whoami("r"), { home, env: env({ AWS_ACCESS_KEY_ID: "AKIDFROMENV", AWS_SECRET_ACCESS_KEY: "env-secret" }) });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `arn:aws:sts::${ACCOUNT}:assumed-role/from-env/s\n`);
  assert.match(String(sts.calls("AssumeRole")[0]!.headers.authorization), /Credential=AKIDFROMENV\//);
  const none = await runKumo(whoami("r"), { home: sandboxHome({ config: `[profile r]\nrole_arn = ${role("x")}\ncredential_source = Environment\n` }), env: env() });
  assert.equal(none.code, 255);
  assertMessage(none.stderr, "Error when retrieving credentials from Environment: No credentials found in credential_source referenced in profile r");
});

test("a source profile with static keys and a role of its own lends its keys (one AssumeRole)", async () => {
  sts.requests.length = 0;
  const home = sandboxHome({
    config: `[profile r]\nrole_arn = ${role("outer")}\nsource_profile = both\n[profile both]\naws_access_key_id = AKIDBOTH\naws_secret_access_key = s\nrole_arn = ${role("inner")}\nsource_profile = base\n${BASE}`,
  });
  const r = await runKumo(whoami("r"), { home, env: env() });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(assumeCalls().map((c) => c.RoleArn), [role("outer")]);
  assert.match(String(sts.calls("AssumeRole")[0]!.headers.authorization), /Credential=AKIDBOTH\//);
});

test("credential_source = EcsContainer / Ec2InstanceMetadata: the role call is signed with the endpoint's credentials", async () => {
  const { startContainerCredentials } = await import("../fakes/container-credentials.ts");
  const { startImds } = await import("../fakes/imds.ts");
  const container = await startContainerCredentials({ authorization: "pod-token" });
  const imds = await startImds();
  try {
    const home = sandboxHome({
      config:
        `[profile ecs]\nrole_arn = ${role("from-container")}\ncredential_source = EcsContainer\nrole_session_name = c\n` +
        `[profile ec2]\nrole_arn = ${role("from-instance")}\ncredential_source = Ec2InstanceMetadata\nrole_session_name = i\n`,
    });
    sts.requests.length = 0;
    const [ecs, ec2] = await Promise.all([
      runKumo(whoami("ecs"), { home, env: env({ AWS_CONTAINER_CREDENTIALS_FULL_URI: container.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN: "pod-token" }) }),
      runKumo(whoami("ec2"), { home, env: env({ AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint }) }),
    ]);
    assert.equal(ecs.stdout, `arn:aws:sts::${ACCOUNT}:assumed-role/from-container/c\n`, ecs.stderr);
    assert.equal(ec2.stdout, `arn:aws:sts::${ACCOUNT}:assumed-role/from-instance/i\n`, ec2.stderr);
    const signers = sts.calls("AssumeRole").map((r) => [formFields(r.body).RoleArn, /Credential=(\w+)\//.exec(String(r.headers.authorization))?.[1]]);
    assert.deepEqual(signers.sort(), [
      [role("from-container"), "ASIACONTAINERFAKE001"],
      [role("from-instance"), "ASIAIMDSFAKEEXAMPLE1"],
    ]);
  } finally {
    await container.stop();
    await imds.stop();
  }
});

const MFA = `arn:aws:iam::${ACCOUNT}:mfa/dev-user`;
const mfaConfig = (name: string) => `[profile r]\nrole_arn = ${role(name)}\nsource_profile = base\nmfa_serial = ${MFA}\n${BASE}`;

test("mfa_serial: the code is read from stdin when it is not a terminal", async () => {
  sts.requests.length = 0;
  const home = sandboxHome({ config: mfaConfig("mfa-stdin") });
  const r = await runKumo(whoami("r"), { home, env: env(), stdin: "123456\n" });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, `Enter MFA code for ${MFA}: \n`);
  const [call] = assumeCalls();
  assert.equal(call!.SerialNumber, MFA);
  assert.equal(call!.TokenCode, "123456");
  // The session is cached without the code; the next run asks nothing.
  const again = await runKumo(whoami("r"), { home, env: env(), stdin: "" });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stderr, "");
  assert.equal(assumeCalls().length, 1);
  // No code at all: the CLI's empty error.
  const eof = await runKumo(whoami("r"), { home: sandboxHome({ config: mfaConfig("mfa-eof") }), env: env(), stdin: "" });
  assert.equal(eof.code, 255);
  assert.ok(eof.stderr.startsWith(`Enter MFA code for ${MFA}: \n`), eof.stderr);
  assertMessage(eof.stderr.slice(`Enter MFA code for ${MFA}: `.length), "", "no MFA code");
});

const hasScript = spawnSync("script", ["--version"]).status === 0;

test("mfa_serial on a terminal: the prompt is shown there and the code is not echoed", { skip: hasScript ? false : "util-linux script is not installed" }, async () => {
  sts.requests.length = 0;
  const home = sandboxHome({ config: mfaConfig("mfa-tty") });
  const cmd = [process.execPath, KUMO_BIN, ...whoami("r")].map((a) => `'${a}'`).join(" ");
  const childEnv = { ...baseEnv(home, env()), NODE_OPTIONS: `--import ${GUARD}`, TERM: "dumb" } as Record<string, string>;
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  const p = spawn("script", ["-qfec", cmd, "/dev/null"], { env: childEnv, stdio: ["pipe", "pipe", "pipe"] });
  let screen = "";
  const done = new Promise<number>((resolve) => p.on("close", (code) => resolve(code ?? -1)));
  p.stdout.on("data", (d: Buffer) => {
    const before = screen;
    screen += d.toString("utf8");
    if (!before.includes("Enter MFA code") && screen.includes(`Enter MFA code for ${MFA}: `)) p.stdin.write("654321\r");
  });
  const timer = setTimeout(() => p.kill("SIGKILL"), 30_000);
  const code = await done;
  clearTimeout(timer);
  assert.equal(code, 0, screen);
  assert.ok(screen.startsWith(`Enter MFA code for ${MFA}: `), JSON.stringify(screen));
  assert.ok(!screen.includes("654321"), `the code was echoed: ${JSON.stringify(screen)}`);
  assert.match(screen, /arn:aws:sts::123456789012:assumed-role\/mfa-tty\/botocore-session-\d+/);
  assert.equal(assumeCalls()[0]!.TokenCode, "654321");
});

test("configuration errors: the CLI's messages, exit 255", async () => {
  const cases: [string, string, string][] = [
    ["r", `[profile r]\nrole_arn = ${role("x")}\nsource_profile = nope\n`, 'The source_profile "nope" referenced in the profile "r" does not exist.'],
    ["r", `[profile r]\nrole_arn = ${role("x")}\nsource_profile = base\ncredential_source = Environment\n${BASE}`, 'The profile "r" contains both source_profile and credential_source.'],
    ["r", `[profile r]\nrole_arn = ${role("x")}\n`, "Partial credentials found in assume-role, missing: source_profile or credential_source"],
    [
      "a",
      `[profile a]\nrole_arn = ${role("a")}\nsource_profile = b\n[profile b]\nrole_arn = ${role("b")}\nsource_profile = a\n`,
      "Infinite loop in credential configuration detected. Attempting to load from profile a which has already been visited. Visited profiles: ['a', 'b']",
    ],
    [
      "a",
      `[profile a]\nrole_arn = ${role("a")}\nsource_profile = a\n`,
      "Infinite loop in credential configuration detected. Attempting to load from profile a which has already been visited. Visited profiles: ['a']",
    ],
    ["a", `[profile a]\nrole_arn = ${role("a")}\ncredential_source = environment\n`, 'The credential source "environment" referenced in profile "a" is not valid.'],
    ["a", `[profile a]\nrole_arn = ${role("a")}\nsource_profile = b\n[profile b]\nregion = us-east-1\n`, 'The source profile "b" must have credentials.'],
  ];
  const check = async ([profile, config, message]: [string, string, string]) => {
    const home = sandboxHome({ config });
    const [r, a] = await Promise.all([
      runKumo(whoami(profile), { home, env: env() }),
      // The reference CLI says the same (it fails before any call).
      existsSync(AWS_V2) ? runAws(whoami(profile), { home, env: env({ HTTPS_PROXY: "http://127.0.0.1:9" }) }) : undefined,
    ]);
    assertMessage(r.stderr, message, config);
    assert.equal(r.code, 255);
    if (a) {
      assert.equal(a.stderr, `\n${message}\n`, config);
      assert.equal(a.code, r.code);
    }
  };
  for (let i = 0; i < cases.length; i += 2) await Promise.all(cases.slice(i, i + 2).map(check));
});

test("a profile that names itself uses its own keys for the call", async () => {
  sts.requests.length = 0;
  const home = sandboxHome({ config: `[profile self]\nrole_arn = ${role("self")}\nsource_profile = self\naws_access_key_id = AKIDSELF\naws_secret_access_key = s\nrole_session_name = me\n` });
  const r = await runKumo(whoami("self"), { home, env: env() });
  assert.equal(r.stdout, `arn:aws:sts::${ACCOUNT}:assumed-role/self/me\n`, r.stderr);
  assert.match(String(sts.calls("AssumeRole")[0]!.headers.authorization), /Credential=AKIDSELF\//);
});

test("web identity: an unsigned AssumeRoleWithWebIdentity with the token file's contents, cached", async () => {
  sts.requests.length = 0;
  const home = sandboxHome({ config: "[default]\nregion = us-east-1\n" });
  const tokenFile = join(home, "token.jwt");
  writeFileSync(tokenFile, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJrdW1vIn0.c2ln");
  const wiEnv = env({ AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_ARN: role("web"), AWS_ROLE_SESSION_NAME: "ci-job" });
  const args = ["sts", "get-caller-identity", "--endpoint-url", moto.endpoint, "--query", "Arn", "--output", "text"];
  const r = await runKumo(args, { home, env: wiEnv });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `arn:aws:sts::${ACCOUNT}:assumed-role/web/ci-job\n`);
  const [call] = sts.calls("AssumeRoleWithWebIdentity");
  assert.equal(call!.headers.authorization, undefined);
  const fields = formFields(call!.body);
  assert.equal(fields.WebIdentityToken, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJrdW1vIn0.c2ln");
  assert.equal(fields.RoleSessionName, "ci-job");
  assert.ok(existsSync(cacheFile(home, { RoleArn: role("web"), RoleSessionName: "ci-job" })));
  sts.requests.length = 0;
  assert.equal((await runKumo(args, { home, env: wiEnv })).stdout, r.stdout);
  assert.equal(sts.requests.length, 0);
  // The environment's role wins over the profile's; the profile form works on its own.
  const home2 = sandboxHome({ config: `[profile w]\nweb_identity_token_file = ${tokenFile}\nrole_arn = ${role("from-profile")}\nrole_session_name = p\n` });
  const fromProfile = await runKumo(whoami("w"), { home: home2, env: env() });
  assert.equal(fromProfile.stdout, `arn:aws:sts::${ACCOUNT}:assumed-role/from-profile/p\n`, fromProfile.stderr);
  const home3 = sandboxHome({ config: `[default]\nweb_identity_token_file = ${tokenFile}\nrole_arn = ${role("from-profile")}\nrole_session_name = p\n` });
  const envWins = await runKumo(args, { home: home3, env: env({ AWS_ROLE_ARN: role("from-env") }) });
  assert.equal(envWins.stdout, `arn:aws:sts::${ACCOUNT}:assumed-role/from-env/p\n`, envWins.stderr);
});
