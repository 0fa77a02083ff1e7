// sso login's two flows and sso logout, in-process against the fake IAM
// Identity Center: what is registered, what is sent, what is cached (file
// names and fields as the AWS CLI writes them) and what is printed.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startSsoPortal } from "../../fakes/sso-portal.ts";
import { ssoLogin } from "../../../src/sso/login.ts";
import { ssoLogout } from "../../../src/sso/logout.ts";
import { loginTarget } from "../../../src/sso/config.ts";
import { codeChallenge } from "../../../src/sso/pkce.ts";
import { registrationCacheKey } from "../../../src/sso/registration-cache.ts";
import { ssoSessionAccessToken } from "../../../src/credentials/sso-token.ts";
import { fetchApi, harness, scriptedBrowser } from "./helpers.ts";

const fake = await startSsoPortal();
after(() => fake.stop());

const START = "https://d-90670ca891.awsapps.com/start";
const SESSION_CONFIG = `[sso-session corp]\nsso_start_url = ${START}\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n[profile old]\nsso_start_url = ${START}\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = Admin\n`;
const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");
const cacheFile = (home: string, name: string) => join(home, ".aws", "sso", "cache", `${sha1(name)}.json`);

test("authorization code with PKCE: registration, authorize URL, token exchange and the cached token", async () => {
  const h = harness({ config: SESSION_CONFIG, profile: "dev" });
  const api = fetchApi(fake.url);
  const browser = scriptedBrowser();
  const target = loginTarget(h.settings, undefined);
  const token = await ssoLogin(h.settings, target, { api, forceRefresh: true, openBrowser: browser.open });

  // The client was registered for the authorization-code flow with the loopback redirect.
  const reg = JSON.parse(fake.calls("RegisterClient").at(-1)!.body);
  assert.deepEqual(reg, {
    clientName: "botocore-client-corp",
    clientType: "public",
    grantTypes: ["authorization_code", "refresh_token"],
    redirectUris: ["http://127.0.0.1/oauth/callback"],
    issuerUrl: START,
    scopes: ["sso:account:access"],
  });
  // The URL the browser was sent to.
  const url = new URL(browser.visited[0]!);
  assert.equal(url.pathname, "/authorize");
  const q = url.searchParams;
  assert.deepEqual([...q.keys()], ["response_type", "client_id", "redirect_uri", "state", "code_challenge_method", "scopes", "code_challenge"]);
  assert.equal(q.get("response_type"), "code");
  assert.match(q.get("redirect_uri")!, /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
  assert.match(q.get("state")!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.match(q.get("code_challenge")!, /^[A-Za-z0-9_-]{43}$/);
  assert.ok(browser.visited[0]!.includes("redirect_uri=http%3A%2F%2F127.0.0.1%3A"), "the redirect URI is percent-encoded");
  // The token exchange presented the verifier of that challenge and the same redirect URI.
  const create = JSON.parse(fake.calls("CreateToken").at(-1)!.body);
  assert.equal(create.grantType, "authorization_code");
  assert.equal(create.redirectUri, q.get("redirect_uri"));
  assert.match(create.codeVerifier, /^[A-Za-z0-9\-._~]{64}$/);
  assert.equal(codeChallenge(create.codeVerifier), q.get("code_challenge"));
  // The printed message is the CLI's.
  assert.equal(
    h.stdout(),
    "Attempting to open your default browser. If the browser does not open, open the following URL.\n" +
      "If you are unable to open the URL on this device, run this command again with the '--use-device-code' option.\n" +
      `\n${browser.visited[0]}\n\n`,
  );
  // The cache file: named after sha1(session name), the CLI's fields in the CLI's order, mode 0600.
  const path = cacheFile(h.home, "corp");
  const text = readFileSync(path, "utf8");
  const doc = JSON.parse(text);
  assert.deepEqual(Object.keys(doc), ["startUrl", "region", "accessToken", "expiresAt", "clientId", "clientSecret", "registrationExpiresAt", "refreshToken"]);
  assert.equal(doc.startUrl, START);
  assert.equal(doc.region, "eu-west-1");
  assert.equal(doc.accessToken, token.accessToken);
  assert.match(doc.expiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(text.startsWith('{"startUrl": "https://'), "written as Python's json.dumps writes it");
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.ok(fake.isValid(doc.accessToken));
  // The registration is cached under the CLI's key with its grant types.
  const regKey = registrationCacheKey({ startUrl: START, region: "eu-west-1", scopes: ["sso:account:access"], sessionName: "corp" });
  const cachedReg = JSON.parse(readFileSync(join(h.home, ".aws", "sso", "cache", `${regKey}.json`), "utf8"));
  assert.deepEqual(Object.keys(cachedReg), ["clientId", "clientSecret", "expiresAt", "scopes", "grantTypes"]);
  assert.deepEqual(cachedReg.grantTypes, ["authorization_code", "refresh_token"]);

  // A second login reuses the registration.
  const before = fake.calls("RegisterClient").length;
  await ssoLogin(h.settings, target, { api, forceRefresh: true, openBrowser: scriptedBrowser().open });
  assert.equal(fake.calls("RegisterClient").length, before);
});

test("the registration cache key is the CLI's", () => {
  // sha1(json.dumps({...}, sort_keys=True)) computed by Python.
  assert.equal(
    registrationCacheKey({ startUrl: "https://d-123.awsapps.com/start", region: "us-east-1", scopes: ["sso:account:access"], sessionName: "s" }),
    "70d55dfbc96d4f6527c79472e79eab58aa007ad6",
  );
  assert.equal(
    registrationCacheKey({ startUrl: "https://d-123.awsapps.com/start", region: "us-east-1", scopes: undefined, sessionName: undefined }),
    "334df8a025b4d748342a2fb4eaa316ea48c5576c",
  );
});

test("a callback whose state does not match is refused; so is a denied sign-in", async () => {
  const h = harness({ config: SESSION_CONFIG });
  const target = loginTarget(h.settings, "corp");
  const tampered = scriptedBrowser({
    tamper: (u) => {
      u.searchParams.set("state", "not-the-state");
      return u;
    },
  });
  await assert.rejects(ssoLogin(h.settings, target, { api: fetchApi(fake.url), forceRefresh: true, openBrowser: tampered.open }), {
    message: "Error loading authorization code: State parameter does not match expected value.",
  });
  const denied = scriptedBrowser({ decision: "deny" });
  await assert.rejects(ssoLogin(h.settings, target, { api: fetchApi(fake.url), forceRefresh: true, openBrowser: denied.open }), {
    message: "Error loading authorization code: Failed to retrieve an authorization code.",
  });
  assert.equal(existsSync(cacheFile(h.home, "corp")), false, "nothing cached");
});

test("no callback within the time allowed ends the wait with the CLI's message", async () => {
  const h = harness({ config: SESSION_CONFIG });
  await assert.rejects(
    ssoLogin(h.settings, loginTarget(h.settings, "corp"), { api: fetchApi(fake.url), forceRefresh: true, noBrowser: true, callbackTimeoutMs: 50 }),
    { message: "The pending authorization to retrieve an SSO token has expired. The login flow to retrieve an SSO token must be restarted." },
  );
  assert.match(h.stdout(), /^Browser will not be automatically opened\.\nPlease visit the following URL:\n\nhttp:\/\/127\.0\.0\.1:\d+\/authorize\?[^\n]+\n$/);
});

test("device code: polls at the service's interval, slows down on slow_down, prints the code", async () => {
  const slow = await startSsoPortal({ deviceInterval: 2, slowDownPolls: 1 });
  try {
    const h = harness({ config: SESSION_CONFIG, profile: "old" });
    const target = loginTarget(h.settings, undefined);
    assert.equal(target.sessionName, undefined, "a legacy profile");
    let polls = 0;
    const api = fetchApi(slow.url);
    const call = api.call.bind(api);
    api.call = async (service, operation, input, region) => {
      if (operation === "CreateToken" && ++polls === 4) slow.approveDevice();
      return call(service, operation, input, region);
    };
    const token = await ssoLogin(h.settings, target, { api, forceRefresh: true, noBrowser: true });
    // 1st attempt: slow_down (interval 2 → 7); then pending, pending; the 4th is approved.
    assert.deepEqual(h.sleeps, [7000, 7000]);
    const reg = JSON.parse(slow.calls("RegisterClient")[0]!.body);
    assert.match(reg.clientName, /^botocore-client-\d+$/);
    assert.equal(reg.clientType, "public");
    assert.equal(reg.scopes, undefined);
    const device = [...slow.devices.values()][0]!;
    assert.equal(
      h.stdout(),
      `Browser will not be automatically opened.\nPlease visit the following URL:\n\n${slow.url}/device\n` +
        `\nThen enter the code:\n\n${device.userCode}\n` +
        `\nAlternatively, you may visit the following URL which will autofill the code upon loading:\n${slow.url}/device?user_code=${device.userCode}\n`,
    );
    // Legacy: cached under sha1(start URL), no refresh token (no scopes were registered).
    const doc = JSON.parse(readFileSync(cacheFile(h.home, START), "utf8"));
    assert.equal(doc.accessToken, token.accessToken);
    assert.equal(doc.refreshToken, undefined);
    assert.deepEqual(api.calls.map((c) => c.region), Array(api.calls.length).fill("eu-west-1"));
  } finally {
    await slow.stop();
  }
});

test("device code opening the browser prints the 2.9 message and opens the page with the code filled in", async () => {
  const h = harness({ config: SESSION_CONFIG });
  const opened: string[] = [];
  const api = fetchApi(fake.url);
  const call = api.call.bind(api);
  api.call = async (service, operation, input, region) => {
    if (operation === "CreateToken" && opened.length) fake.approveDevice();
    return call(service, operation, input, region);
  };
  await ssoLogin(h.settings, loginTarget(h.settings, "corp"), {
    api,
    forceRefresh: true,
    useDeviceCode: true,
    openBrowser: async (u) => {
      opened.push(u);
      return true;
    },
  });
  assert.match(opened[0]!, /\/device\?user_code=[A-Z]{4}-[A-Z]{4}$/);
  assert.match(
    h.stdout(),
    /^Attempting to automatically open the SSO authorization page in your default browser\.\nIf the browser does not open or you wish to use a different device to authorize this request, open the following URL:\n\nhttp:\/\/127\.0\.0\.1:\d+\/device\n\nThen enter the code:\n\n[A-Z]{4}-[A-Z]{4}\n$/,
  );
  // An sso-session device login registers its scopes and gets a refresh token.
  const doc = JSON.parse(readFileSync(cacheFile(h.home, "corp"), "utf8"));
  assert.equal(typeof doc.refreshToken, "string");
});

test("an expired device code ends the login with the CLI's message", async () => {
  const quick = await startSsoPortal({ deviceCodeSeconds: 60 });
  try {
    const h = harness({ config: SESSION_CONFIG });
    const api = fetchApi(quick.url);
    const call = api.call.bind(api);
    api.call = async (service, operation, input, region) => {
      if (operation === "CreateToken") quick.advance(30);
      return call(service, operation, input, region);
    };
    await assert.rejects(ssoLogin(h.settings, loginTarget(h.settings, "corp"), { api, forceRefresh: true, useDeviceCode: true, noBrowser: true }), {
      message: "The pending authorization to retrieve an SSO token has expired. The login flow to retrieve an SSO token must be restarted.",
    });
  } finally {
    await quick.stop();
  }
});

test("a login's token file carries what the credential chain needs to renew it", async () => {
  const h = harness({ config: SESSION_CONFIG });
  const api = fetchApi(fake.url);
  const first = await ssoLogin(h.settings, loginTarget(h.settings, "corp"), { api, forceRefresh: true, openBrowser: scriptedBrowser().open });
  assert.equal(await ssoSessionAccessToken(h.settings, { name: "corp", startUrl: START, region: "eu-west-1" }), first.accessToken);
  const doc = JSON.parse(readFileSync(cacheFile(h.home, "corp"), "utf8"));
  assert.deepEqual(
    ["refreshToken", "clientId", "clientSecret", "registrationExpiresAt"].map((k) => typeof doc[k]),
    ["string", "string", "string", "string"],
  );
  assert.ok(fake.clients.get(doc.clientId)?.grantTypes.includes("refresh_token"));
});

test("without forceRefresh a token with more than 15 minutes left is used as it is", async () => {
  const h = harness({ config: SESSION_CONFIG });
  const api = fetchApi(fake.url);
  const first = await ssoLogin(h.settings, loginTarget(h.settings, "corp"), { api, forceRefresh: true, openBrowser: scriptedBrowser().open });
  const n = api.calls.length;
  const again = await ssoLogin(h.settings, loginTarget(h.settings, "corp"), { api, openBrowser: scriptedBrowser().open });
  assert.equal(again.accessToken, first.accessToken);
  assert.equal(api.calls.length, n);
});

test("sso login configuration errors are the CLI's", () => {
  const h = harness({ config: "[profile plain]\nregion = us-east-1\n[sso-session half]\nsso_region = us-east-1\n", profile: "plain" });
  assert.throws(() => loginTarget(h.settings, undefined), {
    message:
      "Missing the following required SSO configuration values: sso_start_url, sso_region. To make sure this profile is properly configured to use SSO, please run: kumo configure sso",
  });
  assert.throws(() => loginTarget(h.settings, "half"), { message: "Missing the following required SSO configuration values: sso_start_url. " });
  assert.throws(() => loginTarget(h.settings, "nope"), { message: 'The specified sso-session does not exist: "nope"' });
  for (const name of [undefined, "half", "nope"]) {
    try {
      loginTarget(h.settings, name);
    } catch (e) {
      assert.equal((e as { exitCode: number }).exitCode, 253);
    }
  }
});

test("logout revokes and deletes every cached token and the SSO role credentials, nothing else", async () => {
  const h = harness({ config: SESSION_CONFIG });
  const api = fetchApi(fake.url);
  const token = await ssoLogin(h.settings, loginTarget(h.settings, "corp"), { api, forceRefresh: true, openBrowser: scriptedBrowser().open });
  const cli = join(h.home, ".aws", "cli", "cache");
  mkdirSync(cli, { recursive: true });
  writeFileSync(join(cli, "a.json"), JSON.stringify({ ProviderType: "sso", Credentials: {} }));
  writeFileSync(join(cli, "b.json"), JSON.stringify({ Credentials: {} }));
  const ssoDir = join(h.home, ".aws", "sso", "cache");
  writeFileSync(join(ssoDir, "expired.json"), JSON.stringify({ accessToken: "gone", expiresAt: "2000-01-01T00:00:00Z", region: "us-east-1" }));
  writeFileSync(join(ssoDir, "garbage.json"), "{not json");
  const result = await ssoLogout(h.settings, { api });
  assert.deepEqual(result, { tokensRemoved: 2, credentialsRemoved: 1 });
  assert.equal(fake.isValid(token.accessToken), false, "the portal's Logout was called with the token");
  assert.deepEqual(readdirSync(cli), ["b.json"]);
  const left = readdirSync(ssoDir).sort();
  assert.ok(left.includes("garbage.json"));
  assert.equal(left.length, 2, "the registration and the unreadable file stay");
  assert.equal(api.calls.filter((c) => c.operation === "Logout").length, 2);
});
