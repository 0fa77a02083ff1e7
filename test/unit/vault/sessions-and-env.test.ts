// Pure parts of sessions, exec, assume, shell-init and console: when a
// cached session is reused, the command's environment, the export lines,
// and the federation URLs of every partition.
import { test } from "node:test";
import assert from "node:assert/strict";
import { sessionReusable, type StoredSession, encodeSession, decodeSession } from "../../../src/vault/items.ts";
import { execEnvironment } from "../../../src/commands/exec/environment.ts";
import { detectShell, shellLines } from "../../../src/commands/assume/shell-format.ts";
import { shellInitScript } from "../../../src/commands/shell-init/index.ts";
import { consoleDestination, federationEndpoint, loginUrl, partitionOf, signinTokenUrl } from "../../../src/commands/console/federation.ts";
import { roleParams } from "../../../src/vault/sessions.ts";
import { iamUserName } from "../../../src/commands/vault/rotate.ts";
import { credentialProcessLine } from "../../../src/commands/vault/add.ts";
import { listRows, formatTable } from "../../../src/commands/vault/list.ts";

const T0 = new Date("2030-01-01T00:00:00Z");
const minutes = (m: number) => new Date(T0.getTime() + m * 60_000);

function session(lifetimeMin: number, params: Record<string, string | number> = { DurationSeconds: 3600 }): StoredSession {
  return {
    type: "GetSessionToken",
    params,
    issued: T0.toISOString(),
    credentials: { accessKeyId: "ASIA", secretAccessKey: "s", sessionToken: "t", expiration: minutes(lifetimeMin) },
  };
}

test("a cached session is reused while 15 minutes remain (half its life when it is short), and only for the same request", () => {
  const s = session(60);
  assert.ok(sessionReusable(s, "GetSessionToken", { DurationSeconds: 3600 }, minutes(45)));
  assert.ok(!sessionReusable(s, "GetSessionToken", { DurationSeconds: 3600 }, minutes(46)));
  assert.ok(!sessionReusable(s, "AssumeRole", { DurationSeconds: 3600 }, minutes(1)));
  assert.ok(!sessionReusable(s, "GetSessionToken", { DurationSeconds: 3600, SerialNumber: "arn:mfa" }, minutes(1)));
  assert.ok(!sessionReusable(s, "GetSessionToken", { DurationSeconds: 7200 }, minutes(1)));
  const short = session(15, { DurationSeconds: 900 });
  assert.ok(sessionReusable(short, "GetSessionToken", { DurationSeconds: 900 }, minutes(7)));
  assert.ok(!sessionReusable(short, "GetSessionToken", { DurationSeconds: 900 }, minutes(8)));
  const back = decodeSession(encodeSession(s));
  assert.deepEqual(back, s);
  assert.equal(decodeSession("{not json"), undefined);
});

test("AssumeRole parameters: the ones given, and a default duration", () => {
  assert.deepEqual(roleParams({ roleArn: "arn:aws:iam::123456789012:role/r" }), { RoleArn: "arn:aws:iam::123456789012:role/r", DurationSeconds: 3600 });
  assert.deepEqual(
    roleParams({ roleArn: "r", sessionName: "me", externalId: "x", sourceIdentity: "alice", mfaSerial: "m", duration: 900 }),
    { RoleArn: "r", DurationSeconds: 900, RoleSessionName: "me", ExternalId: "x", SourceIdentity: "alice", SerialNumber: "m" },
  );
});

