#!/usr/bin/env node
// Scan speed of `kumo secrets` against git-secrets (/usr/bin/git-secrets) on
// the same generated repository, in the same run.
//
//   node bench/secrets.mjs [--mb 200] [--commits 2000] [--runs 1] [--keep]
//                          [--skip-history] [--dir <existing bench repo>]
//
// It builds, in a temporary folder, a repository of --mb megabytes of mixed
// text (code, JSON, logs, prose, base64, UUIDs, hashes) spread over --commits
// commits on two branches (git fast-import, so building it is quick), with a
// few dozen AWS keys planted along the way (some removed again later). The
// repository is configured with `git secrets --register-aws`, then each tool
// scans the work tree (`git secrets --scan` / `kumo secrets scan`) and the
// history (`git secrets --scan-history` / `kumo secrets scan --history`),
// and the ratios are printed. Both tools must report findings (exit 1).
// kumo's work-tree scan is timed twice: the first scan (nothing cached) and
// a repeated one (blobs found clean before are skipped, as in a pre-commit
// hook or CI on a warm checkout).
//
// It also times a pre-commit hook on one staged file (`git secrets
// --pre_commit_hook` / `kumo secrets hook pre-commit`), and prints how long
// starting Node.js takes, the floor under any kumo command.
//
// Numbers mean little on a busy machine: check `uptime` first. Not part of
// npm test.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const kumoBin = join(root, "bin", "kumo.cjs");

const { values: opts } = parseArgs({
  options: {
    mb: { type: "string", default: "200" },
    commits: { type: "string", default: "2000" },
    runs: { type: "string", default: "1" },
    keep: { type: "boolean", default: false },
    "skip-history": { type: "boolean", default: false },
    dir: { type: "string" },
  },
});
const totalBytes = Number(opts.mb) * 1e6;
const commits = Number(opts.commits);
const runs = Number(opts.runs);

// Deterministic content.
let seed = 12345;
const rand = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (a) => a[Math.floor(rand() * a.length)];
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const HEX = "0123456789abcdef";
const str = (alpha, n) => {
  let s = "";
  for (let i = 0; i < n; i++) s += alpha[Math.floor(rand() * alpha.length)];
  return s;
};
const uuid = () => `${str(HEX, 8)}-${str(HEX, 4)}-4${str(HEX, 3)}-a${str(HEX, 3)}-${str(HEX, 12)}`;
const WORDS = "the of and to in is that for it as with was on be by this are from at or an have not which but all were when we there can been has more if will one about into than them its only other new some could time these two may then first any like now my such make over our even most after also made many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three".split(" ");
const prose = () => Array.from({ length: 8 + Math.floor(rand() * 10) }, () => pick(WORDS)).join(" ") + ".";
const LINES = [
  () => `  const ${pick(WORDS)}${Math.floor(rand() * 100)} = await client.${pick(WORDS)}({ id: "${uuid()}", token: tokenFor(${pick(WORDS)}) });`,
  () => `    "${pick(WORDS)}": "${str(B64, 24)}", "etag": "${str(HEX, 32)}", "key": "${pick(WORDS)}/${pick(WORDS)}.json",`,
  () => `2024-05-${10 + Math.floor(rand() * 18)}T12:${10 + Math.floor(rand() * 49)}:00Z INFO request=${uuid()} account=${pick(WORDS)} status=200 bytes=${Math.floor(rand() * 1e6)}`,
  () => `# ${prose()}`,
  () => prose(),
  () => `commit ${str(HEX, 40)} parent ${str(HEX, 40)}`,
  () => `data:application/octet-stream;base64,${str(B64, 76)}`,
  () => `if (${pick(WORDS)}Key && ${pick(WORDS)}Token) { return Account.load(arn, ${Math.floor(rand() * 1000)}); }`,
  () => `sha256 ${str(HEX, 64)}  dist/${pick(WORDS)}-${Math.floor(rand() * 100)}.tgz`,
];
const POOL = Array.from({ length: 20000 }, () => pick(LINES)());
function textOf(bytes) {
  const out = [];
  let n = 0;
  while (n < bytes) {
    const l = POOL[Math.floor(rand() * POOL.length)];
    out.push(l);
    n += l.length + 1;
  }
  return out.join("\n") + "\n";
}
const keyId = () => pick(["AKIA", "ASIA"]) + str("ABCDEFGH", 1) + str(B32, 15);
const secretKey = () => str(B64, 40);

