// file:// and fileb:// parameter values. Error texts were recorded from
// AWS CLI v2 2.9.19 (`aws ec2 describe-instances --filters file://...`).
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ParamError } from "../../../src/errors/index.ts";
import { expandUser, expandVars, isParamFile, ParamFileError, resolveParamFile } from "../../../src/params/paramfile.ts";

let dir: string;
let home: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), "kumo-paramfile-"));
  home = join(dir, "home");
  mkdirSync(home);
  mkdirSync(join(dir, "sub"));
  writeFileSync(join(dir, "filters.txt"), "Name=a,Values=b");
  writeFileSync(join(dir, "crlf.json"), '{"a":\r\n"b"}\r');
  writeFileSync(join(dir, "bom.json"), "\ufeff[]");
  writeFileSync(join(dir, "binary.bin"), Uint8Array.from([0xff, 0xfe, 0x00, 0x41]));
  writeFileSync(join(dir, "latin1.txt"), Uint8Array.from([0x63, 0x61, 0x66, 0xe9]));
  writeFileSync(join(dir, "utf8.txt"), "caf\u00e9 \u{1F600}");
  writeFileSync(join(home, "in-home.txt"), "from home");
  writeFileSync(join(dir, "sub", "nested.txt"), "nested");
});

after(() => rmSync(dir, { recursive: true, force: true }));

const opts = (extra?: Partial<Parameters<typeof resolveParamFile>[1]>) => ({
  cwd: dir,
  env: { HOME: home, SUBDIR: "sub" } as Record<string, string | undefined>,
  home,
  ...extra,
});

function failure(value: string, o = opts()): ParamFileError {
  try {
    resolveParamFile(value, o);
  } catch (e) {
    assert.ok(e instanceof ParamFileError, String(e));
    return e;
  }
  assert.fail(`resolved without error: ${value}`);
}

