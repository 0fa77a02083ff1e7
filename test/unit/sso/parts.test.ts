// The small pieces of sign-in: PKCE, the authorize URL's encoding, the
// browser command, the loopback listener, scope parsing and the pickers'
// filter.
import { test } from "node:test";
import assert from "node:assert/strict";
import { codeChallenge, makeCodeVerifier } from "../../../src/sso/pkce.ts";
import { usesAuthorizationCode } from "../../../src/sso/login.ts";
import { percentEncodeQuery } from "../../../src/util/percent-encode.ts";
import { browserCommands, splitCommandLine } from "../../../src/util/browser.ts";
import { startCallbackListener } from "../../../src/sso/loopback.ts";
import { parseScopes } from "../../../src/sso/config.ts";
import { matchesFilter } from "../../../src/commands/configure/sso-prompter.ts";
import { validStartUrl } from "../../../src/commands/configure/sso.ts";

test("code verifier: 64 characters of the unreserved set, different every time", () => {
  const a = makeCodeVerifier();
  assert.match(a, /^[A-Za-z0-9\-._~]{64}$/);
  assert.notEqual(a, makeCodeVerifier());
  // Bytes of 198 and above are skipped (so that all 66 symbols are equally likely).
  const bytes = [197, 198, 255, 0, 65];
  let i = 0;
  const v = makeCodeVerifier(3, (n) => Uint8Array.from({ length: n }, () => bytes[i++ % bytes.length]!));
  assert.equal(v, "~A~");
});

test("code challenge: base64url(sha256(verifier)) without the padding", () => {
  // Python: base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()) is ...ODtc= ; the CLI drops the "=".
  assert.equal(codeChallenge("dBjftJeZ4CVP-mJ92K27uhbUJU1p1r_wW1gFWFOEjXk"), "ngF5GsXcbwljx6u133FFr3Xht9xooA_DuaX_3QwODtc");
});

test("authorize query: Python's percent encoding (spaces %20, only -_.~ kept)", () => {
  assert.equal(
    percentEncodeQuery([
      ["redirect_uri", "http://127.0.0.1:5/oauth/callback"],
      ["scopes", "sso:account:access codewhisperer:x"],
      ["x", "a!b*(c)'~"],
    ]),
    "redirect_uri=http%3A%2F%2F127.0.0.1%3A5%2Foauth%2Fcallback&scopes=sso%3Aaccount%3Aaccess%20codewhisperer%3Ax&x=a%21b%2A%28c%29%27~",
  );
});

test("the authorization-code flow is for sso-sessions unless --use-device-code", () => {
  const t = { startUrl: "u", region: "r", scopes: undefined };
  assert.equal(usesAuthorizationCode({ ...t, sessionName: "s" }, false), true);
  assert.equal(usesAuthorizationCode({ ...t, sessionName: "s" }, true), false);
  assert.equal(usesAuthorizationCode({ ...t, sessionName: undefined }, false), false);
});

test("BROWSER: commands separated by ':', the URL appended or put in place of %s", () => {
  const url = "http://127.0.0.1:9/authorize?a=1";
  assert.deepEqual(browserCommands(url, { BROWSER: "/opt/open-it" }, "linux"), [{ file: "/opt/open-it", args: [url] }]);
  assert.deepEqual(browserCommands(url, { BROWSER: "firefox:w3m" }, "linux"), [
    { file: "firefox", args: [url] },
    { file: "w3m", args: [url] },
  ]);
  assert.deepEqual(browserCommands(url, { BROWSER: "chromium --new-window '%s'" }, "linux"), [{ file: "chromium", args: ["--new-window", url] }]);
  assert.deepEqual(browserCommands(url, {}, "linux"), [], "no display: nothing to open");
  assert.deepEqual(browserCommands(url, { DISPLAY: ":0" }, "linux"), [{ file: "xdg-open", args: [url] }]);
  assert.deepEqual(browserCommands(url, {}, "darwin"), [{ file: "open", args: [url] }]);
  assert.deepEqual(splitCommandLine(`a "b c" 'd e' f\\ g`), ["a", "b c", "d e", "f g"]);
});

test("loopback listener: the callback path only, the first code and state win, an error ends the wait", async () => {
  const l = await startCallbackListener({ timeoutMs: 5000 });
  try {
    assert.match(l.redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    const base = `http://127.0.0.1:${l.port}`;
    assert.equal((await fetch(`${base}/favicon.ico`)).status, 404);
    const page = await fetch(`${base}/oauth/callback?code=c1&state=s1`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /You can now close this tab/);
    await fetch(`${base}/oauth/callback?code=c2&state=s2`);
    assert.deepEqual(await l.wait(), { code: "c1", state: "s1", error: undefined });
  } finally {
    l.close();
  }
  const e = await startCallbackListener({ timeoutMs: 5000 });
  try {
    const waiting = e.wait();
    const page = await (await fetch(`http://127.0.0.1:${e.port}/oauth/callback?error=access_denied&state=x`)).text();
    assert.match(page, /access_denied/);
    assert.deepEqual(await waiting, { code: undefined, state: undefined, error: "access_denied" });
  } finally {
    e.close();
  }
});

test("scopes: comma-separated, blanks dropped", () => {
  assert.deepEqual(parseScopes(" sso:account:access, codewhisperer:completions ,,"), ["sso:account:access", "codewhisperer:completions"]);
});

test("start URLs and the pickers' filter", () => {
  assert.equal(validStartUrl("https://d-123.awsapps.com/start"), true);
  assert.equal(validStartUrl("http://127.0.0.1:8080/start"), true);
  assert.equal(validStartUrl("d-123.awsapps.com/start"), false);
  assert.equal(validStartUrl("ftp://x/"), false);
  assert.equal(matchesFilter("prod-payments, ops@example.com (111122223333)", "PAY 1111"), true);
  assert.equal(matchesFilter("prod-payments, ops@example.com (111122223333)", "dev"), false);
  assert.equal(matchesFilter("anything", undefined), true);
});
