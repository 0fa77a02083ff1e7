// configure sso and configure sso-session in-process: piped answers, options
// instead of answers, an existing session, a legacy profile, and a terminal
// (arrow keys and type-to-filter in the account and role lists).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startSsoPortal, type SsoAccount } from "../../fakes/sso-portal.ts";
import { runConfigureSso, runConfigureSsoSession } from "../../../src/commands/configure/sso.ts";
import { fetchApi, harness, scriptedBrowser } from "./helpers.ts";

const ACCOUNTS: SsoAccount[] = [
  { accountId: "111111111111", accountName: "prod-payments", emailAddress: "pay@example.com", roles: ["ReadOnly", "Admin"] },
  { accountId: "222222222222", accountName: "dev-sandbox", emailAddress: "dev@example.com", roles: ["Developer"] },
  { accountId: "333333333333", accountName: "audit", emailAddress: "audit@example.com", roles: ["Auditor", "SecurityAudit", "ReadOnly"] },
];
const fake = await startSsoPortal({ accounts: ACCOUNTS, pageSize: 2 });
after(() => fake.stop());
const START = "https://d-90670ca891.awsapps.com/start";
const opts = () => ({ api: fetchApi(fake.url), openBrowser: scriptedBrowser().open });
const configOf = (home: string) => readFileSync(join(home, ".aws", "config"), "utf8");

test("configure sso with piped answers: new session, accounts and roles chosen by name, profile written", async () => {
  const h = harness({ config: "# mine\n[default]\nregion = us-east-1\n", input: `corp\n${START}\neu-west-1\n\ndev-sandbox\neu-central-1\njson\n\n` });
  assert.equal(await runConfigureSso(h.ctx, [], opts()), 0);
  const out = h.stdout();
  assert.ok(
    out.startsWith(`SSO session name (Recommended): SSO start URL [None]: SSO region [None]: SSO registration scopes [sso:account:access]: Attempting to open your default browser.`),
    out,
  );
  assert.ok(
    out.endsWith(
      "There are 3 AWS accounts available to you.\n" +
        "Select an account (type to filter): Using the account ID 222222222222\n" +
        "The only role available to you is: Developer\n" +
        'Using the role name "Developer"\n' +
        "CLI default client Region [us-east-1]: CLI default output format [None]: CLI profile name [Developer-222222222222]: \n" +
        "To use this profile, specify the profile name using --profile, as shown:\n\nkumo s3 ls --profile Developer-222222222222\n",
    ),
    out,
  );
  assert.equal(
    configOf(h.home),
    "# mine\n[default]\nregion = us-east-1\n" +
      "[profile Developer-222222222222]\nsso_session = corp\nsso_account_id = 222222222222\nsso_role_name = Developer\nregion = eu-central-1\noutput = json\n" +
      `[sso-session corp]\nsso_start_url = ${START}\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n`,
  );
});

test("configure sso with every answer as an option asks nothing", async () => {
  const h = harness({ input: "" });
  const args = [
    "--sso-session", "corp", "--sso-start-url", START, "--sso-region", "eu-west-1", "--sso-registration-scopes", "sso:account:access",
    "--account-id", "333333333333", "--role-name", "SecurityAudit", "--default-region", "us-west-2", "--default-output", "table", "--profile-name", "audit",
  ];
  assert.equal(await runConfigureSso(h.ctx, args, opts()), 0);
  assert.doesNotMatch(h.stdout(), /\[None\]|Recommended/);
  assert.match(h.stdout(), /Using the account ID 333333333333\nUsing the role name "SecurityAudit"\n/);
  assert.equal(
    configOf(h.home),
    "[profile audit]\nsso_session = corp\nsso_account_id = 333333333333\nsso_role_name = SecurityAudit\nregion = us-west-2\noutput = table\n" +
      `[sso-session corp]\nsso_start_url = ${START}\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n`,
  );
  await assert.rejects(runConfigureSso(harness({ input: "" }).ctx, [...args.slice(0, 8), "--account-id", "999999999999"], opts()), /not available to you/);
});

test("configure sso --profile with an existing session: only the session name, then account, role, region and output", async () => {
  const config = `[sso-session corp]\nsso_start_url = ${START}\nsso_region = eu-west-1\n[profile dev]\nsso_session = corp\nregion = eu-west-2\n`;
  const h = harness({ config, profile: "dev", input: "\n333333333333\nAuditor\n\n\n" });
  assert.equal(await runConfigureSso(h.ctx, [], opts()), 0);
  const out = h.stdout();
  assert.ok(out.startsWith("SSO session name [corp]: Attempting to open"), out);
  assert.match(out, /There are 3 roles available to you\.\nSelect a role \(type to filter\): Using the role name "Auditor"\nCLI default client Region \[eu-west-2\]: CLI default output format \[None\]: \n/);
  assert.equal(configOf(h.home), `[sso-session corp]\nsso_start_url = ${START}\nsso_region = eu-west-1\n[profile dev]\nsso_session = corp\nregion = eu-west-2\nsso_account_id = 333333333333\nsso_role_name = Auditor\n`);
});

