// src/config/writer.ts: the text edits (cases recorded from the AWS CLI are
// in recorded.test.ts; these pin the rules down one by one) and the file
// handling (atomic replacement, modes, symbolic links).
import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigWriteError, updateConfigFile, updateConfigText } from "../../../src/config/writer.ts";
import { parseIni } from "../../../src/config/ini.ts";

const set = (current: string | undefined, section: string, key: string, value: string | [string, string][]): string =>
  updateConfigText(current, { section, values: [[key, value]] });

test("a missing file gets the section and its keys", () => {
  assert.equal(set(undefined, "default", "region", "us-west-2"), "[default]\nregion = us-west-2\n");
  assert.equal(
    updateConfigText(undefined, { section: "dev", values: [["aws_access_key_id", "A"], ["aws_secret_access_key", "S"]] }),
    "[dev]\naws_access_key_id = A\naws_secret_access_key = S\n",
  );
  assert.equal(updateConfigText(undefined, { section: "default", values: [] }), "[default]\n");
});

test("a missing section is appended without a blank line; a newline is added only when the file lacks one", () => {
  assert.equal(set("[a]\nx = 1\n", "profile b", "y", "2"), "[a]\nx = 1\n[profile b]\ny = 2\n");
  assert.equal(set("[a]\nx = 1", "profile b", "y", "2"), "[a]\nx = 1\n[profile b]\ny = 2\n");
  assert.equal(set("", "default", "y", "2"), "[default]\ny = 2\n");
  // The existing text is kept byte for byte, line endings included.
  assert.equal(set("[a]\r\nx = 1\r\n", "b", "y", "2"), "[a]\r\nx = 1\r\n[b]\ny = 2\n");
});

test("an existing key is replaced in place, as `key = value`", () => {
  assert.equal(set("[default]\nregion=a\noutput = json\n", "default", "region", "b"), "[default]\nregion = b\noutput = json\n");
  assert.equal(set("[default]\nregion: a\n", "default", "region", "b"), "[default]\nregion = b\n");
  assert.equal(set("[default]\n  region  =  a\n", "default", "region", "b"), "[default]\nregion = b\n");
  // Only the section asked for is changed.
  assert.equal(set("[x]\nregion = a\n[default]\nregion = a\n", "default", "region", "b"), "[x]\nregion = a\n[default]\nregion = b\n");
});

test("a new key goes after the section's last key line", () => {
  assert.equal(set("[default]\nregion = a\n\n[b]\n", "default", "output", "json"), "[default]\nregion = a\noutput = json\n\n[b]\n");
  // At the end of the file it goes one line further down, as the CLI puts it.
  assert.equal(set("[default]\nregion = a\n\n# end\n", "default", "output", "json"), "[default]\nregion = a\n\noutput = json\n# end\n");
  assert.equal(set("[default]\nregion = a\n", "default", "output", "json"), "[default]\nregion = a\noutput = json\n");
  assert.equal(set("[default]", "default", "output", "json"), "[default]\noutput = json\n");
});

test("the rest of the file keeps its comments, order and spacing", () => {
  const before = "# top\n[default]\n; note\nregion   =   us-west-2   \n\n\n[profile z]  \n  output=text\n# tail\n";
  const after = set(before, "profile z", "output", "json");
  assert.equal(after, "# top\n[default]\n; note\nregion   =   us-west-2   \n\n\n[profile z]  \noutput = json\n# tail\n");
});

test("an existing file is rewritten with \\n line endings", () => {
  assert.equal(set("[default]\r\nregion = a\r\n", "default", "region", "b"), "[default]\nregion = b\n");
  assert.equal(set("[default]\rregion = a\r", "default", "region", "b"), "[default]\nregion = b\n");
});

test("section headers: exact text at the start of the line, comments skipped", () => {
  assert.equal(set("[default] # main\nregion = a\n", "default", "region", "b"), "[default] # main\nregion = b\n");
  assert.equal(set(" [default]\nregion = a\n", "default", "region", "b"), " [default]\nregion = a\n[default]\nregion = b\n");
  assert.equal(set('[profile "a b"]\nregion = a\n', "profile a b", "region", "b"), '[profile "a b"]\nregion = b\n');
  assert.equal(set("#[default]\n[x]\n", "default", "r", "1"), "#[default]\n[x]\n[default]\nr = 1\n");
});

