// Where settings come from (flags > environment > profile > defaults) and the
// errors for missing or broken configuration, against moto. Endpoint settings
// newer than AWS CLI 2.9 (AWS_ENDPOINT_URL*, [services]) are checked here;
// everything 2.9 also does is compared with it in test/differential.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { runKumo, sandboxHome } from "../helpers/run.ts";

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto?.stop();
});

/** The CLI's message on stderr (a blank line, the message), optionally followed by a blank line and kumo's hint. */
function assertMessage(stderr: string, message: string, label?: string): void {
  const cli = `\n${message}\n`;
  assert.ok(stderr === cli || stderr.startsWith(`${cli}\n`), `${label ?? message}: ${JSON.stringify(stderr)}`);
}

const sts = () => ["sts", "get-caller-identity", "--endpoint-url", moto.endpoint];

test("an unknown profile is exit 255 with the CLI's message", async () => {
  const r = await runKumo([...sts(), "--profile", "nope"]);
  assert.equal(r.code, 255);
  assertMessage(r.stderr, "The config profile (nope) could not be found");
  assert.equal(r.stdout, "");
});

test("no region is exit 253", async () => {
  const r = await runKumo(sts(), { env: { AWS_DEFAULT_REGION: undefined } });
  assert.equal(r.code, 253);
  assertMessage(r.stderr, 'You must specify a region. You can also configure your region by running "kumo configure".');
});

test("no credentials is exit 253, partial ones 255; --profile turns environment keys off", async () => {
  const none = await runKumo(sts(), { env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined } });
  assert.equal(none.code, 253);
  assertMessage(none.stderr, 'Unable to locate credentials. You can configure credentials by running "kumo configure".');
  const home = sandboxHome({ config: "[profile empty]\nregion = us-east-1\n" });
  const r = await runKumo([...sts(), "--profile", "empty"], { home });
  assert.equal(r.code, 253);
  assert.match(r.stderr, /Unable to locate credentials/);
  // botocore's PartialCredentialsError is not a configuration error: 255, as the CLI exits.
  const partial = await runKumo(sts(), { env: { AWS_SECRET_ACCESS_KEY: undefined } });
  assert.equal(partial.code, 255);
  assertMessage(partial.stderr, "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY");
});

