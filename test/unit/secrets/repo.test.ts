// `kumo secrets scan` on real git repositories made here: files, staged
// changes, history across branches, --since, baselines through a rebase,
// git-secrets configuration, allowlists, and the user's own keys.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gitIn, keyIdFor, kumo, newRepo, randomSecret, rng, sandbox, tempDir, write } from "./helpers.ts";

const r = rng(2024);
const KEY = keyIdFor(210987654321n, r);
const SECRET = randomSecret(r);
const KEY2 = keyIdFor(345678901234n, r);

function commitAll(repo: string, home: string, msg: string): string {
  gitIn(repo, home, ["add", "-A"]);
  gitIn(repo, home, ["commit", "-q", "-m", msg]);
  return gitIn(repo, home, ["rev-parse", "HEAD"]).trim();
}

interface J {
  findings: { rule: string; path: string; line: number; secret: string; commit?: string; account?: string; owner?: string; fingerprint: string }[];
}

test("work tree: findings with exit 1, a clean repository with exit 0, paths and folders", async () => {
  const home = sandbox();
  const repo = newRepo(home);
  write(repo, "README.md", "nothing to see\n");
  commitAll(repo, home, "init");
  const clean = await kumo(["secrets", "scan"], { cwd: repo, home });
  assert.equal(clean.code, 0, clean.stderr);
  assert.equal(clean.stdout, "");
  assert.match(clean.stderr, /no secrets found in 1 files/);

  write(repo, "src/config.py", `AWS_ACCESS_KEY_ID = "${KEY}"\nAWS_SECRET_ACCESS_KEY = "${SECRET}"\n`);
  commitAll(repo, home, "config");
  const res = await kumo(["secrets", "scan", "--format", "json"], { cwd: repo, home });
  assert.equal(res.code, 1);
  const doc = JSON.parse(res.stdout) as J;
  assert.deepEqual(
    doc.findings.map((f) => [f.rule, f.path, f.line]),
    [
      ["aws-access-key-id", "src/config.py", 1],
      ["aws-secret-access-key", "src/config.py", 2],
    ],
  );
  assert.equal(doc.findings[0]!.account, "210987654321");
  assert.ok(!res.stdout.includes(SECRET) && !res.stdout.includes(KEY));

  // An untracked file is not part of the repository scan, but is scanned when named.
  write(repo, "notes/todo.txt", `key ${KEY2}\n`);
  const tracked = JSON.parse((await kumo(["secrets", "scan", "--format", "json"], { cwd: repo, home })).stdout) as J;
  assert.equal(tracked.findings.length, 2);
  const named = await kumo(["secrets", "scan", "notes", "--format", "json"], { cwd: repo, home });
  assert.deepEqual((JSON.parse(named.stdout) as J).findings.map((f) => [f.path, f.line]), [["notes/todo.txt", 1]]);

  // Outside any repository: the folder is walked.
  const plain = tempDir("kumo-sec-plain-");
  write(plain, "a/b/c.env", `AWS_SECRET_ACCESS_KEY=${SECRET}\n`);
  const p = await kumo(["secrets", "scan", "--format", "json"], { cwd: plain, home });
  assert.equal(p.code, 1);
  assert.deepEqual((JSON.parse(p.stdout) as J).findings.map((f) => f.path), ["a/b/c.env"]);
});

