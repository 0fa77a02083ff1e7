// `kumo s3 ls` against AWS CLI v2 (/usr/bin/aws) on the same moto server:
// for each set of arguments both programs must print the same stdout and exit
// with the same code. Dates are local time, so every case runs with an
// explicit TZ, and the bucket listing runs in two zones.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { AWS_V2, runAws, runKumo, type RunResult } from "../helpers/run.ts";

const BUCKET = "kumo-ls-test";
const EMPTY_BUCKET = "kumo-ls-empty";
/** More keys than one ListObjectsV2 page (1000) holds. */
const MANY = 1100;

const skip = !existsSync(AWS_V2)
  ? `the reference AWS CLI is not installed at ${AWS_V2}`
  : spawnSync("python3", ["-c", "import moto.server"]).status !== 0
    ? 'moto is not installed (pip install "moto[server]")'
    : false;

describe("kumo s3 ls matches aws s3 ls", { skip }, () => {
  let moto: Moto;
  let work: string;

  const both = async (args: string[], tz = "America/New_York"): Promise<[RunResult, RunResult]> => {
    const full = ["--endpoint-url", moto.endpoint, ...args];
    const opts = { env: { TZ: tz } };
    return Promise.all([runKumo(full, opts), runAws(full, opts)]);
  };

  /** Same stdout and exit code as the AWS CLI; returns kumo's result. */
  const same = async (args: string[], tz = "America/New_York"): Promise<RunResult> => {
    const [k, a] = await both(args, tz);
    assert.equal(k.stdout, a.stdout, `stdout of ${args.join(" ")} (TZ=${tz})\nkumo stderr: ${k.stderr}`);
    assert.equal(k.code, a.code, `exit code of ${args.join(" ")} (TZ=${tz})\nkumo stderr: ${k.stderr}\naws stderr: ${a.stderr}`);
    return k;
  };

  const aws = async (args: string[]): Promise<void> => {
    const r = await runAws(["--endpoint-url", moto.endpoint, ...args]);
    assert.equal(r.code, 0, `aws ${args.join(" ")}: ${r.stderr}`);
  };

  before(async () => {
    moto = await startMoto();
    work = mkdtempSync(join(tmpdir(), "kumo-s3-ls-"));
    const small = join(work, "small");
    const empty = join(work, "empty");
    const big = join(work, "big");
    writeFileSync(small, "abc");
    writeFileSync(empty, "");
    writeFileSync(big, Buffer.alloc(1536 * 1024, 7)); // 1.5 MiB
    const many = join(work, "many");
    mkdirSync(many);
    for (let i = 0; i < MANY; i++) writeFileSync(join(many, `k${String(i).padStart(4, "0")}`), "x".repeat(i % 5));

    await aws(["s3api", "create-bucket", "--bucket", BUCKET]);
    await aws(["s3api", "create-bucket", "--bucket", EMPTY_BUCKET]);
    const objects: [string, string][] = [
      ["a.txt", small],
      ["zero", empty],
      ["big.bin", big],
      ["dir/", empty],
      ["dir/x.txt", small],
      ["dir/sub/y.txt", small],
      ["dir//double", small],
      ["dir2/z", small],
      ["sp ace/ü ñ.txt", small],
      ["日本/語.txt", big],
      ["plus+key", small],
      ["pct%20key", small],
      ["/leading", small],
    ];
    await Promise.all(objects.map(([key, body]) => aws(["s3api", "put-object", "--bucket", BUCKET, "--key", key, "--body", body])));
    await aws(["s3", "cp", many, `s3://${BUCKET}/many/`, "--recursive", "--quiet"]);
  });

  after(async () => {
    await moto?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("bucket listing, in local time", async () => {
    const [ny, utc] = await Promise.all([
      same(["s3", "ls"], "America/New_York"),
      same(["s3", "ls"], "UTC"),
      same(["s3", "ls", "s3://"], "Asia/Kolkata"),
    ]);
    assert.match(utc.stdout, new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ${BUCKET}$`, "m"));
    assert.notEqual(ny.stdout, utc.stdout, "the time zone shows in the listing");
  });

  test("a bucket with and without the scheme and trailing slash", async () => {
    const [r] = await Promise.all([
      same(["s3", "ls", `s3://${BUCKET}`]),
      same(["s3", "ls", `s3://${BUCKET}/`]),
      same(["s3", "ls", BUCKET]),
      same(["s3", "ls", `${BUCKET}/`], "UTC"),
    ]);
    assert.match(r.stdout, /^ {27}PRE dir\/$/m);
    assert.match(r.stdout, /^\S+ \S+ {10}0 zero$/m);
  });

  test("prefixes: with and without a trailing slash, partial, doubled slashes, unicode", async () => {
    const prefixes = ["dir", "dir/", "di", "dir/sub/", "dir//", "/", "sp", "sp ace/", "日本/", "plus", "pct%20"];
    const results = await Promise.all(prefixes.map((p) => same(["s3", "ls", `s3://${BUCKET}/${p}`])));
    results.forEach((r, i) => {
      assert.equal(r.code, 0, prefixes[i]);
      assert.notEqual(r.stdout, "", prefixes[i]);
    });
  });

  test("--recursive, --human-readable and --summarize, alone and together", async () => {
    const [r] = await Promise.all([
      same(["s3", "ls", `s3://${BUCKET}`, "--rec", "--human", "--summ"]),
      same(["s3", "ls", `s3://${BUCKET}/dir/`, "--recursive"]),
      same(["s3", "ls", `s3://${BUCKET}`, "--human-readable"]),
      same(["s3", "ls", `s3://${BUCKET}/dir`, "--summarize"]),
      same(["s3", "ls", `s3://${BUCKET}/`, "--recursive", "--human-readable", "--summarize"], "UTC"),
      same(["s3", "ls", "--summarize", "--human-readable", `s3://${BUCKET}/日本/`]),
    ]);
    assert.match(r.stdout, /\nTotal Objects: \d+\n {3}Total Size: [\d.]+ MiB\n$/);
    assert.match(r.stdout, / 1.5 MiB big\.bin$/m);
  });

  test("pagination across more than 1000 keys, with --page-size", async () => {
    const [all] = await Promise.all([
      same(["s3", "ls", `s3://${BUCKET}/many/`, "--summarize"]),
      same(["s3", "ls", `s3://${BUCKET}/many/`, "--page-size", "100"]),
      same(["s3", "ls", `s3://${BUCKET}`, "--recursive", "--page-size=333", "--summarize", "--human-readable"]),
      same(["s3", "ls", `s3://${BUCKET}/`, "--page-size", "3"]),
    ]);
    assert.match(all.stdout, new RegExp(`Total Objects: ${MANY}\n`));
  });

  test("--request-payer is accepted with and without a value", async () => {
    await Promise.all([
      same(["s3", "ls", `s3://${BUCKET}/dir/`, "--request-payer"]),
      same(["s3", "ls", `s3://${BUCKET}/dir/`, "--request-payer", "requester"]),
    ]);
  });

  test("nothing matched: exit 1 and no output (the summary still prints)", async () => {
    const r = await same(["s3", "ls", `s3://${BUCKET}/no-such-prefix`]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "");
    const s = await same(["s3", "ls", `s3://${BUCKET}/no-such-prefix`, "--recursive", "--summarize"]);
    assert.equal(s.code, 1);
    assert.equal(s.stdout, "\nTotal Objects: 0\n   Total Size: 0\n");
  });

  test("an empty bucket lists nothing and succeeds", async () => {
    const r = await same(["s3", "ls", `s3://${EMPTY_BUCKET}`]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, "");
  });

  test("a missing bucket is a service error (254)", async () => {
    const [k, a] = await both(["s3", "ls", "s3://kumo-no-such-bucket/x"]);
    assert.equal(k.code, 254);
    assert.equal(k.code, a.code);
    assert.equal(k.stdout, "");
    assert.equal(k.stderr, a.stderr);
  });

  test("bad paths and arguments are usage errors (252) with the CLI's messages", async () => {
    const cases = [
      ["s3", "ls", "s3://Bad!name"],
      ["s3", "ls", "s3://arn:aws:s3-object-lambda:us-east-1:123456789012:accesspoint/my-ap/key"],
      ["s3", "ls", `s3://${BUCKET}`, "extra", "args"],
      ["s3", "ls", "--no-such-option"],
      ["s3", "ls", "--request-payer", "someone"],
      ["s3"],
    ];
    const results = await Promise.all(cases.map((args) => both(args)));
    for (const [i, args] of cases.entries()) {
      const [k, a] = results[i]!;
      assert.equal(k.code, 252, args.join(" "));
      assert.equal(k.code, a.code, args.join(" "));
      assert.equal(k.stdout, a.stdout);
      assert.equal(k.stderr, a.stderr.replace(/\baws\b(?=[ :])/g, "kumo"), args.join(" "));
    }
  });

  test("--page-size must be an integer (255, as the CLI)", async () => {
    const [k, a] = await both(["s3", "ls", `s3://${BUCKET}`, "--page-size", "ten"]);
    assert.equal(k.code, 255);
    assert.equal(k.code, a.code);
    assert.equal(k.stderr, a.stderr);
  });
});
