// `s3 ls` argument handling, page rendering and exit codes, and the `s3`
// subcommand dispatch, without a network. Messages and exit codes are the ones
// AWS CLI v2 2.9.19 gives for the same arguments (with `kumo` for `aws`).
import { test } from "node:test";
import assert from "node:assert/strict";
import type { CommandContext } from "../../../src/cli/run.ts";
import type { IO } from "../../../src/io.ts";
import { GeneralError, KumoError, ParamError, UsageError } from "../../../src/errors/index.ts";
import { decodePage, listingExitCode, newListingState, parseLsArgs, renderPage } from "../../../src/commands/s3/ls.ts";
import { runS3 } from "../../../src/commands/s3/index.ts";
import { WireTimestamp } from "../../../src/request/wire-values.ts";

test("ls defaults: list the buckets", () => {
  assert.deepEqual(parseLsArgs([]), {
    path: "s3://",
    recursive: false,
    pageSize: undefined,
    humanReadable: false,
    summarize: false,
    requestPayer: undefined,
  });
});

test("ls options, abbreviations and --x=y", () => {
  assert.deepEqual(parseLsArgs(["--rec", "s3://b/p", "--human", "--summ", "--page-size=7", "--request-payer"]), {
    path: "s3://b/p",
    recursive: true,
    pageSize: 7,
    humanReadable: true,
    summarize: true,
    requestPayer: "requester",
  });
  assert.equal((parseLsArgs(["--request-payer", "requester", "b"]) as { requestPayer: string }).requestPayer, "requester");
  assert.equal((parseLsArgs(["--page-size", " +1_0 "]) as { pageSize: number }).pageSize, 10);
  assert.equal(parseLsArgs(["help"]), "help");
});

test("ls argument errors", () => {
  const is = (cls: new (...a: never[]) => KumoError, code: number, message: string) => (e: unknown) =>
    e instanceof cls && e.exitCode === code && e.message === message;
  assert.throws(() => parseLsArgs(["a", "b", "c"]), is(ParamError, 252, "Unknown options: b,c"));
  assert.throws(() => parseLsArgs(["s3://b", "help"]), is(ParamError, 252, "Unknown options: help"));
  assert.throws(() => parseLsArgs(["--foo"]), is(ParamError, 252, "Unknown options: --foo"));
  // the integer conversion comes before the unknown-options check
  assert.throws(() => parseLsArgs(["--page-size", "x", "a", "b"]), is(GeneralError, 255, "invalid literal for int() with base 10: 'x'"));
  assert.throws(() => parseLsArgs(["--page-size"]), is(UsageError, 252, "argument --page-size: expected one argument"));
  // (on the command line `--re` never gets here: the global parser reads it as --region)
  assert.throws(
    () => parseLsArgs(["--re"]),
    is(UsageError, 252, "ambiguous option: --re could match --recursive, --request-payer"),
  );
  assert.throws(
    () => parseLsArgs(["--request-payer", "foo"]),
    is(UsageError, 252, "argument --request-payer: Invalid choice, valid choices are:\n\n" + "requester".padEnd(40)),
  );
});

const when = new Date("2026-01-02T03:04:05Z");

