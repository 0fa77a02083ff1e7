// In-process runs of kumo commands for the secrets, doctor and verify tests:
// a fresh HOME, a chosen working folder, stdout and stderr captured. Also a
// seeded random source and generators of realistic key material.
import "../../helpers/loopback-guard.mjs";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import type { IO } from "../../../src/io.ts";
import { run } from "../../../src/cli/run.ts";

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function sandbox(files: { config?: string; credentials?: string } = {}): string {
  const home = tempDir("kumo-sec-home-");
  mkdirSync(join(home, ".aws"), { mode: 0o700 });
  if (files.config !== undefined) writeFileSync(join(home, ".aws", "config"), files.config, { mode: 0o600 });
  if (files.credentials !== undefined) writeFileSync(join(home, ".aws", "credentials"), files.credentials, { mode: 0o600 });
  return home;
}

export async function kumo(
  args: string[],
  opts: { cwd: string; home: string; env?: Record<string, string | undefined>; now?: () => Date },
): Promise<InProcessResult> {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = new PassThrough();
  stdin.end();
  const text = (c: string | Uint8Array) => (typeof c === "string" ? c : Buffer.from(c).toString("utf8"));
  const io: IO = {
    stdout: { write: (c) => void out.push(text(c)) },
    stderr: { write: (c) => void err.push(text(c)) },
    stdin,
    env: { PATH: process.env.PATH, HOME: opts.home, AWS_EC2_METADATA_DISABLED: "true", GIT_CONFIG_NOSYSTEM: "1", ...opts.env },
    cwd: opts.cwd,
    home: opts.home,
    now: opts.now ?? (() => new Date()),
    sleep: async () => {},
  };
  const code = await run(args, io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

/** Runs git in `cwd` with a sandboxed HOME (so no user or system config leaks in). */
export function gitIn(cwd: string, home: string, args: string[], input?: string): string {
  return execFileSync("git", args, {
    cwd,
    input,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      HOME: home,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_AUTHOR_NAME: "Test",
      GIT_AUTHOR_EMAIL: "test@example.com",
      GIT_COMMITTER_NAME: "Test",
      GIT_COMMITTER_EMAIL: "test@example.com",
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
}

export function newRepo(home: string): string {
  const dir = tempDir("kumo-sec-repo-");
  gitIn(dir, home, ["init", "-q", "-b", "main"]);
  return dir;
}

export function write(dir: string, rel: string, content: string): void {
  const p = join(dir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
}

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomFrom(r: () => number, alphabet: string, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
}

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** A key ID in the current format, for `account`: prefix + base32 of (account << 7 | noise) and more noise. */
export function keyIdFor(account: bigint, r: () => number, prefix = "AKIA"): string {
  const noise = BigInt(Math.floor(r() * 128));
  const head = (account << 7n) | noise; // 48 bits; the top bit stays 0
  const bytes: number[] = [];
  for (let i = 5; i >= 0; i--) bytes.push(Number((head >> BigInt(i * 8)) & 0xffn));
  for (let i = 0; i < 4; i++) bytes.push(Math.floor(r() * 256));
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return prefix + out.slice(0, 16);
}

export function randomKeyId(r: () => number, prefix = "AKIA"): string {
  const account = BigInt(Math.floor(r() * 9e11) + 1e11);
  return keyIdFor(account, r, prefix);
}

export function randomSecret(r: () => number): string {
  for (;;) {
    const s = randomFrom(r, B64, 40);
    if (/[a-z]/.test(s) && /[A-Z]/.test(s)) return s;
  }
}

export function randomSessionToken(r: () => number): string {
  return "IQoJb3JpZ2luX2VjE" + randomFrom(r, B64, 320);
}

export const BASE64 = B64;
