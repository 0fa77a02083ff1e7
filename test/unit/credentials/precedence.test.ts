// The order of the chain, one neighbouring pair at a time: each test sets up
// two sources and checks that the earlier one wins, so swapping any two links
// fails a test. Sources that fetch on first use (assume-role, web identity,
// SSO) are only identified here, never called; the container endpoint and
// instance metadata are fakes on 127.0.0.1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { credentialSource, resolveCredentials } from "../../../src/credentials/chain.ts";
import { startContainerCredentials, type ContainerFake } from "../../fakes/container-credentials.ts";
import { startImds, type ImdsFake } from "../../fakes/imds.ts";
import { makeHome, script, testSettings, type TestSettingsOptions } from "./helpers.ts";

let container: ContainerFake;
let imds: ImdsFake;
before(async () => {
  container = await startContainerCredentials();
  imds = await startImds();
});
after(async () => {
  await container?.stop();
  await imds?.stop();
});

const ROLE = "arn:aws:iam::123456789012:role/r1";
const ENV_KEYS = { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "env-secret" };
const roleProfile = `role_arn = ${ROLE}\nsource_profile = base\n`;
const baseProfile = "[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n";
const ssoProfile = "sso_start_url = https://d-1.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Admin\n";

async function method(opts: TestSettingsOptions): Promise<string> {
  const { settings } = testSettings(opts);
  return (await credentialSource(settings)).method;
}

function webIdentityEnv(home: string): Record<string, string> {
  const token = join(home, "token.jwt");
  writeFileSync(token, "eyJ0eXAiOiJKV1QifQ.e30.sig");
  return { AWS_WEB_IDENTITY_TOKEN_FILE: token, AWS_ROLE_ARN: ROLE };
}

test("env before assume-role; --profile turns env off", async () => {
  const config = `[default]\n${roleProfile}${baseProfile}[profile role]\n${roleProfile}`;
  assert.equal(await method({ config, env: ENV_KEYS }), "env");
  assert.equal(await method({ config }), "assume-role");
  assert.equal(await method({ config, env: ENV_KEYS, profile: "role" }), "assume-role");
  // AWS_PROFILE does not turn env off; only the command-line option does.
  assert.equal(await method({ config, env: { ...ENV_KEYS, AWS_PROFILE: "role" } }), "env");
});

test("assume-role before web identity; role_arn with web_identity_token_file is web identity", async () => {
  const home = makeHome();
  const env = webIdentityEnv(home);
  writeFileSync(join(home, ".aws", "config"), `[default]\n${roleProfile}${baseProfile}`);
  assert.equal(await method({ home, env }), "assume-role");
  const home2 = makeHome();
  writeFileSync(join(home2, ".aws", "config"), `[default]\nrole_arn = ${ROLE}\nweb_identity_token_file = ${env.AWS_WEB_IDENTITY_TOKEN_FILE}\n`);
  assert.equal(await method({ home: home2 }), "assume-role-with-web-identity");
});

test("web identity (environment) before sso; --profile turns the environment form off", async () => {
  const home = makeHome({ config: `[default]\n${ssoProfile}[profile s]\n${ssoProfile}` });
  const env = webIdentityEnv(home);
  assert.equal(await method({ home, env }), "assume-role-with-web-identity");
  assert.equal(await method({ home }), "sso");
  assert.equal(await method({ home, env, profile: "s" }), "sso");
});

test("web identity (profile) before sso", async () => {
  const home = makeHome();
  const { AWS_WEB_IDENTITY_TOKEN_FILE: file } = webIdentityEnv(home);
  writeFileSync(join(home, ".aws", "config"), `[default]\n${ssoProfile}web_identity_token_file = ${file}\nrole_arn = ${ROLE}\n`);
  assert.equal(await method({ home }), "assume-role-with-web-identity");
});

test("sso before the credentials file", async () => {
  const credentials = "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file-secret\n";
  assert.equal(await method({ config: `[default]\n${ssoProfile}`, credentials }), "sso");
  assert.equal(await method({ credentials }), "shared-credentials-file");
});