describe("resolveParamFile", () => {
  test("values without a prefix pass through", () => {
    for (const v of ["Name=a", "", "file:/x", "FILE://x", "http://example.com/x", " file://x"]) {
      assert.equal(resolveParamFile(v, opts()), v);
    }
    assert.equal(isParamFile("file://x"), true);
    assert.equal(isParamFile("fileb://x"), true);
    assert.equal(isParamFile("file:/x"), false);
  });

  test("file:// gives the text, relative to the working directory or absolute", () => {
    assert.equal(resolveParamFile("file://filters.txt", opts()), "Name=a,Values=b");
    assert.equal(resolveParamFile(`file://${join(dir, "filters.txt")}`, opts({ cwd: "/" })), "Name=a,Values=b");
    assert.equal(resolveParamFile("file://utf8.txt", opts()), "caf\u00e9 \u{1F600}");
  });

  test("file:// reads with universal newlines and keeps a byte order mark", () => {
    assert.equal(resolveParamFile("file://crlf.json", opts()), '{"a":\n"b"}\n');
    assert.equal(resolveParamFile("file://bom.json", opts()), "\ufeff[]");
  });

  test("fileb:// gives the bytes untouched", () => {
    const v = resolveParamFile("fileb://binary.bin", opts());
    assert.ok(v instanceof Uint8Array);
    assert.deepStrictEqual([...v], [0xff, 0xfe, 0x00, 0x41]);
    assert.deepStrictEqual([...(resolveParamFile("fileb://crlf.json", opts()) as Uint8Array)].slice(5, 7), [0x0d, 0x0a]);
  });

  test("~ and $VAR are expanded", () => {
    assert.equal(resolveParamFile("file://~/in-home.txt", opts()), "from home");
    assert.equal(resolveParamFile("file://$HOME/in-home.txt", opts()), "from home");
    assert.equal(resolveParamFile("file://${SUBDIR}/nested.txt", opts()), "nested");
    assert.equal(resolveParamFile("file://~/in-home.txt", opts({ env: {} })), "from home");
  });

  test("missing file", () => {
    const e = failure("file://nope");
    assert.equal(e.message, "Unable to load paramfile file://nope: [Errno 2] No such file or directory: 'nope'");
    assert.equal(e.exitCode, 252);
    assert.ok(e instanceof ParamError);
  });

  test("the message names the option when it is given", () => {
    const e = failure("file://nope", opts({ paramName: "--filters" }));
    assert.equal(
      e.message,
      "Error parsing parameter '--filters': Unable to load paramfile file://nope: [Errno 2] No such file or directory: 'nope'",
    );
    assert.equal(e.detail, "Unable to load paramfile file://nope: [Errno 2] No such file or directory: 'nope'");
  });

  test("the expanded path is what the error shows", () => {
    assert.equal(
      failure("file://$HOME/x").message,
      `Unable to load paramfile file://$HOME/x: [Errno 2] No such file or directory: '${home}/x'`,
    );
    assert.equal(
      failure("file://~/x").message,
      `Unable to load paramfile file://~/x: [Errno 2] No such file or directory: '${home}/x'`,
    );
    assert.equal(
      failure("file://$UNSET/x").message,
      "Unable to load paramfile file://$UNSET/x: [Errno 2] No such file or directory: '$UNSET/x'",
    );
  });

  test("directory and empty path", () => {
    assert.equal(failure("file://sub").message, "Unable to load paramfile file://sub: [Errno 21] Is a directory: 'sub'");
    assert.equal(failure("file://").message, "Unable to load paramfile file://: [Errno 2] No such file or directory: ''");
    assert.equal(failure("fileb://").message, "Unable to load paramfile fileb://: [Errno 2] No such file or directory: ''");
  });

  test("text that is not valid in the file encoding", () => {
    assert.equal(
      failure("file://binary.bin", opts({ paramName: "--filters" })).message,
      "Error parsing parameter '--filters': Unable to load paramfile (binary.bin), text contents could not be decoded.  " +
        "If this is a binary file, please use the fileb:// prefix instead of the file:// prefix.",
    );
  });

  test("AWS_CLI_FILE_ENCODING picks the text encoding", () => {
    const o = opts();
    assert.match(failure("file://latin1.txt", o).message, /could not be decoded/);
    o.env.AWS_CLI_FILE_ENCODING = "latin-1";
    assert.equal(resolveParamFile("file://latin1.txt", o), "caf\u00e9");
    o.env.AWS_CLI_FILE_ENCODING = "ascii";
    assert.match(failure("file://latin1.txt", o).message, /could not be decoded/);
    assert.equal(resolveParamFile("file://filters.txt", o), "Name=a,Values=b");
  });
});

describe("path expansion", () => {
  test("expandUser", () => {
    const o = { env: { HOME: "/h/" }, home: "/other" };
    assert.equal(expandUser("~", o), "/h");
    assert.equal(expandUser("~/a/b", o), "/h/a/b");
    assert.equal(expandUser("a/~", o), "a/~");
    assert.equal(expandUser("~nosuchuser-kumo/x", o), "~nosuchuser-kumo/x");
    assert.equal(expandUser("~/x", { env: {}, home: "/other" }), "/other/x");
    assert.equal(expandUser("~", { env: { HOME: "/" }, home: "/" }), "/");
  });

  test("expandVars", () => {
    const env = { A: "1", B_2: "two", EMPTY: "" };
    assert.equal(expandVars("$A/${B_2}/$EMPTY/x", env), "1/two//x");
    assert.equal(expandVars("$A$A", env), "11");
    assert.equal(expandVars("$NOPE/${NOPE}/$", env), "$NOPE/${NOPE}/$");
    assert.equal(expandVars("${}x", env), "${}x");
    assert.equal(expandVars("$A-b", env), "1-b");
    assert.equal(expandVars("cost$5", { "5": "five" }), "costfive");
  });
});
