// `kumo vault` end to end against moto (STS behind a recorder, IAM): adding
// keys from stdin and the environment, the credential_process line and the
// real AWS CLI using it, sessions cached in the vault, MFA, rotation,
// removal, and a wrong or missing passphrase.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { GUARD, KUMO_BIN, baseEnv, runAws, runKumo, sandboxHome } from "../helpers/run.ts";
import { formFields, startRecorder, type Recorder } from "../fakes/recorder.ts";
import { kumoOnPath, PASSPHRASE, vaultEnv } from "../unit/vault/harness.ts";

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

/** The region comes from the profiles, not the environment. */
const env = (extra: Record<string, string | undefined> = {}) =>
  vaultEnv({ sts: sts.url, iam: moto.endpoint, binDir: bin, extra: { AWS_DEFAULT_REGION: undefined, ...extra } });
const vaultFile = (home: string) => join(home, ".kumo", "vault", "vault.kv");

async function createUser(name: string): Promise<{ id: string; secret: string }> {
  const at = ["--endpoint-url", moto.endpoint];
  await runKumo(["iam", "create-user", "--user-name", name, ...at]);
  const r = await runKumo(["iam", "create-access-key", "--user-name", name, "--query", "AccessKey.[AccessKeyId,SecretAccessKey]", "--output", "text", ...at]);
  assert.equal(r.code, 0, r.stderr);
  const [id, secret] = r.stdout.trim().split("\t");
  return { id: id!, secret: secret! };
}

test("add from stdin, credential_process written, sessions cached in the vault and used by the real AWS CLI", async () => {
  const user = await createUser("alice");
  const home = sandboxHome({ config: "[profile prod]\nregion = eu-west-1\n" });
  const add = await runKumo(["vault", "add", "prod", "--add-config"], { home, env: env(), stdin: `${user.id}\n${user.secret}\n` });
  assert.equal(add.code, 0, add.stderr);
  assert.equal(add.stdout, "");
  assert.match(add.stderr, /Added credentials of profile "prod" to the vault \(.*vault\.kv\)\./);
  assert.equal(readFileSync(join(home, ".aws", "config"), "utf8"), "[profile prod]\nregion = eu-west-1\ncredential_process = kumo vault credentials prod\n");
  const file = readFileSync(vaultFile(home), "utf8");
  assert.ok(!file.includes(user.secret) && !file.includes(user.id), "keys are not in the file in plaintext");

  sts.requests.length = 0;
  const first = await runKumo(["vault", "credentials", "prod"], { home, env: env() });
  assert.equal(first.code, 0, first.stderr);
  const doc = JSON.parse(first.stdout);
  assert.deepEqual(Object.keys(doc), ["Version", "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"]);
  assert.equal(doc.Version, 1);
  assert.match(doc.Expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);
  const calls = sts.calls("GetSessionToken");
  assert.equal(calls.length, 1);
  assert.equal(formFields(calls[0]!.body).DurationSeconds, "3600");
  assert.match(String(calls[0]!.headers.authorization), new RegExp(`Credential=${user.id}/\\d{8}/eu-west-1/sts/`));
  assert.ok(!readFileSync(vaultFile(home), "utf8").includes(doc.SessionToken), "the session is not stored in plaintext");

  // Cached: no second STS call; --no-session gives the stored keys.
  const second = await runKumo(["vault", "credentials", "prod"], { home, env: env() });
  assert.equal(second.stdout, first.stdout);
  assert.equal(sts.calls("GetSessionToken").length, 1);
  const keys = JSON.parse((await runKumo(["vault", "credentials", "prod", "--no-session"], { home, env: env() })).stdout);
  assert.deepEqual(keys, { Version: 1, AccessKeyId: user.id, SecretAccessKey: user.secret });

  const list = await runKumo(["vault", "list"], { home, env: env({ KUMO_VAULT_PASSPHRASE: undefined }) });
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^Profile {3}Credentials {3}Session\n=+ {3}=+ {3}=+\nprod {6}yes {11}(59m|1h00m)\n\nVault: .*vault\.kv\n$/);
  assert.match((await runKumo(["vault", "list", "--sessions"], { home, env: env() })).stdout, /^prod\t\d{4}-\d\d-\d\dT[\d:.]+Z\n$/);

  // The real AWS CLI runs `kumo vault credentials prod` and signs with the cached session.
  sts.requests.length = 0;
  const aws = await runAws(["sts", "get-caller-identity", "--profile", "prod", "--endpoint-url", sts.url, "--query", "Account", "--output", "text"], {
    home,
    env: env(),
  });
  assert.equal(aws.stderr, "");
  assert.equal(aws.code, 0);
  assert.equal(aws.stdout, "123456789012\n");
  assert.equal(sts.calls("GetSessionToken").length, 0, "the AWS CLI got the cached session");
  const signed = sts.calls("GetCallerIdentity")[0]!;
  assert.match(String(signed.headers.authorization), new RegExp(`Credential=${doc.AccessKeyId}/`));
  assert.equal(signed.headers["x-amz-security-token"], doc.SessionToken);

  // clear drops the session: the next request makes a new one.
  const clear = await runKumo(["vault", "clear"], { home, env: env() });
  assert.equal(clear.stderr, "Cleared 1 session.\n");
  await runKumo(["vault", "credentials", "prod"], { home, env: env() });
  assert.equal(sts.calls("GetSessionToken").length, 1);

  // remove: the keys and session go; credentials then says how to add them.
  const rm = await runKumo(["vault", "remove", "prod"], { home, env: env() });
  assert.equal(rm.code, 0, rm.stderr);
  assert.match(rm.stderr, /still says credential_process = kumo vault credentials prod/);
  const gone = await runKumo(["vault", "credentials", "prod"], { home, env: env() });
  assert.equal(gone.code, 255);
  assert.match(gone.stderr, /The profile "prod" has no credentials in the vault \(.*\)\. Add them with: kumo vault add prod\n$/);
  assert.equal((await runKumo(["vault", "list", "--credentials"], { home, env: env() })).stdout, "");
});

