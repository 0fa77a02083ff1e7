// botocore's config-file fixtures (../shared/conformance/cfg), with the
// results its PROVENANCE.md records for botocore's configloader and session.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigParseError, parseIni } from "../../../src/config/ini.ts";
import {
  loadConfigFiles,
  loadConfigFilesFromPaths,
  loadMultipleConfigFiles,
} from "../../../src/config/files.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const CFG = resolve(ROOT, "../shared/conformance/cfg");
const skip = existsSync(join(CFG, "PROVENANCE.md")) ? false : `conformance fixtures not found at ${CFG}`;
const fixture = (name: string): string => join(CFG, name);
const MISSING = fixture("no-such-file");

/** Plain objects in the same key order (the loader's objects have no prototype). */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function sameInOrder(actual: unknown, expected: unknown): void {
  assert.deepEqual(plain(actual), expected);
  assert.equal(JSON.stringify(actual), JSON.stringify(expected));
}

function configOnly(name: string) {
  return loadConfigFilesFromPaths(fixture(name), MISSING);
}

test("aws_config: profiles default and personal ([profile \"personal\"])", { skip }, () => {
  const files = configOnly("aws_config");
  sameInOrder(files.profiles, {
    default: { aws_access_key_id: "foo", aws_secret_access_key: "bar" },
    personal: { aws_access_key_id: "fie", aws_secret_access_key: "baz", aws_security_token: "fiebaz" },
  });
  sameInOrder(files.sections, {});
  assert.equal(files.configPath, fixture("aws_config"));
  assert.equal(files.sources.personal!.aws_security_token, "config-file");
});

test("aws_bad_profile: exactly default, 'my profile' and personal1", { skip }, () => {
  const files = configOnly("aws_bad_profile");
  assert.deepEqual(Object.keys(files.profiles), ["default", "my profile", "personal1"]);
  sameInOrder(files.profiles.personal1, { aws_access_key_id: "access_personal1", aws_secret_access_key: "key_personal1" });
  // The dropped headers are not kept as plain sections either.
  sameInOrder(files.sections, {});
});

test("aws_config_nested: sub-sections, or the raw string without them", { skip }, () => {
  const files = configOnly("aws_config_nested");
  sameInOrder(files.profiles.default, {
    aws_access_key_id: "foo",
    aws_secret_access_key: "bar",
    s3: { signature_version: "s3v4", addressing_style: "path" },
    cloudwatch: { signature_version: "v4" },
    region: "us-west-2",
  });
  const raw = parseIni(readFileSync(fixture("aws_config_nested")), fixture("aws_config_nested"), { subsections: false });
  assert.equal(raw.default!.s3, "\nsignature_version = s3v4\naddressing_style = path");
});

for (const name of ["aws_config_bad", "aws_config_badbytes", "aws_config_nested_bad", "aws_credentials"]) {
  test(`${name}: parse error naming the file`, { skip }, () => {
    const path = fixture(name);
    assert.throws(
      () => configOnly(name),
      (e: unknown) => e instanceof ConfigParseError && e.message === `Unable to parse config file: ${path}`,
    );
    // The same file as the credentials file fails the same way.
    assert.throws(() => loadConfigFilesFromPaths(MISSING, path), ConfigParseError);
  });
}

test("multiple files: the first file that has a profile wins; a missing file is skipped", { skip }, () => {
  const merged = loadMultipleConfigFiles(
    ["aws_config_other", "aws_config", "aws_third_config", "no-such-file"].map(fixture),
  );
  sameInOrder(merged.profiles, {
    default: { aws_access_key_id: "other_foo", aws_secret_access_key: "other_bar" },
    personal: { aws_access_key_id: "fie", aws_secret_access_key: "baz", aws_security_token: "fiebaz" },
    third: { aws_access_key_id: "third_fie", aws_secret_access_key: "third_baz", aws_security_token: "third_fiebaz" },
  });
});

test("aws_sso_session_config: sso-session 'sso'", { skip }, () => {
  const files = configOnly("aws_sso_session_config");
  sameInOrder(files.ssoSessions, { sso: { sso_start_url: "https://example.com", sso_region: "us-east-1" } });
  sameInOrder(files.profiles, { default: { sso_session: "sso" } });
});

test("aws_services_config: services section my-services", { skip }, () => {
  const files = configOnly("aws_services_config");
  sameInOrder(files.services, {
    "my-services": {
      s3: { endpoint_url: "https://localhost:5678/" },
      dynamodb: { endpoint_url: "https://localhost:8888/" },
    },
  });
  sameInOrder(files.profiles, { default: { endpoint_url: "https://localhost:1234/", services: "my-services" } });
});

test("foo_config: custom variables are kept; [profile \"foo\"]", { skip }, () => {
  const files = configOnly("foo_config");
  assert.equal(files.profiles.default!.foo_region, "us-west-1");
  sameInOrder(files.profiles.foo, { aws_access_key_id: "fie", aws_secret_access_key: "baz" });
});

test("aws_config_nocreds: a region and no keys", { skip }, () => {
  sameInOrder(configOnly("aws_config_nocreds").profiles, { default: { region: "us-west-2" } });
});

test("boto_config / boto_config_empty: [Credentials] is a plain section in the config file", { skip }, () => {
  const files = configOnly("boto_config");
  sameInOrder(files.profiles, {});
  sameInOrder(files.sections, { Credentials: { aws_access_key_id: "foo", aws_secret_access_key: "bar" } });
  sameInOrder(configOnly("boto_config_empty").sections, { Credentials: {} });
});