test("profile keys from the credentials file and region/output from the config file", async () => {
  // moto reports the IAM user that owns the access key a request was signed with.
  const iam = (args: string[]) => runKumo(["iam", ...args, "--endpoint-url", moto.endpoint]);
  assert.equal((await iam(["create-user", "--user-name", "dev-user"])).code, 0);
  const key = JSON.parse((await iam(["create-access-key", "--user-name", "dev-user"])).stdout).AccessKey;
  const home = sandboxHome({
    config: "[profile dev]\nregion = eu-west-1\noutput = text\n",
    credentials: `[dev]\naws_access_key_id = ${key.AccessKeyId}\naws_secret_access_key = ${key.SecretAccessKey}\n`,
  });
  const env = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_DEFAULT_REGION: undefined };
  const r = await runKumo([...sts(), "--profile", "dev"], { home, env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^\d{12}\tarn:aws:iam::\d{12}:user\/dev-user\t\w+\n$/);
  // AWS_DEFAULT_OUTPUT beats the profile; --output beats both.
  const env2 = { ...env, AWS_PROFILE: "dev", AWS_DEFAULT_OUTPUT: "yaml" };
  assert.match((await runKumo(sts(), { home, env: env2 })).stdout, /^Account: '\d{12}'\n/);
  assert.match((await runKumo([...sts(), "--output", "json"], { home, env: env2 })).stdout, /^\{\n {4}"UserId": "\w+",\n {4}"Account": "\d{12}",\n {4}"Arn": "arn:aws:iam::\d{12}:user\/dev-user"/);
  // The profile's region is used: regions that moto knows answer differently.
  const region = await runKumo(["ec2", "describe-availability-zones", "--endpoint-url", moto.endpoint, "--query", "AvailabilityZones[0].RegionName", "--output", "text"], {
    home,
    env: env2,
  });
  assert.equal(region.stdout, "eu-west-1\n");
  const flag = await runKumo(["ec2", "describe-availability-zones", "--endpoint-url", moto.endpoint, "--query", "AvailabilityZones[0].RegionName", "--region", "ap-southeast-2", "--output", "text"], {
    home,
    env: { ...env2, AWS_REGION: "us-west-2" },
  });
  assert.equal(flag.stdout, "ap-southeast-2\n");
  const envRegion = await runKumo(["ec2", "describe-availability-zones", "--endpoint-url", moto.endpoint, "--query", "AvailabilityZones[0].RegionName", "--output", "text"], {
    home,
    env: { ...env2, AWS_REGION: "us-west-2", AWS_DEFAULT_REGION: "eu-central-1" },
  });
  assert.equal(envRegion.stdout, "us-west-2\n");
});

test("endpoint URL from AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE> and [services] sections", async () => {
  const bad = "http://127.0.0.1:9"; // nothing listens there
  const ok = ["sts", "get-caller-identity", "--query", "Account", "--output", "text"];
  assert.equal((await runKumo(ok, { env: { AWS_ENDPOINT_URL: moto.endpoint } })).stdout, "123456789012\n");
  assert.equal((await runKumo(ok, { env: { AWS_ENDPOINT_URL: bad, AWS_ENDPOINT_URL_STS: moto.endpoint } })).stdout, "123456789012\n");
  const home = sandboxHome({ config: `[default]\nservices = local\n[services local]\nsts =\n  endpoint_url = ${moto.endpoint}\n` });
  assert.equal((await runKumo(ok, { home })).stdout, "123456789012\n");
  // --endpoint-url wins over everything configured.
  assert.equal((await runKumo([...ok, "--endpoint-url", moto.endpoint], { env: { AWS_ENDPOINT_URL_STS: bad } })).stdout, "123456789012\n");
  const refused = await runKumo(ok, { env: { AWS_ENDPOINT_URL: bad, AWS_MAX_ATTEMPTS: "1" } });
  assert.equal(refused.code, 255);
  assertMessage(refused.stderr, `Could not connect to the endpoint URL: "${bad}/"`);
  // ignore_configured_endpoint_urls turns configured (non-flag) endpoints off; the default endpoint is public, so only check it is not used when the flag is given.
  const ignored = await runKumo([...ok, "--endpoint-url", moto.endpoint], { env: { AWS_ENDPOINT_URL: bad, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" } });
  assert.equal(ignored.stdout, "123456789012\n");
});

test("bad values: endpoint without scheme (252), timestamp format (253), retry mode (255)", async () => {
  const noScheme = await runKumo(["sts", "get-caller-identity", "--endpoint-url", "127.0.0.1:5000"]);
  assert.equal(noScheme.code, 252);
  assert.equal(
    noScheme.stderr,
    '\nBad value for --endpoint-url "127.0.0.1:5000": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/\n',
  );
  const ts = await runKumo(sts(), { home: sandboxHome({ config: "[default]\ncli_timestamp_format = nope\n" }) });
  assert.equal(ts.code, 253);
  assertMessage(ts.stderr, 'Unknown cli_timestamp_format value: nope, valid values are "wire" or "iso8601"');
  const retry = await runKumo(sts(), { env: { AWS_RETRY_MODE: "legacy" } });
  assert.equal(retry.code, 255);
  assertMessage(retry.stderr, 'Invalid value provided to "mode": "legacy" must be one of: "standard" or "adaptive"');
});

test("--no-sign-request sends no Authorization header", async () => {
  // moto answers GetCallerIdentity for unsigned requests with its default identity.
  const r = await runKumo([...sts(), "--no-sign-request"], { env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined } });
  assert.equal(r.code, 0, r.stderr);
});