test("exec environment: old credential settings and the vault passphrase removed, the session and region added", () => {
  const base = {
    PATH: "/bin",
    AWS_PROFILE: "old",
    AWS_ACCESS_KEY_ID: "AKIAOLD",
    AWS_SECRET_ACCESS_KEY: "old",
    AWS_SECURITY_TOKEN: "stale",
    AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1:1/",
    KUMO_VAULT_PASSPHRASE: "never pass this on",
    AWS_ENDPOINT_URL: "http://127.0.0.1:5000",
    UNSET: undefined,
  };
  const creds = { accessKeyId: "ASIANEW", secretAccessKey: "new", sessionToken: "tok", expiration: new Date("2030-01-01T01:02:03.456Z") };
  assert.deepEqual(execEnvironment(base, { profile: "prod", region: "eu-west-1", credentials: creds }), {
    PATH: "/bin",
    AWS_ENDPOINT_URL: "http://127.0.0.1:5000",
    KUMO_VAULT: "prod",
    AWS_REGION: "eu-west-1",
    AWS_DEFAULT_REGION: "eu-west-1",
    AWS_ACCESS_KEY_ID: "ASIANEW",
    AWS_SECRET_ACCESS_KEY: "new",
    AWS_SESSION_TOKEN: "tok",
    AWS_SECURITY_TOKEN: "tok",
    AWS_CREDENTIAL_EXPIRATION: "2030-01-01T01:02:03Z",
  });
  assert.deepEqual(execEnvironment(base, { profile: "prod", server: { url: "http://127.0.0.1:9/", token: "T" } }), {
    PATH: "/bin",
    AWS_ENDPOINT_URL: "http://127.0.0.1:5000",
    KUMO_VAULT: "prod",
    AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1:9/",
    AWS_CONTAINER_AUTHORIZATION_TOKEN: "T",
  });
});

test("export lines for each shell, quoted so any value survives", () => {
  const set: [string, string][] = [["A", "it's $HOME `x` \\"]];
  assert.equal(shellLines("bash", set, ["B"]), `export A='it'\\''s $HOME \`x\` \\'\nunset B\n`);
  assert.equal(shellLines("fish", set, ["B"]), `set -gx A 'it\\'s $HOME \`x\` \\\\';\nset -e B;\n`);
  assert.equal(shellLines("powershell", set, ["B"]), `$Env:A = 'it''s $HOME \`x\` \\'\nRemove-Item Env:B -ErrorAction SilentlyContinue\n`);
  assert.equal(detectShell({ SHELL: "/usr/bin/fish" }), "fish");
  assert.equal(detectShell({ SHELL: "/bin/zsh" }), "zsh");
  assert.equal(detectShell({ PSModulePath: "C:\\x" }), "powershell");
  assert.equal(detectShell({}), "bash");
});

