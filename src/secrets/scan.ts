// The scans: files in the work tree (or any folder), what is staged, the
// history (one `git log -p` stream, added lines only), and a commit message.
// Each produces findings; allowlists and the baseline are applied here.
import { readdirSync, readFileSync, statSync, type Dirent } from "node:fs";
import { availableParallelism } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import type { Allowlist } from "./allowlist.ts";
import { allowedBy } from "./allowlist.ts";
import type { Detector, RawMatch } from "./detector.ts";
import { fingerprintOf, type Finding } from "./finding.ts";
import { ScratchBuffer } from "./scratch-buffer.ts";
import { LogScanPool, scanInWorkers } from "./parallel.ts";
import { git, indexEntries, modifiedFiles, readObjects, stagedFiles, streamLog, unquoteGitPath, type GitEnv } from "./git.ts";

export type ScanTarget =
  | { kind: "tree"; paths: string[] }
  | { kind: "staged" }
  | { kind: "history"; revisions: string[] }
  | { kind: "message"; file: string };

export interface ScanRequest {
  target: ScanTarget;
  git: GitEnv;
  /** Repository root; undefined outside a repository. */
  root: string | undefined;
  detector: Detector;
  allow: Allowlist;
  baseline: ReadonlySet<string>;
  /** Blob IDs known to hold nothing any rule matches; scans skip them and add to the set. */
  clean?: Set<string> | undefined;
  /** Told the running totals as the scan goes (files or commits read, bytes read). */
  progress?: ((files: number, bytes: number) => void) | undefined;
  /** Threads a large work-tree or history scan may use (default 1: this one only). */
  threads?: number | undefined;
}

/**
 * The default for `threads`: one per processor, up to 8. Past that a history
 * scan is held up by git (one `git log` per thread, each with its own caches)
 * more than it gains, and a work tree by the disk.
 */
export const MAX_DEFAULT_THREADS = 8;
export function defaultThreads(): number {
  return Math.min(availableParallelism(), MAX_DEFAULT_THREADS);
}

export interface ScanOutcome {
  findings: Finding[];
  allowed: number;
  baselined: number;
  /** Files (or blobs, or diffs) read, bytes read. */
  files: number;
  bytes: number;
  /** Files skipped because their blob was scanned clean before. */
  cached: number;
  /** Worker threads that scanned part of it (0: this thread did it all). */
  workers: number;
}

/** Files whose first 8000 bytes hold a NUL are binary (git's rule), and skipped. */
export function isBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8000);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

const fromLatin1 = (s: string): string => Buffer.from(s, "latin1").toString("utf8");

class Collector {
  readonly out: ScanOutcome = { findings: [], allowed: 0, baselined: 0, files: 0, bytes: 0, cached: 0, workers: 0 };
  private readonly seen = new Set<string>();
  constructor(private readonly req: ScanRequest) {}

