// Scans on several threads. Matching is CPU-bound JavaScript, so the work is
// shared with worker threads (src/secrets/worker.ts), each with its own
// detector built from the same rules. Results are handed on in the order a
// single-threaded scan would produce them, so both report the same.
//
// Work trees: every thread, this one included, claims files one at a time
// from a shared counter, so uneven file sizes balance out and a worker that
// is slow to start simply claims less.
// History: this thread keeps reading `git log -p` (git would otherwise wait
// on a full pipe while a block is scanned) and workers scan the blocks.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { toRuleSpecs, type Rule, type RuleSpec } from "./rules.ts";
import type { BlockScan, FileScan } from "./scan.ts";

export type WorkerInput = FilesInput | LogInput;

export interface FilesInput {
  mode: "files";
  files: readonly { abs: string; rel: string }[];
  rules: RuleSpec[];
  /** An Int32Array's memory: element 0 is the next unclaimed file index. */
  next: SharedArrayBuffer;
}

export interface LogInput {
  mode: "log";
  rules: RuleSpec[];
}

/** Files mode, worker to this thread: a batch of [file index, result] pairs. */
export type WorkerBatch = [number, FileScan][];

/** Log mode: a block to scan (the chunks read from git), and what scanning it gave. */
export interface LogBlock {
  tag: number;
  chunks: Uint8Array[];
}
export interface LogResult {
  tag: number;
  scan: BlockScan;
}

/** How to start a worker: the script next to the bundle when running the built CLI. */
function workerLauncher(): ((input: WorkerInput) => Worker) | undefined {
  const dist = (globalThis as { __kumo?: { dist?: string } }).__kumo?.dist;
  if (dist) {
    const script = join(dist, "secrets-worker.cjs");
    return existsSync(script) ? (input) => new Worker(script, { workerData: input }) : undefined;
  }
  // Running from source (tests, development): the worker loads the
  // TypeScript through tsx, as this thread does (loader hooks are per thread).
  const url = new URL("./worker.ts", import.meta.url).href;
  const code = `import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(url)}, ${JSON.stringify(url)}));`;
  return (input) => new Worker(code, { eval: true, workerData: input });
}

/**
 * Scans `files` on this thread and `threads - 1` workers, and calls `done`
 * for each file in list order. `scanHere` scans one file on this thread; it
 * also covers files a failed worker claimed but never reported, so the
 * result is always complete. Returns how many workers scanned something.
 */
export async function scanInWorkers(
  files: readonly { abs: string; rel: string }[],
  rules: readonly Rule[],
  threads: number,
  scanHere: (i: number) => FileScan,
  done: (i: number, r: FileScan) => void,
): Promise<number> {
  const n = files.length;
  const results: (FileScan | undefined)[] = new Array(n);
  let emitted = 0;
  let reported = 0;
  const flush = () => {
    while (emitted < n && results[emitted]) {
      done(emitted, results[emitted]!);
      results[emitted] = undefined;
      emitted++;
    }
  };
  const next = new Int32Array(new SharedArrayBuffer(4));
  const specs = toRuleSpecs(rules);
  const workers: Worker[] = [];
  let running = 0;
  let helped = 0;
  let wake: (() => void) | undefined;
  if (specs && threads > 1) {
    const input: FilesInput = { mode: "files", files, rules: specs, next: next.buffer as SharedArrayBuffer };
    const launch = workerLauncher();
    for (let k = 1; launch && k < threads; k++) {
      let w: Worker;
      try {
        w = launch(input);
      } catch {
        break;
      }
      running++;
      workers.push(w);
      w.once("message", () => helped++);
      w.on("message", (batch: WorkerBatch) => {
        for (const [i, r] of batch) results[i] = r;
        reported += batch.length;
        flush();
        wake?.();
      });
      // A failed worker's unreported files are scanned here afterwards.
      w.on("error", () => {});
      w.on("exit", () => {
        running--;
        wake?.();
      });
    }
  }
  // This thread takes its share; workers' results wait in their ports meanwhile.
  for (let i = Atomics.add(next, 0, 1); i < n; i = Atomics.add(next, 0, 1)) {
    results[i] = scanHere(i);
    reported++;
    flush();
  }
  // Every file is claimed; wait for the workers' last results, then stop them
  // (one still starting up has nothing left to do).
  while (reported < n && running > 0) await new Promise<void>((resolve) => (wake = resolve));
  for (const w of workers) void w.terminate();
  for (let i = emitted; i < n; i++) {
    results[i] ??= scanHere(i);
    flush();
  }
  return helped;
}