test("add --env; MFA: GetSessionToken carries the device and the code read without echo", async () => {
  const home = sandboxHome({ config: "[profile mfa]\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\n" });
  const add = await runKumo(["vault", "add", "mfa", "--env", "--no-add-config"], {
    home,
    env: env({ AWS_ACCESS_KEY_ID: "AKIAMFAEXAMPLE000001", AWS_SECRET_ACCESS_KEY: "mfa-secret" }),
  });
  assert.equal(add.code, 0, add.stderr);
  assert.ok(!add.stderr.includes("credential_process"), "--no-add-config neither writes nor suggests");
  sts.requests.length = 0;
  const r = await runKumo(["vault", "credentials", "mfa"], { home, env: env(), stdin: "123456\n" });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "Enter MFA code for arn:aws:iam::123456789012:mfa/alice: \n");
  const fields = formFields(sts.calls("GetSessionToken")[0]!.body);
  assert.equal(fields.SerialNumber, "arn:aws:iam::123456789012:mfa/alice");
  assert.equal(fields.TokenCode, "123456");
  // Reused without asking again.
  const again = await runKumo(["vault", "credentials", "mfa"], { home, env: env() });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stderr, "");
});

test("without keys on stdin, with a plaintext key pair left in ~/.aws/credentials, and bad input", async () => {
  const home = sandboxHome({ credentials: "[old]\naws_access_key_id = AKIAOLD\naws_secret_access_key = x\n" });
  const r = await runKumo(["vault", "add", "old"], { home, env: env(), stdin: "AKIAOLDEXAMPLE000001\nsecret\n" });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /Profile "old" still has aws_access_key_id in .*\.aws\/credentials\. Delete the profile's plaintext keys there/);
  assert.match(r.stderr, /To let aws and the SDKs use the vault, add to \[profile old\] in .*config:\n {2}credential_process = kumo vault credentials old\n/);
  const one = await runKumo(["vault", "add", "x"], { home, env: env(), stdin: "AKIAONLYONELINE\n" });
  assert.equal(one.code, 255);
  assert.match(one.stderr, /Expected two lines on stdin: the access key ID, then the secret access key\./);
  const bad = await runKumo(["vault", "add", "x"], { home, env: env(), stdin: "AKIA ONE\nsecret\n" });
  assert.equal(bad.code, 255);
  assert.match(bad.stderr, /The access key ID must be letters and digits only/);
  const help = await runKumo(["vault", "add", "--help"], { home, env: env() });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^kumo vault add <profile>/);
  assert.equal((await runKumo(["vault", "help"], { home, env: env() })).code, 0);
});

