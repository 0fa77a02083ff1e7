// The scans: files in the work tree (or any folder), what is staged, the
// history (one `git log -p` stream, added lines only), and a commit message.
// Each produces findings; allowlists and the baseline are applied here.
import { readdirSync, readFileSync, statSync, type Dirent } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { Allowlist } from "./allowlist.ts";
import { allowedBy } from "./allowlist.ts";
import type { Detector, RawMatch } from "./detector.ts";
import { fingerprintOf, type Finding } from "./finding.ts";
import { indexEntries, modifiedFiles, readObjects, stagedFiles, streamLog, unquoteGitPath, type GitEnv } from "./git.ts";

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
}

/** Files whose first 8000 bytes hold a NUL are binary (git's rule), and skipped. */
export function isBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8000);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

const fromLatin1 = (s: string): string => Buffer.from(s, "latin1").toString("utf8");

class Collector {
  readonly out: ScanOutcome = { findings: [], allowed: 0, baselined: 0, files: 0, bytes: 0, cached: 0 };
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

/** Scans one file's bytes; binary content is skipped. */
export function scanBuffer(buf: Uint8Array, path: string, detector: Detector, emit: (f: Finding) => void): boolean {
  if (isBinary(buf)) return false;
  const text = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString("latin1");
  let pos = 0;
  let line = 1;
  detector.scan(text, (m) => {
    for (let i = text.indexOf("\n", pos); i >= 0 && i < m.index; i = text.indexOf("\n", i + 1)) line++;
    pos = m.index;
    const b = lineBounds(text, m.index);
    emit(makeFinding(m, path, line, m.index - b.start + 1, text.slice(b.start, b.end)));
  });
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

/** Reads and scans one work-tree file; true when nothing matched (clean). */
function scanFile(req: ScanRequest, abs: string, rel: string, c: Collector): boolean {
  let buf: Buffer;
  try {
    buf = readFileSync(abs);
  } catch {
    return false; // deleted since listed, or unreadable
  }
  c.out.files++;
  c.out.bytes += buf.length;
  let hits = 0;
  scanBuffer(buf, rel, req.detector, (f) => {
    hits++;
    c.add(f);
  });
  return hits === 0;
}

async function scanTree(req: ScanRequest, paths: string[], c: Collector): Promise<void> {
  const cwd = req.git.cwd;
  const base = req.root ?? cwd;
  if (paths.length === 0 && req.root) {
    // Tracked files: unchanged ones are known by their blob ID.
    // From a subfolder, as git grep does: the files below it.
    const g = { ...req.git, cwd: req.root };
    const below = toPosix(relative(req.root, cwd));
    const prefix = below && !below.startsWith("..") ? `${below}/` : "";
    const [entries, modified] = await Promise.all([indexEntries(g), modifiedFiles(g)]);
    for (const e of entries) {
      if (prefix && !e.path.startsWith(prefix)) continue;
      const unchanged = !modified.has(e.path);
      if (unchanged && req.clean?.has(e.oid)) {
        c.out.cached++;
        continue;
      }
      const clean = scanFile(req, join(req.root, e.path), e.path, c);
      if (clean && unchanged) req.clean?.add(e.oid);
      req.progress?.(c.out.files, c.out.bytes);
    }
    return;
  }
  const files: string[] = [];
  if (paths.length === 0) walk(cwd, files);
  else {
    for (const p of paths) {
      const abs = resolve(cwd, p);
      let st;
      try {
        st = statSync(abs);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(abs, files);
      else if (st.isFile()) files.push(abs);
    }
  }
  for (const abs of files) {
    const rel = toPosix(relative(base, abs));
    scanFile(req, abs, rel.startsWith("..") ? toPosix(abs) : rel, c);
    req.progress?.(c.out.files, c.out.bytes);
  }
}

async function scanStaged(req: ScanRequest, c: Collector): Promise<void> {
  const g = { ...req.git, cwd: req.root ?? req.git.cwd };
  const [files, entries] = await Promise.all([stagedFiles(g), indexEntries(g)]);
  const oids = new Map(entries.map((e) => [e.path, e.oid]));
  const todo = files.filter((f) => {
    const oid = oids.get(f);
    if (oid && req.clean?.has(oid)) {
      c.out.cached++;
      return false;
    }
    return true;
  });
  const blobs = await readObjects(todo.map((f) => `:${f}`), g);
  for (const f of todo) {
    const buf = blobs.get(`:${f}`);
    if (!buf) continue;
    c.out.files++;
    c.out.bytes += buf.length;
    let hits = 0;
    scanBuffer(buf, f, req.detector, (x) => {
      hits++;
      c.add(x);
    });
    const oid = oids.get(f);
    if (hits === 0 && oid) req.clean?.add(oid);
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

async function scanHistory(req: ScanRequest, revisions: string[], c: Collector): Promise<void> {
  const g = { ...req.git, cwd: req.root ?? req.git.cwd };
  await streamLog(historyArgs(revisions), g, (block) => {
    c.out.bytes += block.length;
    let n = 0;
    for (let i = block.indexOf("\x01"); i >= 0; i = block.indexOf("\n\x01", i + 1)) n++;
    c.out.files += n;
    scanLogBlock(block, req.detector, (f) => c.add(f));
    req.progress?.(c.out.files, c.out.bytes);
  });
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
