// Section-name rules, path expansion and file handling of the config loader.
// Expectations marked "Python" were checked with botocore 1.43.11
// (configloader.build_profile_map, Session.full_config) and Python 3.11's
// shlex.split / os.path.expandvars / os.path.expanduser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  buildProfileMap,
  configFilePaths,
  expandPath,
  loadConfigFiles,
  loadConfigFilesFromPaths,
  readIniFile,
  shellSplit,
} from "../../../src/config/files.ts";
import { ConfigParseError, parseIni } from "../../../src/config/ini.ts";

const dir = mkdtempSync(join(tmpdir(), "kumo-config-files-"));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

test("shellSplit follows POSIX shell quoting (Python shlex.split)", () => {
  assert.deepEqual(shellSplit('profile "my profile"'), ["profile", "my profile"]);
  assert.deepEqual(shellSplit("profile 'a b'"), ["profile", "a b"]);
  assert.deepEqual(shellSplit("  profile   x  "), ["profile", "x"]);
  assert.deepEqual(shellSplit('a"b c"d'), ["ab cd"]);
  assert.deepEqual(shellSplit("a\\ b"), ["a b"]);
  // Inside double quotes only \" and \\ are escapes.
  assert.deepEqual(shellSplit('"\\x\\"\\\\"'), ['\\x"\\']);
  assert.deepEqual(shellSplit("profile ''"), ["profile", ""]);
  assert.deepEqual(shellSplit(""), []);
  assert.equal(shellSplit('profile "open'), undefined);
  assert.equal(shellSplit("profile x\\"), undefined);
});

test("section headers → profiles, sso-sessions, services and plain sections (Python)", () => {
  const doc = parseIni(
    [
      "[default]", "a = 1",
      "[profile dev]", "a = 2",
      "[profile 'two words']", "a = 3",
      "[profile a b]", "a = 4",
      "[profile]", "a = 5",
      "[profilex]", "a = 6",
      "[profiles z]", "a = 7",
      '[profile "unterminated]', "a = 8",
      "[sso-session corp]", "sso_region = us-east-1", "s3 =", "  x = 1",
      "[services local]", "s3 =", "  endpoint_url = http://127.0.0.1:1", "region = ignored",
      "[plugins]", "cli_legacy_plugin_path = /x",
      "[ default ]", "a = 9",
      "[sso_sessions]", "a = 10",
      "",
    ].join("\n"),
    "/cfg",
  );
  const map = buildProfileMap(doc);
  assert.deepEqual(plain(map.profiles), { default: { a: "1" }, dev: { a: "2" }, "two words": { a: "3" }, z: { a: "7" } });
  // Values that are not plain strings are left out of sso-sessions, plain
  // strings out of services sections.
  assert.deepEqual(plain(map.ssoSessions), { corp: { sso_region: "us-east-1" } });
  assert.deepEqual(plain(map.services), { local: { s3: { endpoint_url: "http://127.0.0.1:1" } } });
  assert.deepEqual(plain(map.sections), { plugins: { cli_legacy_plugin_path: "/x" }, " default ": { a: "9" } });
});

test("[default] and [profile default]: the later header wins, whole (Python)", () => {
  const map = buildProfileMap(parseIni("[default]\na = 1\nb = 1\n[profile default]\na = 2\n", "/cfg"));
  assert.deepEqual(plain(map.profiles), { default: { a: "2" } });
  const reversed = buildProfileMap(parseIni("[profile default]\na = 2\n[default]\nb = 1\n", "/cfg"));
  assert.deepEqual(plain(reversed.profiles), { default: { b: "1" } });
});

test("[DEFAULT] values reach every profile, in both files (Python)", () => {
  const config = join(dir, "defaults-config");
  const credentials = join(dir, "defaults-credentials");
  writeFileSync(config, "[DEFAULT]\nregion = eu-west-1\n[profile a]\noutput = json\n");
  writeFileSync(credentials, "[DEFAULT]\naws_access_key_id = AKID\n[a]\naws_secret_access_key = S\n[b]\n");
  const files = loadConfigFilesFromPaths(config, credentials);
  assert.deepEqual(plain(files.profiles), {
    a: { output: "json", region: "eu-west-1", aws_secret_access_key: "S", aws_access_key_id: "AKID" },
    b: { aws_access_key_id: "AKID" },
  });
});

test("expandPath: $VAR / ${VAR} then ~ (Python expandvars + expanduser)", () => {
  const env = { HOME: "/home/u/", FOO: "foo", FOO_BAR: "fb", TILDE: "~", EMPTY: "" };
  const home = "/home/u/";
  // Each pair: input → os.path.expanduser(os.path.expandvars(input)) with that environment.
  const cases: Array<[string, string]> = [
    ["~/.aws/config", "/home/u/.aws/config"],
    ["~", "/home/u"],
    ["$HOME/a", "/home/u//a"],
    ["${HOME}/a", "/home/u//a"],
    ["$NOPE/a", "$NOPE/a"],
    ["${}", "${}"],
    ["a$FOO$FOO", "afoofoo"],
    ["${FOO}x$FOO_BAR", "fooxfb"],
    ["$TILDE/x", "/home/u/x"],
    ["/abs/~/x", "/abs/~/x"],
    ["$EMPTY/x", "/x"],
    ["~nosuchuser-kumo/x", "~nosuchuser-kumo/x"],
    ["", ""],
  ];
  for (const [input, expected] of cases) assert.equal(expandPath(input, env, home), expected, input);
  assert.equal(expandPath("~", {}, "/"), "/");
});

test("configFilePaths: defaults under home; a set-but-empty variable means no file", () => {
  assert.deepEqual(configFilePaths({ env: {}, home: "/h" }), {
    configPath: "/h/.aws/config",
    credentialsPath: "/h/.aws/credentials",
  });
  assert.deepEqual(configFilePaths({ env: { AWS_CONFIG_FILE: "", AWS_SHARED_CREDENTIALS_FILE: "~/c" }, home: "/h" }), {
    configPath: "",
    credentialsPath: "/h/c",
  });
});

test("missing files, directories and empty paths are silently ignored", () => {
  const home = join(dir, "home");
  mkdirSync(join(home, ".aws", "config"), { recursive: true }); // a directory, not a file
  const files = loadConfigFiles({ env: {}, home });
  assert.deepEqual(plain(files.profiles), {});
  assert.equal(files.configPath, join(home, ".aws", "config"));
  assert.equal(readIniFile(""), undefined);
  assert.equal(readIniFile(join(dir, "nope", "config")), undefined);
  assert.equal(readIniFile(join(dir, "defaults-config", "below-a-file")), undefined);
});

test("a bad credentials file fails the load even when the config file is fine", () => {
  const config = join(dir, "ok-config");
  const credentials = join(dir, "bad-credentials");
  writeFileSync(config, "[default]\nregion = us-east-1\n");
  writeFileSync(credentials, "aws_access_key_id = x\n");
  assert.throws(
    () => loadConfigFilesFromPaths(config, credentials),
    (e: unknown) => e instanceof ConfigParseError && e.message === `Unable to parse config file: ${credentials}`,
  );
});

test("profile names that collide with Object.prototype members are not found by accident", () => {
  const config = join(dir, "proto-config");
  writeFileSync(config, "[profile real]\nregion = r\n");
  const files = loadConfigFilesFromPaths(config, join(dir, "none"));
  assert.equal(files.profiles["toString"], undefined);
  assert.equal("constructor" in files.profiles, false);
  assert.equal(files.sources["hasOwnProperty"], undefined);
});
