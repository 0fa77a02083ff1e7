// Everything a command touches in the outside world, passed in so that every
// command can run in a test without a terminal, real sleeps or the real ~/.aws.

export interface Writable {
  write(chunk: string | Uint8Array): void;
  /** Terminal width when this stream is a terminal, otherwise undefined. */
  columns?: number | undefined;
  isTTY?: boolean | undefined;
}

export interface IO {
  stdout: Writable;
  stderr: Writable;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** The user's home directory (HOME, or os.homedir()). */
  home: string;
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export function processIO(): IO {
  const out = process.stdout;
  const err = process.stderr;
  return {
    stdout: {
      write: (c) => void out.write(c),
      get columns() {
        return out.isTTY ? out.columns : undefined;
      },
      isTTY: out.isTTY,
    },
    stderr: {
      write: (c) => void err.write(c),
      get columns() {
        return err.isTTY ? err.columns : undefined;
      },
      isTTY: err.isTTY,
    },
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    home: process.env.HOME || process.env.USERPROFILE || "",
    now: () => new Date(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
}
