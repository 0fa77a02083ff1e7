// Sign-ins shared with the AWS CLI (/usr/bin/aws 2.9.19) through
// ~/.aws/sso/cache: a token kumo caches lets `aws` get role credentials, a
// token `aws sso login` caches serves kumo, a token one of them renews is
// used by the other, and `aws sso logout` clears what kumo cached.
//
// The CLI 2.9 has no endpoint settings for IAM Identity Center: it goes to
// https://oidc.us-east-1.amazonaws.com and https://portal.sso.us-east-1.amazonaws.com.
// It runs with HTTPS_PROXY set to a proxy on 127.0.0.1 that answers for
// those names (certificate from a CA made for the test) and passes requests
// to the fake; kumo reaches the same fake through AWS_ENDPOINT_URL_SSO_OIDC
// and AWS_ENDPOINT_URL_SSO. STS is moto for both (--endpoint-url).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { AWS_V2, GUARD, ROOT, baseEnv, runAws, runKumo, sandboxHome, type RunResult } from "../helpers/run.ts";
import { startSsoPortal, type SsoPortalFake } from "../fakes/sso-portal.ts";
import { hasOpenssl, makeCertificates, startTlsProxy, type TlsProxy } from "../fakes/tls-proxy.ts";

const skip = !existsSync(AWS_V2) ? `the AWS CLI is not installed at ${AWS_V2}` : !hasOpenssl ? "openssl is not installed" : false;
const HOSTS = ["oidc.us-east-1.amazonaws.com", "portal.sso.us-east-1.amazonaws.com"];
const START = "https://d-90670ca891.awsapps.com/start";
const CONFIG = `[sso-session corp]\nsso_start_url = ${START}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n[profile prod]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n`;
const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");

let moto: Moto;
let fake: SsoPortalFake;
let proxy: TlsProxy;
let caFile: string;
let work: string;
let browser: string;

