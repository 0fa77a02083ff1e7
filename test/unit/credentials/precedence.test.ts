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

test("config-file keys before the EC2 tools' key file, which comes before the boto file", async () => {
  const home = makeHome({ config: "[default]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = c\n" });
  const ec2 = join(home, "ec2-creds");
  writeFileSync(ec2, "AWSAccessKeyId=AKIDEC2\nAWSSecretKey=e\n");
  const boto = join(home, "boto.cfg");
  writeFileSync(boto, "[Credentials]\naws_access_key_id = AKIDBOTO\naws_secret_access_key = b\n");
  const legacyEnv = { AWS_CREDENTIAL_FILE: ec2, BOTO_CONFIG: boto };
  assert.equal(await method({ home, env: legacyEnv }), "config-file");
  assert.equal(await method({ env: legacyEnv }), "ec2-credentials-file");
  assert.equal(await method({ env: { BOTO_CONFIG: boto } }), "boto-config");
  // An EC2 key file without keys is passed over.
  writeFileSync(ec2, "# nothing here\n");
  assert.equal(await method({ env: legacyEnv }), "boto-config");
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

test("web identity settings: each environment variable over the profile's key", async () => {
  // Sessions already cached for every combination, so which one is used shows which settings won (no STS call).
  const home = makeHome();
  const envToken = join(home, "env.jwt");
  const profileToken = join(home, "profile.jwt");
  writeFileSync(envToken, "env-token");
  writeFileSync(profileToken, "profile-token");
  const ENV_ROLE = "arn:aws:iam::123456789012:role/from-env";
  const PROFILE_ROLE = "arn:aws:iam::123456789012:role/from-profile";
  const { assumeRoleCacheKey, writeCacheEntry, cliCacheDir } = await import("../../../src/credentials/cache.ts");
  const far = "2099-01-01T00:00:00+00:00";
  for (const role of [ENV_ROLE, PROFILE_ROLE]) {
    for (const name of ["env-session", "profile-session"]) {
      writeCacheEntry(cliCacheDir(home), assumeRoleCacheKey({ RoleArn: role, RoleSessionName: name }), {
        Credentials: { AccessKeyId: `${role.endsWith("env") ? "ENVROLE" : "PROFILEROLE"}:${name}`, SecretAccessKey: "s", SessionToken: "t", Expiration: far },
      });
    }
  }
  writeFileSync(join(home, ".aws", "config"), `[default]\nweb_identity_token_file = ${profileToken}\nrole_arn = ${PROFILE_ROLE}\nrole_session_name = profile-session\n`);
  const key = async (env: Record<string, string>) => {
    const r = await resolveCredentials(testSettings({ home, env }).settings);
    assert.equal(r.method, "assume-role-with-web-identity");
    return r.credentials.accessKeyId;
  };
  assert.equal(await key({}), "PROFILEROLE:profile-session");
  assert.equal(await key({ AWS_ROLE_ARN: ENV_ROLE }), "ENVROLE:profile-session");
  assert.equal(await key({ AWS_ROLE_SESSION_NAME: "env-session" }), "PROFILEROLE:env-session");
  assert.equal(await key({ AWS_WEB_IDENTITY_TOKEN_FILE: envToken, AWS_ROLE_ARN: ENV_ROLE, AWS_ROLE_SESSION_NAME: "env-session" }), "ENVROLE:env-session");
});

test("instance metadata settings: each environment variable over the profile's key; an endpoint over the endpoint mode", async () => {
  const { imdsConfig } = await import("../../../src/credentials/imds.ts");
  const config = "[default]\nec2_metadata_service_endpoint = http://127.0.0.1:1/\nmetadata_service_timeout = 3\nmetadata_service_num_attempts = 4\nec2_metadata_service_endpoint_mode = ipv6\n";
  const at = (env: Record<string, string>, cfg = config) => imdsConfig(testSettings({ config: cfg, env }).settings);
  assert.deepEqual(at({}), { baseUrl: "http://127.0.0.1:1/", timeoutMs: 3000, attempts: 4 });
  assert.deepEqual(at({ AWS_EC2_METADATA_SERVICE_ENDPOINT: "http://127.0.0.2/", AWS_METADATA_SERVICE_TIMEOUT: "2", AWS_METADATA_SERVICE_NUM_ATTEMPTS: "5" }), {
    baseUrl: "http://127.0.0.2/",
    timeoutMs: 2000,
    attempts: 5,
  });
  // Without an endpoint the mode decides; the environment's mode over the profile's; the mode over imds_use_ipv6.
  assert.equal(at({}, "[default]\nec2_metadata_service_endpoint_mode = ipv6\n").baseUrl, "http://[fd00:ec2::254]/");
  assert.equal(at({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: "IPv4" }, "[default]\nec2_metadata_service_endpoint_mode = ipv6\n").baseUrl, "http://169.254.169.254/");
  assert.equal(at({ AWS_IMDS_USE_IPV6: "true", AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: "ipv4" }, "").baseUrl, "http://169.254.169.254/");
});

test("a role's source profile: its own links in the chain's order (credentials file before credential_process)", async () => {
  const home = makeHome();
  const proc = script(home, "creds.sh", `echo '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "p"}'`);
  writeFileSync(join(home, ".aws", "config"), `[profile r]\n${roleProfile}[profile base]\ncredential_process = ${proc}\n`);
  writeFileSync(join(home, ".aws", "credentials"), "[base]\naws_access_key_id = AKIDFILE\naws_secret_access_key = f\n");
  const { profileSource } = await import("../../../src/credentials/chain.ts");
  const { settings } = testSettings({ home, profile: "r" });
  assert.equal((await profileSource({ settings, region: "us-east-1" }, "base", true))?.method, "shared-credentials-file");
  writeFileSync(join(home, ".aws", "credentials"), "");
  const again = testSettings({ home, profile: "r" }).settings;
  assert.equal((await profileSource({ settings: again, region: "us-east-1" }, "base", true))?.method, "custom-process");
});
