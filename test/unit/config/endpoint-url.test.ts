// Configured endpoint URLs: the SDK-wide test suite from botocore
// (../shared/conformance/cfg/configured_endpoint_urls/profile-tests.json),
// run through real config files, plus cases checked against botocore's
// ConfiguredEndpointProvider.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfigFilesFromPaths } from "../../../src/config/files.ts";
import {
  endpointServiceKey,
  endpointUrlEnvName,
  resolveConfiguredEndpointUrl,
} from "../../../src/config/endpoint-url.ts";
import { GeneralError } from "../../../src/errors/index.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const SUITE = resolve(ROOT, "../shared/conformance/cfg/configured_endpoint_urls/profile-tests.json");

interface EndpointUrlTest {
  name: string;
  profile: string;
  client_config: string;
  environment: string;
  service: string;
  output: { endpointUrl: string };
}
interface TestSuite {
  profiles: Record<string, Record<string, string>>;
  services: Record<string, Record<string, Record<string, string>>>;
  client_configs: Record<string, { endpoint_url?: string; ignore_configured_endpoint_urls?: boolean }>;
  environments: Record<string, Record<string, string>>;
  endpointUrlTests: EndpointUrlTest[];
}

const dir = mkdtempSync(join(tmpdir(), "kumo-endpoint-url-"));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** A config file holding one profile and, if it names one, its services section. */
function writeConfig(suite: TestSuite, profileName: string): string {
  const profile = suite.profiles[profileName]!;
  let text = `[profile ${profileName}]\n`;
  for (const [k, v] of Object.entries(profile)) text += `${k} = ${v}\n`;
  const servicesName = profile.services;
  if (servicesName !== undefined && suite.services[servicesName]) {
    text += `\n[services ${servicesName}]\n`;
    for (const [service, settings] of Object.entries(suite.services[servicesName]!)) {
      text += `${service} =\n`;
      for (const [k, v] of Object.entries(settings)) text += `  ${k}=${v}\n`;
    }
  }
  const path = join(dir, `config-${profileName}`);
  writeFileSync(path, text);
  return path;
}

const suites: TestSuite[] = existsSync(SUITE)
  ? (JSON.parse(readFileSync(SUITE, "utf8")) as { testSuites: TestSuite[] }).testSuites
  : [];

test("profile-tests.json", { skip: suites.length ? false : `conformance suite not found at ${SUITE}` }, async (t) => {
  for (const suite of suites) {
    for (const c of suite.endpointUrlTests) {
      await t.test(c.name, () => {
        const files = loadConfigFilesFromPaths(writeConfig(suite, c.profile), join(dir, "no-credentials"));
        const profile = files.profiles[c.profile];
        assert.ok(profile, `profile ${c.profile} loaded`);
        const client = suite.client_configs[c.client_config]!;
        const got = resolveConfiguredEndpointUrl({
          serviceId: c.service,
          profile,
          services: files.services,
          env: suite.environments[c.environment]!,
          cliEndpointUrl: client.endpoint_url,
          ignoreConfiguredEndpointUrls: client.ignore_configured_endpoint_urls,
        });
        // Nothing configured: the SDK's regional endpoint applies.
        const regional = `https://${c.service}.${profile.region as string}.amazonaws.com`;
        assert.equal(got ?? regional, c.output.endpointUrl);
      });
    }
  }
});

test("service id → environment variable and services-section key", () => {
  assert.equal(endpointUrlEnvName("S3"), "AWS_ENDPOINT_URL_S3");
  assert.equal(endpointUrlEnvName("DynamoDB"), "AWS_ENDPOINT_URL_DYNAMODB");
  assert.equal(endpointUrlEnvName("Elastic Load Balancing v2"), "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2");
  assert.equal(endpointUrlEnvName("elastic-load-balancing-v2"), "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2");
  assert.equal(endpointUrlEnvName("CloudWatch Logs"), "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS");
  assert.equal(endpointServiceKey("Elastic Load Balancing v2"), "elastic_load_balancing_v2");
  assert.equal(endpointServiceKey("DynamoDB"), "dynamodb");
});

// One config file for the cases below; each expectation is what botocore
// 1.43.11 (Session + ConfiguredEndpointProvider) gave for the same file and
// environment.
const CONFIG = `[profile a]
endpoint_url = http://prof
ignore_configured_endpoint_urls = true
services = sv

[services sv]
elastic_load_balancing_v2 =
  endpoint_url = http://elb
s3 =
  endpoint_url =

[services empty]

[profile b]
services = nope

[profile c]
services = empty

[profile d]
region = us-east-1
`;

function resolveFor(profileName: string, env: Record<string, string>, serviceId: string, cliEndpointUrl?: string) {
  const path = join(dir, "config-cases");
  writeFileSync(path, CONFIG);
  const files = loadConfigFilesFromPaths(path, join(dir, "no-credentials"));
  return resolveConfiguredEndpointUrl({
    serviceId,
    profile: files.profiles[profileName],
    services: files.services,
    env,
    cliEndpointUrl,
  });
}

test("ignore_configured_endpoint_urls in the profile", () => {
  assert.equal(resolveFor("a", {}, "Elastic Load Balancing v2"), undefined);
  assert.equal(resolveFor("a", { AWS_ENDPOINT_URL: "http://glob" }, "S3"), undefined);
});

test("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS wins over the profile, even empty or false", () => {
  assert.equal(resolveFor("a", { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "" }, "Elastic Load Balancing v2"), "http://elb");
  // An empty service entry falls through to the profile's endpoint_url.
  assert.equal(resolveFor("a", { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "FALSE" }, "S3"), "http://prof");
  assert.equal(resolveFor("a", { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "no" }, "DynamoDB"), "http://prof");
  assert.equal(resolveFor("d", { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "True", AWS_ENDPOINT_URL: "http://glob" }, "S3"), undefined);
});

test("an empty environment variable is skipped", () => {
  assert.equal(
    resolveFor(
      "a",
      { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "false", AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: "", AWS_ENDPOINT_URL: "http://glob" },
      "Elastic Load Balancing v2",
    ),
    "http://glob",
  );
});

test("--endpoint-url wins over everything, including the ignore setting", () => {
  assert.equal(resolveFor("a", {}, "S3", "http://flag"), "http://flag");
  assert.equal(resolveFor("d", { AWS_ENDPOINT_URL_S3: "http://env" }, "S3", "http://flag"), "http://flag");
});

test("a profile naming a missing or empty services section", () => {
  const message = (name: string) =>
    `The profile is configured to use the services section but the "${name}" services configuration does not exist.`;
  assert.throws(() => resolveFor("b", {}, "S3"), (e: unknown) => e instanceof GeneralError && e.message === message("nope"));
  assert.throws(() => resolveFor("c", {}, "S3"), (e: unknown) => e instanceof GeneralError && e.message === message("empty"));
  // An environment variable decides first, so the section is never looked up.
  assert.equal(resolveFor("b", { AWS_ENDPOINT_URL: "http://glob" }, "S3"), "http://glob");
});

test("nothing configured", () => {
  assert.equal(resolveFor("d", {}, "S3"), undefined);
  assert.equal(
    resolveConfiguredEndpointUrl({ serviceId: "S3", profile: undefined, services: {}, env: { AWS_ENDPOINT_URL: "http://glob" } }),
    "http://glob",
  );
  assert.equal(resolveConfiguredEndpointUrl({ serviceId: "S3", profile: undefined, services: {}, env: {} }), undefined);
});
