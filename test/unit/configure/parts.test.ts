// Smaller pieces of `configure`: the IAM console CSV, the export formats, the
// profile order of list-profiles and the wizard's bracketed values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCredentialsCsv } from "../../../src/commands/configure/csv-credentials.ts";
import { csvRow, formatCredentials, isoformat, parseCsvRow } from "../../../src/commands/configure/export-format.ts";
import { profileNamesInOrder, sectionHeaders } from "../../../src/commands/configure/list-profiles.ts";
import { shownValue } from "../../../src/commands/configure/wizard.ts";

test("console CSV: columns found by name in any order and case", () => {
  const csv = "User name,Password,Access key ID,Secret access key,Console login link\nalice,pw,AKIAA,secA,https://x\r\nbob,pw, AKIAB ,secB,https://y\n";
  assert.deepEqual(parseCredentialsCsv(csv, true), [
    { userName: "alice", accessKeyId: "AKIAA", secretAccessKey: "secA" },
    { userName: "bob", accessKeyId: "AKIAB", secretAccessKey: "secB" },
  ]);
  assert.deepEqual(parseCredentialsCsv("SECRET ACCESS KEY,user NAME,access key id\ns,u,k", true), [{ userName: "u", accessKeyId: "k", secretAccessKey: "s" }]);
});

test("console CSV: errors and --skip-invalid", () => {
  const csv = "User Name,Access Key ID,Secret Access key\nalice,,sec\ncarol,AKIAC,secC\n\n";
  assert.throws(() => parseCredentialsCsv(csv, true), /^.*Failed to parse entry #1: Row missing value for header "Access Key ID"$/);
  assert.deepEqual(parseCredentialsCsv(csv, false), [{ userName: "carol", accessKeyId: "AKIAC", secretAccessKey: "secC" }]);
  assert.throws(() => parseCredentialsCsv(" \n\t", true), /Provided CSV contains no contents/);
  assert.throws(() => parseCredentialsCsv("Access key ID,Secret access key\na,b", true), /Expected header "User Name" not found/);
  assert.throws(() => parseCredentialsCsv("User name,Access key ID\na,b", true), /Expected header "Secret Access key" not found/);
});

test("export formats", () => {
  const c = { accessKeyId: "AK", secretAccessKey: "SK", sessionToken: "T", expiration: "2030-01-01T00:00:00+00:00" };
  assert.equal(
    formatCredentials(c, "process"),
    '{\n  "Version": 1,\n  "AccessKeyId": "AK",\n  "SecretAccessKey": "SK",\n  "SessionToken": "T",\n  "Expiration": "2030-01-01T00:00:00+00:00"\n}\n',
  );
  assert.equal(formatCredentials({ accessKeyId: "AK", secretAccessKey: "SK" }, "env"), "export AWS_ACCESS_KEY_ID=AK\nexport AWS_SECRET_ACCESS_KEY=SK\n");
  assert.equal(formatCredentials({ accessKeyId: "AK", secretAccessKey: "SK", sessionToken: "T" }, "env-no-export"), "AWS_ACCESS_KEY_ID=AK\nAWS_SECRET_ACCESS_KEY=SK\nAWS_SESSION_TOKEN=T\n");
  assert.equal(formatCredentials({ accessKeyId: "AK", secretAccessKey: "SK" }, "powershell"), '$Env:AWS_ACCESS_KEY_ID="AK"\n$Env:AWS_SECRET_ACCESS_KEY="SK"\n');
  assert.equal(formatCredentials({ accessKeyId: "AK", secretAccessKey: "SK" }, "windows-cmd"), "set AWS_ACCESS_KEY_ID=AK\nset AWS_SECRET_ACCESS_KEY=SK\n");
  // Python's json.dumps escapes everything outside ASCII.
  assert.equal(formatCredentials({ accessKeyId: "é😀", secretAccessKey: "\u007f" }, "process"), '{\n  "Version": 1,\n  "AccessKeyId": "\\u00e9\\ud83d\\ude00",\n  "SecretAccessKey": "\u007f"\n}\n');
});

test("expiration in Python's isoformat", () => {
  assert.equal(isoformat(new Date("2030-01-01T00:00:00Z")), "2030-01-01T00:00:00+00:00");
  assert.equal(isoformat(new Date("2030-06-01T12:30:45.25Z")), "2030-06-01T12:30:45.250000+00:00");
  assert.equal(isoformat(new Date("2030-06-01T14:30:45.001+02:00")), "2030-06-01T12:30:45.001000+00:00");
});

test("the profile chain variable is a CSV row", () => {
  assert.equal(csvRow(["a", "b c", 'd"e', "f,g"]), 'a,b c,"d""e","f,g"');
  assert.deepEqual(parseCsvRow('a,b c,"d""e","f,g"'), ["a", "b c", 'd"e', "f,g"]);
  assert.deepEqual(parseCsvRow(""), []);
});

test("list-profiles order: config profiles in file order, then credentials-only ones", () => {
  // Lines indented under a key continue its value, as in Python's configparser.
  assert.deepEqual(sectionHeaders("[b]\nx = 1\n  [not-a-header] = 2\n [c]\n# [d]\n[e] ; c\n"), ["b", "e"]);
  assert.deepEqual(sectionHeaders("[b]\n [c]\n[d]\r\n\r\nk = v\r\n[e]"), ["b", "c", "d", "e"]);
  assert.deepEqual(
    profileNamesInOrder("[profile 42]\n[default]\n[profile \"a b\"]\n[profilex y]\n[profile]\n[plugins]\n[profile default]\n", "[DEFAULT]\n[zed]\n[42]\n[1]\n"),
    ["42", "default", "a b", "y", "zed", "1"],
  );
  assert.deepEqual(profileNamesInOrder(undefined, undefined), []);
});

test("the wizard shows current values as the CLI does", () => {
  assert.equal(shownValue("aws_access_key_id", undefined), "None");
  assert.equal(shownValue("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE"), "****************MPLE");
  assert.equal(shownValue("aws_secret_access_key", "ab"), "****************ab");
  assert.equal(shownValue("region", "us-west-2"), "us-west-2");
  assert.equal(shownValue("region", { a: "b" }), "{'a': 'b'}");
});
