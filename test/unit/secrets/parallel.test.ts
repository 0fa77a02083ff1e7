// Large scans run on several threads (src/secrets/parallel.ts). Whatever the
// number of threads, a scan must report exactly what a single-threaded scan
// reports, in the same order, and remember the same clean blobs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { Detector } from "../../../src/secrets/detector.ts";
import { scanInWorkers } from "../../../src/secrets/parallel.ts";
import { BUILTIN_RULES } from "../../../src/secrets/rules.ts";
import { scanFile, type FileScan } from "../../../src/secrets/scan.ts";
import { ScratchBuffer } from "../../../src/secrets/scratch-buffer.ts";
import { runKumo } from "../../helpers/run.ts";
import { gitIn, keyIdFor, kumo, newRepo, randomFrom, randomSecret, rng, sandbox, write } from "./helpers.ts";

const r = rng(77);
const WORDS = "alpha beta gamma delta key token account value region bucket role policy".split(" ");
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function filler(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const w = () => WORDS[Math.floor(r() * WORDS.length)];
    out.push(i % 7 === 0 ? `"${w()}": "${randomFrom(r, B64, 30)}",` : `${w()} = ${w()}(${Math.floor(r() * 1000)}) // ${w()} ${w()}`);
  }
  return out.join("\n") + "\n";
}

/** A secret of some kind at some line, or nothing. */
function plant(i: number): string {
  switch (i % 9) {
    case 0:
      return `aws_access_key_id = ${keyIdFor(BigInt(100000000000 + i), r)}\naws_secret_access_key = ${randomSecret(r)}\n`;
    case 3:
      return `arn:aws:iam::${String(300000000000 + i)}:role/deploy\n`;
    case 5:
      return `internal ticket ZZ-${String(10000 + i)} is private\n`; // the repository's own git-secrets pattern
    default:
      return "";
  }
}

interface J {
  findings: { rule: string; path: string; line: number; commit?: string; fingerprint: string }[];
}

test("a work-tree scan on several threads reports exactly what one thread does, and caches the same clean blobs", async () => {
  const home = sandbox();
  const repo = newRepo(home);
  gitIn(repo, home, ["config", "--add", "secrets.patterns", "ZZ-[0-9]{5}"]);
  for (let i = 0; i < 300; i++) write(repo, `src/m${String(i).padStart(3, "0")}.txt`, filler(20 + (i % 40)) + plant(i) + filler(5));
  write(repo, "bin/blob.bin", "\0binary " + plant(0));
  gitIn(repo, home, ["add", "-A"]);
  gitIn(repo, home, ["commit", "-q", "-m", "tree"]);

  const one = await kumo(["secrets", "scan", "--format", "json", "--no-cache", "--threads", "1", "--debug"], { cwd: repo, home });
  const many = await kumo(["secrets", "scan", "--format", "json", "--no-cache", "--threads", "4", "--debug"], { cwd: repo, home });
  assert.equal(one.code, 1, one.stderr);
  assert.equal(many.code, 1, many.stderr);
  assert.match(one.stderr, /worker threads used: 0\n/);
  // (Whether workers get a share depends on how fast they start; the next test makes sure they do.)
  assert.match(many.stderr, /worker threads used: [0-3]\n/);
  assert.equal(many.stdout, one.stdout);
  const findings = (JSON.parse(one.stdout) as J).findings;
  // 34 files with a key pair, 33 with an ARN, 33 with the custom pattern; none from the binary file.
  assert.equal(findings.length, 34 * 2 + 33 + 33);
  assert.deepEqual(
    findings.map((f) => f.path),
    [...findings.map((f) => f.path)].sort(),
    "findings in file order",
  );
  const summary = (s: string) => s.split("\n").find((l) => l.includes("findings in"));
  assert.equal(summary(many.stderr), summary(one.stderr));

  // The clean cache after a parallel scan skips exactly the files without findings.
  const first = await kumo(["secrets", "scan", "--threads", "4"], { cwd: repo, home });
  assert.equal(first.code, 1);
  const again = await kumo(["secrets", "scan", "--threads", "4"], { cwd: repo, home });
  const withFindings = new Set(findings.map((f) => f.path)).size;
  // (The binary file counts as clean: it is skipped either way.)
  assert.match(again.stderr, new RegExp(`in ${withFindings} files, .*\\(${301 - withFindings} more unchanged since a clean scan\\)`));
  assert.equal(again.stdout, first.stdout);
});