test("credentials file before credential_process before config-file keys", async () => {
  const home = makeHome();
  const proc = script(home, "creds.sh", `echo '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "p"}'`);
  writeFileSync(join(home, ".aws", "config"), `[default]\ncredential_process = ${proc}\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = c\n`);
  assert.equal(await method({ home }), "custom-process");
  writeFileSync(join(home, ".aws", "credentials"), "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = f\n");
  assert.equal(await method({ home }), "shared-credentials-file");
  assert.equal(await method({ config: "[default]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = c\n" }), "config-file");
});

test("the same profile's keys in both files: the credentials file's win", async () => {
  const { settings } = testSettings({
    config: "[default]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = c\n",
    credentials: "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = f\n",
  });
  const r = await resolveCredentials(settings);
  assert.equal(r.method, "shared-credentials-file");
  assert.equal(r.credentials.accessKeyId, "AKIDFILE");
  assert.equal(r.location, join(settings.io.home, ".aws", "credentials"));
});

test("config-file keys before the legacy boto file, which comes before the container endpoint", async () => {
  const home = makeHome({ config: "[default]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = c\n" });
  const boto = join(home, "boto.cfg");
  writeFileSync(boto, "[Credentials]\naws_access_key_id = AKIDBOTO\naws_secret_access_key = b\n");
  const containerEnv = { AWS_CONTAINER_CREDENTIALS_FULL_URI: container.fullUri };
  assert.equal(await method({ home, env: { BOTO_CONFIG: boto, ...containerEnv } }), "config-file");
  assert.equal(await method({ env: { BOTO_CONFIG: boto, ...containerEnv } }), "boto-config");
  assert.equal(await method({ env: { BOTO_CONFIG: join(home, "none.cfg"), ...containerEnv } }), "container-role");
});

test("container endpoint before instance metadata; instance metadata last", async () => {
  const imdsEnv = { AWS_EC2_METADATA_DISABLED: "false", AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint };
  assert.equal(await method({ env: { ...imdsEnv, AWS_CONTAINER_CREDENTIALS_FULL_URI: container.fullUri } }), "container-role");
  assert.equal(await method({ env: imdsEnv }), "iam-role");
  await assert.rejects(method({}), { message: 'Unable to locate credentials. You can configure credentials by running "kumo configure".' });
  assert.ok(imds.requests.length > 0);
});

test("AWS_SECURITY_TOKEN before AWS_SESSION_TOKEN; aws_security_token before aws_session_token", async () => {
  const fromEnv = testSettings({ env: { ...ENV_KEYS, AWS_SESSION_TOKEN: "session", AWS_SECURITY_TOKEN: "security" } });
  assert.equal((await resolveCredentials(fromEnv.settings)).credentials.sessionToken, "security");
  const onlySession = testSettings({ env: { ...ENV_KEYS, AWS_SESSION_TOKEN: "session", AWS_SECURITY_TOKEN: "" } });
  assert.equal((await resolveCredentials(onlySession.settings)).credentials.sessionToken, "session");
  const fromFile = testSettings({
    credentials: "[default]\naws_access_key_id = A\naws_secret_access_key = S\naws_session_token = session\naws_security_token = security\n",
  });
  assert.equal((await resolveCredentials(fromFile.settings)).credentials.sessionToken, "security");
});

test("credentials are looked up once per process", async () => {
  const home = makeHome();
  const counter = join(home, "count");
  const proc = script(home, "creds.sh", `echo x >> ${counter}\necho '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "p"}'`);
  writeFileSync(join(home, ".aws", "config"), `[default]\ncredential_process = ${proc}\n`);
  const { settings } = testSettings({ home });
  await resolveCredentials(settings);
  await resolveCredentials(settings);
  await credentialSource(settings);
  const { readFileSync } = await import("node:fs");
  assert.equal(readFileSync(counter, "utf8"), "x\n");
});