test("--staged scans the index only", async () => {
  const home = sandbox();
  const repo = newRepo(home);
  write(repo, "a.txt", "hello\n");
  commitAll(repo, home, "init");
  write(repo, "a.txt", `hello\nid = ${KEY}\n`);
  assert.equal((await kumo(["secrets", "scan", "--staged"], { cwd: repo, home })).code, 0, "unstaged change is not staged");
  gitIn(repo, home, ["add", "a.txt"]);
  const staged = await kumo(["secrets", "scan", "--staged", "--format", "json"], { cwd: repo, home });
  assert.equal(staged.code, 1);
  assert.deepEqual((JSON.parse(staged.stdout) as J).findings.map((f) => [f.path, f.line]), [["a.txt", 2]]);
  // The index, not the work tree: fixing the file without staging still blocks.
  write(repo, "a.txt", "hello\n");
  assert.equal((await kumo(["secrets", "scan", "--staged"], { cwd: repo, home })).code, 1);
  // A first commit (no HEAD yet) works too.
  const fresh = newRepo(home);
  write(fresh, "k.ini", `aws_secret_access_key = ${SECRET}\n`);
  gitIn(fresh, home, ["add", "k.ini"]);
  assert.equal((await kumo(["secrets", "scan", "--staged"], { cwd: fresh, home })).code, 1);

  // Odd names, a deletion, a rename and a submodule staged together: each
  // staged file is scanned by its own path, the rest is left alone.
  gitIn(repo, home, ["reset", "-q", "--hard"]);
  write(repo, "old name.txt", "plain\n");
  commitAll(repo, home, "names");
  gitIn(repo, home, ["rm", "-q", "a.txt"]);
  gitIn(repo, home, ["mv", "old name.txt", "new näme.txt"]);
  write(repo, "new näme.txt", `plain\nkey ${KEY2}\n`);
  write(repo, "dir with space/x.cfg", `aws_secret_access_key = ${SECRET}\n`);
  gitIn(repo, home, ["add", "-A"]);
  const head = gitIn(repo, home, ["rev-parse", "HEAD"]).trim();
  gitIn(repo, home, ["update-index", "--add", "--cacheinfo", `160000,${head},vendor/sub`]);
  const mixed = await kumo(["secrets", "scan", "--staged", "--format", "json"], { cwd: repo, home });
  assert.equal(mixed.code, 1, mixed.stderr);
  assert.deepEqual(
    (JSON.parse(mixed.stdout) as J).findings.map((f) => [f.path, f.line]),
    [
      ["dir with space/x.cfg", 1],
      ["new näme.txt", 2],
    ],
  );
  assert.match(mixed.stderr, /in 2 files/);
});

test("--history finds secrets removed since, on every branch, with their commit; --since limits it", async () => {
  const home = sandbox();
  const repo = newRepo(home);
  write(repo, "app.ts", "export const x = 1;\n");
  const base = commitAll(repo, home, "init");
  gitIn(repo, home, ["checkout", "-q", "-b", "feature"]);
  write(repo, "deploy/creds.json", `{\n  "AccessKeyId": "${KEY}",\n  "SecretAccessKey": "${SECRET}"\n}\n`);
  const leak = commitAll(repo, home, "add creds");
  gitIn(repo, home, ["rm", "-q", "deploy/creds.json"]);
  commitAll(repo, home, "remove creds");
  gitIn(repo, home, ["checkout", "-q", "main"]);
  write(repo, "later.txt", `second = ${KEY2}\n`);
  const later = commitAll(repo, home, "later");

  assert.equal((await kumo(["secrets", "scan", "--allow-path", "later.txt"], { cwd: repo, home })).code, 0, "work tree is clean");
  const hist = await kumo(["secrets", "scan", "--history", "--format", "json"], { cwd: repo, home });
  assert.equal(hist.code, 1);
  const found = (JSON.parse(hist.stdout) as J).findings.map((f) => [f.commit, f.path, f.line, f.rule]).sort();
  assert.deepEqual(
    found,
    [
      [later, "later.txt", 1, "aws-access-key-id"],
      [leak, "deploy/creds.json", 2, "aws-access-key-id"],
      [leak, "deploy/creds.json", 3, "aws-secret-access-key"],
    ].sort(),
  );
  const since = await kumo(["secrets", "scan", "--since", base, "--format", "json"], { cwd: repo, home });
  assert.deepEqual((JSON.parse(since.stdout) as J).findings.map((f) => f.commit), [later], "only main after base");
  assert.match(hist.stderr, /3 findings in 4 commits/);
});

