// The container credentials endpoint and instance metadata (IMDSv2), against
// the fakes in test/fakes on 127.0.0.1. Addresses that only exist on AWS
// (169.254.170.2, 169.254.169.254, fd00:ec2::254) are checked as URLs, never
// contacted: the loopback guard would stop the test run.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { credentialSource, resolveCredentials } from "../../../src/credentials/chain.ts";
import { checkContainerUrl, containerUrl } from "../../../src/credentials/container.ts";
import { imdsConfig } from "../../../src/credentials/imds.ts";
import { startContainerCredentials, type ContainerFake } from "../../fakes/container-credentials.ts";
import { startImds, type ImdsFake } from "../../fakes/imds.ts";
import { isoIn } from "../../fakes/http-util.ts";
import { makeHome, testSettings } from "./helpers.ts";

let container: ContainerFake;
let imds: ImdsFake;
before(async () => {
  container = await startContainerCredentials({ authorization: "pod-identity-token" });
  imds = await startImds();
});
after(async () => {
  await container?.stop();
  await imds?.stop();
});

// ---- container credentials ----

test("container: the full URI with the Authorization token", async () => {
  container.requests.length = 0;
  const { settings } = testSettings({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: container.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN: "pod-identity-token" } });
  const r = await resolveCredentials(settings);
  assert.equal(r.method, "container-role");
  assert.equal(r.credentials.accessKeyId, "ASIACONTAINERFAKE001");
  assert.equal(r.credentials.sessionToken, "container-fake-session-token");
  assert.equal(container.requests.length, 1);
  assert.equal(container.requests[0]!.headers.authorization, "pod-identity-token");
  assert.equal(container.requests[0]!.headers.accept, "application/json");
});

test("container: the token file wins over the token variable and is read for each request", async () => {
  const home = makeHome();
  const file = join(home, "eks-pod-identity-token");
  writeFileSync(file, "pod-identity-token");
  const { settings } = testSettings({
    home,
    env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: container.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN: "wrong", AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: file },
  });
  assert.equal((await resolveCredentials(settings)).method, "container-role");
  const missing = testSettings({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: container.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: join(home, "nope") } });
  await assert.rejects(resolveCredentials(missing.settings), { message: `[Errno 2] No such file or directory: '${join(home, "nope")}'` });
});

test("container: a token with a line break is refused", async () => {
  const { settings } = testSettings({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: container.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN: "a\r\nX-Evil: 1" } });
  await assert.rejects(resolveCredentials(settings), { message: "Auth token value is not a legal header value" });
});

test("container: a refused request is tried three times, a second apart, then fails with the CLI's message", async () => {
  container.requests.length = 0;
  const { settings, sleeps } = testSettings({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: container.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN: "wrong" } });
  await assert.rejects(resolveCredentials(settings), {
    message:
      'Error when retrieving credentials from container-role: Error retrieving metadata: Received non 200 response (403) from ECS metadata: {"code":"AccessDeniedException","message":"Authorization token is not valid"}',
  });
  assert.equal(container.requests.length, 3);
  assert.deepEqual(sleeps, [1000, 1000, 1000]);
});

test("container: unparsable answers, missing fields, nothing listening", async () => {
  container.options.fail = { status: 200, body: "<html>" };
  const bad = testSettings({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: container.fullUri } });
  await assert.rejects(resolveCredentials(bad.settings), {
    message: "Error when retrieving credentials from container-role: Error retrieving metadata: Unable to parse JSON returned from ECS metadata services",
  });
  container.options.fail = { status: 200, body: JSON.stringify({ AccessKeyId: "a", SecretAccessKey: "b", Expiration: isoIn(3600) }) };
  const partial = testSettings({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: container.fullUri } });
  await assert.rejects(resolveCredentials(partial.settings), { message: "'Token'" });
  delete container.options.fail;
  const closed = testSettings({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1:9/creds" } });
  await assert.rejects(resolveCredentials(closed.settings), {
    message:
      'Error when retrieving credentials from container-role: Error retrieving metadata: Received error when attempting to retrieve ECS metadata: Could not connect to the endpoint URL: "http://127.0.0.1:9/creds"',
  });
});

