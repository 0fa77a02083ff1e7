// --debug never shows a secret. Known secrets are planted in every place
// credentials can come from (environment, credentials and config files,
// credential_process, an assumed role with an MFA code, web identity, SSO
// tokens, the container endpoint, instance metadata); kumo runs with --debug
// on a successful call and a failing one, and none of the secrets may appear
// on stdout, stderr or in any file kumo wrote.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { runKumo, sandboxHome } from "../helpers/run.ts";
import { startSsoPortal, type SsoPortalFake } from "../fakes/sso-portal.ts";
import { startContainerCredentials, type ContainerFake } from "../fakes/container-credentials.ts";
import { startImds, type ImdsFake } from "../fakes/imds.ts";
import { isoIn } from "../fakes/http-util.ts";

let moto: Moto;
let sso: SsoPortalFake;
let container: ContainerFake;
let imds: ImdsFake;

const secret = (name: string) => `PLANTED${name}Secret0123456789abcdefXYZ`;

const S = {
  envSecret: secret("Env"),
  envToken: secret("EnvToken"),
  fileSecret: secret("File"),
  fileToken: secret("FileToken"),
  configSecret: secret("Config"),
  processSecret: secret("Process"),
  processToken: secret("ProcessToken"),
  sourceSecret: secret("RoleSource"),
  mfaCode: "918273",
  webToken: `eyJhbGciOiJSUzI1NiJ9.${secret("WebIdentity")}.c2ln`,
  ssoAccess: secret("SsoAccess"),
  ssoRefresh: secret("SsoRefresh"),
  ssoRoleSecret: secret("SsoRole"),
  ssoRoleToken: secret("SsoRoleToken"),
  containerAuth: secret("ContainerAuth"),
  containerSecret: secret("Container"),
  containerToken: secret("ContainerToken"),
  imdsSecret: secret("Imds"),
  imdsToken: secret("ImdsToken"),
};
/** The OIDC client the SSO token belongs to (the fake makes its secret). */
let ssoClient = { clientId: "", clientSecret: "" };
const all = () => [...Object.entries(S), ["ssoClientSecret", ssoClient.clientSecret] as const];

before(async () => {
  moto = await startMoto();
  sso = await startSsoPortal({
    roleCredentials: () => ({ accessKeyId: "ASIASSOROLEEXAMPLE01", secretAccessKey: S.ssoRoleSecret, sessionToken: S.ssoRoleToken, expiration: Date.now() + 3600_000 }),
  });
  sso.issueAccessToken(S.ssoAccess);
  ssoClient = sso.registerClient({ grantTypes: ["refresh_token"] });
  sso.issueRefreshToken(ssoClient.clientId, S.ssoRefresh);
  container = await startContainerCredentials({
    authorization: S.containerAuth,
    credentials: () => ({ AccessKeyId: "ASIACONTAINEREXAMPLE", SecretAccessKey: S.containerSecret, Token: S.containerToken, Expiration: isoIn(6 * 3600) }),
  });
  imds = await startImds({
    credentials: () => ({ AccessKeyId: "ASIAIMDSEXAMPLE00001", SecretAccessKey: S.imdsSecret, Token: S.imdsToken, Expiration: isoIn(6 * 3600) }),
  });
});
after(async () => {
  await Promise.all([moto?.stop(), sso?.stop(), container?.stop(), imds?.stop()]);
});

const NO_KEYS = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined };

interface Source {
  name: string;
  setup(home: string): { env?: Record<string, string | undefined>; stdin?: string };
}

