// Starting files and `configure` commands whose results were recorded from
// the real AWS CLI (record.ts → fixtures/recorded.json) and are replayed
// through kumo by recorded.test.ts: first the commands that write files
// (set, the wizard, import), then those that read them (get, list,
// list-profiles, export-credentials). Each step runs in the case's HOME (also
// the working directory) with no AWS variables set other than the step's own.

import { assumeRoleCacheKey, ssoCredentialsCacheKey } from "../../../src/credentials/cache.ts";

export interface Step {
  /** Arguments after the program name. */
  args: string[];
  env?: Record<string, string>;
  /** Piped to the command's standard input (the wizard's answers). */
  stdin?: string;
}

export interface ConfigureCase {
  name: string;
  /** ~/.aws/config before the first step (absent when undefined). */
  config?: string;
  credentials?: string;
  /** Other files in HOME, by relative path (CSV files for `configure import`). */
  files?: Record<string, string>;
  steps: Step[];
}

const set = (varname: string, value: string, more: Partial<Step> & { profile?: string } = {}): Step => ({
  args: ["configure", "set", varname, value, ...(more.profile !== undefined ? ["--profile", more.profile] : [])],
  ...(more.env ? { env: more.env } : {}),
});

const get = (varname: string, more: Partial<Step> & { profile?: string } = {}): Step => ({
  args: ["configure", "get", varname, ...(more.profile !== undefined ? ["--profile", more.profile] : [])],
  ...(more.env ? { env: more.env } : {}),
});

const cmd = (args: string[], env?: Record<string, string>): Step => ({ args: ["configure", ...args], ...(env ? { env } : {}) });

const RICH_CONFIG = `[default]
region = us-west-2
output = json
s3 =
    max_concurrent_requests = 20
    addressing_style = path
[profile dev]
region = eu-west-1
output = text
[profile "my prof"]
region = ap-south-1
[plugins]
foo = bar
[preview]
cloudfront = true
[sso-session s1]
sso_region = us-east-1
[profile keys-in-config]
aws_access_key_id = AKIACONFIG000000CCCC
aws_secret_access_key = configsecret
`;

const RICH_CREDENTIALS = `[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
[dev]
aws_access_key_id = AKIADEV0000000009876
aws_secret_access_key = x
aws_session_token = devtoken
[credonly]
aws_access_key_id = AKIACREDONLY
aws_secret_access_key = credonlysecret
region = us-east-9
`;

const ENV_KEYS = { AWS_ACCESS_KEY_ID: "AKIAENV0000000000001", AWS_SECRET_ACCESS_KEY: "envsecret" };

const LINK_ROLE = "arn:aws:iam::123456789012:role/r1";
const LINK_WEB_ROLE = "arn:aws:iam::123456789012:role/web";
/** A role session in ~/.aws/cli/cache, as the CLI writes it, good until 2099. */
const cachedSession = (accessKeyId: string, secretAccessKey: string): string =>
  JSON.stringify({
    Credentials: { AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey, SessionToken: "t", Expiration: "2099-01-01T00:00:00+00:00" },
    AssumedRoleUser: { AssumedRoleId: "AROA0000000000000000:s", Arn: "arn:aws:sts::123456789012:assumed-role/r1/s" },
  });

const wizard = (answers: string, profile?: string): Step => ({
  args: ["configure", ...(profile !== undefined ? ["--profile", profile] : [])],
  stdin: answers,
});

