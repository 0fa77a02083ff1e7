// `kumo configure sso` in a pseudo-terminal (util-linux `script`), as a user
// sees it: line-edited prompts, the account list moved through with the
// arrow keys, the role list filtered by typing, Enter to choose. The sign-in
// in the middle goes through BROWSER to a small script that signs in on the
// fake portal's pages and follows the redirect to kumo's listener.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GUARD, KUMO_BIN, ROOT, baseEnv, sandboxHome } from "../helpers/run.ts";
import { startSsoPortal, type SsoPortalFake } from "../fakes/sso-portal.ts";

const hasScript = spawnSync("script", ["--version"]).status === 0;
const START = "https://d-90670ca891.awsapps.com/start";
let fake: SsoPortalFake;
let work: string;
let browser: string;

before(async () => {
  fake = await startSsoPortal({
    accounts: [
      { accountId: "111111111111", accountName: "prod-payments", emailAddress: "pay@example.com", roles: ["ReadOnly", "Admin", "Billing"] },
      { accountId: "222222222222", accountName: "dev-sandbox", emailAddress: "dev@example.com", roles: ["Developer"] },
      { accountId: "333333333333", accountName: "audit", emailAddress: "audit@example.com", roles: ["Auditor"] },
    ],
  });
  work = mkdtempSync(join(tmpdir(), "kumo-sso-pty-"));
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
  await fake?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const DOWN = "\x1b[B";

test("configure sso in a terminal: arrow keys, filtering and Enter", { skip: hasScript ? false : "util-linux script is not installed" }, async () => {
  const home = sandboxHome({ config: "[default]\noutput = json\n" });
  const env = baseEnv(home, {
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_ENDPOINT_URL_SSO_OIDC: fake.url,
    AWS_ENDPOINT_URL_SSO: fake.url,
    BROWSER: browser,
    TERM: "xterm",
  });
  env.NODE_OPTIONS = `--import ${GUARD}`;
  const command = `stty cols 120 rows 40; exec "${process.execPath}" "${KUMO_BIN}" configure sso`;
  const p = spawn("script", ["-qfec", command, "/dev/null"], { env, cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
  let screen = "";
  p.stdout.on("data", (d: Buffer) => (screen += d.toString()));
  const exited = new Promise<number>((resolve) => p.on("close", (code) => resolve(code ?? 128)));
  const timer = setTimeout(() => p.kill("SIGKILL"), 60_000);
  let seen = 0;
  const expect = async (text: string) => {
    const end = Date.now() + 30_000;
    for (;;) {
      const at = screen.indexOf(text, seen);
      if (at >= 0) {
        seen = at + text.length;
        return;
      }
      if (Date.now() > end) throw new Error(`timed out waiting for ${JSON.stringify(text)}; screen: ${JSON.stringify(screen)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const type = async (keys: string) => {
    p.stdin.write(keys);
    await new Promise((r) => setTimeout(r, 150));
  };
  try {
    await expect("SSO session name (Recommended): ");
    await type("corp\r");
    await expect("SSO start URL [None]: ");
    await type(`${START}\r`);
    await expect("SSO region [None]: ");
    await type("us-east-1\r");
    await expect("SSO registration scopes [sso:account:access]: ");
    await type("\r");
    await expect("There are 3 AWS accounts available to you.");
    // Sorted by name: audit, dev-sandbox, prod-payments.
    await expect("prod-payments, pay@example.com (111111111111)");
    await type(DOWN);
    await type(DOWN);
    await type("\r");
    await expect("Using the account ID 111111111111");
    await expect("There are 3 roles available to you.");
    await type("bil");
    await type("\r");
    await expect('Using the role name "Billing"');
    await expect("CLI default client Region [None]: ");
    await type("eu-west-1\r");
    await expect("CLI default output format [json]: ");
    await type("\r");
    await expect("CLI profile name [Billing-111111111111]: ");
    await type("\r");
    assert.equal(await exited, 0, screen);
  } finally {
    clearTimeout(timer);
    p.kill();
  }
  assert.match(screen, /kumo s3 ls --profile Billing-111111111111/);
  assert.equal(
    readFileSync(join(home, ".aws", "config"), "utf8"),
    "[default]\noutput = json\n" +
      "[profile Billing-111111111111]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Billing\nregion = eu-west-1\noutput = json\n" +
      `[sso-session corp]\nsso_start_url = ${START}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`,
  );
});