const SOURCES: Source[] = [
  { name: "environment", setup: () => ({ env: { AWS_ACCESS_KEY_ID: "AKIAENVEXAMPLE000001", AWS_SECRET_ACCESS_KEY: S.envSecret, AWS_SESSION_TOKEN: S.envToken } }) },
  {
    name: "credentials file",
    setup: (home) => {
      writeFileSync(join(home, ".aws", "credentials"), `[default]\naws_access_key_id = AKIAFILEEXAMPLE00001\naws_secret_access_key = ${S.fileSecret}\naws_session_token = ${S.fileToken}\n`);
      return { env: NO_KEYS };
    },
  },
  {
    name: "config file",
    setup: (home) => {
      writeFileSync(join(home, ".aws", "config"), `[default]\naws_access_key_id = AKIACONFIGEXAMPLE001\naws_secret_access_key = ${S.configSecret}\n`);
      return { env: NO_KEYS };
    },
  },
  {
    name: "credential_process",
    setup: (home) => {
      const doc = JSON.stringify({ Version: 1, AccessKeyId: "ASIAPROCESSEXAMPLE01", SecretAccessKey: S.processSecret, SessionToken: S.processToken, Expiration: isoIn(3600) });
      writeFileSync(join(home, "creds.sh"), `#!/bin/sh\necho '${doc}'\n`, { mode: 0o755 });
      writeFileSync(join(home, ".aws", "config"), `[default]\ncredential_process = ${join(home, "creds.sh")}\n`);
      return { env: NO_KEYS };
    },
  },
  {
    name: "assume-role with an MFA code",
    setup: (home) => {
      writeFileSync(
        join(home, ".aws", "config"),
        `[default]\nrole_arn = arn:aws:iam::123456789012:role/leak\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n` +
          `[profile base]\naws_access_key_id = AKIASOURCEEXAMPLE001\naws_secret_access_key = ${S.sourceSecret}\n`,
      );
      return { env: { ...NO_KEYS, AWS_ENDPOINT_URL_STS: moto.endpoint }, stdin: `${S.mfaCode}\n` };
    },
  },
  {
    name: "web identity",
    setup: (home) => {
      writeFileSync(join(home, "token.jwt"), S.webToken);
      writeFileSync(join(home, ".aws", "config"), `[default]\nrole_arn = arn:aws:iam::123456789012:role/web\nweb_identity_token_file = ${join(home, "token.jwt")}\n`);
      return { env: { ...NO_KEYS, AWS_ENDPOINT_URL_STS: moto.endpoint } };
    },
  },
  {
    name: "SSO",
    setup: (home) => {
      const client = ssoClient;
      writeFileSync(
        join(home, ".aws", "config"),
        "[default]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n" +
          "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n",
      );
      const dir = join(home, ".aws", "sso", "cache");
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, `${createHash("sha1").update("corp").digest("hex")}.json`),
        JSON.stringify({
          startUrl: "https://corp.awsapps.com/start",
          region: "us-east-1",
          accessToken: S.ssoAccess,
          expiresAt: isoIn(3600),
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          registrationExpiresAt: isoIn(86400),
          refreshToken: S.ssoRefresh,
        }),
      );
      return { env: { ...NO_KEYS, AWS_ENDPOINT_URL_SSO: sso.url, AWS_ENDPOINT_URL_SSO_OIDC: sso.url } };
    },
  },
  {
    name: "SSO, with the access token refreshed first",
    setup: (home) => {
      const client = ssoClient;
      writeFileSync(
        join(home, ".aws", "config"),
        "[default]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n" +
          "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n",
      );
      const dir = join(home, ".aws", "sso", "cache");
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, `${createHash("sha1").update("corp").digest("hex")}.json`),
        JSON.stringify({
          startUrl: "https://corp.awsapps.com/start",
          region: "us-east-1",
          accessToken: `${S.ssoAccess}-old`,
          expiresAt: isoIn(120),
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          registrationExpiresAt: isoIn(86400),
          refreshToken: S.ssoRefresh,
        }),
      );
      return { env: { ...NO_KEYS, AWS_ENDPOINT_URL_SSO: sso.url, AWS_ENDPOINT_URL_SSO_OIDC: sso.url } };
    },
  },
  {
    name: "container endpoint",
    setup: () => ({ env: { ...NO_KEYS, AWS_CONTAINER_CREDENTIALS_FULL_URI: container.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN: S.containerAuth } }),
  },
  {
    name: "instance metadata",
    setup: () => ({ env: { ...NO_KEYS, AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint } }),
  },
];

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) filesUnder(p, out);
    else out.push(p);
  }
  return out;
}

