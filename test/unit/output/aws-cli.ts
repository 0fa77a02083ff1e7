// Makes the reference AWS CLI (/usr/bin/aws) format an arbitrary document: it
// calls `sts get-caller-identity` on a local moto server with the document as
// a JMESPath literal in --query, so the table title is GetCallerIdentity.
// Terminal widths are reproduced with a pseudo-terminal (python3's pty module).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { AWS_V2, baseEnv, sandboxHome } from "../../helpers/run.ts";
import { jmesLiteral } from "./pyjson.ts";

export const TABLE_TITLE = "GetCallerIdentity";

export type Format = "json" | "yaml" | "yaml-stream" | "text" | "table";
export const FORMATS: Format[] = ["json", "yaml", "yaml-stream", "text", "table"];

export interface AwsOutput {
  stdout: string;
  /** The error message on stderr (trimmed) when the CLI failed, else undefined. */
  error?: string;
  code: number;
}

export interface AwsRunOptions {
  /** Run with stdout on a pseudo-terminal this many columns wide. */
  ttyWidth?: number;
  color?: "on" | "off" | "auto";
  /** A JMESPath expression instead of the document literal. */
  query?: string;
}

export function awsAvailable(): string | undefined {
  if (!existsSync(AWS_V2)) return `${AWS_V2} (AWS CLI v2) is not installed`;
  return undefined;
}

// Runs argv[2:] with stdout on a pty of argv[1] columns (no CR/LF translation),
// stderr on a pipe; prints {"stdout","stderr","code"} as JSON.
const PTY_RUNNER = String.raw`
import fcntl, json, os, pty, select, struct, sys, termios
cols = int(sys.argv[1]); args = sys.argv[2:]
r_err, w_err = os.pipe()
pid, fd = pty.fork()
if pid == 0:
    os.close(r_err); os.dup2(w_err, 2)
    fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack('HHHH', 50, cols, 0, 0))
    attrs = termios.tcgetattr(1); attrs[1] &= ~termios.ONLCR; termios.tcsetattr(1, termios.TCSANOW, attrs)
    os.execvp(args[0], args)
os.close(w_err)
out, err, open_fds = b'', b'', {fd, r_err}
while open_fds:
    ready, _, _ = select.select(list(open_fds), [], [], 60)
    if not ready: break
    for f in ready:
        try: data = os.read(f, 65536)
        except OSError: data = b''
        if not data: open_fds.discard(f)
        elif f == fd: out += data
        else: err += data
_, status = os.waitpid(pid, 0)
print(json.dumps({'stdout': out.decode('utf-8'), 'stderr': err.decode('utf-8'), 'code': os.waitstatus_to_exitcode(status)}))
`;

function collect(cmd: string, args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on("data", (d: Buffer) => out.push(d));
    p.stderr.on("data", (d: Buffer) => err.push(d));
    p.on("error", reject);
    p.on("close", (code) =>
      resolve({ stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), code: code ?? 128 }),
    );
  });
}

/** What `aws ... --output <format>` prints for the document (JSON text, Python dialect). */
export async function awsFormat(endpoint: string, json: string, format: Format, opts: AwsRunOptions = {}): Promise<AwsOutput> {
  const args = ["sts", "get-caller-identity", "--endpoint-url", endpoint, "--output", format, "--query", opts.query ?? jmesLiteral(json)];
  if (opts.color) args.push("--color", opts.color);
  const env = baseEnv(sandboxHome());
  let r: { stdout: string; stderr: string; code: number };
  if (opts.ttyWidth !== undefined) {
    const raw = await collect("python3", ["-c", PTY_RUNNER, String(opts.ttyWidth), AWS_V2, ...args], env);
    if (raw.code !== 0) throw new Error(`pty runner failed: ${raw.stderr}`);
    r = JSON.parse(raw.stdout) as { stdout: string; stderr: string; code: number };
  } else {
    r = await collect(AWS_V2, args, env);
  }
  const result: AwsOutput = { stdout: r.stdout, code: r.code };
  if (r.code !== 0) result.error = r.stderr.trim();
  return result;
}

/** Runs tasks with at most `limit` in flight, keeping result order. */
export async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
