// The fake IAM Identity Center rejects what the service rejects, so that the
// sign-in tests prove something: unregistered redirects, missing PKCE, a bad
// code_verifier, expired and reused authorization codes, polling too fast.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startSsoPortal } from "../../fakes/sso-portal.ts";
import { codeChallenge, makeCodeVerifier } from "../../../src/sso/pkce.ts";

const fake = await startSsoPortal({ enforceInterval: true, deviceInterval: 5 });
after(() => fake.stop());

const post = async (path: string, body: unknown) => {
  const res = await fetch(`${fake.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, type: (res.headers.get("x-amzn-errortype") ?? "").split(":")[0], doc: (await res.json()) as Record<string, unknown> };
};

async function authCodeClient() {
  const r = await post("/client/register", {
    clientName: "t",
    clientType: "public",
    grantTypes: ["authorization_code", "refresh_token"],
    redirectUris: ["http://127.0.0.1/oauth/callback"],
    issuerUrl: "https://d-1.awsapps.com/start",
    scopes: ["sso:account:access"],
  });
  assert.equal(r.status, 200);
  return r.doc as { clientId: string; clientSecret: string };
}

/** Walks the sign-in pages and returns the code handed to the redirect URI. */
async function authorize(clientId: string, redirectUri: string, verifier: string): Promise<string> {
  const q = new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: redirectUri, state: "s1", code_challenge_method: "S256", scopes: "sso:account:access" });
  const first = await (await fetch(`${fake.url}/authorize?${q}&code_challenge=${codeChallenge(verifier)}`)).text();
  const id = /name="request" value="([^"]+)"/.exec(first)![1]!;
  const form = (b: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(b), redirect: "manual" as const });
  const bad = await (await fetch(`${fake.url}/authorize/sign-in`, form({ request: id, username: "alice", password: "nope" }))).text();
  assert.match(bad, /Incorrect username or password/);
  await fetch(`${fake.url}/authorize/sign-in`, form({ request: id, username: "alice", password: "wonderland" }));
  const res = await fetch(`${fake.url}/authorize/decide`, form({ request: id, decision: "allow" }));
  assert.equal(res.status, 302);
  const loc = new URL(res.headers.get("location")!);
  assert.equal(loc.origin + loc.pathname, redirectUri.replace(/\?.*$/, ""));
  assert.equal(loc.searchParams.get("state"), "s1");
  return loc.searchParams.get("code")!;
}

test("authorization code: the right verifier gets tokens once; a reused code fails and revokes them", async () => {
  const c = await authCodeClient();
  const verifier = makeCodeVerifier();
  const redirectUri = "http://127.0.0.1:41234/oauth/callback";
  const code = await authorize(c.clientId, redirectUri, verifier);
  const grant = { ...c, grantType: "authorization_code", redirectUri, codeVerifier: verifier, code };
  const ok = await post("/token", grant);
  assert.equal(ok.status, 200);
  assert.equal(ok.doc.tokenType, "Bearer");
  assert.ok(fake.isValid(String(ok.doc.accessToken)));
  const again = await post("/token", grant);
  assert.equal(again.type, "InvalidGrantException");
  assert.equal(again.doc.error, "invalid_grant");
  assert.equal(fake.isValid(String(ok.doc.accessToken)), false);
});

test("authorization code: a wrong verifier, another redirect URI or an expired code is refused", async () => {
  const c = await authCodeClient();
  const verifier = makeCodeVerifier();
  const redirectUri = "http://127.0.0.1:41235/oauth/callback";
  const wrong = await post("/token", { ...c, grantType: "authorization_code", redirectUri, codeVerifier: makeCodeVerifier(), code: await authorize(c.clientId, redirectUri, verifier) });
  assert.equal(wrong.type, "InvalidGrantException");
  assert.match(String(wrong.doc.error_description), /verifier/);
  const other = await post("/token", { ...c, grantType: "authorization_code", redirectUri: "http://127.0.0.1:1/oauth/callback", codeVerifier: verifier, code: await authorize(c.clientId, redirectUri, verifier) });
  assert.equal(other.type, "InvalidGrantException");
  const code = await authorize(c.clientId, redirectUri, verifier);
  fake.advance(301);
  const late = await post("/token", { ...c, grantType: "authorization_code", redirectUri, codeVerifier: verifier, code });
  assert.equal(late.type, "InvalidGrantException");
  assert.match(String(late.doc.error_description), /expired/);
});

test("the authorize endpoint refuses unknown clients, unregistered redirect URIs and requests without S256 PKCE", async () => {
  const c = await authCodeClient();
  const base = { response_type: "code", client_id: c.clientId, state: "x", scopes: "sso:account:access" };
  const unknown = await fetch(`${fake.url}/authorize?${new URLSearchParams({ ...base, client_id: "nobody", redirect_uri: "http://127.0.0.1:5/oauth/callback" })}`);
  assert.equal(unknown.status, 400);
  const elsewhere = await fetch(`${fake.url}/authorize?${new URLSearchParams({ ...base, redirect_uri: "http://evil.example/oauth/callback", code_challenge_method: "S256" })}`);
  assert.equal(elsewhere.status, 400);
  const plain = await fetch(`${fake.url}/authorize?${new URLSearchParams({ ...base, redirect_uri: "http://127.0.0.1:5/oauth/callback", code_challenge_method: "plain", code_challenge: "x" })}`, { redirect: "manual" });
  assert.equal(plain.status, 302);
  assert.equal(new URL(plain.headers.get("location")!).searchParams.get("error"), "invalid_request");
  const noRedirect = await post("/client/register", { clientName: "t", clientType: "public", grantTypes: ["authorization_code"], issuerUrl: "https://x" });
  assert.equal(noRedirect.type, "InvalidRedirectUriException");
});

test("device code: pending, slow_down when polled faster than the interval, then tokens once", async () => {
  const reg = await post("/client/register", { clientName: "d", clientType: "public" });
  const c = reg.doc as { clientId: string; clientSecret: string };
  const start = await post("/device_authorization", { ...c, startUrl: "https://d-1.awsapps.com/start" });
  assert.equal(start.doc.interval, 5);
  assert.match(String(start.doc.verificationUriComplete), /user_code=[A-Z]{4}-[A-Z]{4}$/);
  const grant = { ...c, grantType: "urn:ietf:params:oauth:grant-type:device_code", deviceCode: start.doc.deviceCode };
  assert.equal((await post("/token", grant)).type, "AuthorizationPendingException");
  assert.equal((await post("/token", grant)).type, "SlowDownException");
  fake.advance(11);
  fake.approveDevice(String(start.doc.userCode));
  const ok = await post("/token", grant);
  assert.equal(ok.status, 200);
  assert.equal(ok.doc.refreshToken, undefined, "no scopes registered: no refresh token");
  fake.advance(11);
  assert.equal((await post("/token", grant)).type, "InvalidGrantException");
  const bad = await post("/token", { ...grant, clientSecret: "wrong" });
  assert.equal(bad.type, "InvalidClientException");
});

test("the portal pages its lists and requires a valid bearer token", async () => {
  const many = await startSsoPortal({
    pageSize: 2,
    accounts: [1, 2, 3].map((i) => ({ accountId: `00000000000${i}`, accountName: `a${i}`, emailAddress: `${i}@x`, roles: ["R"] })),
  });
  try {
    const t = many.issueAccessToken();
    const get = (q: string, token = t) => fetch(`${many.url}/assignment/accounts${q}`, { headers: { "x-amz-sso_bearer_token": token } });
    const p1 = (await (await get("")).json()) as { accountList: unknown[]; nextToken?: string };
    assert.equal(p1.accountList.length, 2);
    const p2 = (await (await get(`?next_token=${p1.nextToken}`)).json()) as { accountList: unknown[]; nextToken?: string };
    assert.equal(p2.accountList.length, 1);
    assert.equal(p2.nextToken, undefined);
    const denied = await get("", "bogus");
    assert.equal(denied.status, 401);
    assert.equal(denied.headers.get("x-amzn-errortype")?.split(":")[0], "UnauthorizedException");
  } finally {
    await many.stop();
  }
});