function git(dir, args, input) {
  const r = spawnSync("git", args, { cwd: dir, input, env: benchEnv(dir), maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.toString();
}

let benchHome;
function benchEnv() {
  return {
    PATH: process.env.PATH,
    HOME: benchHome,
    GIT_CONFIG_NOSYSTEM: "1",
    LANG: "C.UTF-8",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

async function build(dir) {
  git(dir, ["init", "-q", "-b", "main"]);
  const fi = spawn("git", ["fast-import", "--quiet"], { cwd: dir, env: benchEnv(), stdio: ["pipe", "inherit", "inherit"] });
  const write = (s) => new Promise((res) => (fi.stdin.write(s) ? res() : fi.stdin.once("drain", res)));
  const perCommit = Math.floor(totalBytes / commits);
  const planted = [];
  const files = [];
  let t = 1700000000;
  for (let c = 1; c <= commits; c++) {
    const branch = c > commits / 2 && c % 7 === 0 ? "side" : "main";
    const path = `src/${pick(WORDS)}/${pick(WORDS)}-${c}.${pick(["ts", "json", "log", "md", "txt"])}`;
    let body = textOf(perCommit);
    let note = "";
    if (c % Math.max(1, Math.floor(commits / 40)) === 0) {
      const k = keyId();
      const s = secretKey();
      const lines = body.split("\n");
      lines.splice(Math.floor(lines.length / 2), 0, `aws_access_key_id = ${k}`, `aws_secret_access_key = ${s}`);
      body = lines.join("\n");
      planted.push({ commit: c, path });
      note = " (with keys)";
    }
    const msg = `commit ${c}${note}\n`;
    let cmd = `commit refs/heads/${branch}\nmark :${c}\ncommitter Bench <bench@example.com> ${t++} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}`;
    if (c > 1) cmd += `from :${branch === "side" && !files.sideStarted ? c - 1 : files.lastOf?.[branch] ?? c - 1}\n`;
    if (branch === "side") files.sideStarted = true;
    files.lastOf = { ...(files.lastOf ?? {}), [branch]: c };
    // Every 50th commit removes a file planted earlier, so the key lives on only in history.
    if (c % 50 === 0 && planted.length > 2) {
      const gone = planted[planted.length - 2];
      if (!gone.removed && branch === "main") {
        cmd += `D ${gone.path}\n`;
        gone.removed = true;
      }
    }
    cmd += `M 100644 inline ${path}\ndata ${Buffer.byteLength(body)}\n${body}\n`;
    await write(cmd);
  }
  fi.stdin.end();
  await new Promise((res, rej) => fi.on("close", (code) => (code === 0 ? res() : rej(new Error(`fast-import ${code}`)))));
  git(dir, ["checkout", "-q", "-f", "main"]);
  return planted;
}

function time(cmd, args, cwd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env: benchEnv(), maxBuffer: 1 << 30 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  return { s, code: r.status, out: r.stdout.toString(), err: r.stderr.toString() };
}

function best(cmd, args, cwd, before) {
  let b;
  for (let i = 0; i < runs; i++) {
    before?.();
    const r = time(cmd, args, cwd);
    if (!b || r.s < b.s) b = r;
  }
  return b;
}

const base = mkdtempSync(join(tmpdir(), "kumo-bench-secrets-"));
benchHome = join(base, "home");
mkdirSync(join(benchHome, ".aws"), { recursive: true });
writeFileSync(join(benchHome, ".aws", "credentials"), "");
const repo = opts.dir ? resolve(opts.dir) : join(base, "repo");
try {
  if (!opts.dir) {
    mkdirSync(repo);
    const t0 = Date.now();
    const planted = await build(repo);
    process.stderr.write(`built ${repo}: ${commits} commits, ${opts.mb} MB, ${planted.length} planted key pairs, in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  spawnSync("git", ["secrets", "--register-aws"], { cwd: repo, env: benchEnv() });
  const treeBytes = Number(git(repo, ["ls-files", "-s"]).split("\n").length);
  const du = spawnSync("du", ["-sb", "--exclude=.git", repo]).stdout.toString().split("\t")[0];
  const commitCount = git(repo, ["rev-list", "--all", "--count"]).trim();
  process.stderr.write(`work tree ${(Number(du) / 1e6).toFixed(0)} MB in ${treeBytes} files, ${commitCount} commits; load ${loadavg().map((l) => l.toFixed(2)).join(" ")}, ${cpus().length} CPUs\n`);

  const rows = [];
  const hits = (gs, k) => [(gs.out + gs.err).split("\n").filter((l) => /^(?:[0-9a-f]{40}:)?[^\s:]+:\d+:/.test(l)).length, k.out.split("\n").filter((l) => /: aws-/.test(l)).length];
  const compare = (name, gsArgs, kumoArgs, before) => {
    const gs = best("git", gsArgs, repo);
    const k = best(process.execPath, [kumoBin, ...kumoArgs], repo, before);
    if (gs.code !== 1) process.stderr.write(`warning: git secrets exited ${gs.code}\n`);
    if (k.code !== 1) process.stderr.write(`warning: kumo exited ${k.code}: ${k.err}\n`);
    const [gsHits, kHits] = hits(gs, k);
    rows.push({ name, gs: gs.s, kumo: k.s, ratio: gs.s / k.s });
    process.stderr.write(`${name}: git-secrets ${gs.s.toFixed(2)} s (${gsHits} lines), kumo ${k.s.toFixed(2)} s (${kHits} findings)\n`);
    return gs;
  };
  const clearCache = () => rmSync(join(repo, ".git", "kumo"), { recursive: true, force: true });
  // Work tree: kumo's first scan reads everything; later scans skip blobs already found clean.
  const gsTree = compare("scan (work tree), first scan", ["secrets", "--scan"], ["secrets", "scan"], clearCache);
  const warm = best(process.execPath, [kumoBin, "secrets", "scan"], repo);
  rows.push({ name: "scan (work tree), repeated scan", gs: gsTree.s, kumo: warm.s, ratio: gsTree.s / warm.s });
  process.stderr.write(`repeated scan: kumo ${warm.s.toFixed(2)} s (${warm.err.trim()})\n`);
  if (!opts["skip-history"]) compare("scan history", ["secrets", "--scan-history"], ["secrets", "scan", "--history"]);

  // A commit of one changed file: what a pre-commit hook does on every commit.
  writeFileSync(join(repo, "src", "bench-change.txt"), textOf(20000));
  git(repo, ["add", "src/bench-change.txt"]);
  const gsHook = best("git", ["secrets", "--pre_commit_hook"], repo);
  const kHook = best(process.execPath, [kumoBin, "secrets", "hook", "pre-commit"], repo);
  git(repo, ["rm", "-q", "--cached", "src/bench-change.txt"]);
  rmSync(join(repo, "src", "bench-change.txt"));
  if (gsHook.code !== 0 || kHook.code !== 0) process.stderr.write(`warning: pre-commit hooks exited ${gsHook.code} and ${kHook.code}\n`);
  rows.push({ name: "pre-commit hook (one staged file)", gs: gsHook.s, kumo: kHook.s, ratio: gsHook.s / kHook.s });

  // What no Node.js program can go below: starting Node.js itself.
  const node = best(process.execPath, ["-e", "0"], repo);
  process.stderr.write(
    `floor: starting Node.js (node -e 0) takes ${node.s.toFixed(2)} s; 10× git-secrets on the first work-tree scan would mean ${(gsTree.s / 10).toFixed(2)} s\n`,
  );

  console.log(`| scan | git-secrets | kumo | git-secrets time / kumo time |`);
  console.log(`|---|---:|---:|---:|`);
  for (const r of rows) console.log(`| ${r.name} | ${r.gs.toFixed(2)} s | ${r.kumo.toFixed(2)} s | ${r.ratio.toFixed(1)} |`);
} finally {
  if (!opts.keep) rmSync(base, { recursive: true, force: true });
  else process.stderr.write(`kept ${base}\n`);
}