export const CASES: ConfigureCase[] = [
  // New files and sections.
  { name: "no files: region", steps: [set("region", "us-west-2")] },
  { name: "no files: profile region", steps: [set("region", "eu-west-1", { profile: "dev" })] },
  { name: "no files: access key", steps: [set("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE")] },
  { name: "no files: session token for profile", steps: [set("aws_session_token", "tok", { profile: "dev" })] },
  { name: "empty config file", config: "", steps: [set("region", "us-west-2")] },
  { name: "only comments", config: "# managed by hand\n; really\n", steps: [set("output", "json")] },
  { name: "append section, no final newline", config: "[default]\nregion = us-west-2", steps: [set("profile.dev.region", "eu-west-1")] },
  { name: "append section after others", config: "[default]\nregion = us-west-2\n\n[profile a]\noutput = text\n", steps: [set("profile.b.output", "json")] },
  // Updating a section.
  { name: "replace a value", config: "[default]\nregion = us-west-2\noutput = json\n", steps: [set("region", "eu-central-1")] },
  { name: "replace a colon value", config: "[default]\nregion: us-west-2\n", steps: [set("region", "eu-central-1")] },
  { name: "replace keeps other spacing", config: "[default]\nregion=us-west-2\n  output   =   json\n[profile x]\nregion=a\n", steps: [set("region", "b")] },
  { name: "add key before next section", config: "[default]\nregion = us-west-2\n\n[profile dev]\nregion = eu-west-1\n", steps: [set("output", "json")] },
  { name: "add key at end of last section", config: "[profile dev]\nregion = eu-west-1\n", steps: [set("output", "text", { profile: "dev" })] },
  { name: "add key, trailing blank and comment", config: "[default]\nregion = x\n\n# c\n", steps: [set("output", "json")] },
  { name: "add key, trailing blank lines", config: "[default]\nregion = x\n\n\n", steps: [set("output", "json")] },
  { name: "add key, no final newline", config: "[default]\nregion = x", steps: [set("output", "json")] },
  { name: "add key, header only, no final newline", config: "[default]", steps: [set("output", "json")] },
  { name: "add key, unterminated comment at end", config: "[default]\nregion = x\n# comment", steps: [set("output", "json")] },
  { name: "commented key is a key line", config: "[default]\n# region = old\n\n[profile z]\n", steps: [set("output", "json")] },
  { name: "commented key is not replaced", config: "[default]\n#region = old\n", steps: [set("region", "new")] },
  { name: "key case differs", config: "[default]\nRegion = us-west-2\n", steps: [set("region", "eu-west-1")] },
  { name: "header with trailing comment", config: "[default] ; main\nregion = a\n", steps: [set("region", "b")] },
  { name: "indented header is not matched", config: "  [default]\nregion = a\n", steps: [set("region", "b")] },
  { name: "commented header is skipped", config: "# [default]\n[profile x]\nregion = a\n", steps: [set("region", "b")] },
  { name: "top-level key replaces a nested line", config: "[default]\ns3 =\n    region = nested\nregion = top\n", steps: [set("region", "new")] },
  { name: "crlf file, update rewrites with lf", config: "[default]\r\nregion=x\r\n[profile y]\r\n", steps: [set("output", "json")] },
  { name: "crlf file, new section keeps crlf", config: "[default]\r\nregion=x\r\n", steps: [set("output", "json", { profile: "z" })] },
  { name: "unicode values", config: "[default]\n# café\nregion = ü\n", steps: [set("output", "ÿ→json"), set("profile.ñ.region", "é")] },
  { name: "value with spaces and empty value", steps: [set("region", "  spaced  out "), set("output", "")] },
  // Sub-sections.
  { name: "new sub-section", config: "[default]\nregion = us-west-2\n", steps: [set("s3.max_concurrent_requests", "20")] },
  { name: "new sub-section in new profile", steps: [set("profile.dev.s3.addressing_style", "path")] },
  { name: "update sub-section key", config: "[default]\ns3 =\n    max_concurrent_requests = 10\n    addressing_style = path\n", steps: [set("s3.max_concurrent_requests", "20")] },
  { name: "update sub-section key, tab indent", config: "[default]\ns3 =\n\tmax_concurrent_requests = 10\nregion = a\n", steps: [set("default.s3.max_concurrent_requests", "20")] },
  { name: "add sub-section key before next key", config: "[default]\ns3 =\n    a = 1\nregion = x\n", steps: [set("s3.b", "2")] },
  { name: "add sub-section key at end of file", config: "[default]\ns3 =\n    a = 1\n", steps: [set("s3.b", "2")] },
  { name: "add sub-section key, no final newline", config: "[default]\ns3 =\n    a = 1", steps: [set("s3.b", "2")] },
  { name: "add sub-section key, blank line then section", config: "[default]\ns3 =\n    a = 1\n\n[profile x]\n", steps: [set("s3.b", "2")] },
  { name: "add sub-section key, next section", config: "[default]\ns3 =\n    a = 1\n[profile x]\nregion = r\n", steps: [set("s3.b", "2")] },
  { name: "sub-section key line at end of file", config: "[default]\ns3 =", steps: [set("s3.b", "2")] },
  { name: "sub-section key line before a header", config: "[default]\ns3 =\n[profile x]\n", steps: [set("s3.b", "2")] },
  { name: "sub-key on a plain value", config: "[default]\ns3 = flat\nregion = a\n", steps: [set("s3.b", "2")] },
  // How names choose the file and section.
  { name: "profile.NAME.key", config: "[default]\n", steps: [set("profile.dev.region", "eu-west-1"), set("profile.dev.output", "text")] },
  { name: "default.key with --profile", config: "[profile dev]\nregion = a\n", steps: [set("default.region", "b", { profile: "dev" })] },
  { name: "profile name with a space", config: "[default]\n", steps: [set("region", "r", { profile: "a b" }), set("output", "o", { profile: "a b" })] },
  { name: "double-quoted header is not matched", config: '[default]\n[profile "a b"]\nregion = q\n', steps: [set("region", "r", { profile: "a b" })] },
  { name: "profile name with a quote and space", steps: [set("region", "r", { profile: "it's me" })] },
  { name: "credentials for a named profile", credentials: "[default]\naws_access_key_id = AKIAOLD\n", steps: [set("aws_access_key_id", "AKIANEW", { profile: "dev" }), set("profile.dev.aws_secret_access_key", "s3cr3t")] },
  { name: "plugins section", steps: [set("plugins.cli_legacy_plugin_path", "/opt/p"), set("plugins.myplugin", "mymodule")] },
  { name: "name that is part of 'plugins'", steps: [set("region", "r", { profile: "p" }), set("in.key", "v")] },
  { name: "plugins with two dots", steps: [set("plugins.a.b", "v")] },
  { name: "empty first part", steps: [set(".x", "v")] },
  { name: "extra parts are ignored", steps: [set("default.a.b.c", "v")] },
  { name: "unknown first part is a sub-section", config: "[profile dev]\nregion = a\n", steps: [set("dev2.region", "b"), set("dev2.region", "c", { profile: "dev" })] },
  { name: "profile.NAME without key", steps: [set("profile.dev", "v")] },
  { name: "profile from AWS_PROFILE", steps: [set("region", "r", { env: { AWS_PROFILE: "envp" } }), set("aws_access_key_id", "AKIAENV", { env: { AWS_DEFAULT_PROFILE: "envd" } })] },
  { name: "sequence from nothing", steps: [
    set("region", "us-east-1"),
    set("output", "json"),
    set("profile.ci.region", "eu-west-1"),
    set("ci.s3.max_concurrent_requests", "50"),
    set("aws_access_key_id", "AKIA1"),
    set("aws_secret_access_key", "secret1"),
    set("aws_access_key_id", "AKIA2", { profile: "ci" }),
    set("profile.ci.s3.multipart_threshold", "64MB"),
    set("region", "us-east-2"),
  ] },
  // The wizard.
  { name: "wizard: all new", steps: [wizard("AKIAIOSFODNN7EXAMPLE\nwJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nus-west-2\njson\n")] },
  { name: "wizard: profile, keep all", config: "[profile dev]\nregion = eu-west-1\n", credentials: "[dev]\naws_access_key_id = AKIADEV0000000001234\naws_secret_access_key = devsecret\n", steps: [wizard("\n\n\n\n", "dev")] },
  { name: "wizard: profile, change region only", config: "[profile dev]\nregion = eu-west-1\noutput = text\n", credentials: "[dev]\naws_access_key_id = AKIADEV0000000001234\naws_secret_access_key = devsecret\n", steps: [wizard("\n\nus-east-2\n\n", "dev")] },
  { name: "wizard: keys only, new profile", steps: [wizard("AKIA9\nsec9\n\n\n", "fresh")] },
  { name: "wizard: keys only, default, config exists", config: "# mine\n[profile x]\nregion = a\n", steps: [wizard("AKIA9\nsec9\n\n\n")] },
  { name: "wizard: same values are not written", config: "[default]\nregion = us-west-2\r\n", steps: [wizard("\n\nus-west-2\n\n")] },
  { name: "wizard: crlf answers and no final newline", steps: [wizard("AK1\r\nSK1\r\nreg\r\nout")] },
  { name: "wizard: spaces are an answer", steps: [wizard("  \n\n\n \n")] },
  { name: "wizard: input ends early", config: "[default]\nregion = a\n", steps: [wizard("AKIA\nsecret\n")] },
  { name: "wizard: short key masked", credentials: "[default]\naws_access_key_id = AB\naws_secret_access_key = x\n", steps: [wizard("\n\n\n\n")] },
  // Import.
  {
    name: "import console csv",
    credentials: "[default]\naws_access_key_id = AKIAOLD\naws_secret_access_key = old\n",
    files: { "creds.csv": "User name,Password,Access key ID,Secret access key,Console login link\nalice,pw,AKIAALICE,secretA,https://x\nbob,pw,AKIABOB,secretB,https://y\n" },
    steps: [
      { args: ["configure", "import", "--csv", "file://creds.csv"] },
      { args: ["configure", "import", "--csv", "file://creds.csv", "--profile-prefix", "t-"] },
      { args: ["configure", "import", "--csv", "file://creds.csv"] },
    ],
  },
  {
    name: "import invalid rows",
    files: { "c.csv": "Secret Access key,User Name,Access Key ID\nsec,alice,\nsecC, carol ,AKIAC\n\n" },
    steps: [
      { args: ["configure", "import", "--csv", "file://c.csv"] },
      { args: ["configure", "import", "--csv", "file://c.csv", "--skip-invalid"] },
    ],
  },
  {
    name: "import errors",
    files: { "empty.csv": " \n\n", "nouser.csv": "Access key ID,Secret access key\nAKIA,sec\n" },
    steps: [
      { args: ["configure", "import", "--csv", "file://empty.csv"] },
      { args: ["configure", "import", "--csv", "file://nouser.csv"] },
      { args: ["configure", "import", "--csv", "file://missing.csv"] },
      { args: ["configure", "import", "--csv", "User name,Access key ID,Secret access key\ndave,AKIAD,secD"] },
    ],
  },
  // Reading: configure get.
  {
    name: "get: names",
    config: RICH_CONFIG,
    credentials: RICH_CREDENTIALS,
    steps: [
      "region", "aws_access_key_id", "default.region", "profile.dev.region", "dev.region", "my prof.region",
      "profile.my prof.region", "s3", "s3.max_concurrent_requests", "default.s3.addressing_style", "plugins.foo",
      "preview.cloudfront", "plug.foo", "credonly.region", "profile.credonly.region", "nosuch", "nosuch.x", "s3.nope",
      "default.s3.x.y", "profile.dev", "sso-session.s1.sso_region", "", ".", "default.", "region.x", "dev.s3",
    ].map((n) => get(n)),
  },
  {
    name: "get: selected profile",
    config: RICH_CONFIG,
    credentials: RICH_CREDENTIALS,
    steps: [
      get("region", { profile: "dev" }),
      get("aws_session_token", { profile: "dev" }),
      get("s3.max_concurrent_requests", { profile: "dev" }),
      get("region", { profile: "nope" }),
      get("default.region", { profile: "nope" }),
      get("output", { env: { AWS_PROFILE: "dev" } }),
      get("output", { env: { AWS_DEFAULT_PROFILE: "dev", AWS_DEFAULT_OUTPUT: "yaml", AWS_REGION: "ca-central-1" } }),
      get("region", { env: { AWS_PROFILE: "credonly" } }),
      get("region", { profile: "default" }),
    ],
  },
  { name: "get: no files", steps: [get("region"), get("region", { profile: "default" }), get("default.region")] },
  { name: "get: broken config", config: "[default]\nregion = a\nregion = b\n", steps: [get("region"), get("default.output")] },
  // Reading: configure list.
  {
    name: "list: sources",
    config: RICH_CONFIG,
    credentials: RICH_CREDENTIALS,
    steps: [
      cmd(["list"]),
      cmd(["list", "--profile", "dev"]),
      cmd(["list"], { AWS_PROFILE: "dev", AWS_REGION: "us-east-2" }),
      cmd(["list"], { AWS_DEFAULT_PROFILE: "dev", AWS_DEFAULT_REGION: "us-east-2" }),
      cmd(["list"], ENV_KEYS),
      cmd(["list", "--profile", "keys-in-config"]),
      cmd(["list", "--profile", "credonly"]),
      cmd(["list", "--profile", "my prof"]),
      cmd(["list", "--region", "eu-north-1"]),
      cmd(["list", "--profile", "nope"]),
      cmd(["list"], { AWS_PROFILE: "nope", ...ENV_KEYS }),
      cmd(["list"], { AWS_CONFIG_FILE: "~/.aws/config" }),
      cmd(["list", "extra"]),
    ],
  },
  {
    name: "list: nothing configured",
    steps: [cmd(["list"]), cmd(["list", "--region", "eu-north-1"]), cmd(["list"], { AWS_REGION: "", AWS_DEFAULT_REGION: "us-east-1" })],
  },
  {
    name: "list: other file locations",
    files: {
      "elsewhere/cfg": "[default]\nregion = sa-east-1\n",
      "elsewhere/creds": "[default]\naws_access_key_id = AKIAELSEWHERE0000ABCD\naws_secret_access_key = s\n",
    },
    steps: [cmd(["list"], { AWS_CONFIG_FILE: "~/elsewhere/cfg", AWS_SHARED_CREDENTIALS_FILE: "~/elsewhere/creds" })],
  },
  // Reading: configure list-profiles.
  {
    name: "list-profiles: order",
    config:
      "[profile 42]\nregion = a\n[default]\n[profile zed]\n[profile \"my prof\"]\n[profilex y]\n[profile]\n[plugins]\n" +
      "[sso-session s]\n[profile default]\n[profile 7]\ns3 =\n    [not-a-header] = 1\n",
    credentials: "[DEFAULT]\nregion = q\n[zed]\n[alpha]\n[10]\n[default]\n",
    steps: [cmd(["list-profiles"]), cmd(["list-profiles", "--profile", "nope"]), cmd(["list-profiles", "x"])],
  },
  { name: "list-profiles: no files", steps: [cmd(["list-profiles"])] },
  // Reading: configure export-credentials.
  {
    name: "export-credentials: formats",
    credentials: RICH_CREDENTIALS,
    steps: [
      ...["process", "env", "env-no-export", "powershell", "windows-cmd"].map((f) =>
        cmd(["export-credentials", "--format", f], {
          ...ENV_KEYS,
          AWS_SESSION_TOKEN: "envtoken",
          AWS_CREDENTIAL_EXPIRATION: "2030-01-01T00:00:00Z",
        }),
      ),
      cmd(["export-credentials"]),
      cmd(["export-credentials", "--profile", "dev", "--format", "env"]),
      cmd(["export-credentials", "--profile", "nope"]),
      cmd(["export-credentials", "--format", "yaml"]),
      cmd(["export-credentials"], { ...ENV_KEYS, AWS_CREDENTIAL_EXPIRATION: "2030-06-01T12:30:45.250Z" }),
      cmd(["export-credentials"], { AWS_ACCESS_KEY_ID: "AKIAÜNICODE", AWS_SECRET_ACCESS_KEY: "s\"q\\" }),
      cmd(["export-credentials"], { _AWS_CLI_PROFILE_CHAIN: "a,b,c,d" }),
      cmd(["export-credentials", "--profile", "dev"], { _AWS_CLI_PROFILE_CHAIN: "x,dev" }),
    ],
  },
  { name: "export-credentials: none", steps: [cmd(["export-credentials"])] },
  {
    name: "credentials from other providers",
    config:
      "[profile proc]\ncredential_process = sh -c 'cat \"$HOME/p.json\"'\nregion = us-east-2\n" +
      "[profile badproc]\ncredential_process = sh -c 'exit 3'\n",
    files: {
      "p.json": '{"Version": 1, "AccessKeyId": "AKIAPROCESS00000WXYZ", "SecretAccessKey": "procsecret", "SessionToken": "ptok", "Expiration": "2031-02-03T04:05:06Z"}',
    },
    steps: [
      cmd(["list", "--profile", "proc"]),
      cmd(["export-credentials", "--profile", "proc"]),
      cmd(["export-credentials", "--profile", "proc", "--format", "env"]),
      cmd(["list", "--profile", "badproc"]),
      cmd(["export-credentials", "--profile", "badproc"]),
      cmd(["list"], { AWS_ACCESS_KEY_ID: "AKIAPARTIAL" }),
      cmd(["export-credentials"], { AWS_ACCESS_KEY_ID: "AKIAPARTIAL" }),
    ],
  },
  {
    name: "export-credentials: expiry as written",
    config: ["+02:00", "Z7", "UTC", "basic", "-0130"].map((n) => `[profile ${n}]\ncredential_process = sh -c 'cat "$HOME/${n}.json"'\n`).join(""),
    files: Object.fromEntries(
      [
        ["+02:00", "2030-01-01T02:00:00.1234567+02:00"],
        ["Z7", "2030-01-01T00:00:00.5Z"],
        ["UTC", "2030-01-01T00:00:00UTC"],
        ["basic", "20300101T000000Z"],
        ["-0130", "2030-01-01 00:00:00-0130"],
      ].map(([n, e]) => [`${n}.json`, `{"Version": 1, "AccessKeyId": "AKIAEXPIRY", "SecretAccessKey": "s", "Expiration": "${e}"}`]),
    ),
    steps: ["+02:00", "Z7", "UTC", "basic", "-0130"].map((n) => cmd(["export-credentials", "--profile", n, "--format", "env-no-export"])),
  },
  {
    // Every link that can answer from files alone; sessions come from
    // ~/.aws/cli/cache, so nothing is called. (The container endpoint and
    // instance metadata need a server: list-links.test.ts.)
    name: "list: the link that supplied the credentials",
    config:
      "[default]\nregion = us-east-1\n" +
      `[profile role]\nrole_arn = ${LINK_ROLE}\nsource_profile = cfg\n` +
      `[profile web]\nrole_arn = ${LINK_WEB_ROLE}\nweb_identity_token_file = ~/token.jwt\nrole_session_name = w\n` +
      "[profile sso]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Admin\n" +
      "[profile proc]\ncredential_process = sh -c 'cat \"$HOME/p.json\"'\n" +
      "[profile cfg]\naws_access_key_id = AKIACONFIGFILE000009\naws_secret_access_key = secret-CFG9\n",
    credentials: "[shared]\naws_access_key_id = AKIASHAREDFILE000002\naws_secret_access_key = secret-SHR2\n",
    files: {
      "token.jwt": "eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
      "p.json": '{"Version": 1, "AccessKeyId": "AKIAPROCESS00000003", "SecretAccessKey": "secret-PRC3"}',
      "ec2-creds": "AWSAccessKeyId=AKIAEC2FILE00000004\nAWSSecretKey=secret-EC24\n",
      "boto.cfg": "[Credentials]\naws_access_key_id = AKIABOTOCFG00000005\naws_secret_access_key = secret-BOT5\n",
      [`.aws/cli/cache/${assumeRoleCacheKey({ RoleArn: LINK_ROLE })}.json`]: cachedSession("ASIAASSUMEDROLE00006", "secret-ROL6"),
      [`.aws/cli/cache/${assumeRoleCacheKey({ RoleArn: LINK_WEB_ROLE, RoleSessionName: "w" })}.json`]: cachedSession("ASIAWEBIDENTITY00007", "secret-WEB7"),
      [`.aws/cli/cache/${ssoCredentialsCacheKey({ accountId: "123456789012", roleName: "Admin", startUrl: "https://d-1234567890.awsapps.com/start" })}.json`]: JSON.stringify({
        ProviderType: "sso",
        Credentials: { AccessKeyId: "ASIASSOROLE000000008", SecretAccessKey: "secret-SSO8", SessionToken: "t", Expiration: "2099-01-01T00:00:00Z" },
      }),
    },
    steps: [
      cmd(["list"], ENV_KEYS),
      cmd(["list", "--profile", "role"], ENV_KEYS),
      cmd(["list", "--profile", "web"]),
      cmd(["list", "--profile", "sso"]),
      cmd(["list", "--profile", "shared"]),
      cmd(["list", "--profile", "proc"]),
      cmd(["list", "--profile", "cfg"]),
      cmd(["list"], { AWS_CREDENTIAL_FILE: "~/ec2-creds", BOTO_CONFIG: "~/boto.cfg" }),
      cmd(["list"], { BOTO_CONFIG: "~/boto.cfg" }),
    ],
  },
  {
    name: "empty AWS_PROFILE is a profile named ''",
    config: "[default]\nregion = us-west-2\n",
    credentials: "[default]\naws_access_key_id = AKIADEFAULT000000001\naws_secret_access_key = s\n",
    steps: [
      cmd(["list"], { AWS_PROFILE: "" }),
      cmd(["list"], { AWS_PROFILE: "", AWS_DEFAULT_PROFILE: "default" }),
      cmd(["list"], { AWS_DEFAULT_PROFILE: "" }),
      get("region", { env: { AWS_PROFILE: "" } }),
      cmd(["export-credentials"], { AWS_PROFILE: "" }),
      cmd(["list-profiles"], { AWS_PROFILE: "" }),
      set("output", "json", { env: { AWS_PROFILE: "" } }),
    ],
  },
  // The command itself.
  {
    name: "configure arguments",
    steps: [cmd(["foo"]), cmd(["--foo"]), cmd(["get"]), cmd(["set", "a"]), cmd(["get", "a", "b"]), cmd(["import"]), cmd(["lis"])],
  },
];