test("credentials file: every section is a profile, merged over the config file's", { skip }, () => {
  // botocore Session(config=aws_config, credentials=aws_config_other).full_config
  const files = loadConfigFilesFromPaths(fixture("aws_config"), fixture("aws_config_other"));
  sameInOrder(files.profiles, {
    default: { aws_access_key_id: "other_foo", aws_secret_access_key: "other_bar" },
    personal: { aws_access_key_id: "fie", aws_secret_access_key: "baz", aws_security_token: "fiebaz" },
    'profile "personal"': { aws_access_key_id: "fie", aws_secret_access_key: "baz", aws_security_token: "fiebaz" },
  });
  sameInOrder(files.sources, {
    default: { aws_access_key_id: "credentials-file", aws_secret_access_key: "credentials-file" },
    personal: { aws_access_key_id: "config-file", aws_secret_access_key: "config-file", aws_security_token: "config-file" },
    'profile "personal"': {
      aws_access_key_id: "credentials-file",
      aws_secret_access_key: "credentials-file",
      aws_security_token: "credentials-file",
    },
  });

  // Session(config=aws_config_nocreds, credentials=boto_config)
  const legacy = loadConfigFilesFromPaths(fixture("aws_config_nocreds"), fixture("boto_config"));
  sameInOrder(legacy.profiles, {
    default: { region: "us-west-2" },
    Credentials: { aws_access_key_id: "foo", aws_secret_access_key: "bar" },
  });
});

test("AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE select the files, with $VAR expansion", { skip }, () => {
  const files = loadConfigFiles({
    env: { CFG_DIR: CFG, AWS_CONFIG_FILE: "$CFG_DIR/aws_config_nested", AWS_SHARED_CREDENTIALS_FILE: "${CFG_DIR}/foo_config" },
    home: "/nonexistent-home",
  });
  assert.equal(files.configPath, fixture("aws_config_nested"));
  assert.equal(files.credentialsPath, fixture("foo_config"));
  assert.equal(files.profiles.default!.foo_region, "us-west-1");
  assert.equal(files.profiles.default!.region, "us-west-2");
  assert.equal(files.sources.default!.foo_region, "credentials-file");
  assert.equal(files.sources.default!.region, "config-file");
});

// The session and credential-provider fixtures, through kumo's provider chain
// (the results are what AWS CLI 2.9.19 prints for `configure list` and
// `configure export-credentials` with the same files).
test("credential fixtures: legacy files, custom variables, security tokens, no keys", { skip }, async () => {
  const { resolveCredentials } = await import("../../../src/credentials/chain.ts");
  const { testSettings } = await import("../credentials/helpers.ts");
  const resolve = async (env: Record<string, string>, profile?: string) => {
    const { settings } = testSettings({ env: { BOTO_CONFIG: MISSING, AWS_CONFIG_FILE: MISSING, AWS_SHARED_CREDENTIALS_FILE: MISSING, ...env }, ...(profile ? { profile } : {}) });
    const r = await resolveCredentials(settings);
    return { method: r.method, ...r.credentials };
  };
  const noCredentials = { message: 'Unable to locate credentials. You can configure credentials by running "kumo configure".' };
  // aws_credentials: the EC2 tools' key file (AWS_CREDENTIAL_FILE).
  assert.deepEqual(await resolve({ AWS_CREDENTIAL_FILE: fixture("aws_credentials") }), { method: "ec2-credentials-file", accessKeyId: "foo", secretAccessKey: "bar" });
  // boto_config: the [Credentials] section of BOTO_CONFIG; boto_config_empty has none.
  const boto = await resolve({ BOTO_CONFIG: fixture("boto_config") });
  assert.deepEqual([boto.method, boto.accessKeyId, boto.secretAccessKey], ["boto-config", "foo", "bar"]);
  await assert.rejects(resolve({ BOTO_CONFIG: fixture("boto_config_empty") }), noCredentials);
  // foo_config: [profile "foo"] in the config file.
  const foo = await resolve({ AWS_CONFIG_FILE: fixture("foo_config") }, "foo");
  assert.deepEqual([foo.method, foo.accessKeyId, foo.secretAccessKey], ["config-file", "fie", "baz"]);
  // aws_config: personal's aws_security_token is its session token.
  const personal = await resolve({ AWS_CONFIG_FILE: fixture("aws_config"), AWS_PROFILE: "personal" });
  assert.deepEqual([personal.method, personal.accessKeyId, personal.sessionToken], ["config-file", "fie", "fiebaz"]);
  // aws_config_nocreds: a region and nothing to sign with.
  await assert.rejects(resolve({ AWS_CONFIG_FILE: fixture("aws_config_nocreds") }), noCredentials);
  // aws_third_config as the credentials file: its section is named `profile "third"`, so `third` does not exist.
  await assert.rejects(resolve({ AWS_SHARED_CREDENTIALS_FILE: fixture("aws_third_config") }, "third"), { message: "The config profile (third) could not be found" });
});

test("every fixture file is covered by a test here or in endpoint-url.test.ts", { skip }, () => {
  const covered = new Set([
    "aws_config", "aws_bad_profile", "aws_config_nested", "aws_config_bad", "aws_config_badbytes", "aws_config_nested_bad",
    "aws_credentials", "aws_config_other", "aws_third_config", "aws_sso_session_config", "aws_services_config", "foo_config",
    "aws_config_nocreds", "boto_config", "boto_config_empty", "configured_endpoint_urls",
  ]);
  const notData = new Set(["LICENSE", "NOTICE", "PROVENANCE.md"]);
  const files = readdirSync(CFG).filter((f) => !notData.has(f));
  assert.deepEqual(files.filter((f) => !covered.has(f)), [], "a fixture no test reads");
  assert.deepEqual([...covered].filter((f) => !files.includes(f)), [], "a fixture that is gone");
  assert.deepEqual(readdirSync(join(CFG, "configured_endpoint_urls")), ["profile-tests.json"]);
});
