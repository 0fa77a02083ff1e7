// Runs kumo (or the reference AWS CLI) as a user would: a separate process,
// a sandboxed HOME, test credentials, and the loopback guard loaded.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const KUMO_BIN = join(ROOT, "bin", "kumo.cjs");
export const GUARD = join(ROOT, "test", "helpers", "loopback-guard.mjs");
/** The reference AWS CLI v2 (Debian's awscli package). */
export const AWS_V2 = "/usr/bin/aws";

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  cwd?: string;
  home?: string;
  timeoutMs?: number;
}

/** A fresh HOME with an empty ~/.aws, optionally holding config/credentials files. */
export function sandboxHome(files?: { config?: string; credentials?: string }): string {
  const home = mkdtempSync(join(tmpdir(), "kumo-home-"));
  mkdirSync(join(home, ".aws"), { mode: 0o700 });
  if (files?.config !== undefined) writeFileSync(join(home, ".aws", "config"), files.config, { mode: 0o600 });
  if (files?.credentials !== undefined) writeFileSync(join(home, ".aws", "credentials"), files.credentials, { mode: 0o600 });
  return home;
}

/** Environment shared by kumo and aws in tests: test keys, a region, no metadata service. */
export function baseEnv(home: string, extra?: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    LANG: "C.UTF-8",
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_PAGER: "",
  };
  for (const [k, v] of Object.entries(extra ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

function spawnCollect(cmd: string, args: string[], env: Record<string, string>, opts: RunOptions): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const p = spawn(cmd, args, { env, cwd: opts.cwd ?? ROOT, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on("data", (d: Buffer) => out.push(d));
    p.stderr.on("data", (d: Buffer) => err.push(d));
    const timer = setTimeout(() => p.kill("SIGKILL"), opts.timeoutMs ?? 60_000);
    p.on("error", reject);
    p.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        code: code ?? (signal === "SIGINT" ? 130 : 128),
      });
    });
    p.stdin.end(opts.stdin ?? "");
  });
}

export function runKumo(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const home = opts.home ?? sandboxHome();
  const env = baseEnv(home, opts.env);
  env.NODE_OPTIONS = `--import ${GUARD}`;
  return spawnCollect(process.execPath, [KUMO_BIN, ...args], env, opts);
}

export function runAws(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const home = opts.home ?? sandboxHome();
  return spawnCollect(AWS_V2, args, baseEnv(home, opts.env), opts);
}