before(async () => {
  if (skip) return;
  moto = await startMoto();
  fake = await startSsoPortal();
  work = mkdtempSync(join(tmpdir(), "kumo-sso-interop-"));
  const certs = makeCertificates(work, HOSTS);
  caFile = certs.caFile;
  proxy = await startTlsProxy(certs, Object.fromEntries(HOSTS.map((h) => [h, fake.url])));
  const signIn = join(work, "sign-in.mjs");
  writeFileSync(
    signIn,
    `const url = process.argv[2];
const base = new URL(url).origin;
const first = await (await fetch(url)).text();
const id = /name="request" value="([^"]+)"/.exec(first)[1];
const post = (p, b) => fetch(base + p, { method: "POST", body: new URLSearchParams(b), redirect: "manual" });
await post("/authorize/sign-in", { request: id, username: "alice", password: "wonderland" });
const done = await post("/authorize/decide", { request: id, decision: "allow" });
await (await fetch(done.headers.get("location"))).text();
`,
  );
  browser = join(work, "browser.sh");
  writeFileSync(browser, `#!/bin/sh\nexec "${process.execPath}" "${signIn}" "$1"\n`, { mode: 0o755 });
});
after(async () => {
  await proxy?.stop();
  await fake?.stop();
  await moto?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const kumoEnv = () => ({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_ENDPOINT_URL_SSO_OIDC: fake.url, AWS_ENDPOINT_URL_SSO: fake.url, BROWSER: browser });
const awsEnv = () => ({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, HTTPS_PROXY: proxy.url, AWS_CA_BUNDLE: caFile });
const whoami = ["sts", "get-caller-identity", "--profile", "prod", "--endpoint-url", () => moto.endpoint, "--query", "Arn", "--output", "text"];
const args = () => whoami.map((a) => (typeof a === "function" ? a() : a));
const tokenPath = (home: string) => join(home, ".aws", "sso", "cache", `${sha1("corp")}.json`);
const oidcCalls = () => fake.requests.filter((r) => ["/token", "/client/register", "/device_authorization"].includes(r.url.split("?")[0]!)).length;

test("kumo's sign-in serves aws, aws renews it with the refresh token for kumo, and aws sso logout clears it", { skip }, async () => {
  const home = sandboxHome({ config: CONFIG });
  const login = await runKumo(["sso", "login", "--profile", "prod"], { home, env: kumoEnv() });
  assert.equal(login.code, 0, login.stderr);
  const path = tokenPath(home);
  const mine = JSON.parse(readFileSync(path, "utf8"));

  // aws uses kumo's token as it is: straight to GetRoleCredentials, no sign-in of its own.
  proxy.requests.length = 0;
  const r = await runAws(args(), { home, env: awsEnv() });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^arn:aws:sts::\d{12}:/);
  assert.deepEqual(proxy.requests.map((q) => `${q.host} ${q.url.split("?")[0]}`), ["portal.sso.us-east-1.amazonaws.com /federation/credentials"]);
  assert.equal(proxy.requests[0]!.headers["x-amz-sso_bearer_token"], mine.accessToken);

  // Five minutes left: aws renews it with the refresh token and client kumo registered, and writes it back.
  const soon = new Date(Date.now() + 5 * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  writeFileSync(path, JSON.stringify({ ...mine, expiresAt: soon }));
  rmSync(join(home, ".aws", "cli", "cache"), { recursive: true, force: true });
  const renewedByAws = await runAws(args(), { home, env: awsEnv() });
  assert.equal(renewedByAws.code, 0, renewedByAws.stderr);
  const renewed = JSON.parse(readFileSync(path, "utf8"));
  assert.notEqual(renewed.accessToken, mine.accessToken);
  assert.equal(renewed.clientId, mine.clientId);
  rmSync(join(home, ".aws", "cli", "cache"), { recursive: true, force: true });
  const who = await runKumo(args(), { home, env: kumoEnv() });
  assert.equal(who.code, 0, who.stderr);
  assert.equal(fake.calls("GetRoleCredentials").at(-1)!.headers["x-amz-sso_bearer_token"], renewed.accessToken);

  // aws sso logout revokes and deletes the token and the role credentials kumo cached.
  const out = await runAws(["sso", "logout"], { home, env: awsEnv() });
  assert.equal(out.code, 0, out.stderr);
  assert.equal(existsSync(path), false);
  assert.deepEqual(readdirSync(join(home, ".aws", "cli", "cache")), []);
  assert.equal(fake.isValid(renewed.accessToken), false);
});

test("aws sso login (device code) serves kumo, and kumo sso logout clears it", { skip }, async () => {
  const home = sandboxHome({ config: CONFIG });
  const env = baseEnv(home, awsEnv());
  const p = spawn(AWS_V2, ["sso", "login", "--profile", "prod", "--no-browser"], { env, cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  p.stdout.on("data", (d: Buffer) => (out += d.toString()));
  p.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const timer = setTimeout(() => p.kill("SIGKILL"), 60_000);
  const done = new Promise<RunResult>((resolve) => p.on("close", (code) => resolve({ stdout: out, stderr: err, code: code ?? 128 })));
  const end = Date.now() + 30_000;
  let code: string | undefined;
  while (!(code = /Then enter the code:\n\n([A-Z]{4}-[A-Z]{4})\n/.exec(out)?.[1])) {
    if (Date.now() > end) throw new Error(`aws did not show a code: ${out}${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  fake.approveDevice(code);
  const r = await done;
  clearTimeout(timer);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Successfully logged into Start URL: https:\/\/d-90670ca891\.awsapps\.com\/start\n$/);
  const token = JSON.parse(readFileSync(tokenPath(home), "utf8"));
  assert.deepEqual(Object.keys(token).sort(), ["accessToken", "clientId", "clientSecret", "expiresAt", "refreshToken", "region", "registrationExpiresAt", "startUrl"]);

  const before = oidcCalls();
  const who = await runKumo(args(), { home, env: kumoEnv() });
  assert.equal(who.code, 0, who.stderr);
  assert.match(who.stdout, /^arn:aws:sts::\d{12}:/);
  assert.equal(oidcCalls(), before, "kumo used aws's token as it was");
  assert.equal(fake.calls("GetRoleCredentials").at(-1)!.headers["x-amz-sso_bearer_token"], token.accessToken);

  const logout = await runKumo(["sso", "logout"], { home, env: kumoEnv() });
  assert.equal(logout.code, 0, logout.stderr);
  assert.equal(existsSync(tokenPath(home)), false);
  assert.deepEqual(readdirSync(join(home, ".aws", "cli", "cache")), []);
  assert.equal(fake.isValid(token.accessToken), false);
});

test("without endpoint settings kumo goes where the CLI goes: oidc.<region> and portal.sso.<region>.amazonaws.com", { skip }, async () => {
  const home = sandboxHome({ config: CONFIG });
  proxy.requests.length = 0;
  const env = baseEnv(home, { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, HTTPS_PROXY: proxy.url, AWS_CA_BUNDLE: caFile });
  env.NODE_OPTIONS = `--import ${GUARD}`;
  const p = spawn(process.execPath, [join(ROOT, "bin", "kumo.cjs"), "sso", "login", "--profile", "prod", "--no-browser"], { env, cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  p.stdout.on("data", (d: Buffer) => (out += d.toString()));
  p.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const timer = setTimeout(() => p.kill("SIGKILL"), 60_000);
  const done = new Promise<RunResult>((resolve) => p.on("close", (code) => resolve({ stdout: out, stderr: err, code: code ?? 128 })));
  const end = Date.now() + 30_000;
  let url: string | undefined;
  while (!(url = /\n(https:\/\/\S+)\n/.exec(out)?.[1])) {
    if (Date.now() > end) throw new Error(`kumo did not print the URL: ${out}${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(url.startsWith("https://oidc.us-east-1.amazonaws.com/authorize?response_type=code&"), url);
  // The user's browser: the same page, served here by the fake.
  const local = url.replace("https://oidc.us-east-1.amazonaws.com", fake.url);
  const first = await (await fetch(local)).text();
  const id = /name="request" value="([^"]+)"/.exec(first)![1]!;
  const post = (path: string, b: Record<string, string>) => fetch(fake.url + path, { method: "POST", body: new URLSearchParams(b), redirect: "manual" });
  await post("/authorize/sign-in", { request: id, username: "alice", password: "wonderland" });
  const decided = await post("/authorize/decide", { request: id, decision: "allow" });
  await (await fetch(decided.headers.get("location")!)).text();
  const r = await done;
  clearTimeout(timer);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    [...new Set(proxy.requests.map((q) => q.host))],
    ["oidc.us-east-1.amazonaws.com"],
    "RegisterClient and CreateToken went to the OIDC service's own host name",
  );
  proxy.requests.length = 0;
  const who = await runKumo(args(), { home, env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, HTTPS_PROXY: proxy.url, AWS_CA_BUNDLE: caFile } });
  assert.equal(who.code, 0, who.stderr);
  assert.deepEqual(proxy.requests.map((q) => `${q.host} ${q.url.split("?")[0]}`), ["portal.sso.us-east-1.amazonaws.com /federation/credentials"]);
});