test("files are shared with worker threads while this thread scans too; results come back complete and in order", async () => {
  const home = sandbox();
  const dir = newRepo(home);
  const files = Array.from({ length: 60 }, (_, i) => {
    const rel = `f${String(i).padStart(2, "0")}.txt`;
    write(dir, rel, filler(30) + plant(i));
    return { abs: join(dir, rel), rel };
  });
  const detector = new Detector(BUILTIN_RULES);
  const reader = new ScratchBuffer();
  const direct = files.map((f) => scanFile(reader, detector, f.abs, f.rel));
  // This thread takes its time over each file, so the workers (slow to start from source) get a share.
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  let here = 0;
  const order: number[] = [];
  const got: FileScan[] = [];
  const helped = await scanInWorkers(
    files,
    detector.rules,
    3,
    (i) => {
      here++;
      Atomics.wait(sleeper, 0, 0, 40);
      return scanFile(reader, detector, files[i]!.abs, files[i]!.rel);
    },
    (i, res) => {
      order.push(i);
      got.push(res);
    },
  );
  assert.ok(helped >= 1, "a worker scanned some files");
  assert.ok(here >= 1 && here < files.length, `this thread scanned ${here} of ${files.length}`);
  assert.deepEqual(order, files.map((_, i) => i));
  assert.deepEqual(got, direct);
  assert.ok(direct.some((d) => d.findings.length > 0));
});

test("a history scan on several threads reports what one thread does, commit by commit, across branches and merges", async () => {
  const home = sandbox();
  const repo = newRepo(home);
  // 160 commits through fast-import (quick), on two branches joined by a merge.
  let script = "";
  let mark = 0;
  const commit = (branch: string, path: string, body: string, from?: number, merge?: number) => {
    mark++;
    script += `commit refs/heads/${branch}\nmark :${mark}\ncommitter T <t@example.com> ${1700000000 + mark} +0000\ndata 2\nc\n`;
    if (from) script += `from :${from}\n`;
    if (merge) script += `merge :${merge}\n`;
    script += `M 100644 inline ${path}\ndata ${Buffer.byteLength(body)}\n${body}\n`;
    return mark;
  };
  let main = commit("main", "f0.txt", filler(10));
  let side = 0;
  for (let i = 1; i < 160; i++) {
    const body = filler(10 + (i % 13)) + plant(i);
    if (i % 4 === 0) side = commit("side", `side/s${i}.txt`, body, side || main);
    else main = commit("main", `main/m${i}.txt`, body, main);
  }
  commit("main", "merged.txt", filler(3), main, side);
  execFileSync("git", ["fast-import", "--quiet"], { cwd: repo, input: script, env: { PATH: process.env.PATH, HOME: home, GIT_CONFIG_NOSYSTEM: "1" } });
  gitIn(repo, home, ["config", "--add", "secrets.patterns", "ZZ-[0-9]{5}"]);

  const one = await kumo(["secrets", "scan", "--history", "--format", "json", "--threads", "1", "--debug"], { cwd: repo, home });
  const many = await kumo(["secrets", "scan", "--history", "--format", "json", "--threads", "3", "--debug"], { cwd: repo, home });
  assert.equal(one.code, 1, one.stderr);
  assert.match(one.stderr, /worker threads used: 0\n/);
  assert.match(many.stderr, /worker threads used: [12]\n/, "the scan ran on worker threads");
  assert.equal(many.stdout, one.stdout);
  const findings = (JSON.parse(one.stdout) as J).findings;
  assert.ok(findings.length > 60 && findings.every((f) => f.commit), `${findings.length} findings with commits`);
  // Newest first, as git log shows them.
  const log = gitIn(repo, home, ["log", "--all", "--format=%H"]).trim().split("\n");
  const positions = findings.map((f) => log.indexOf(f.commit!));
  assert.ok(positions.every((p, i) => p >= 0 && (i === 0 || p >= positions[i - 1]!)), "findings follow git log order");
  const summary = (s: string) => s.split("\n").find((l) => l.includes("findings in"));
  assert.match(summary(one.stderr)!, /in 161 commits/);
  assert.equal(summary(many.stderr), summary(one.stderr));

  // The installed CLI starts its workers from the built bundle (dist/secrets-worker.cjs).
  const built = await runKumo(["secrets", "scan", "--history", "--format", "json", "--threads", "2", "--debug"], {
    cwd: repo,
    home,
    env: { GIT_CONFIG_NOSYSTEM: "1" },
  });
  assert.equal(built.code, 1, built.stderr);
  assert.match(built.stderr, /worker threads used: 1\n/);
  assert.deepEqual((JSON.parse(built.stdout) as J).findings, findings);

  // --since narrows both the same way.
  const since = log[40]!;
  const a = await kumo(["secrets", "scan", "--since", since, "--format", "json", "--threads", "1"], { cwd: repo, home });
  const b = await kumo(["secrets", "scan", "--since", since, "--format", "json", "--threads", "2"], { cwd: repo, home });
  assert.equal(b.stdout, a.stdout);
});

test("--threads takes a whole number of at least 1", async () => {
  const home = sandbox();
  const repo = newRepo(home);
  for (const bad of ["0", "two", "-1", "1.5"]) {
    const res = await kumo(["secrets", "scan", "--threads", bad], { cwd: repo, home });
    assert.equal(res.code, 252, `--threads ${bad}`);
    assert.match(res.stderr, /argument --threads: invalid int value/);
  }
});
