// The few git plumbing calls the scanner needs. History is read as one
// `git log -p` stream and staged content through one `git cat-file --batch`,
// never a process per commit or per file.
import { spawn } from "node:child_process";

export interface GitEnv {
  cwd: string;
  env: Record<string, string | undefined>;
}

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

function cleanEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/** Runs git and collects its output; `input` is written to its stdin. */
export function git(args: string[], g: GitEnv, input?: string | Buffer): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const p = spawn("git", args, { cwd: g.cwd, env: cleanEnv(g.env), stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on("data", (d: Buffer) => out.push(d));
    p.stderr.on("data", (d: Buffer) => err.push(d));
    p.on("error", reject);
    p.stdin.on("error", () => {});
    p.on("close", (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8") }));
    p.stdin.end(input ?? "");
  });
}

export async function gitText(args: string[], g: GitEnv): Promise<string | undefined> {
  const r = await git(args, g);
  return r.code === 0 ? r.stdout.toString("utf8") : undefined;
}

export interface RepoInfo {
  /** The top folder of the work tree. */
  root: string;
  /** The repository's git folder, absolute. */
  gitDir: string;
}

/** Both folders of the repository containing `cwd` from one `git rev-parse`; undefined outside a work tree. */
export async function repoInfo(g: GitEnv): Promise<RepoInfo | undefined> {
  const out = await gitText(["rev-parse", "--show-toplevel", "--absolute-git-dir"], g);
  const [root, dir] = (out ?? "").split("\n");
  return root && dir ? { root, gitDir: dir } : undefined;
}

/** Every `secrets.*` git config value by lower-case key, from one `git config` call. */
export async function secretsConfig(g: GitEnv): Promise<Map<string, string[]>> {
  const r = await git(["config", "-z", "--get-regexp", "^secrets\\."], g);
  const out = new Map<string, string[]>();
  if (r.code !== 0) return out;
  for (const rec of r.stdout.toString("utf8").split("\0")) {
    if (!rec) continue;
    const nl = rec.indexOf("\n");
    const key = (nl < 0 ? rec : rec.slice(0, nl)).toLowerCase();
    const list = out.get(key) ?? [];
    list.push(nl < 0 ? "" : rec.slice(nl + 1));
    out.set(key, list);
  }
  return out;
}

/** The top folder of the work tree containing `cwd`, or undefined outside a repository. */
export async function repoRoot(g: GitEnv): Promise<string | undefined> {
  const out = await gitText(["rev-parse", "--show-toplevel"], g);
  return out?.trim() || undefined;
}

export async function gitDir(g: GitEnv): Promise<string | undefined> {
  const out = await gitText(["rev-parse", "--absolute-git-dir"], g);
  return out?.trim() || undefined;
}

/** `git config --get-all <key>` (empty when unset). */
export async function configGetAll(key: string, g: GitEnv, scope?: "--global"): Promise<string[]> {
  const out = await gitText(["config", ...(scope ? [scope] : []), "--get-all", key], g);
  return out === undefined ? [] : out.split("\n").filter((l) => l.length > 0);
}

export async function configGet(key: string, g: GitEnv, scope?: "--global"): Promise<string | undefined> {
  const out = await gitText(["config", ...(scope ? [scope] : []), "--get", key], g);
  return out === undefined ? undefined : out.replace(/\n$/, "");
}

function splitZ(buf: Buffer): string[] {
  return buf
    .toString("utf8")
    .split("\0")
    .filter((s) => s.length > 0);
}

export interface IndexEntry {
  mode: string;
  oid: string;
  path: string;
}

/** Regular files in the index with their blob IDs (`git ls-files -s`); links and submodules left out. */
export async function indexEntries(g: GitEnv): Promise<IndexEntry[]> {
  const r = await git(["ls-files", "-s", "-z", "--full-name"], g);
  if (r.code !== 0) return [];
  const out: IndexEntry[] = [];
  for (const rec of splitZ(r.stdout)) {
    const tab = rec.indexOf("\t");
    const [mode, oid] = rec.slice(0, tab).split(" ");
    if (mode === "100644" || mode === "100755") out.push({ mode, oid: oid!, path: rec.slice(tab + 1) });
  }
  return out;
}

/** Tracked files whose work-tree copy may differ from the index (`git diff-files`). */
export async function modifiedFiles(g: GitEnv): Promise<Set<string>> {
  const r = await git(["diff-files", "--name-only", "-z"], g);
  return new Set(r.code === 0 ? splitZ(r.stdout) : []);
}

/** A file as the next commit would record it: its path and blob ID (all zeros while unmerged). */
export interface StagedFile {
  path: string;
  oid: string;
}

const NO_BLOB = /^0+$/;

/**
 * Files added, copied, modified or unmerged in the index (what a commit
 * would record), with their staged blob IDs, from one `git diff --cached
 * --raw`: a pre-commit hook never lists the whole index. Submodules are left
 * out (their "blob" is a commit).
 */
export async function stagedFiles(g: GitEnv): Promise<StagedFile[]> {
  // `git diff --cached` compares with HEAD, or with nothing on a branch without commits yet.
  const r = await git(["diff", "--cached", "--raw", "-z", "--no-abbrev", "--no-renames", "--no-ext-diff", "--diff-filter=ACMU", "--"], g);
  if (r.code !== 0) return [];
  const out: StagedFile[] = [];
  const recs = splitZ(r.stdout);
  // Records come in pairs: ":<old mode> <new mode> <old id> <new id> <status>", then the path.
  for (let i = 0; i + 1 < recs.length; i += 2) {
    const [, mode, , oid] = recs[i]!.split(" ");
    if (mode === "160000" || oid === undefined) continue;
    out.push({ path: recs[i + 1]!, oid: NO_BLOB.test(oid) ? "" : oid });
  }
  return out;
}

/** Reads the named objects (`:path` for the index, `<rev>:path`, ids) in one `git cat-file --batch`. */
export async function readObjects(names: string[], g: GitEnv): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (names.length === 0) return out;
  const r = await git(["cat-file", "--batch"], g, names.join("\n") + "\n");
  const buf = r.stdout;
  let pos = 0;
  for (const name of names) {
    const nl = buf.indexOf(10, pos);
    if (nl < 0) break;
    const header = buf.toString("utf8", pos, nl);
    pos = nl + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) continue; // "<name> missing"
    const size = Number(m[2]);
    if (m[1] === "blob") out.set(name, buf.subarray(pos, pos + size));
    pos += size + 1;
  }
  return out;
}