test("a wrong or missing passphrase: a clear error, the file untouched", async () => {
  const home = sandboxHome();
  assert.equal((await runKumo(["vault", "add", "p", "--env"], { home, env: env({ AWS_ACCESS_KEY_ID: "AKIAPEXAMPLE00000001", AWS_SECRET_ACCESS_KEY: "s" }) })).code, 0);
  const before = readFileSync(vaultFile(home));
  const wrong = await runKumo(["vault", "add", "q", "--env"], {
    home,
    env: env({ KUMO_VAULT_PASSPHRASE: "not it", AWS_ACCESS_KEY_ID: "AKIAQEXAMPLE00000001", AWS_SECRET_ACCESS_KEY: "s" }),
  });
  assert.equal(wrong.code, 255);
  assert.equal(wrong.stderr, `\nWrong passphrase for the vault file ${vaultFile(home)}. Nothing was changed.\n`);
  const missing = await runKumo(["vault", "credentials", "p", "--no-session"], { home, env: env({ KUMO_VAULT_PASSPHRASE: undefined }) });
  assert.equal(missing.code, 255);
  assert.match(missing.stderr, /needs its passphrase: set KUMO_VAULT_PASSPHRASE, or run kumo in a terminal to be asked for it\./);
  writeFileSync(vaultFile(home), before.subarray(0, 100));
  const damaged = await runKumo(["vault", "credentials", "p"], { home, env: env() });
  assert.equal(damaged.code, 255);
  assert.match(damaged.stderr, /The vault file .* is damaged \(it is truncated or has extra data\); it has been left as it is\./);
  assert.deepEqual(readFileSync(vaultFile(home)), before.subarray(0, 100));
  assert.ok(PASSPHRASE.length > 0);
});

test("rotate: a new IAM key is created, verified and stored, the old one deleted", async () => {
  const user = await createUser("rotor");
  const home = sandboxHome({ config: "[profile rot]\nregion = us-east-1\n" });
  await runKumo(["vault", "add", "rot", "--no-add-config"], { home, env: env(), stdin: `${user.id}\n${user.secret}\n` });
  await runKumo(["vault", "credentials", "rot"], { home, env: env() }); // a session to be dropped
  const r = await runKumo(["vault", "rotate", "rot"], { home, env: env() });
  assert.equal(r.code, 0, r.stderr);
  const keys = JSON.parse((await runKumo(["vault", "credentials", "rot", "--no-session"], { home, env: env() })).stdout);
  assert.notEqual(keys.AccessKeyId, user.id);
  assert.match(r.stderr, new RegExp(`^Created access key ${keys.AccessKeyId} for IAM user rotor\\.\\nDeleted the old access key ${user.id}\\. Profile "rot" now uses ${keys.AccessKeyId}\\.\\n$`));
  const listed = await runKumo(["iam", "list-access-keys", "--user-name", "rotor", "--query", "AccessKeyMetadata[].AccessKeyId", "--output", "text", "--endpoint-url", moto.endpoint]);
  assert.equal(listed.stdout.trim(), keys.AccessKeyId);
  assert.equal((await runKumo(["vault", "list", "--sessions"], { home, env: env() })).stdout, "", "sessions of the old key are dropped");
  // Keys that belong to no IAM user cannot be rotated; nothing changes.
  const h2 = sandboxHome();
  await runKumo(["vault", "add", "ghost", "--env"], { home: h2, env: env({ AWS_ACCESS_KEY_ID: "AKIAGHOSTEXAMPLE0001", AWS_SECRET_ACCESS_KEY: "s" }) });
  const ghost = await runKumo(["vault", "rotate", "ghost"], { home: h2, env: env() });
  assert.equal(ghost.code, 255);
  assert.match(ghost.stderr, /not to an IAM user; only IAM user keys can be rotated\.|InvalidClientTokenId/);
});

test("at a terminal: keys and a new passphrase (asked twice) are read without echo", { skip: spawnSync("sh", ["-c", "command -v script"]).status === 0 ? false : "util-linux script is not installed" }, async () => {
  const h = sandboxHome();
  const e = baseEnv(h, env({ KUMO_VAULT_PASSPHRASE: undefined }));
  e.NODE_OPTIONS = `--import ${GUARD}`;
  const answers: [RegExp, string][] = [
    [/Enter Access Key ID: $/, "AKIATTYEXAMPLE000001"],
    [/Enter Secret Access Key: $/, "tty-secret-value"],
    [/New passphrase for the kumo vault \(.*\): $/, "typed passphrase"],
    [/Repeat the passphrase: $/, "typed passphrase"],
  ];
  const out = await new Promise<{ text: string; code: number | null }>((resolve, reject) => {
    const p = spawn("script", ["-qec", `"${process.execPath}" "${KUMO_BIN}" vault add tty --no-add-config`, "/dev/null"], { env: e, stdio: ["pipe", "pipe", "pipe"] });
    let text = "";
    let next = 0;
    const timer = setTimeout(() => p.kill("SIGKILL"), 30_000);
    p.stdout.on("data", (d: Buffer) => {
      text += d.toString("utf8");
      // Answer each prompt once it is shown: the terminal is then in no-echo mode.
      while (next < answers.length && answers[next]![0].test(text)) {
        p.stdin.write(`${answers[next]![1]}\r`);
        text += "\u0000"; // so the same prompt is not matched twice
        next++;
      }
    });
    p.on("error", reject);
    p.on("close", (code) => {
      clearTimeout(timer);
      resolve({ text, code });
    });
  });
  assert.equal(out.code, 0, out.text);
  for (const [, typed] of answers) assert.ok(!out.text.includes(typed), `"${typed}" was echoed`);
  assert.match(out.text, /Added credentials of profile "tty" to the vault/);
  const keys = await runKumo(["vault", "credentials", "tty", "--no-session"], { home: h, env: env({ KUMO_VAULT_PASSPHRASE: "typed passphrase" }) });
  assert.equal(keys.code, 0, keys.stderr);
  assert.deepEqual(JSON.parse(keys.stdout), { Version: 1, AccessKeyId: "AKIATTYEXAMPLE000001", SecretAccessKey: "tty-secret-value" });
});

