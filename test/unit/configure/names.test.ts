// How `configure set` and `configure get` read dotted names (the AWS CLI's
// rules; recorded end to end in recorded.test.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { dottedValue, profileSection, setTarget } from "../../../src/commands/configure/names.ts";
import { shellQuote } from "../../../src/util/shell-quote.ts";
import { buildProfileMap } from "../../../src/config/files.ts";
import { parseIni } from "../../../src/config/ini.ts";

test("set: plain names go to the selected profile, keys to the credentials file", () => {
  assert.deepEqual(setTarget("region", "r", undefined), { file: "config", section: "default", key: "region", value: "r" });
  assert.deepEqual(setTarget("region", "r", "dev"), { file: "config", section: "profile dev", key: "region", value: "r" });
  assert.deepEqual(setTarget("aws_session_token", "t", "dev"), { file: "credentials", section: "dev", key: "aws_session_token", value: "t" });
});

test("set: dotted names", () => {
  assert.deepEqual(setTarget("default.region", "r", "dev"), { file: "config", section: "default", key: "region", value: "r" });
  assert.deepEqual(setTarget("profile.a.region", "r", undefined), { file: "config", section: "profile a", key: "region", value: "r" });
  assert.deepEqual(setTarget("profile.a.s3.x", "1", undefined), { file: "config", section: "profile a", key: "s3", value: [["x", "1"]] });
  assert.deepEqual(setTarget("s3.x", "1", "dev"), { file: "config", section: "profile dev", key: "s3", value: [["x", "1"]] });
  assert.deepEqual(setTarget("default.a.b.c", "v", undefined), { file: "config", section: "default", key: "a", value: "v" });
  assert.deepEqual(setTarget("plugins.p", "m", "dev"), { file: "config", section: "plugins", key: "p", value: "m" });
  assert.deepEqual(setTarget("plugins.a.b", "v", undefined), { file: "config", section: "default", key: "plugins.a.b", value: "v" });
  assert.deepEqual(setTarget("profile.a.aws_access_key_id", "k", undefined), { file: "credentials", section: "a", key: "aws_access_key_id", value: "k" });
  assert.throws(() => setTarget("profile.a", "v", undefined), /^GeneralError: list index out of range$|list index out of range/);
});

test("set: the CLI's substring test on 'plugins'", () => {
  assert.equal(setTarget("region", "r", "p").section, "p");
  assert.equal(setTarget("region", "r", "gin").section, "gin");
  assert.equal(setTarget("region", "r", "pg").section, "profile pg");
  assert.deepEqual(setTarget(".x", "v", undefined), { file: "config", section: "", key: "x", value: "v" });
});

test("profile sections quote names with blanks as the shell would", () => {
  assert.equal(profileSection("default"), "default");
  assert.equal(profileSection("a b"), "profile 'a b'");
  assert.equal(profileSection("it's me"), `profile 'it'"'"'s me'`);
  assert.equal(profileSection("tab\there"), "profile 'tab\there'");
  assert.equal(profileSection("weird$name"), "profile weird$name");
  assert.equal(shellQuote(""), "''");
  assert.equal(shellQuote("a-b_c.d/e:f=g+h@i%j,k"), "a-b_c.d/e:f=g+h@i%j,k");
});

test("get: dotted names", () => {
  const doc = parseIni(
    "[default]\nregion = d\ns3 =\n  max = 5\n[profile dev]\nregion = e\n[plugins]\nfoo = bar\n[preview]\ncf = true\n",
    "config",
  );
  const files = buildProfileMap(doc);
  const get = (n: string, p?: string) => dottedValue(n, files, p);
  assert.equal(get("default.region"), "d");
  assert.equal(get("profile.dev.region"), "e");
  assert.equal(get("dev.region"), "e");
  assert.equal(get("s3.max"), "5");
  assert.equal(get("s3.max", "dev"), undefined);
  assert.equal(get("default.s3.max"), "5");
  assert.deepEqual({ ...(get("default.s3") as object) }, { max: "5" });
  assert.equal(get("plugins.foo"), "bar");
  assert.equal(get("preview.cf"), undefined);
  assert.equal(get("region.x"), undefined);
  assert.equal(get("nosuch.x"), undefined);
  assert.throws(() => get("profile.dev"), /list index out of range/);
});
