// `kumo sso login` end to end, as a user runs it: the built CLI, a fake IAM
// Identity Center (test/fakes/sso-portal.ts) reached through
// AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL_SSO (or a [services] section),
// moto for STS.
//   - the authorization-code flow with PKCE in a real headless Chromium:
//     kumo opens the sign-in page through BROWSER (a script that hands the
//     URL to the test); Chromium signs in on the fake's pages and is sent to
//     kumo's listener on 127.0.0.1; the role credentials then work with moto
//   - the device-code flow; token refresh before expiry; the expired-session
//     message; sso logout
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { GUARD, KUMO_BIN, ROOT, baseEnv, runKumo, sandboxHome, type RunResult } from "../helpers/run.ts";
import { startSsoPortal, type SsoPortalFake } from "../fakes/sso-portal.ts";

const CHROMIUM = "/usr/bin/chromium";
const START = "https://d-90670ca891.awsapps.com/start";
const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");
const tokenFile = (home: string, name: string) => join(home, ".aws", "sso", "cache", `${sha1(name)}.json`);

let moto: Moto;
let fake: SsoPortalFake;
let work: string;

before(async () => {
  moto = await startMoto();
  fake = await startSsoPortal();
  work = mkdtempSync(join(tmpdir(), "kumo-sso-it-"));
});
after(async () => {
  await fake?.stop();
  await moto?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const CONFIG = `[sso-session corp]\nsso_start_url = ${START}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n[profile prod]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n`;

/** No keys in the environment: credentials come from the SSO profile. */
const env = (extra: Record<string, string> = {}) => ({
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_ENDPOINT_URL_SSO_OIDC: fake.url,
  AWS_ENDPOINT_URL_SSO: fake.url,
  ...extra,
});

const whoami = (home: string, extra?: Record<string, string>) =>
  runKumo(["sts", "get-caller-identity", "--profile", "prod", "--endpoint-url", moto.endpoint, "--query", "Arn", "--output", "text"], { home, env: env(extra) });

/** Starts kumo without waiting for it. */
function startKumo(args: string[], home: string, extra: Record<string, string>): { done: Promise<RunResult>; stdout: () => string } {
  const e = baseEnv(home, env(extra));
  e.NODE_OPTIONS = `--import ${GUARD}`;
  const p = spawn(process.execPath, [KUMO_BIN, ...args], { env: e, cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  p.stdout.on("data", (d: Buffer) => (out += d.toString()));
  p.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const timer = setTimeout(() => p.kill("SIGKILL"), 60_000);
  const done = new Promise<RunResult>((resolve) =>
    p.on("close", (code) => {
      clearTimeout(timer);
      resolve({ stdout: out, stderr: err, code: code ?? 128 });
    }),
  );
  return { done, stdout: () => out };
}

async function waitFor<T>(what: string, f: () => T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test("sso login: authorization code with PKCE through a real Chromium, then role credentials with moto", { skip: existsSync(CHROMIUM) ? false : "chromium is not installed" }, async () => {
  const home = sandboxHome({ config: CONFIG });
  const urlFile = join(work, "browser-url");
  const browser = join(work, "browser.sh");
  writeFileSync(browser, `#!/bin/sh\nprintf '%s' "$1" > "${urlFile}.tmp" && mv "${urlFile}.tmp" "${urlFile}"\n`, { mode: 0o755 });
  const kumo = startKumo(["sso", "login", "--profile", "prod"], home, { BROWSER: browser });
  const url = await waitFor("the browser to be opened", () => (existsSync(urlFile) ? readFileSync(urlFile, "utf8") : undefined));
  assert.ok(kumo.stdout().includes(`\n${url}\n\n`), "the URL is printed too");

  const { chromium } = await import("playwright-core");
  const ctx = await chromium.launchPersistentContext(join(work, "chromium-profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await ctx.newPage();
    await page.goto(url);
    assert.equal(await page.title(), "Sign in");
    await page.fill("#username", "alice");
    await page.fill("#password", "wonderland");
    await page.click("#sign-in");
    await page.waitForSelector("#allow");
    await page.click("#allow");
    // The fake redirects to kumo's loopback listener, which says the tab can be closed.
    await page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback\?code=/);
    assert.match((await page.textContent("#message")) ?? "", /You can now close this tab/);
  } finally {
    await ctx.close();
  }
  const r = await kumo.done;
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.endsWith(`\nSuccessfully logged into Start URL: ${START}\n`), r.stdout);
  const token = JSON.parse(readFileSync(tokenFile(home, "corp"), "utf8"));
  assert.ok(fake.isValid(token.accessToken));
  assert.equal(typeof token.refreshToken, "string");

  const who = await whoami(home);
  assert.equal(who.code, 0, who.stderr);
  assert.match(who.stdout, /^arn:aws:sts::\d{12}:/);
  const creds = fake.calls("GetRoleCredentials").at(-1)!;
  assert.equal(creds.headers["x-amz-sso_bearer_token"], token.accessToken);
  assert.match(creds.url, /role_name=Admin/);
  // The role credentials are cached with the CLI's provider type.
  const cached = readdirSync(join(home, ".aws", "cli", "cache")).map((f) => JSON.parse(readFileSync(join(home, ".aws", "cli", "cache", f), "utf8")));
  assert.deepEqual(cached.map((c) => c.ProviderType), ["sso"]);
});

test("sso login --use-device-code --no-browser, then a token near expiry is refreshed, then logout", async () => {
  const home = sandboxHome({ config: CONFIG });
  const kumo = startKumo(["sso", "login", "--sso-session", "corp", "--use-device-code", "--no-browser"], home, {});
  const code = await waitFor("the user code", () => /Then enter the code:\n\n([A-Z]{4}-[A-Z]{4})\n/.exec(kumo.stdout())?.[1]);
  assert.match(kumo.stdout(), /^Browser will not be automatically opened\.\nPlease visit the following URL:\n\nhttp:\/\/127\.0\.0\.1:\d+\/device\n/);
  fake.approveDevice(code);
  const r = await kumo.done;
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.endsWith(`Successfully logged into Start URL: ${START}\n`));

  // Ten minutes left: the next command renews the token with the refresh token and writes it back.
  const path = tokenFile(home, "corp");
  const before = JSON.parse(readFileSync(path, "utf8"));
  const soon = new Date(Date.now() + 10 * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  writeFileSync(path, JSON.stringify({ ...before, expiresAt: soon }));
  const refreshes = fake.calls("CreateToken").length;
  const who = await whoami(home);
  assert.equal(who.code, 0, who.stderr);
  assert.equal(fake.calls("CreateToken").length, refreshes + 1);
  assert.equal(JSON.parse(fake.calls("CreateToken").at(-1)!.body).grantType, "refresh_token");
  const after = JSON.parse(readFileSync(path, "utf8"));
  assert.notEqual(after.accessToken, before.accessToken);
  assert.notEqual(after.refreshToken, before.refreshToken);
  assert.ok(after.expiresAt > soon);

  const out = await runKumo(["sso", "logout"], { home, env: env() });
  assert.equal(out.code, 0, out.stderr);
  assert.equal(out.stdout, "");
  assert.equal(existsSync(path), false);
  assert.equal(fake.isValid(after.accessToken), false, "the portal was told");
  assert.deepEqual(readdirSync(join(home, ".aws", "cli", "cache")), [], "the role credentials are gone");
});

test("an expired session that cannot be renewed names the login to run", async () => {
  const home = sandboxHome({ config: CONFIG });
  const old = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  const dir = join(home, ".aws", "sso", "cache");
  mkdirSync(dir, { recursive: true });
  writeFileSync(tokenFile(home, "corp"), JSON.stringify({ startUrl: START, region: "us-east-1", accessToken: "stale", expiresAt: old }));
  const r = await whoami(home);
  assert.equal(r.code, 255);
  assert.match(r.stderr, /Token has expired and refresh failed/);
  assert.match(r.stderr, /kumo sso login --sso-session corp/);
});

test("endpoints from a [services] section; legacy profiles sign in with a device code", async () => {
  const config =
    `[profile old]\nsso_start_url = ${START}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Admin\nservices = local\n` +
    `[services local]\nsso_oidc =\n  endpoint_url = ${fake.url}\nsso =\n  endpoint_url = ${fake.url}\n`;
  const home = sandboxHome({ config });
  const kumo = startKumo(["sso", "login", "--profile", "old", "--no-browser"], home, {});
  const code = await waitFor("the user code", () => /Then enter the code:\n\n([A-Z]{4}-[A-Z]{4})\n/.exec(kumo.stdout())?.[1]);
  fake.approveDevice(code);
  const r = await kumo.done;
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(tokenFile(home, START)), "a legacy token is named after the start URL");
});

test("sso login errors and help", async () => {
  const home = sandboxHome({ config: "[profile plain]\nregion = us-east-1\n" });
  const r = await runKumo(["sso", "login", "--profile", "plain"], { home, env: env() });
  assert.equal(r.code, 253);
  assert.equal(
    r.stderr,
    "\nMissing the following required SSO configuration values: sso_start_url, sso_region. To make sure this profile is properly configured to use SSO, please run: kumo configure sso\n",
  );
  const none = await runKumo(["sso", "login", "--sso-session", "nope"], { home, env: env() });
  assert.equal(none.code, 253);
  assert.equal(none.stderr, '\nThe specified sso-session does not exist: "nope"\n');
  const help = await runKumo(["sso", "login", "--help"], { home, env: env() });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--use-device-code/);
  const logoutHelp = await runKumo(["sso", "logout", "help"], { home, env: env() });
  assert.match(logoutHelp.stdout, /^sso logout\n/);
  const ssoHelp = await runKumo(["sso", "help"], { home, env: env() });
  assert.equal(ssoHelp.code, 0);
  assert.match(ssoHelp.stdout, /\n  list-accounts\n  login\n  logout\n/);
});