/**
 * A proxy in front of moto for STS and IAM that can misbehave: answer
 * GetCallerIdentity for any key but `trusted` with another user's ARN, or
 * refuse DeleteAccessKey of `protectedKey`.
 */
async function faultyProxy(opts: { trusted?: string; protectedKey?: string }) {
  const { listenLoopback, readBody, sendText } = await import("../fakes/http-util.ts");
  const { request } = await import("node:http");
  const target = new URL(moto.endpoint);
  const actions: string[] = [];
  const l = await listenLoopback(async (req, res) => {
    const body = await readBody(req);
    const form = formFields(body);
    actions.push(String(form.Action));
    const auth = String(req.headers.authorization ?? "");
    if (opts.trusted && form.Action === "GetCallerIdentity" && !auth.includes(`Credential=${opts.trusted}/`)) {
      return sendText(
        res,
        200,
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/mallory</Arn><UserId>AIDAMALLORY</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
        "text/xml",
      );
    }
    if (opts.protectedKey && form.Action === "DeleteAccessKey" && form.AccessKeyId === opts.protectedKey) {
      return sendText(
        res,
        403,
        '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not today</Message></Error><RequestId>r2</RequestId></ErrorResponse>',
        "text/xml",
      );
    }
    await new Promise<void>((done) => {
      const out = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        up.on("end", done);
      });
      out.end(body);
    });
  });
  return { url: l.url, actions, stop: l.stop };
}

test("rotate keeps the vault consistent when a step fails", async () => {
  const user = await createUser("careful");
  const home = sandboxHome({ config: "[profile c]\nregion = us-east-1\n" });
  await runKumo(["vault", "add", "c", "--no-add-config"], { home, env: env(), stdin: `${user.id}\n${user.secret}\n` });
  const keyIds = async () =>
    (await runKumo(["iam", "list-access-keys", "--user-name", "careful", "--query", "sort(AccessKeyMetadata[].AccessKeyId)", "--output", "text", "--endpoint-url", moto.endpoint])).stdout.trim().split(/\s+/);
  const stored = async () => JSON.parse((await runKumo(["vault", "credentials", "c", "--no-session"], { home, env: env() })).stdout).AccessKeyId;

  // The new key does not check out: it is deleted again, the vault keeps the old key.
  const wrongUser = await faultyProxy({ trusted: user.id });
  try {
    const r = await runKumo(["vault", "rotate", "c"], { home, env: env({ AWS_ENDPOINT_URL_STS: wrongUser.url, AWS_ENDPOINT_URL_IAM: wrongUser.url }) });
    assert.equal(r.code, 255);
    assert.match(r.stderr, /The new access key could not be verified: it belongs to arn:aws:iam::123456789012:user\/mallory, not arn:aws:iam::123456789012:user\/careful\nThe new key (\w+) was deleted again; the vault still holds the old key/);
    assert.deepEqual(wrongUser.actions, ["GetCallerIdentity", "CreateAccessKey", "GetCallerIdentity", "DeleteAccessKey"]);
  } finally {
    await wrongUser.stop();
  }
  assert.equal(await stored(), user.id);
  assert.deepEqual(await keyIds(), [user.id]);

  // The old key cannot be deleted: the vault holds the new, working key and the error says what is left to do.
  const noDelete = await faultyProxy({ protectedKey: user.id });
  try {
    const r = await runKumo(["vault", "rotate", "c"], { home, env: env({ AWS_ENDPOINT_URL_STS: noDelete.url, AWS_ENDPOINT_URL_IAM: noDelete.url }) });
    assert.equal(r.code, 255);
    const fresh = await stored();
    assert.notEqual(fresh, user.id);
    assert.ok(
      r.stderr.endsWith(
        `The vault now holds the new key ${fresh}, but the old key ${user.id} could not be deleted: An error occurred (AccessDenied) when calling the DeleteAccessKey operation: not today\n` +
          `Delete it with: aws iam delete-access-key --user-name careful --access-key-id ${user.id}\n`,
      ),
      r.stderr,
    );
    assert.deepEqual(await keyIds(), [fresh, user.id].sort());
  } finally {
    await noDelete.stop();
  }
});