/**
 * Streams `git log -p` output in blocks of whole commits: each commit starts
 * with `\x01` at the start of a line, and each block with a commit. A block
 * is handed over as the chunks read from the pipe, not joined: the reader
 * does as little as possible, so git never waits on it. Every chunk owns its
 * memory (it can be transferred to another thread). When `onBlock` returns a
 * promise, reading pauses until it settles (git waits meanwhile), so a slow
 * consumer never piles up the whole history in memory. `stdin` is written to
 * git's standard input (revisions for `--stdin`).
 */
export function streamLog(
  args: string[],
  g: GitEnv,
  onBlock: (chunks: Buffer[]) => void | Promise<void>,
  opts: { blockBytes?: number; stdin?: string } = {},
): Promise<void> {
  const blockBytes = opts.blockBytes ?? 8 << 20;
  return new Promise((resolve, reject) => {
    const p = spawn("git", args, { cwd: g.cwd, env: cleanEnv(g.env), stdio: [opts.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
    if (p.stdin) {
      p.stdin.on("error", () => {});
      p.stdin.end(opts.stdin);
    }
    const out = p.stdout!;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let stderr = "";
    let failed: unknown;
    const fail = (e: unknown) => {
      failed ??= e;
      p.kill();
    };
    const hand = (chunks: Buffer[]): Promise<void> | undefined => {
      let r: void | Promise<void>;
      try {
        r = onBlock(chunks);
      } catch (e) {
        fail(e);
        return undefined;
      }
      if (!r) return undefined;
      out.pause();
      return r.then(
        () => {
          out.resume();
        },
        (e: unknown) => fail(e),
      );
    };
    out.on("data", (d: Buffer) => {
      if (failed) return;
      const prev = pending[pending.length - 1];
      pending.push(d);
      pendingBytes += d.length;
      if (pendingBytes < blockBytes) return;
      // Cut before the last commit that starts in this chunk (or right at its start).
      const at = d.lastIndexOf("\n\x01");
      if (at >= 0) {
        // A copy in memory of its own (never Buffer's shared pool), so the block's chunks own theirs.
        const rest = Buffer.allocUnsafeSlow(d.length - at - 1);
        d.copy(rest, 0, at + 1);
        pending[pending.length - 1] = d.subarray(0, at + 1);
        const block = pending;
        pending = [rest];
        pendingBytes = rest.length;
        void hand(block);
      } else if (d[0] === 1 && prev && prev[prev.length - 1] === 10) {
        const block = pending.slice(0, -1);
        pending = [d];
        pendingBytes = d.length;
        void hand(block);
      }
      // Else one commit goes on: keep reading until the next one starts.
    });
    p.stderr!.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    p.on("error", reject);
    p.on("close", async (code) => {
      if (!failed && pendingBytes > 0) await hand(pending);
      if (failed) return reject(failed);
      if (code !== 0) return reject(new Error(stderr.trim() || `git log exited ${code}`));
      resolve();
    });
  });
}

/** Undoes git's C-style quoting of a path (`"a\tb\303\251"`). */
export function unquoteGitPath(s: string): string {
  if (!s.startsWith('"') || !s.endsWith('"')) return s;
  const body = s.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      bytes.push(...Buffer.from(c, "utf8"));
      continue;
    }
    const n = body[++i] ?? "";
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else {
      const map: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, "\\": 92, a: 7, b: 8, f: 12, v: 11 };
      bytes.push(map[n] ?? n.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