test("shell-init: a kumo-assume function per shell; unknown shells are refused", () => {
  assert.match(shellInitScript("bash"), /^kumo-assume\(\) \{[\s\S]*command kumo assume --shell bash "\$@"[\s\S]*eval "\$__kumo_assume_out"/);
  assert.match(shellInitScript("zsh"), /--shell zsh/);
  assert.match(shellInitScript("fish"), /^function kumo-assume[\s\S]*command kumo assume --shell fish \$argv/);
  assert.match(shellInitScript("powershell"), /^function kumo-assume \{[\s\S]*& kumo assume --shell powershell @args[\s\S]*Invoke-Expression/);
  assert.throws(() => shellInitScript("tcsh"), /argument shell: Invalid choice, valid choices are:/);
});

test("federation endpoints and console hosts for every partition", () => {
  const cases: [string, string, string][] = [
    ["us-east-1", "https://us-east-1.signin.aws.amazon.com/federation", "https://console.aws.amazon.com/console/home?region=us-east-1"],
    ["eu-west-2", "https://eu-west-2.signin.aws.amazon.com/federation", "https://console.aws.amazon.com/console/home?region=eu-west-2"],
    ["cn-north-1", "https://cn-north-1.signin.amazonaws.cn/federation", "https://console.amazonaws.cn/console/home?region=cn-north-1"],
    ["us-gov-west-1", "https://us-gov-west-1.signin.amazonaws-us-gov.com/federation", "https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1"],
    ["us-iso-east-1", "https://us-iso-east-1.signin.c2shome.ic.gov/federation", "https://console.c2shome.ic.gov/console/home?region=us-iso-east-1"],
    ["us-isob-east-1", "https://us-isob-east-1.signin.sc2shome.sgov.gov/federation", "https://console.sc2shome.sgov.gov/console/home?region=us-isob-east-1"],
    ["eusc-de-east-1", "https://eusc-de-east-1.signin.amazonaws-eusc.eu/federation", "https://console.amazonaws-eusc.eu/console/home?region=eusc-de-east-1"],
  ];
  for (const [region, endpoint, home] of cases) {
    assert.equal(federationEndpoint(region), endpoint);
    assert.equal(consoleDestination(region), home);
  }
  assert.equal(partitionOf("us-isof-south-1").name, "aws-iso-f");
  assert.equal(partitionOf("eu-isoe-west-1").name, "aws-iso-e");
  assert.equal(federationEndpoint("us-east-1", "http://127.0.0.1:9/federation"), "http://127.0.0.1:9/federation");
  assert.equal(consoleDestination("eu-west-1", "ec2"), "https://console.aws.amazon.com/ec2/home?region=eu-west-1");
  assert.equal(consoleDestination("eu-west-1", "/cloudwatch/home?region=us-east-2#logs:"), "https://console.aws.amazon.com/cloudwatch/home?region=us-east-2#logs:");
  assert.equal(consoleDestination("eu-west-1", "https://example.com/x"), "https://example.com/x");
});

test("the getSigninToken and login URLs carry the session and the destination, URL-encoded", () => {
  const u = new URL(signinTokenUrl("https://us-east-1.signin.aws.amazon.com/federation", { accessKeyId: "ASIA1", secretAccessKey: "s+/=", sessionToken: "t&k" }, 7200));
  assert.equal(u.searchParams.get("Action"), "getSigninToken");
  assert.equal(u.searchParams.get("SessionDuration"), "7200");
  assert.deepEqual(JSON.parse(u.searchParams.get("Session")!), { sessionId: "ASIA1", sessionKey: "s+/=", sessionToken: "t&k" });
  const l = new URL(loginUrl("https://us-east-1.signin.aws.amazon.com/federation", "TOKEN", "https://console.aws.amazon.com/console/home?region=us-east-1", "kumo"));
  assert.deepEqual(Object.fromEntries(l.searchParams), {
    Action: "login",
    Issuer: "kumo",
    Destination: "https://console.aws.amazon.com/console/home?region=us-east-1",
    SigninToken: "TOKEN",
  });
});

test("vault helpers: IAM user names, the credential_process line, the list table", () => {
  assert.equal(iamUserName("arn:aws:iam::123456789012:user/alice"), "alice");
  assert.equal(iamUserName("arn:aws:iam::123456789012:user/division/team/bob"), "bob");
  assert.equal(iamUserName("arn:aws:sts::123456789012:assumed-role/r/s"), undefined);
  assert.equal(credentialProcessLine("prod"), "kumo vault credentials prod");
  assert.equal(credentialProcessLine("my team", "file"), 'kumo vault credentials "my team" --backend file');
  const rows = listRows(["default", "prod"], [
    { name: "credentials/prod" },
    { name: "session/prod", expires: minutes(75).toISOString() },
    { name: "credentials/ci" },
  ]);
  assert.equal(
    formatTable(rows, T0, "/v"),
    "Profile   Credentials   Session\n=======   ===========   =======\nci        yes           -\ndefault   -             -\nprod      yes           1h15m\n\nVault: /v\n",
  );
});

test("backend choice: --backend over KUMO_VAULT_BACKEND; unknown names are refused; the file's default place", async () => {
  const { openVault, vaultFilePath } = await import("../../../src/vault/open.ts");
  const { PassThrough } = await import("node:stream");
  const io = (env: Record<string, string | undefined>) => ({
    stdout: { write() {} },
    stderr: { write() {} },
    stdin: new PassThrough(),
    env,
    cwd: "/",
    home: "/home/u",
    now: () => T0,
    sleep: async () => {},
  });
  assert.equal(vaultFilePath(io({})), "/home/u/.kumo/vault/vault.kv");
  assert.equal(vaultFilePath(io({ KUMO_HOME: "/k" })), "/k/vault/vault.kv");
  assert.equal(vaultFilePath(io({ KUMO_VAULT_FILE: "/x/v.kv", KUMO_HOME: "/k" })), "/x/v.kv");
  const file = await openVault(io({ KUMO_VAULT_BACKEND: "keyring" }), { backend: "file" });
  assert.equal(file.kind, "file");
  assert.equal(file.location, "/home/u/.kumo/vault/vault.kv");
  assert.equal((await openVault(io({ KUMO_VAULT_BACKEND: "file" }))).kind, "file");
  assert.throws(() => openVault(io({ KUMO_VAULT_BACKEND: "pass" })), /KUMO_VAULT_BACKEND: unknown vault backend "pass"; choose one of: keyring, file, auto/);
  assert.throws(() => openVault(io({}), { backend: "kwallet" }), /--backend: unknown vault backend "kwallet"/);
});