function assertNoSecrets(where: string, text: string, allowed: string[] = []): void {
  for (const [name, value] of all()) if (!allowed.includes(name)) assert.ok(!text.includes(value), `${name} appears in ${where}`);
}

/** One compile cache for all the runs (it holds compiled code, never data). */
const codeCache = sandboxHome();

// The sources are independent; three run at a time.
test("--debug leaks nothing, whatever the credentials come from", { concurrency: 3 }, async (t) => {
  const runs = SOURCES.map((source) =>
  t.test(`credentials from ${source.name}`, async () => {
    const home = sandboxHome();
    const { env, stdin } = source.setup(home);
    const planted = new Map(filesUnder(home).map((f) => [f, statSync(f).mtimeMs]));
    const commands = [
      // success
      ["sts", "get-caller-identity", "--endpoint-url", moto.endpoint, "--debug"],
      // failure: the service refuses
      ["iam", "get-user", "--user-name", "nobody", "--endpoint-url", moto.endpoint, "--debug"],
    ];
    for (const args of commands) {
      const r = await runKumo(args, { home, env: { ...env, KUMO_CACHE_DIR: codeCache }, ...(stdin !== undefined ? { stdin } : {}) });
      const label = `${source.name}: ${args.slice(0, 2).join(" ")}`;
      assert.ok(r.code === 0 || r.code === 254, `${label}: exit ${r.code}\n${r.stderr.slice(-2000)}`);
      assert.match(r.stderr, /Found credentials from /, label);
      assert.match(r.stderr, /CanonicalRequest:/, label);
      assertNoSecrets(`stdout of ${label}`, r.stdout);
      assertNoSecrets(`stderr of ${label}`, r.stderr);
    }
    // Every file kumo wrote. The CLI's credential cache (~/.aws/cli/cache)
    // holds the role session it got, as the CLI's does; nothing else.
    for (const f of filesUnder(home)) {
      const before = planted.get(f);
      if (before !== undefined && statSync(f).mtimeMs === before) continue;
      // ~/.aws/sso/cache holds the SSO token (refreshed in place, with the client's secret and refresh token), as the CLI's does.
      const session = f.includes(join(".aws", "cli", "cache"))
        ? ["ssoRoleSecret", "ssoRoleToken"]
        : f.includes(join(".aws", "sso", "cache"))
          ? ["ssoClientSecret", "ssoRefresh", "ssoAccess"]
          : [];
      assertNoSecrets(f, readFileSync(f).toString("latin1"), session);
    }
  }),
  );
  await Promise.all(runs);
  // The refresh case did refresh (its secrets went over the wire: refresh token, client secret).
  assert.ok(sso.calls("CreateToken").length >= 1, "the SSO token was refreshed");
});

test("--debug leaks nothing when credential_process prints a broken document holding a secret", async () => {
  const home = sandboxHome();
  writeFileSync(join(home, "creds.sh"), `#!/bin/sh\necho '{"Version": 1, "AccessKeyId": "ASIAX", "SecretAccessKey": "${S.processSecret}"'\n`, { mode: 0o755 });
  writeFileSync(join(home, ".aws", "config"), `[default]\ncredential_process = ${join(home, "creds.sh")}\n`);
  const r = await runKumo(["sts", "get-caller-identity", "--endpoint-url", moto.endpoint, "--debug"], { home, env: NO_KEYS });
  assert.equal(r.code, 255);
  assert.equal(r.stdout, "");
  assertNoSecrets("stderr", r.stderr);
  assert.match(r.stderr, /Hint: the credential_process of profile "default" failed or printed something kumo cannot use/);
});
