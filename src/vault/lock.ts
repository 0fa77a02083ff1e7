// A lock file beside the vault file, so that two kumo processes changing the
// vault at once (two terminals, parallel credential_process calls) take turns:
// each change is read, modify, write under the lock, and nothing is lost.
//
// The lock is `<file>.lock`, created exclusively (O_EXCL) and holding the
// owner's pid. A lock whose owner is no longer running, or that is older than
// STALE_MS, is taken over.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { GeneralError } from "../errors/index.ts";

export const STALE_MS = 60_000;

export interface LockOptions {
  /** How long to wait for another process (default 30 s). */
  timeoutMs?: number;
  sleep: (ms: number) => Promise<void>;
  now?: () => number;
}

function ownerAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes the lock when its owner is gone or it is stale; true when removed. */
function breakStale(lockPath: string, now: number): boolean {
  let pid = NaN;
  let mtime: number;
  try {
    mtime = statSync(lockPath).mtimeMs;
    pid = Number.parseInt(readFileSync(lockPath, "utf8"), 10);
  } catch {
    return true; // gone already
  }
  const stale = now - mtime > STALE_MS || (!Number.isNaN(pid) && !ownerAlive(pid));
  if (!stale) return false;
  try {
    unlinkSync(lockPath);
  } catch {
    // another process broke it first
  }
  return true;
}

/** Runs `fn` while holding the lock for `file`. */
export async function withFileLock<T>(file: string, opts: LockOptions, fn: () => Promise<T> | T): Promise<T> {
  const lockPath = `${file}.lock`;
  const now = opts.now ?? (() => Date.now());
  const deadline = now() + (opts.timeoutMs ?? 30_000);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  let wait = 10;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(lockPath, "wx", 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new GeneralError(`Cannot lock the vault file ${file}: ${(e as Error).message}`);
      }
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, String(process.pid));
      } finally {
        closeSync(fd);
      }
      break;
    }
    if (breakStale(lockPath, now())) continue;
    if (now() > deadline) {
      let owner = "another process";
      try {
        owner = `process ${Number.parseInt(readFileSync(lockPath, "utf8"), 10)}`;
      } catch {
        // released meanwhile
      }
      throw new GeneralError(`The vault file ${file} is locked by ${owner}; try again, or remove ${lockPath} if no kumo is running.`);
    }
    await opts.sleep(wait);
    wait = Math.min(200, wait * 2);
  }
  try {
    return await fn();
  } finally {
    try {
      unlinkSync(lockPath);
    } catch {
      // already removed
    }
  }
}
