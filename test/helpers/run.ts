// Runs kumo (or the reference AWS CLI) as a user would: a separate process,
// a sandboxed HOME, test credentials, and the loopback guard loaded.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
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
    // A child that exits without reading its input (EPIPE) is no failure of the test.
    p.stdin.on("error", () => {});
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
  const env = baseEnv(home, opts.env);
  if (zygoteServes(env)) {
    return zygote().then(
      (socketPath) => (socketPath ? runInZygote(socketPath, args, env, opts) : spawnCollect(AWS_V2, args, env, opts)),
    );
  }
  return spawnCollect(AWS_V2, args, env, opts);
}

// The reference CLI through test/helpers/aws-zygote.py: the CLI imported
// once per test process, each call a fork of it in a process of its own
// (see that file). KUMO_TEST_AWS_ZYGOTE=0 runs /usr/bin/aws for every call.
const ZYGOTE_LANG = "C.UTF-8";
let zygoteStart: Promise<string | undefined> | undefined;
let zygoteProcess: ChildProcess | undefined;

/** The zygote's locale is fixed when it starts; a call that asks for another runs the CLI afresh. */
function zygoteServes(env: Record<string, string>): boolean {
  if (process.env.KUMO_TEST_AWS_ZYGOTE === "0") return false;
  if (env.LANG !== ZYGOTE_LANG || env.LC_ALL !== undefined || env.LC_CTYPE !== undefined) return false;
  if (Object.keys(env).some((k) => k.startsWith("PYTHON"))) return false;
  return existsSync(AWS_V2) && readFileSync(AWS_V2, "utf8").startsWith("#!/usr/bin/python3");
}

function zygote(): Promise<string | undefined> {
  zygoteStart ??= new Promise((resolvePromise) => {
    const dir = mkdtempSync(join(tmpdir(), "kumo-aws-zygote-"));
    const socketPath = join(dir, "aws.sock");
    const p = spawn("/usr/bin/python3", [join(ROOT, "test", "helpers", "aws-zygote.py"), socketPath], {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LANG: ZYGOTE_LANG },
      stdio: ["ignore", "pipe", "inherit"],
    });
    zygoteProcess = p;
    let seen = "";
    p.stdout!.on("data", (d: Buffer) => {
      seen += d.toString();
      if (seen.includes("ready\n")) {
        // From now on the zygote does not keep the test process alive; while
        // it starts, a test waiting for it has nothing else to keep it so.
        p.unref();
        (p.stdout as unknown as { unref?: () => void }).unref?.();
        resolvePromise(socketPath);
      }
    });
    p.on("error", () => resolvePromise(undefined));
    p.on("exit", () => resolvePromise(undefined));
    process.once("exit", () => zygoteProcess?.kill());
  });
  return zygoteStart;
}

function runInZygote(socketPath: string, args: string[], env: Record<string, string>, opts: RunOptions): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const sock = connect(socketPath);
    const chunks: Buffer[] = [];
    sock.on("data", (d: Buffer) => chunks.push(d));
    sock.on("error", reject);
    sock.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      if (!text.endsWith("\n")) return reject(new Error(`the aws zygote gave no answer for: aws ${args.join(" ")}`));
      const r = JSON.parse(text) as { code: number; stdout: string; stderr: string };
      resolvePromise({
        code: r.code,
        stdout: Buffer.from(r.stdout, "base64").toString("utf8"),
        stderr: Buffer.from(r.stderr, "base64").toString("utf8"),
      });
    });
    const request = { args, env, cwd: opts.cwd ?? ROOT, stdin: Buffer.from(opts.stdin ?? "").toString("base64"), timeoutMs: opts.timeoutMs ?? 60_000 };
    sock.write(JSON.stringify(request) + "\n");
  });
}