test("a baseline keyed by content and path survives a rebase", async () => {
  const home = sandbox();
  const repo = newRepo(home);
  write(repo, "README.md", "x\n");
  commitAll(repo, home, "init");
  gitIn(repo, home, ["checkout", "-q", "-b", "topic"]);
  write(repo, "test/fixture.env", `AWS_ACCESS_KEY_ID=${KEY}\n`);
  const before = commitAll(repo, home, "fixture");
  const w = await kumo(["secrets", "scan", "--history", "--write-baseline", ".kumo-secrets-baseline.json"], { cwd: repo, home });
  assert.equal(w.code, 0, w.stderr);
  commitAll(repo, home, "baseline");
  assert.equal((await kumo(["secrets", "scan", "--history"], { cwd: repo, home })).code, 0);

  // main moves on; the topic branch is rebased (new commit ids) and squashed.
  gitIn(repo, home, ["checkout", "-q", "main"]);
  write(repo, "other.txt", "y\n");
  commitAll(repo, home, "other");
  gitIn(repo, home, ["checkout", "-q", "topic"]);
  gitIn(repo, home, ["rebase", "-q", "main"]);
  gitIn(repo, home, ["reset", "--soft", "main"]);
  commitAll(repo, home, "squashed topic");
  const after = gitIn(repo, home, ["log", "--format=%H", "-1", "--", "test/fixture.env"]).trim();
  assert.notEqual(after, before);
  gitIn(repo, home, ["branch", "-q", "-D", "main"]);
  gitIn(repo, home, ["branch", "-q", "main"]);
  gitIn(repo, home, ["reflog", "expire", "--expire=now", "--all"]);
  gitIn(repo, home, ["gc", "-q", "--prune=now"]);
  const res = await kumo(["secrets", "scan", "--history"], { cwd: repo, home });
  assert.equal(res.code, 0, res.stdout);
  assert.match(res.stderr, /1 in the baseline/);
  mkdirSync(join(repo, "sub"), { recursive: true });
  const named = await kumo(["secrets", "scan", "--history", "--baseline", ".kumo-secrets-baseline.json"], { cwd: join(repo, "sub"), home });
  assert.equal(named.code, 0, "a named baseline is also looked for at the repository root");
  // The same key in another file is a new finding.
  write(repo, "src/leak.ts", `const k = "${KEY}";\n`);
  commitAll(repo, home, "leak");
  const again = await kumo(["secrets", "scan", "--history", "--format", "json"], { cwd: repo, home });
  assert.equal(again.code, 1);
  assert.deepEqual((JSON.parse(again.stdout) as J).findings.map((f) => f.path), ["src/leak.ts"]);
});

test("git-secrets configuration: secrets.patterns, secrets.allowed, .gitallowed, providers", async () => {
  const home = sandbox({ credentials: `[default]\naws_access_key_id = ${KEY2}\naws_secret_access_key = ${SECRET}\n` });
  const repo = newRepo(home);
  gitIn(repo, home, ["config", "--add", "secrets.patterns", "internal-token-[0-9]{6}"]);
  gitIn(repo, home, ["config", "--add", "secrets.allowed", "internal-token-000000"]);
  gitIn(repo, home, ["config", "--add", "secrets.providers", "git secrets --aws-provider"]);
  write(repo, ".gitallowed", "# fixtures\nfixtures/.*\n");
  write(repo, "a.txt", "t = internal-token-123456\nu = internal-token-000000\n");
  write(repo, "fixtures/b.txt", "t = internal-token-654321\n");
  // The user's own secret, with no keyword next to it.
  write(repo, "c.txt", `blob: ${SECRET}\n`);
  commitAll(repo, home, "init");
  const res = await kumo(["secrets", "scan", "--format", "json"], { cwd: repo, home });
  assert.equal(res.code, 1);
  assert.deepEqual(
    (JSON.parse(res.stdout) as J).findings.map((f) => [f.rule, f.path, f.line]),
    [
      ["git-secrets-pattern", "a.txt", 1],
      ["aws-known-secret", "c.txt", 1],
    ],
  );
  assert.match(res.stderr, /\(2 allowed\)/);
});