test("sub-sections: new, updated, extended", () => {
  assert.equal(set("[default]\n", "default", "s3", [["max_concurrent_requests", "20"]]), "[default]\ns3 =\n    max_concurrent_requests = 20\n");
  assert.equal(
    set("[default]\ns3 =\n  a = 1\n  b = 2\n", "default", "s3", [["b", "3"]]),
    "[default]\ns3 =\n  a = 1\n  b = 3\n",
  );
  assert.equal(set("[default]\ns3 =\n    a = 1\nregion = r\n", "default", "s3", [["b", "2"]]), "[default]\ns3 =\n    a = 1\n    b = 2\nregion = r\n");
  assert.equal(set("[default]\ns3 =\n    a = 1\n", "default", "s3", [["b", "2"]]), "[default]\ns3 =\n    a = 1\n    b = 2\n");
  // What is written reads back as the sub-section it is meant to be.
  const text = set(set(undefined, "profile p", "s3", [["a", "1"]]), "profile p", "s3", [["b", "2"]]);
  assert.deepEqual({ ...(parseIni(text, "x")["profile p"]!.s3 as object) }, { a: "1", b: "2" });
});

test("a sub-section whose key line is not followed by a key line cannot be extended (the CLI fails too)", () => {
  assert.throws(() => set("[default]\ns3 =", "default", "s3", [["b", "2"]]), ConfigWriteError);
  assert.throws(() => set("[default]\ns3 =\n[x]\n", "default", "s3", [["b", "2"]]), ConfigWriteError);
  assert.throws(() => set("[default]\ns3 =\n\n    a = 1\n", "default", "s3", [["b", "2"]]), ConfigWriteError);
});

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "kumo-writer-"));
}

test("updateConfigFile creates the folder (0700) and the file (0600)", () => {
  const dir = tempDir();
  const path = join(dir, "a", "b", "config");
  updateConfigFile(path, { section: "default", values: [["region", "r"]] });
  assert.equal(readFileSync(path, "utf8"), "[default]\nregion = r\n");
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(statSync(join(dir, "a")).mode & 0o777, 0o700);
  assert.equal(statSync(join(dir, "a", "b")).mode & 0o777, 0o700);
});

test("updateConfigFile keeps an existing file's mode and leaves no temporary file", () => {
  const dir = tempDir();
  const path = join(dir, "config");
  writeFileSync(path, "[default]\nregion = a\n");
  chmodSync(path, 0o640);
  updateConfigFile(path, [
    { section: "default", values: [["region", "b"]] },
    { section: "profile x", values: [["output", "json"]] },
  ]);
  assert.equal(readFileSync(path, "utf8"), "[default]\nregion = b\n[profile x]\noutput = json\n");
  assert.equal(statSync(path).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(dir), ["config"]);
});

test("updateConfigFile writes through a symbolic link", () => {
  const dir = tempDir();
  mkdirSync(join(dir, "dotfiles"));
  const real = join(dir, "dotfiles", "aws-config");
  writeFileSync(real, "[default]\n");
  const link = join(dir, "config");
  symlinkSync(real, link);
  updateConfigFile(link, { section: "default", values: [["region", "r"]] });
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readlinkSync(link), real);
  assert.equal(readFileSync(real, "utf8"), "[default]\nregion = r\n");
});

test("updateConfigFile reports a path it cannot write", () => {
  const dir = tempDir();
  mkdirSync(join(dir, "config"));
  assert.throws(() => updateConfigFile(join(dir, "config"), { section: "default", values: [["region", "r"]] }), (e: unknown) => {
    assert.ok(e instanceof ConfigWriteError);
    assert.equal(e.exitCode, 255);
    assert.match(e.message, /config'$/);
    return true;
  });
  assert.throws(() => updateConfigFile("", { section: "default", values: [["region", "r"]] }), /No such file or directory: ''/);
});
