// Where each setting comes from: the command line over the environment over
// the profile over the default. Each test sets two sources at once and checks
// the earlier one wins, then removes it and checks the next one shows, so a
// swap of any two sources fails.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeHome, testSettings } from "../credentials/helpers.ts";
import type { GlobalArgs } from "../../../src/cli/globals.ts";
import { Settings } from "../../../src/config/settings.ts";

const CONFIG = "[default]\nregion = eu-west-1\noutput = text\n[profile dev]\nregion = ap-south-1\noutput = yaml\n[profile ops]\nregion = sa-east-1\n";

function settings(env: Record<string, string>, flags: Partial<GlobalArgs> = {}, files: { config?: string; credentials?: string } = { config: CONFIG }): Settings {
  const { settings: s } = testSettings({ ...files, env });
  return new Settings(s.io, { ...s.globals, ...flags });
}

test("profile: --profile > AWS_PROFILE > AWS_DEFAULT_PROFILE > default", () => {
  const env = { AWS_PROFILE: "dev", AWS_DEFAULT_PROFILE: "ops" };
  assert.deepEqual(settings(env, { profile: "x" }).profileName, { value: "x", source: "flag", where: "--profile" });
  assert.deepEqual(settings(env).profileName, { value: "dev", source: "env", where: "AWS_PROFILE" });
  assert.deepEqual(settings({ AWS_DEFAULT_PROFILE: "ops" }).profileName, { value: "ops", source: "env", where: "AWS_DEFAULT_PROFILE" });
  assert.deepEqual(settings({}).profileName, { value: "default", source: "default" });
  // Set but empty still counts (the CLI then fails to find the profile "").
  assert.equal(settings({ AWS_PROFILE: "", AWS_DEFAULT_PROFILE: "ops" }).profileName.value, "");
  assert.throws(() => settings({ AWS_PROFILE: "" }).requireProfile(), { message: "The config profile () could not be found" });
});

test("region: --region > AWS_REGION > AWS_DEFAULT_REGION > the profile's", () => {
  const env = { AWS_REGION: "us-west-2", AWS_DEFAULT_REGION: "us-east-2", AWS_PROFILE: "dev" };
  assert.equal(settings(env, { region: "ca-central-1" }).region?.value, "ca-central-1");
  assert.deepEqual(settings(env).region, { value: "us-west-2", source: "env", where: "AWS_REGION" });
  assert.deepEqual(settings({ AWS_DEFAULT_REGION: "us-east-2", AWS_PROFILE: "dev" }).region, { value: "us-east-2", source: "env", where: "AWS_DEFAULT_REGION" });
  assert.equal(settings({ AWS_PROFILE: "dev" }).region?.value, "ap-south-1");
  assert.equal(settings({}).region?.value, "eu-west-1");
  assert.equal(settings({}, {}, {}).region, undefined);
});

test("output: --output > AWS_DEFAULT_OUTPUT > the profile's > json", () => {
  const env = { AWS_DEFAULT_OUTPUT: "table", AWS_PROFILE: "dev" };
  assert.equal(settings(env, { output: "text" }).output, "text");
  assert.equal(settings(env).output, "table");
  assert.equal(settings({ AWS_PROFILE: "dev" }).output, "yaml");
  assert.equal(settings({ AWS_PROFILE: "ops" }).output, "json");
  // Set but empty is not skipped, as in the CLI.
  assert.throws(() => settings({ AWS_DEFAULT_OUTPUT: "", AWS_PROFILE: "dev" }).output, { message: "Unknown output type: " });
});

test("a key in both files: the credentials file's value wins (the CLI merges it over the config file's)", () => {
  const s = settings({}, {}, { config: "[default]\nregion = from-config\noutput = text\n", credentials: "[default]\nregion = from-credentials\n" });
  assert.equal(s.profileValue("region"), "from-credentials");
  assert.equal(s.profileValue("output"), "text");
  assert.equal(s.files.sources.default!.region, "credentials-file");
});

test("AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE over ~/.aws/config and ~/.aws/credentials", () => {
  const home = makeHome({ config: "[default]\nregion = home-config\n", credentials: "[default]\noutput = text\n" });
  writeFileSync(join(home, "other-config"), "[default]\nregion = other-config\n");
  writeFileSync(join(home, "other-credentials"), "[default]\noutput = yaml\n");
  const at = (env: Record<string, string>) => testSettings({ home, env }).settings;
  assert.equal(at({}).region?.value, "home-config");
  assert.equal(at({}).output, "text");
  const other = at({ AWS_CONFIG_FILE: "~/other-config", AWS_SHARED_CREDENTIALS_FILE: "~/other-credentials" });
  assert.equal(other.region?.value, "other-config");
  assert.equal(other.output, "yaml");
  assert.equal(other.files.configPath, join(home, "other-config"));
  assert.equal(other.files.credentialsPath, join(home, "other-credentials"));
});

test("the selected profile is read from both files", () => {
  const s = settings({ AWS_PROFILE: "dev" }, {}, { config: CONFIG, credentials: "[dev]\naws_access_key_id = AKID\n[ops]\nregion = overridden\n" });
  assert.equal(s.profileValue("aws_access_key_id"), "AKID");
  assert.equal(s.profileValue("region"), "ap-south-1");
  assert.equal(settings({ AWS_PROFILE: "ops" }, {}, { config: CONFIG, credentials: "[ops]\nregion = overridden\n" }).profileValue("region"), "overridden");
});