test("allowlists: --allow-path, --allow-regex, .kumo-secrets.json and kumo:allow", async () => {
  const home = sandbox();
  const repo = newRepo(home);
  write(repo, "vendor/lib.js", `k="${KEY}"\n`);
  write(repo, "a.txt", `k="${KEY2}" # kumo:allow\n`);
  write(repo, "b.txt", `AWS_SECRET_ACCESS_KEY=${SECRET}\n`);
  commitAll(repo, home, "init");
  const all = await kumo(["secrets", "scan"], { cwd: repo, home });
  assert.equal(all.code, 1);
  assert.equal(all.stdout.trim().split("\n").length, 2, all.stdout);
  const allowed = await kumo(["secrets", "scan", "--allow-path", "vendor/", "--allow-regex", `^${SECRET.slice(0, 6).replace(/[+/]/g, "\\$&")}`], { cwd: repo, home });
  assert.equal(allowed.code, 0, allowed.stdout);
  writeFileSync(join(repo, ".kumo-secrets.json"), JSON.stringify({ allowPaths: ["*.js", "b.txt"] }));
  assert.equal((await kumo(["secrets", "scan"], { cwd: repo, home })).code, 0);
});

test("the user's estate: a found key of one of their profiles is named, never printed", async () => {
  const home = sandbox({
    credentials: `[dev]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`,
    config: `[profile ops]\nrole_arn = arn:aws:iam::345678901234:role/ops\nsource_profile = dev\n`,
  });
  const repo = newRepo(home);
  write(repo, "x.txt", `${KEY}\n${KEY2}\n`);
  commitAll(repo, home, "init");
  const res = await kumo(["secrets", "scan"], { cwd: repo, home });
  assert.equal(res.code, 1);
  const lines = res.stdout.trim().split("\n");
  assert.match(lines[0]!, /x\.txt:1:1: aws-access-key-id AKIA\*+.{4} \[account 210987654321; key of profile "dev" in ~\/\.aws\]/);
  assert.match(lines[1]!, /x\.txt:2:1: aws-access-key-id .* \[account 345678901234; account of profile "ops"\]/);
  assert.ok(!res.stdout.includes(KEY));
});

test("usage errors and help", async () => {
  const home = sandbox();
  const repo = newRepo(home);
  const bad = await kumo(["secrets", "scan", "--format", "xml"], { cwd: repo, home });
  assert.equal(bad.code, 252);
  assert.match(bad.stderr, /Invalid choice 'xml'/);
  const both = await kumo(["secrets", "scan", "--staged", "--history"], { cwd: repo, home });
  assert.equal(both.code, 252);
  for (const args of [["secrets", "help"], ["secrets", "scan", "help"], ["secrets", "install-hooks", "--help"], ["secrets", "register-aws", "help"], ["secrets", "hook", "help"]]) {
    const h = await kumo(args, { cwd: repo, home });
    assert.equal(h.code, 0, args.join(" "));
    assert.match(h.stdout, /kumo secrets/);
  }
  const missing = await kumo(["secrets", "scan", "--baseline", "nope.json"], { cwd: repo, home });
  assert.equal(missing.code, 255);
  assert.match(missing.stderr, /Baseline file not found: nope\.json/);
  const outside = await kumo(["secrets", "scan", "--history"], { cwd: tempDir("kumo-sec-none-"), home });
  assert.equal(outside.code, 255);
});

test("clean blobs are remembered: a repeated scan reads only what changed, and still finds new secrets", async () => {
  const home = sandbox();
  const repo = newRepo(home);
  for (let i = 0; i < 5; i++) write(repo, `f${i}.txt`, `file ${i}\n`);
  write(repo, "bad.txt", `id = ${KEY}\n`);
  commitAll(repo, home, "init");
  const first = await kumo(["secrets", "scan"], { cwd: repo, home });
  assert.equal(first.code, 1);
  assert.match(first.stderr, /1 finding in 6 files/);
  const second = await kumo(["secrets", "scan"], { cwd: repo, home });
  assert.equal(second.code, 1, "a file with findings is scanned every time");
  assert.match(second.stderr, /1 finding in 1 files, 0\.0 MB \(5 more unchanged since a clean scan\)/);
  // The cache holds blob IDs and nothing else.
  const cacheDir = join(repo, ".git", "kumo");
  const { readdirSync, readFileSync } = await import("node:fs");
  const [name] = readdirSync(cacheDir);
  assert.match(readFileSync(join(cacheDir, name!), "utf8"), /^(?:[0-9a-f]{40}\n){5}$/);
  // A clean file edited in the work tree (not staged) is read again.
  write(repo, "f2.txt", `file 2\nsecret_access_key = ${SECRET}\n`);
  const edited = await kumo(["secrets", "scan", "--format", "json"], { cwd: repo, home });
  assert.deepEqual((JSON.parse(edited.stdout) as J).findings.map((f) => f.path).sort(), ["bad.txt", "f2.txt"]);
  const nocache = await kumo(["secrets", "scan", "--no-cache"], { cwd: repo, home });
  assert.match(nocache.stderr, /in 6 files/);
  // A new rule set (a git-secrets pattern added) starts from scratch.
  gitIn(repo, home, ["config", "--add", "secrets.patterns", "file [0-9]"]);
  const rules = await kumo(["secrets", "scan"], { cwd: repo, home });
  assert.match(rules.stderr, /7 findings in 6 files/);
});