interface LogWorker {
  worker: Worker;
  /** Blocks sent and not yet answered. */
  inFlight: Set<number>;
}

/** Blocks queued per worker: one being scanned, one waiting, so a worker never idles while the next is read. */
const BLOCKS_PER_WORKER = 2;

/**
 * Scans blocks of `git log -p` output on worker threads. Each block carries
 * a tag that comes back with what scanning it gave (results arrive in any
 * order). The chunks' memory moves to the worker: no copy on this thread.
 * `submit` returns a promise while every worker is busy, for the reader to
 * wait on. A failed worker fails the scan: the blocks it held are gone.
 */
export class LogScanPool {
  private readonly workers: LogWorker[] = [];
  private pending = 0;
  private waiters: (() => void)[] = [];
  private failure: unknown;
  /** Workers that have scanned something. */
  readonly helped = new Set<Worker>();

  private constructor(private readonly done: (tag: number, r: BlockScan) => void) {}

  /** A pool of `threads` workers, or undefined when the rules cannot be handed over or no worker starts. */
  static start(rules: readonly Rule[], threads: number, done: (tag: number, r: BlockScan) => void): LogScanPool | undefined {
    const specs = toRuleSpecs(rules);
    const launch = workerLauncher();
    if (!specs || !launch || threads < 1) return undefined;
    const pool = new LogScanPool(done);
    const input: LogInput = { mode: "log", rules: specs };
    for (let k = 0; k < threads; k++) {
      let worker: Worker;
      try {
        worker = launch(input);
      } catch {
        break;
      }
      const w: LogWorker = { worker, inFlight: new Set() };
      worker.on("message", (r: LogResult) => {
        pool.helped.add(worker);
        w.inFlight.delete(r.tag);
        pool.pending--;
        pool.done(r.tag, r.scan);
        pool.notify();
      });
      worker.on("error", (e) => (pool.failure ??= e));
      worker.on("exit", () => {
        pool.workers.splice(pool.workers.indexOf(w), 1);
        if (w.inFlight.size) pool.failure ??= new Error("a scanning thread stopped");
        pool.notify();
      });
      pool.workers.push(w);
    }
    return pool.workers.length ? pool : undefined;
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private async until(ready: () => boolean): Promise<void> {
    while (!ready() && !this.failure && this.workers.length) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.failure) throw new Error(`history scan failed: ${(this.failure as Error).message ?? String(this.failure)}`);
  }

  private room(): boolean {
    return this.workers.some((w) => w.inFlight.size < BLOCKS_PER_WORKER);
  }

  /** Sends a block to the least busy worker; the promise, when there is one, resolves once a worker has room. */
  submit(chunks: Buffer[], tag: number): Promise<void> | undefined {
    let w: LogWorker | undefined;
    for (const x of this.workers) if (!w || x.inFlight.size < w.inFlight.size) w = x;
    if (!w || this.failure) return this.until(() => false);
    w.inFlight.add(tag);
    this.pending++;
    const msg: LogBlock = { tag, chunks };
    // Each chunk owns its memory (see streamLog), so it moves without a copy.
    w.worker.postMessage(msg, chunks.map((c) => c.buffer as ArrayBuffer));
    return this.room() ? undefined : this.until(() => this.room());
  }

  /** Waits for the results of every submitted block, then stops the workers. */
  async finish(): Promise<void> {
    try {
      await this.until(() => this.pending === 0);
    } finally {
      for (const w of [...this.workers]) void w.worker.terminate();
    }
  }
}