test("container: which URLs are allowed, and the relative URI wins", () => {
  for (const ok of ["http://127.0.0.1/x", "http://127.1.2.3:80/x", "http://[::1]/x", "http://localhost/x", "http://169.254.170.2/x", "http://169.254.170.23/v1/credentials", "http://[fd00:ec2::23]/x", "https://creds.example.com/x"]) {
    assert.doesNotThrow(() => checkContainerUrl(new URL(ok)), ok);
  }
  for (const bad of ["http://10.0.0.1/creds", "http://169.254.169.254/x", "http://creds.example.com/x"]) {
    const host = new URL(bad).hostname;
    assert.throws(() => checkContainerUrl(new URL(bad)), {
      message: `Unsupported host '${host}'.  Can only retrieve metadata from a loopback address or one of these hosts: 169.254.170.2, 169.254.170.23, fd00:ec2::23, localhost`,
    });
  }
  assert.equal(containerUrl({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/credentials/abc", AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1/x" }), "http://169.254.170.2/v2/credentials/abc");
  assert.equal(containerUrl({ AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1/x" }), "http://127.0.0.1/x");
});

// ---- instance metadata ----

const imdsEnv = () => ({ AWS_EC2_METADATA_DISABLED: "false", AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint });

test("imds: token first, then the role, then its credentials, each with the token", async () => {
  imds.requests.length = 0;
  imds.options = {};
  const { settings } = testSettings({ env: imdsEnv() });
  const r = await resolveCredentials(settings);
  assert.equal(r.method, "iam-role");
  assert.equal(r.credentials.accessKeyId, "ASIAIMDSFAKEEXAMPLE1");
  const [put, role, creds] = imds.requests;
  assert.equal(imds.requests.length, 3);
  assert.equal(put!.method, "PUT");
  assert.equal(put!.url, "/latest/api/token");
  assert.equal(put!.headers["x-aws-ec2-metadata-token-ttl-seconds"], "21600");
  assert.equal(role!.url, "/latest/meta-data/iam/security-credentials/");
  assert.equal(creds!.url, "/latest/meta-data/iam/security-credentials/kumo-instance-role");
  assert.ok(role!.headers["x-aws-ec2-metadata-token"]);
  assert.equal(creds!.headers["x-aws-ec2-metadata-token"], role!.headers["x-aws-ec2-metadata-token"]);
});

test("imds: without IMDSv2 (token PUT answered 403/404/405) it goes on with IMDSv1", async () => {
  for (const status of [403, 404, 405]) {
    imds.requests.length = 0;
    imds.options = { tokens: "v1-only", v1Status: status };
    const { settings } = testSettings({ env: imdsEnv() });
    assert.equal((await resolveCredentials(settings)).method, "iam-role", String(status));
    assert.equal(imds.requests[1]!.headers["x-aws-ec2-metadata-token"], undefined);
  }
  imds.options = {};
});

test("imds: a 400 for the token, or failing GETs, mean no credentials from here", async () => {
  imds.options = { tokens: "v1-only", v1Status: 400 };
  await assert.rejects(resolveCredentials(testSettings({ env: imdsEnv() }).settings), { message: /^Unable to locate credentials/ });
  imds.options = { failures: 1 };
  await assert.rejects(resolveCredentials(testSettings({ env: imdsEnv() }).settings), { message: /^Unable to locate credentials/ });
  // With more attempts the same failure is retried.
  imds.options = { failures: 1 };
  const retried = testSettings({ env: { ...imdsEnv(), AWS_METADATA_SERVICE_NUM_ATTEMPTS: "2" } });
  assert.equal((await resolveCredentials(retried.settings)).method, "iam-role");
  imds.options = {};
});

test("imds: a service that does not answer times out (metadata_service_timeout)", async () => {
  imds.options = { tokens: "hang" };
  const started = Date.now();
  await assert.rejects(resolveCredentials(testSettings({ env: imdsEnv() }).settings), { message: /^Unable to locate credentials/ });
  const took = Date.now() - started;
  assert.ok(took >= 1900 && took < 6000, `took ${took} ms`); // token PUT and role GET, 1 s each
  imds.options = {};
});

test("imds: AWS_EC2_METADATA_DISABLED=true keeps it from being asked", async () => {
  imds.requests.length = 0;
  const { settings } = testSettings({ env: { ...imdsEnv(), AWS_EC2_METADATA_DISABLED: "TRUE" } });
  await assert.rejects(resolveCredentials(settings), { message: /^Unable to locate credentials/ });
  assert.equal(imds.requests.length, 0);
});

test("imds: credentials about to expire are kept for a while longer", async () => {
  imds.options = { credentials: () => ({ AccessKeyId: "A", SecretAccessKey: "S", Token: "T", Expiration: isoIn(60) }) };
  const { settings } = testSettings({ env: imdsEnv() });
  const source = await credentialSource(settings);
  const exp = (await source.get()).expiration!.getTime() - Date.now();
  assert.ok(exp > 16 * 60_000 && exp <= 25 * 60_000, `expires in ${exp} ms`);
  imds.options = {};
});

test("imds: endpoint settings and their errors", () => {
  const cfg = (env: Record<string, string>, config?: string) => imdsConfig(testSettings({ env, ...(config ? { config } : {}) }).settings);
  assert.equal(cfg({}).baseUrl, "http://169.254.169.254/");
  assert.equal(cfg({}).timeoutMs, 1000);
  assert.equal(cfg({}).attempts, 1);
  assert.equal(cfg({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: "IPv6" }).baseUrl, "http://[fd00:ec2::254]/");
  assert.equal(cfg({ AWS_IMDS_USE_IPV6: "true" }).baseUrl, "http://[fd00:ec2::254]/");
  assert.equal(cfg({}, "[default]\nec2_metadata_service_endpoint = http://127.0.0.1:1/\nmetadata_service_timeout = 3\n").baseUrl, "http://127.0.0.1:1/");
  assert.equal(cfg({}, "[default]\nmetadata_service_timeout = 3\n").timeoutMs, 3000);
  assert.equal(cfg({ AWS_EC2_METADATA_SERVICE_ENDPOINT: "http://127.0.0.2/" }, "[default]\nec2_metadata_service_endpoint = http://127.0.0.1:1/\n").baseUrl, "http://127.0.0.2/");
  assert.throws(() => cfg({ AWS_EC2_METADATA_SERVICE_ENDPOINT: "notaurl" }), { message: "Invalid endpoint EC2 Instance Metadata endpoint: notaurl" });
  assert.throws(() => cfg({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: "ipv5" }), {
    message: "Invalid EC2 Instance Metadata endpoint mode: ipv5 Valid endpoint modes (case-insensitive): ('ipv4', 'ipv6').",
  });
  assert.throws(() => cfg({ AWS_METADATA_SERVICE_TIMEOUT: "x" }), { message: "invalid literal for int() with base 10: 'x'" });
});

test("imds: an endpoint without its trailing slash fails as in the CLI, even when another link answers", async () => {
  const noSlash = imds.endpoint.replace(/\/$/, "");
  const { settings } = testSettings({ env: { ...imdsEnv(), AWS_EC2_METADATA_SERVICE_ENDPOINT: noSlash } });
  await assert.rejects(resolveCredentials(settings), { message: `Invalid endpoint EC2 Instance Metadata endpoint: ${noSlash}latest/api/token` });
  const withKeys = testSettings({ env: { AWS_ACCESS_KEY_ID: "A", AWS_SECRET_ACCESS_KEY: "S", AWS_EC2_METADATA_SERVICE_ENDPOINT: "notaurl" } });
  await assert.rejects(resolveCredentials(withKeys.settings), { message: "Invalid endpoint EC2 Instance Metadata endpoint: notaurl" });
});