test("configure sso without a session name writes a legacy profile (device code sign-in)", async () => {
  const h = harness({ input: `\n${START}\nus-east-1\n111111111111\nAdmin\n\n\nlegacy\n` });
  const api = fetchApi(fake.url);
  const call = api.call.bind(api);
  api.call = async (service, operation, input, region) => {
    if (operation === "CreateToken") {
      try {
        fake.approveDevice();
      } catch {
        // already approved
      }
    }
    return call(service, operation, input, region);
  };
  assert.equal(await runConfigureSso(h.ctx, ["--no-browser"], { api }), 0);
  assert.match(h.stdout(), /^SSO session name \(Recommended\): WARNING: Configuring using legacy format \(e\.g\. without an SSO session\)\.\nConsider re-running "configure sso" command and providing a session name\.\nSSO start URL \[None\]: SSO region \[None\]: /);
  assert.equal(configOf(h.home), `[profile legacy]\nsso_start_url = ${START}\nsso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = Admin\n`);
});

test("answers are checked: a start URL must be a URL, a profile name is required", async () => {
  const h = harness({ input: `corp\nnot a url\n${START}\neu-west-1\n\n222222222222\n\n\n\nmine\n` });
  assert.equal(await runConfigureSso(h.ctx, [], opts()), 0);
  assert.match(h.stdout(), /SSO start URL \[None\]: Not a valid Start URL\nSSO start URL \[None\]: SSO region/);
  assert.match(configOf(h.home), /^\[profile Developer-222222222222\]/, "an empty profile name takes the suggestion");
});

test("configure sso when the portal refuses to list: the session is still written", async () => {
  const h = harness({ input: `corp\n${START}\neu-west-1\n\n\n\nsso-only\n` });
  const api = fetchApi(fake.url);
  const call = api.call.bind(api);
  api.call = async (service, operation, input, region) => {
    if (operation === "ListAccounts") input = { ...input, accessToken: "revoked" };
    return call(service, operation, input, region);
  };
  assert.equal(await runConfigureSso(h.ctx, [], { api, openBrowser: scriptedBrowser().open }), 0);
  assert.match(h.stdout(), /Unable to list AWS accounts and\/or roles\. Skipping configuring AWS credential provider for profile\.\nCLI default client Region \[None\]: CLI default output format \[None\]: CLI profile name \[None\]: Successfully configured SSO for profile: sso-only\n$/);
  assert.equal(configOf(h.home), `[profile sso-only]\nsso_session = corp\n[sso-session corp]\nsso_start_url = ${START}\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n`);
});

test("configure sso-session: prompts, the section and the closing message", async () => {
  const h = harness({ config: "[sso-session old]\nsso_start_url = https://x.awsapps.com/start\n", input: `\nnew\n${START}\nap-southeast-2\nsso:account:access, codewhisperer:completions\n` });
  assert.equal(await runConfigureSsoSession(h.ctx, []), 0);
  assert.equal(
    h.stdout(),
    "SSO session name: A value is required\nSSO session name: SSO start URL [None]: SSO region [None]: SSO registration scopes [sso:account:access]: \n" +
      "Completed configuring SSO session: new\nRun the following to login and refresh access token for this session:\n\nkumo sso login --sso-session new\n",
  );
  assert.equal(
    configOf(h.home),
    `[sso-session old]\nsso_start_url = https://x.awsapps.com/start\n[sso-session new]\nsso_start_url = ${START}\nsso_region = ap-southeast-2\nsso_registration_scopes = sso:account:access, codewhisperer:completions\n`,
  );
  // An existing session shows its values.
  const again = harness({ home: h.home, input: "new\n\n\n\n" });
  await runConfigureSsoSession(again.ctx, []);
  assert.match(again.stdout(), /^SSO session name: SSO start URL \[https:\/\/d-90670ca891\.awsapps\.com\/start\]: SSO region \[ap-southeast-2\]: SSO registration scopes \[sso:account:access, codewhisperer:completions\]: /);
});

test("on a terminal: arrow keys and type-to-filter pick the account and the role", async () => {
  const h = harness({});
  h.stdin.isTTY = true;
  (h.stdin as unknown as { setRawMode: (b: boolean) => void }).setRawMode = () => {};
  const waitFor = async (text: string, from: number) => {
    for (let i = 0; i < 400; i++) {
      if (h.stdout().indexOf(text, from) >= 0) return h.stdout().length;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`timed out waiting for ${JSON.stringify(text)} in ${JSON.stringify(h.stdout())}`);
  };
  const running = runConfigureSso(h.ctx, [], opts());
  let at = 0;
  const step = async (text: string, keys: string) => {
    at = await waitFor(text, at);
    h.stdin.write(keys);
  };
  await step("SSO session name (Recommended): ", "corp\r");
  await step("SSO start URL [None]: ", `${START}\r`);
  await step("SSO region [None]: ", "eu-west-1\r");
  await step("SSO registration scopes [sso:account:access]: ", "\r");
  // Accounts sorted by name: audit, dev-sandbox, prod-payments. Down twice: prod-payments.
  await step("prod-payments, pay@example.com (111111111111)", "\x1b[B");
  await new Promise((r) => setTimeout(r, 30));
  h.stdin.write("\x1b[B");
  await new Promise((r) => setTimeout(r, 30));
  h.stdin.write("\r");
  // Roles Admin, ReadOnly: type "read" to filter, then Enter.
  await step("Select a role", "read");
  await new Promise((r) => setTimeout(r, 50));
  h.stdin.write("\r");
  await step("CLI default client Region [None]: ", "\r");
  await step("CLI default output format [None]: ", "\r");
  await step("CLI profile name [ReadOnly-111111111111]: ", "\r");
  assert.equal(await running, 0);
  assert.match(h.stdout(), /Using the account ID 111111111111\n/);
  assert.match(h.stdout(), /Using the role name "ReadOnly"\n/);
  assert.match(configOf(h.home), /\[profile ReadOnly-111111111111\]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = ReadOnly\n/);
});
