// Shared by the recorder and the replay test: setting up a case's HOME,
// running one step (the AWS CLI as a process, or kumo in this process), and
// reading back the files the steps left.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import type { IO } from "../../../src/io.ts";
import type { Step, ConfigureCase } from "./cases.ts";

export interface StepResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface FileState {
  config: string | null;
  credentials: string | null;
  /** Octal permission bits, when the file exists. */
  configMode?: string;
  credentialsMode?: string;
}

export interface CaseRecording extends FileState {
  steps: StepResult[];
}

export interface RecordedFile {
  recordedWith: string;
  cases: Record<string, CaseRecording>;
}

/** A fresh HOME holding the case's starting files (~/.aws only when a file goes there). */
export function setUpHome(c: ConfigureCase): string {
  const home = mkdtempSync(join(tmpdir(), "kumo-configure-"));
  const put = (rel: string, text: string): void => {
    const p = join(home, rel);
    mkdirSync(dirname(p), { recursive: true, mode: 0o700 });
    writeFileSync(p, text, { mode: 0o600 });
  };
  if (c.config !== undefined) put(".aws/config", c.config);
  if (c.credentials !== undefined) put(".aws/credentials", c.credentials);
  for (const [rel, text] of Object.entries(c.files ?? {})) put(rel, text);
  return home;
}

/** The environment a step runs with: nothing from the AWS world but the step's own variables. */
export function stepEnv(home: string, step: Step): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    LANG: "C.UTF-8",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_PAGER: "",
    ...step.env,
  };
}

/** Runs one step as a separate process (`cmd ...prefix ...step.args`) in HOME. */
export function runStep(cmd: string, prefix: string[], home: string, step: Step): Promise<StepResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, [...prefix, ...step.args], { cwd: home, env: stepEnv(home, step), stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on("data", (d: Buffer) => out.push(d));
    p.stderr.on("data", (d: Buffer) => err.push(d));
    p.on("error", reject);
    p.on("close", (code) =>
      resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }),
    );
    // A child that exits without reading its input (EPIPE) is no failure of the test.
    p.stdin.on("error", () => {});
    p.stdin.end(step.stdin ?? "");
  });
}

/** The result with the case's HOME written as `$HOME` (it differs from run to run). */
export function withoutHome(r: StepResult, home: string): StepResult {
  const strip = (s: string): string => s.split(home).join("$HOME");
  return { code: r.code, stdout: strip(r.stdout), stderr: strip(r.stderr) };
}

/** An IO for running kumo inside the test process, collecting what it prints. */
export function memoryIO(opts: { home: string; env: Record<string, string | undefined>; stdin?: string; cwd?: string }): {
  io: IO;
  stdout: () => string;
  stderr: () => string;
} {
  const out: string[] = [];
  const err: string[] = [];
  const text = (c: string | Uint8Array): string => (typeof c === "string" ? c : Buffer.from(c).toString("utf8"));
  const io: IO = {
    stdout: { write: (c) => void out.push(text(c)) },
    stderr: { write: (c) => void err.push(text(c)) },
    stdin: Readable.from(opts.stdin === undefined || opts.stdin === "" ? [] : [Buffer.from(opts.stdin)]),
    env: { ...opts.env },
    cwd: opts.cwd ?? opts.home,
    home: opts.home,
    now: () => new Date(),
    sleep: async () => {},
  };
  return { io, stdout: () => out.join(""), stderr: () => err.join("") };
}

/** Runs one step through kumo's command line inside this process. */
export async function runKumoStep(home: string, step: Step): Promise<StepResult> {
  const { run } = await import("../../../src/cli/run.ts");
  const m = memoryIO({ home, env: stepEnv(home, step), ...(step.stdin !== undefined ? { stdin: step.stdin } : {}) });
  const code = await run(step.args, m.io);
  return { code, stdout: m.stdout(), stderr: m.stderr() };
}

function readFile(path: string): { text: string | null; mode?: string } {
  if (!existsSync(path)) return { text: null };
  return { text: readFileSync(path, "utf8"), mode: (statSync(path).mode & 0o777).toString(8) };
}

export function readState(home: string): FileState {
  const config = readFile(join(home, ".aws", "config"));
  const credentials = readFile(join(home, ".aws", "credentials"));
  return {
    config: config.text,
    credentials: credentials.text,
    ...(config.mode !== undefined ? { configMode: config.mode } : {}),
    ...(credentials.mode !== undefined ? { credentialsMode: credentials.mode } : {}),
  };
}
