// kumo secrets as a user meets it: hooks that block a real `git commit` and
// let a clean one through, a repository configured by the real git-secrets,
// and --verify against a local STS that knows one key.
import { test, before, after } from "node:test";
import { createServer, type Server } from "node:http";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runKumo } from "../helpers/run.ts";
import { gitIn, keyIdFor, newRepo, randomSecret, rng, sandbox, write } from "../unit/secrets/helpers.ts";

const r = rng(99);
const KEY = keyIdFor(210987654321n, r);
const SECRET = randomSecret(r);
const GIT_SECRETS = "/usr/bin/git-secrets";

function gitEnv(home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "Test",
    GIT_AUTHOR_EMAIL: "test@example.com",
    GIT_COMMITTER_NAME: "Test",
    GIT_COMMITTER_EMAIL: "test@example.com",
  };
}

function gitTry(cwd: string, home: string, args: string[]): { code: number; stderr: string } {
  const p = spawnSync("git", args, { cwd, env: gitEnv(home), encoding: "utf8" });
  return { code: p.status ?? 1, stderr: p.stderr };
}

const STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
let sts: Server | undefined;
let stsUrl = "";
const stsCalls: string[] = [];

/** GetCallerIdentity for KEY only; any other key ID is refused as AWS refuses an unknown one. */
before(async () => {
  sts = createServer((req, res) => {
    const auth = String(req.headers.authorization ?? "");
    const keyId = /Credential=([A-Z0-9]+)\//.exec(auth)?.[1] ?? "";
    stsCalls.push(keyId);
    req.resume();
    req.on("end", () => {
      res.setHeader("content-type", "text/xml");
      if (keyId === KEY) {
        res.end(
          `<GetCallerIdentityResponse xmlns="${STS_NS}"><GetCallerIdentityResult><Arn>arn:aws:iam::210987654321:user/ci</Arn>` +
            `<UserId>AIDAEXAMPLEUSERID0001</UserId><Account>210987654321</Account></GetCallerIdentityResult>` +
            `<ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
      } else {
        res.statusCode = 403;
        res.end(
          `<ErrorResponse xmlns="${STS_NS}"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>` +
            `<Message>The security token included in the request is invalid.</Message></Error><RequestId>r2</RequestId></ErrorResponse>`,
        );
      }
    });
  });
  await new Promise<void>((res) => sts!.listen(0, "127.0.0.1", () => res()));
  const addr = sts.address();
  stsUrl = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
});
after(() => {
  sts?.close();
});

test("installed hooks block a commit carrying a key and let a clean one through", async () => {
  const home = sandbox();
  const repo = newRepo(home);
  const inst = await runKumo(["secrets", "install-hooks"], { cwd: repo, home });
  assert.equal(inst.code, 0, inst.stderr);
  for (const h of ["pre-commit", "commit-msg", "prepare-commit-msg"]) {
    assert.ok(existsSync(join(repo, ".git", "hooks", h)), h);
    assert.match(inst.stdout, new RegExp(`Installed ${h} hook`));
  }
  write(repo, "ok.txt", "fine\n");
  gitIn(repo, home, ["add", "ok.txt"]);
  assert.equal(gitTry(repo, home, ["commit", "-q", "-m", "clean"]).code, 0);

  write(repo, "leak.ini", `[default]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`);
  gitIn(repo, home, ["add", "leak.ini"]);
  const blocked = gitTry(repo, home, ["commit", "-q", "-m", "oops"]);
  assert.notEqual(blocked.code, 0);
  assert.match(blocked.stderr, /leak\.ini:2:\d+: aws-access-key-id/);
  assert.match(blocked.stderr, /Matched one or more prohibited patterns/);
  assert.ok(!blocked.stderr.includes(SECRET));
  assert.equal(gitIn(repo, home, ["log", "--format=%s"]).trim(), "clean", "nothing was committed");

  // The commit message is scanned too.
  gitIn(repo, home, ["rm", "-q", "--cached", "leak.ini"]);
  write(repo, "ok2.txt", "fine\n");
  gitIn(repo, home, ["add", "ok2.txt"]);
  const msg = gitTry(repo, home, ["commit", "-q", "-m", `rotate ${KEY}`]);
  assert.notEqual(msg.code, 0);
  assert.match(msg.stderr, /aws-access-key-id/);
  assert.equal(gitTry(repo, home, ["commit", "-q", "-m", "second clean"]).code, 0);

  // A merge bringing in a commit with a key is stopped by prepare-commit-msg.
  gitIn(repo, home, ["checkout", "-q", "-b", "side"]);
  write(repo, "side.txt", `AWS_SECRET_ACCESS_KEY=${SECRET}\n`);
  gitIn(repo, home, ["add", "side.txt"]);
  gitIn(repo, home, ["commit", "-q", "--no-verify", "-m", "side"]);
  gitIn(repo, home, ["checkout", "-q", "main"]);
  write(repo, "main.txt", "m\n");
  gitIn(repo, home, ["add", "main.txt"]);
  gitIn(repo, home, ["commit", "-q", "-m", "main moves"]);
  const merge = gitTry(repo, home, ["merge", "--no-ff", "-m", "merge side", "side"]);
  assert.notEqual(merge.code, 0);
  assert.match(merge.stderr, /side\.txt:1:\d+: aws-secret-access-key/);

  // An existing foreign hook is kept unless --force.
  const other = newRepo(home);
  writeFileSync(join(other, ".git", "hooks", "pre-commit"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
  const keep = await runKumo(["secrets", "install-hooks"], { cwd: other, home });
  assert.equal(keep.code, 1);
  assert.match(keep.stderr, /already exists/);
  assert.equal((await runKumo(["secrets", "install-hooks", "--force"], { cwd: other, home })).code, 0);
  assert.match(readFileSync(join(other, ".git", "hooks", "pre-commit"), "utf8"), /kumo secrets/);
});

test("install-hooks --global: new repositories get the hooks from the template folder", async () => {
  const home = sandbox();
  const res = await runKumo(["secrets", "install-hooks", "--global"], { cwd: home, home });
  assert.equal(res.code, 0, res.stderr);
  const template = gitIn(home, home, ["config", "--global", "init.templateDir"]).trim();
  assert.equal(template, join(home, ".git-templates", "kumo-secrets"));
  const repo = newRepo(home);
  write(repo, "k.txt", `${KEY}\n`);
  gitIn(repo, home, ["add", "k.txt"]);
  assert.notEqual(gitTry(repo, home, ["commit", "-q", "-m", "x"]).code, 0);
});

test("a repository configured by the real git-secrets: same config from register-aws, same verdicts", { skip: existsSync(GIT_SECRETS) ? false : "git-secrets is not installed" }, async () => {
  const home = sandbox();
  const theirs = newRepo(home);
  execFileSync("git", ["secrets", "--register-aws"], { cwd: theirs, env: gitEnv(home) });
  execFileSync("git", ["secrets", "--add", "corp-token-[0-9]{8}"], { cwd: theirs, env: gitEnv(home) });
  execFileSync("git", ["secrets", "--add", "--allowed", "corp-token-00000000"], { cwd: theirs, env: gitEnv(home) });
  const ours = newRepo(home);
  const reg = await runKumo(["secrets", "register-aws"], { cwd: ours, home });
  assert.equal(reg.code, 0, reg.stderr);
  assert.equal(reg.stdout, "OK\n");
  const cfg = (dir: string) => gitIn(dir, home, ["config", "--local", "--get-regexp", "^secrets\\."]);
  const theirCfg = cfg(theirs).split("\n").filter((l) => !l.includes("corp-token")).join("\n");
  assert.equal(cfg(ours), theirCfg);
  // Registering twice adds nothing.
  await runKumo(["secrets", "register-aws"], { cwd: ours, home });
  assert.equal(cfg(ours), theirCfg);

  const cases: [string, string, boolean][] = [
    ["clean.txt", "nothing here\n", false],
    ["key.txt", `id = ${KEY}\n`, true],
    ["secret.yml", `aws_secret_access_key: "${SECRET}"\n`, true],
    ["example.txt", "id = AKIAIOSFODNN7EXAMPLE\n", false],
    ["corp.txt", "token corp-token-12345678\n", true],
    ["corp-allowed.txt", "token corp-token-00000000\n", false],
  ];
  for (const [name, body] of cases) write(theirs, name, body);
  gitIn(theirs, home, ["add", "-A"]);
  const names = cases.map(([n]) => n);
  const gs = spawnSync("git", ["secrets", "--scan", ...names], { cwd: theirs, env: gitEnv(home), encoding: "utf8" });
  const k = await runKumo(["secrets", "scan", ...names, "--format", "json"], { cwd: theirs, home });
  assert.equal(gs.status, 1);
  assert.equal(k.code, 1);
  const gsFlagged = new Set(gs.stderr.split("\n").map((l) => /^([\w.-]+\.(?:txt|yml)):\d+:/.exec(l)?.[1]).filter(Boolean));
  const kFlagged = new Set((JSON.parse(k.stdout).findings as { path: string }[]).map((f) => f.path));
  const expected = cases.filter(([, , flagged]) => flagged).map(([n]) => n).sort();
  assert.deepEqual([...gsFlagged].sort(), expected, gs.stderr);
  assert.deepEqual([...kFlagged].sort(), expected);
  // git-secrets' hooks and kumo's agree on a real commit.
  execFileSync("git", ["secrets", "--install"], { cwd: theirs, env: gitEnv(home) });
  gitIn(theirs, home, ["reset", "-q"]);
  gitIn(theirs, home, ["add", "key.txt"]);
  assert.notEqual(gitTry(theirs, home, ["commit", "-q", "-m", "x"]).code, 0);
});

test("--verify asks STS about found key pairs (opt-in); without it nothing is sent", async () => {
  const home = sandbox();
  const repo = newRepo(home);
  const stranger = keyIdFor(345678901234n, r);
  write(repo, "creds.env", `AWS_ACCESS_KEY_ID=${KEY}\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`);
  write(repo, "old.env", `AWS_ACCESS_KEY_ID=${stranger}\nAWS_SECRET_ACCESS_KEY=${randomSecret(r)}\n`);
  gitIn(repo, home, ["add", "-A"]);
  gitIn(repo, home, ["commit", "-q", "-m", "x"]);
  const env = { AWS_ENDPOINT_URL: stsUrl };
  stsCalls.length = 0;
  const plain = await runKumo(["secrets", "scan", "--format", "json"], { cwd: repo, home, env });
  assert.equal(plain.code, 1);
  assert.ok(!plain.stdout.includes("verification"));
  assert.deepEqual(stsCalls, [], "no request without --verify");
  const v = await runKumo(["secrets", "scan", "--verify", "--format", "json"], { cwd: repo, home, env });
  assert.equal(v.code, 1, v.stderr);
  const f = JSON.parse(v.stdout).findings as { rule: string; path: string; verification?: { status: string; detail: string } }[];
  const live = f.find((x) => x.rule === "aws-access-key-id" && x.path === "creds.env")!;
  assert.deepEqual(live.verification, { status: "valid", detail: "arn:aws:iam::210987654321:user/ci" });
  const dead = f.find((x) => x.rule === "aws-access-key-id" && x.path === "old.env")!;
  assert.deepEqual(dead.verification, { status: "invalid", detail: "InvalidClientTokenId" });
  assert.deepEqual(stsCalls.sort(), [KEY, stranger].sort());
  assert.ok(!v.stdout.includes(SECRET));
});

test("SARIF and CSV from the built command", async () => {
  const home = sandbox();
  const repo = newRepo(home);
  mkdirSync(join(repo, "d"));
  write(repo, "d/k.txt", `${KEY}\n`);
  gitIn(repo, home, ["add", "-A"]);
  gitIn(repo, home, ["commit", "-q", "-m", "x"]);
  const s = await runKumo(["secrets", "scan", "--format", "sarif"], { cwd: repo, home });
  assert.equal(s.code, 1);
  const doc = JSON.parse(s.stdout);
  assert.equal(doc.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, "d/k.txt");
  const c = await runKumo(["secrets", "scan", "--format", "csv"], { cwd: repo, home });
  assert.equal(c.stdout.split("\r\n")[1]!.split(",")[2], "d/k.txt");
});

test("scans show their progress on a terminal, and only there", { skip: spawnSync("script", ["--version"]).status === 0 ? false : "util-linux script is not installed" }, async () => {
  const home = sandbox();
  const repo = newRepo(home);
  for (let i = 0; i < 3; i++) {
    write(repo, `f${i}.txt`, i === 1 ? `aws_access_key_id = ${KEY}\n` : `line ${i}\n`);
    gitIn(repo, home, ["add", "."]);
    gitIn(repo, home, ["commit", "-q", "-m", `c${i}`]);
  }
  const { KUMO_BIN } = await import("../helpers/run.ts");
  const command = [process.execPath, KUMO_BIN, "secrets", "scan", "--history"].map((a) => `'${a}'`).join(" ");
  const tty = spawnSync("script", ["-qec", command, "/dev/null"], { cwd: repo, env: { ...gitEnv(home), TERM: "dumb" }, encoding: "utf8" });
  assert.equal(tty.status, 1, tty.stdout);
  assert.match(tty.stdout, /\r\x1b\[Kkumo secrets: \d+ commits, [\d.]+ MB scanned/);
  assert.match(tty.stdout, /\r\x1b\[K[^\r]*f1\.txt:1:\d+: aws-access-key-id/, "the line is cleared before the findings");
  const piped = await runKumo(["secrets", "scan", "--history"], { cwd: repo, home });
  assert.equal(piped.code, 1);
  assert.ok(!piped.stderr.includes("\x1b[K") && !piped.stdout.includes("\x1b[K"));
});