test("severity floor and scans from a subfolder", async () => {
  const home = sandbox();
  const repo = newRepo(home);
  write(repo, "infra/main.tf", `principal = "arn:aws:iam::345678901234:role/deploy"\n`);
  write(repo, "app/settings.env", `AWS_ACCESS_KEY_ID=${KEY}\n`);
  commitAll(repo, home, "init");
  const all = await kumo(["secrets", "scan", "--format", "json"], { cwd: repo, home });
  assert.deepEqual((JSON.parse(all.stdout) as J).findings.map((f) => f.rule).sort(), ["aws-access-key-id", "aws-account-id-in-arn"]);
  const high = await kumo(["secrets", "scan", "--min-severity", "medium", "--format", "json"], { cwd: repo, home });
  assert.deepEqual((JSON.parse(high.stdout) as J).findings.map((f) => f.rule), ["aws-access-key-id"]);
  const infra = await kumo(["secrets", "scan", "--min-severity", "medium"], { cwd: join(repo, "infra"), home });
  assert.equal(infra.code, 0, "only infra/ is scanned from infra/, and its ARN is below the floor");
  writeFileSync(join(repo, ".kumo-secrets.json"), JSON.stringify({ minSeverity: "high" }));
  const fromFile = await kumo(["secrets", "scan", "--format", "json"], { cwd: join(repo, "app"), home });
  assert.deepEqual((JSON.parse(fromFile.stdout) as J).findings.map((f) => f.path), ["app/settings.env"]);
  const bad = await kumo(["secrets", "scan", "--min-severity", "urgent"], { cwd: repo, home });
  assert.equal(bad.code, 252);
});

test("the history stream is cut into blocks of whole commits, whatever the block size", async () => {
  const { streamLog } = await import("../../../src/secrets/git.ts");
  const { historyArgs } = await import("../../../src/secrets/scan.ts");
  const home = sandbox();
  const repo = newRepo(home);
  for (let i = 0; i < 4; i++) {
    write(repo, `f${i}.txt`, `line ${i}\n`.repeat(50 * (i + 1)));
    commitAll(repo, home, `c${i}`);
  }
  const g = { cwd: repo, env: { PATH: process.env.PATH, HOME: home, GIT_CONFIG_NOSYSTEM: "1" } };
  const whole: string[] = [];
  const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString("latin1");
  await streamLog(historyArgs([]), g, (b) => void whole.push(text(b)));
  for (const size of [1, 100, 1000]) {
    const blocks: string[] = [];
    await streamLog(historyArgs([]), g, (b) => void blocks.push(text(b)), { blockBytes: size });
    assert.equal(blocks.join(""), whole.join(""), `block size ${size}`);
    for (const b of blocks) assert.equal(b.charCodeAt(0), 1, "each block starts at a commit");
    assert.ok(blocks.length > 1 || size === 1000);
  }
  // A consumer that takes its time holds git back without losing or reordering anything.
  const slow: string[] = [];
  await streamLog(historyArgs([]), g, (b) => new Promise<void>((r) => setTimeout(() => r(void slow.push(text(b))), 5)), {
    blockBytes: 100,
  });
  assert.equal(slow.join(""), whole.join(""));
});