test("a page: prefixes first, then objects; totals accumulate across pages", (t) => {
  const saved = process.env.TZ;
  t.after(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
  process.env.TZ = "UTC";
  const state = newListingState();
  const text = renderPage(
    {
      Contents: [
        { Key: "dir/", Size: 0, LastModified: when },
        { Key: "dir/x.txt", Size: 1536, LastModified: when },
      ],
      CommonPrefixes: [{ Prefix: "dir/sub/" }],
    },
    state,
    { humanReadable: false, recursive: false },
  );
  assert.equal(
    text,
    `${" ".repeat(27)}PRE sub/\n` + "2026-01-02 03:04:05          0 \n" + "2026-01-02 03:04:05       1536 x.txt\n",
  );
  // as kumo's clients deliver it: the timestamp's wire text
  const wire = new WireTimestamp("2026-01-02T03:04:05.000Z");
  const text2 = renderPage({ Contents: [{ Key: "dir/y", Size: 1, LastModified: wire }] }, state, {
    humanReadable: true,
    recursive: true,
  });
  assert.equal(text2, "2026-01-02 03:04:05     1 Byte dir/y\n");
  assert.equal(state.totalObjects, 3);
  assert.equal(state.totalSize, 1537n);
});

test("exit code 1 only when a key was given and nothing at all was listed", () => {
  const empty = newListingState();
  assert.equal(renderPage({}, empty, { humanReadable: false, recursive: false }), "");
  assert.equal(listingExitCode("nomatch", empty), 1);
  assert.equal(listingExitCode("", empty), 0); // an empty bucket
  assert.equal(listingExitCode("x", newListingState()), 0); // bucket listing with a stray key: no pages
  const later = newListingState();
  renderPage({ CommonPrefixes: [{ Prefix: "a/" }] }, later, { humanReadable: false, recursive: false });
  renderPage({}, later, { humanReadable: false, recursive: false });
  assert.equal(listingExitCode("a", later), 0);
});

test("keys and prefixes are URL-decoded only when the response says EncodingType=url", () => {
  const page = {
    EncodingType: "url",
    Contents: [{ Key: "sp+ace/%C3%BC+%C3%B1.txt", Size: 3, LastModified: when }, { Key: "plus%2Bkey" }],
    CommonPrefixes: [{ Prefix: "pct%2520/" }],
  };
  const d = decodePage(page);
  assert.deepEqual(
    d.Contents?.map((c) => c.Key),
    ["sp ace/ü ñ.txt", "plus+key"],
  );
  assert.deepEqual(
    d.CommonPrefixes?.map((c) => c.Prefix),
    ["pct%20/"],
  );
  assert.equal(decodePage({ Contents: [{ Key: "a+b" }] }).Contents?.[0]?.Key, "a+b");
});

function fakeCtx(): { ctx: CommandContext; out: string[] } {
  const out: string[] = [];
  const io = {
    stdout: { write: (c: string | Uint8Array) => void out.push(String(c)) },
    stderr: { write: () => undefined },
    env: {},
    cwd: "/",
    home: "/nonexistent",
  } as unknown as IO;
  // Nothing below reaches the settings: every case fails or prints help first.
  return { ctx: { io, globals: {} as CommandContext["globals"], settings: {} as CommandContext["settings"] }, out };
}

test("kumo s3 without a subcommand: the s3 usage line, exit 252", async () => {
  const { ctx } = fakeCtx();
  await assert.rejects(
    runS3(ctx, []),
    (e: unknown) =>
      e instanceof ParamError &&
      e.exitCode === 252 &&
      e.message === "usage: kumo [options] s3 <subcommand> [parameters]\nkumo: error: too few arguments",
  );
  await assert.rejects(runS3(ctx, ["--foo"]), (e: unknown) => e instanceof ParamError && e.message === "Unknown options: --foo");
});

test("kumo s3 with an unknown or not yet available subcommand", async () => {
  const { ctx } = fakeCtx();
  await assert.rejects(
    runS3(ctx, ["foo"]),
    (e: unknown) =>
      e instanceof UsageError &&
      e.message === "argument subcommand: Invalid choice, valid choices are:\n\n" + "ls".padEnd(40),
  );
  await assert.rejects(runS3(ctx, ["help", "x"]), (e: unknown) => e instanceof UsageError && /Invalid choice/.test(e.message));
  await assert.rejects(
    runS3(ctx, ["cp", "a", "b"]),
    (e: unknown) => e instanceof UsageError && e.exitCode === 252 && /`kumo s3 cp` is not available/.test(e.message),
  );
});

test("options before the subcommand word are passed on to it", async () => {
  const { ctx } = fakeCtx();
  await assert.rejects(runS3(ctx, ["--foo", "ls"]), (e: unknown) => e instanceof ParamError && e.message === "Unknown options: --foo");
});

test("kumo s3 help and kumo s3 ls help print help and exit 0", async () => {
  const a = fakeCtx();
  assert.equal(await runS3(a.ctx, ["help"]), 0);
  const s3Help = a.out.join("");
  assert.match(s3Help, /^ {2}ls {4}List buckets/m);
  assert.match(s3Help, /Not available in kumo yet: website, cp, mv, rm, sync, mb, rb, presign\./);
  const b = fakeCtx();
  assert.equal(await runS3(b.ctx, ["ls", "help"]), 0);
  const lsHelp = b.out.join("");
  for (const opt of ["--recursive", "--page-size", "--human-readable", "--summarize", "--request-payer"]) {
    assert.ok(lsHelp.includes(opt), opt);
  }
});