  add(f: Finding): void {
    const key = `${f.fingerprint}:${f.commit ?? ""}:${f.line}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (allowedBy(f, this.req.allow)) this.out.allowed++;
    else if (this.req.baseline.has(f.fingerprint)) this.out.baselined++;
    else this.out.findings.push(f);
  }
}

function lineBounds(text: string, index: number): { start: number; end: number } {
  const start = text.lastIndexOf("\n", index - 1) + 1;
  let end = text.indexOf("\n", index);
  if (end < 0) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return { start, end };
}

function makeFinding(m: RawMatch, path: string, line: number, column: number, lineText: string): Finding {
  return {
    rule: m.rule.id,
    description: m.rule.description,
    severity: m.rule.severity,
    path,
    line,
    column,
    secret: fromLatin1(m.secret),
    lineText: fromLatin1(lineText),
    fingerprint: fingerprintOf(m.rule.id, path, fromLatin1(m.secret)),
  };
}

/**
 * Text is decoded in pieces of about this size: V8 keeps a string over 128 KiB
 * in memory of its own, and faulting in fresh pages for each large string
 * costs more than scanning it (half the time of a multi-megabyte file).
 */
const PIECE = 64 << 10;
/** Whole lines decoded around a file's piece: rules look at up to 3 lines around a match. */
const CONTEXT_LINES = 4;

/**
 * Where the piece of `b` from `start` ends: just after the last `boundary`
 * (a newline, or the newline before a commit) within PIECE bytes, else just
 * after the next one (a line or commit longer than a piece is a piece), else
 * at the end.
 */
function pieceEnd(b: Buffer, start: number, boundary: string): number {
  if (b.length - start <= PIECE) return b.length;
  const before = b.lastIndexOf(boundary, start + PIECE);
  if (before >= start) return before + 1;
  const after = b.indexOf(boundary, start + 1);
  return after < 0 ? b.length : after + 1;
}

/** The start of the line `n` lines before the one holding `pos` (0 at the top). */
function linesBack(b: Buffer, pos: number, n: number): number {
  let at = pos;
  for (let k = 0; k < n && at > 0; k++) {
    const nl = at >= 2 ? b.lastIndexOf(10, at - 2) : -1;
    at = nl + 1;
  }
  return at;
}

/** The end (after its newline) of the `n`th line from `pos`, which starts a line. */
function linesForward(b: Buffer, pos: number, n: number): number {
  let at = pos;
  for (let k = 0; k < n && at < b.length; k++) {
    const nl = b.indexOf(10, at);
    at = nl < 0 ? b.length : nl + 1;
  }
  return at;
}

/** Scans one file's bytes, piece by piece (whole lines, with context); binary content is skipped. */
export function scanBuffer(buf: Uint8Array, path: string, detector: Detector, emit: (f: Finding) => void): boolean {
  if (isBinary(buf)) return false;
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  // Line numbers: newlines before `counted` are in `line`.
  let line = 1;
  let counted = 0;
  for (let start = 0; start < b.length; ) {
    const end = pieceEnd(b, start, "\n");
    const from = linesBack(b, start, CONTEXT_LINES);
    const to = linesForward(b, end, CONTEXT_LINES);
    const text = b.toString("latin1", from, to);
    detector.scan(
      text,
      (m) => {
        const at = from + m.index;
        for (let i = b.indexOf(10, counted); i >= 0 && i < at; i = b.indexOf(10, i + 1)) line++;
        counted = at;
        const lb = lineBounds(text, m.index);
        emit(makeFinding(m, path, line, m.index - lb.start + 1, text.slice(lb.start, lb.end)));
      },
      start - from,
      end - from,
    );
    start = end;
  }
  return true;
}

interface HunkCursor {
  hunk: number;
  pos: number;
  line: number;
}

/**
 * Scans a block of `git log -p -U0 --format=%x01%H%x1f%an%x1f%aI` output:
 * only added lines count; each finding gets its commit, path and line in
 * the new file.
 */
export function scanLogBlock(text: string, detector: Detector, emit: (f: Finding) => void): void {
  let cursor: HunkCursor = { hunk: -1, pos: 0, line: 0 };
  detector.scan(text, (m) => {
    const b = lineBounds(text, m.index);
    if (text.charCodeAt(b.start) !== 43 /* + */) return;
    const diff = text.lastIndexOf("\ndiff --git ", m.index);
    const hunk = text.lastIndexOf("\n@@ ", m.index);
    if (diff < 0 || hunk < diff) return; // a file header line, not content
    const headerEnd = text.indexOf("\n", hunk + 1);
    const plus = text.lastIndexOf("\n+++ ", hunk);
    if (plus < diff) return;
    let rawPath = text.slice(plus + 5, text.indexOf("\n", plus + 1)).replace(/\t$/, "");
    rawPath = unquoteGitPath(fromLatin1(rawPath));
    const path = rawPath.startsWith("b/") ? rawPath.slice(2) : rawPath;
    const hm = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(text.slice(hunk + 1, headerEnd));
    if (!hm) return;
    if (cursor.hunk !== hunk) cursor = { hunk, pos: headerEnd + 1, line: Number(hm[1]) };
    // Count added lines between the cursor and this line.
    while (cursor.pos < b.start) {
      const nl = text.indexOf("\n", cursor.pos);
      if (nl < 0 || nl >= b.start) break;
      if (text.charCodeAt(cursor.pos) === 43 || text.charCodeAt(cursor.pos) === 32) cursor.line++;
      cursor.pos = nl + 1;
    }
    let commitAt = text.lastIndexOf("\n\x01", diff);
    commitAt = commitAt < 0 ? (text.charCodeAt(0) === 1 ? 0 : -1) : commitAt + 1;
    if (commitAt < 0) return;
    const header = text.slice(commitAt + 1, text.indexOf("\n", commitAt)).split("\x1f");
    const f = makeFinding(m, path, cursor.line, m.index - b.start, text.slice(b.start + 1, b.end));
    f.commit = header[0];
    if (header[1]) f.author = fromLatin1(header[1]);
    if (header[2]) f.date = header[2];
    emit(f);
  });
}

/** Scans a block of `git log -p` output (whole commits, as streamLog cuts them) with scanLogBlock, in pieces of whole commits (see PIECE). */
export function scanLogBuffer(block: Buffer, detector: Detector, emit: (f: Finding) => void): void {
  for (let p = 0; p < block.length; ) {
    const e = pieceEnd(block, p, "\n\x01");
    scanLogBlock(block.toString("latin1", p, e), detector, emit);
    p = e;
  }
}

function toPosix(p: string): string {
  return sep === "/" ? p : p.split(sep).join("/");
}

function walk(dir: string, files: string[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name === ".git") continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, files);
    else if (e.isFile()) files.push(p);
  }
}

/** What scanning one file gave: whether it could be read, its size, its findings (before allowlists). */
export interface FileScan {
  read: boolean;
  bytes: number;
  findings: Finding[];
}

/** Reads and scans one file. */
export function scanFile(reader: ScratchBuffer, detector: Detector, abs: string, rel: string): FileScan {
  const buf = reader.read(abs);
  if (!buf) return { read: false, bytes: 0, findings: [] }; // deleted since listed, or unreadable
  const findings: Finding[] = [];
  scanBuffer(buf, rel, detector, (f) => findings.push(f));
  return { read: true, bytes: buf.length, findings };
}

/** A file to scan; `oid` is its blob ID when it is tracked (for the clean cache). */
interface TreeFile {
  abs: string;
  rel: string;
  oid?: string | undefined;
}

/** Below this many files a scan stays on one thread: starting workers would cost more than it saves. */
const PARALLEL_MIN_FILES = 64;

/**
 * Scans `files` and hands each result to `done` in list order, on worker
 * threads when the list is large and threads are allowed; returns how many
 * worker threads helped.
 */
async function scanFiles(req: ScanRequest, files: TreeFile[], done: (f: TreeFile, r: FileScan) => void): Promise<number> {
  const threads = Math.min(req.threads ?? 1, Math.ceil(files.length / PARALLEL_MIN_FILES));
  const reader = new ScratchBuffer();
  const here = (i: number): FileScan => scanFile(reader, req.detector, files[i]!.abs, files[i]!.rel);
  if (threads > 1) return scanInWorkers(files, req.detector.rules, threads, here, (i, r) => done(files[i]!, r));
  for (let i = 0; i < files.length; i++) done(files[i]!, here(i));
  return 0;
}

async function scanTree(req: ScanRequest, paths: string[], c: Collector): Promise<void> {
  const cwd = req.git.cwd;
  const base = req.root ?? cwd;
  const count = (r: FileScan): boolean => {
    if (r.read) {
      c.out.files++;
      c.out.bytes += r.bytes;
    }
    for (const f of r.findings) c.add(f);
    req.progress?.(c.out.files, c.out.bytes);
    return r.read && r.findings.length === 0;
  };
  if (paths.length === 0 && req.root) {
    // Tracked files: unchanged ones are known by their blob ID.
    // From a subfolder, as git grep does: the files below it.
    const root = req.root;
    const g = { ...req.git, cwd: root };
    const below = toPosix(relative(root, cwd));
    const prefix = below && !below.startsWith("..") ? `${below}/` : "";
    // Only the clean cache needs to know which files differ from the index.
    const modifiedLater = req.clean ? modifiedFiles(g) : undefined;
    const entries = await indexEntries(g);
    // Skipping a blob found clean before needs to know the file is unchanged;
    // with nothing to skip, the scan starts while git checks.
    const modifiedFirst = req.clean?.size ? await modifiedLater! : undefined;
    const files: TreeFile[] = [];
    for (const e of entries) {
      if (prefix && !e.path.startsWith(prefix)) continue;
      if (modifiedFirst && !modifiedFirst.has(e.path) && req.clean?.has(e.oid)) {
        c.out.cached++;
        continue;
      }
      files.push({ abs: join(root, e.path), rel: e.path, oid: e.oid });
    }
    const clean: TreeFile[] = [];
    c.out.workers = await scanFiles(req, files, (f, r) => {
      if (count(r)) clean.push(f);
    });
    if (req.clean) {
      const modified = modifiedFirst ?? (await modifiedLater!);
      for (const f of clean) if (!modified.has(f.rel)) req.clean.add(f.oid!);
    }
    return;
  }
  const found: string[] = [];
  if (paths.length === 0) walk(cwd, found);
  else {
    for (const p of paths) {
      const abs = resolve(cwd, p);
      let st;
      try {
        st = statSync(abs);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(abs, found);
      else if (st.isFile()) found.push(abs);
    }
  }
  const files = found.map((abs) => {
    const rel = toPosix(relative(base, abs));
    return { abs, rel: rel.startsWith("..") ? toPosix(abs) : rel };
  });
  c.out.workers = await scanFiles(req, files, (_f, r) => count(r));
}

async function scanStaged(req: ScanRequest, c: Collector): Promise<void> {
  const g = { ...req.git, cwd: req.root ?? req.git.cwd };
  const todo = (await stagedFiles(g)).filter((f) => {
    if (f.oid && req.clean?.has(f.oid)) {
      c.out.cached++;
      return false;
    }
    // An unmerged file has no staged blob yet: nothing a commit could record.
    return f.oid !== "";
  });
  const blobs = await readObjects(todo.map((f) => f.oid), g);
  for (const f of todo) {
    const buf = blobs.get(f.oid);
    if (!buf) continue;
    c.out.files++;
    c.out.bytes += buf.length;
    let hits = 0;
    scanBuffer(buf, f.path, req.detector, (x) => {
      hits++;
      c.add(x);
    });
    if (hits === 0) req.clean?.add(f.oid);
  }
}

/** The `git log` arguments for a history scan of `revisions` (default: every ref). */
export function historyArgs(revisions: string[]): string[] {
  return [
    "-c",
    "core.quotepath=off",
    "log",
    "-p",
    "-U0",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--format=%x01%H%x1f%an%x1f%aI",
    ...(revisions.length ? revisions : ["--all"]),
    "--",
  ];
}

/** Commits in a block of `git log -p` output (each starts with `\x01` at the start of a line). */
export function countCommits(block: Buffer): number {
  let n = 0;
  for (let i = block.indexOf("\x01"); i >= 0; i = block.indexOf("\n\x01", i + 1)) n++;
  return n;
}

/** What scanning a history block gave. */
export interface BlockScan {
  bytes: number;
  commits: number;
  findings: Finding[];
}

/** Scans one block of `git log -p` output given as chunks. */
export function scanLogChunks(scratch: ScratchBuffer, chunks: readonly Uint8Array[], detector: Detector): BlockScan {
  const block = scratch.join(chunks);
  const findings: Finding[] = [];
  scanLogBuffer(block, detector, (f) => findings.push(f));
  return { bytes: block.length, commits: countCommits(block), findings };
}

/**
 * Hands on items that arrive in any order in their order: by part, then by
 * position within the part. A part's length is known once it is closed.
 */
class InOrder<T> {
  private readonly items = new Map<string, T>();
  private readonly lengths = new Map<number, number>();
  private part = 0;
  private index = 0;
  constructor(
    private readonly parts: number,
    private readonly emit: (item: T) => void,
  ) {}

  put(part: number, index: number, item: T): void {
    this.items.set(`${part}:${index}`, item);
    this.drain();
  }

  close(part: number, length: number): void {
    this.lengths.set(part, length);
    this.drain();
  }

  private drain(): void {
    while (this.part < this.parts) {
      const key = `${this.part}:${this.index}`;
      const item = this.items.get(key);
      if (item !== undefined) {
        this.items.delete(key);
        this.emit(item);
        this.index++;
      } else if (this.lengths.get(this.part) === this.index) {
        this.part++;
        this.index = 0;
      } else return;
    }
  }
}

/** Below this many commits a history scan stays on one thread and one git process. */
const PARALLEL_MIN_COMMITS = 100;

async function scanHistory(req: ScanRequest, revisions: string[], c: Collector): Promise<void> {
  const g = { ...req.git, cwd: req.root ?? req.git.cwd };
  const emit = (r: BlockScan): void => {
    c.out.bytes += r.bytes;
    c.out.files += r.commits;
    for (const f of r.findings) c.add(f);
    req.progress?.(c.out.files, c.out.bytes);
  };
  const threads = req.threads ?? 1;
  const args = historyArgs(["--no-walk=unsorted", "--stdin"]);
  /** One git log on this thread: the commits given (one per line, for --stdin), else the revisions walked. */
  const here = (listed?: string[]): Promise<void> => {
    const scratch = new ScratchBuffer();
    const scanned = (chunks: Buffer[]) => emit(scanLogChunks(scratch, chunks, req.detector));
    return listed ? streamLog(args, g, scanned, { stdin: listed.join("\n") + "\n" }) : streamLog(historyArgs(revisions), g, scanned);
  };
  if (threads <= 1) return here();
  // Several `git log` processes each show a part of the commits (git works
  // as hard as the scan), and worker threads scan what they print. The parts
  // are consecutive runs of `git rev-list`, whose order `git log` follows, so
  // the findings come out as a single `git log` would give them.
  const list = await git(["rev-list", ...(revisions.length ? revisions : ["--all"]), "--"], g);
  if (list.code !== 0) throw new Error(list.stderr.trim() || `git rev-list exited ${list.code}`);
  const commits = list.stdout.toString("latin1").split("\n").filter(Boolean);
  if (commits.length === 0) return;
  if (commits.length < PARALLEL_MIN_COMMITS) return here(commits);
  // One part per git process: a new process starts with cold caches (each
  // re-inflates the deltas it needs), so more parts than processes cost more than they balance.
  const n = Math.min(commits.length, threads);
  const parts = Array.from({ length: n }, (_, i) => commits.slice(Math.floor((i * commits.length) / n), Math.floor(((i + 1) * commits.length) / n)));
  const order = new InOrder<BlockScan>(n, emit);
  const tags: [number, number][] = [];
  const pool = LogScanPool.start(req.detector.rules, threads - 1, (tag, r) => order.put(tags[tag]![0], tags[tag]![1], r));
  if (!pool) return here(commits);
  const show = async (part: string[], p: number): Promise<void> => {
    let blocks = 0;
    const submit = (chunks: Buffer[]) => {
      tags.push([p, blocks++]);
      return pool.submit(chunks, tags.length - 1);
    };
    await streamLog(args, g, submit, { stdin: part.join("\n") + "\n" });
    order.close(p, blocks);
  };
  try {
    await Promise.all(parts.map(show));
  } finally {
    await pool.finish();
    c.out.workers = pool.helped.size;
  }
}

function scanMessage(req: ScanRequest, file: string, c: Collector): void {
  let text: string;
  try {
    text = readFileSync(resolve(req.git.cwd, file), "latin1");
  } catch {
    return;
  }
  // Git drops comment lines from the message; blank them so line numbers stay right.
  const kept = text
    .split("\n")
    .map((l) => (l.startsWith("#") ? "" : l))
    .join("\n");
  c.out.files++;
  c.out.bytes += kept.length;
  scanBuffer(Buffer.from(kept, "latin1"), file, req.detector, (f) => c.add(f));
}

export async function runScan(req: ScanRequest): Promise<ScanOutcome> {
  const c = new Collector(req);
  const t = req.target;
  if (t.kind === "tree") await scanTree(req, t.paths, c);
  else if (t.kind === "staged") await scanStaged(req, c);
  else if (t.kind === "history") await scanHistory(req, t.revisions, c);
  else scanMessage(req, t.file, c);
  return c.out;
}
