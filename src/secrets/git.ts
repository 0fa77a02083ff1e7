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

/** Files added, copied, modified or unmerged in the index (what a commit would record). */
export async function stagedFiles(g: GitEnv): Promise<string[]> {
  const head = await git(["rev-parse", "--verify", "-q", "HEAD"], g);
  const base = head.code === 0 ? "HEAD" : "4b825dc642cb6eb9a060e54bf8d69288fbee4904"; // the empty tree
  const r = await git(["diff-index", "--cached", "--name-only", "-z", "--diff-filter=ACMU", base, "--"], g);
  return r.code === 0 ? splitZ(r.stdout) : [];
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
 * Streams `git log -p` output in blocks of whole commits. `onBlock` gets
 * latin1 text (one character per byte, so offsets are byte offsets and any
 * encoding survives); each commit starts with `\x01` at the start of a line.
 */
export function streamLog(args: string[], g: GitEnv, onBlock: (text: string) => void, blockBytes = 8 << 20): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn("git", args, { cwd: g.cwd, env: cleanEnv(g.env), stdio: ["ignore", "pipe", "pipe"] });
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    // Grows while one commit is larger than a block, so a huge commit is joined a few times, not once per chunk.
    let threshold = blockBytes;
    let stderr = "";
    let failed: unknown;
    const flush = (final: boolean) => {
      if (pendingBytes === 0) return;
      const buf = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
      // Cut before the last commit start so every block holds whole commits.
      let cut = buf.length;
      if (!final) {
        cut = buf.lastIndexOf("\n\x01");
        if (cut <= 0) {
          pending = [buf];
          threshold = buf.length * 2;
          return;
        }
        cut += 1;
        threshold = blockBytes;
      }
      const head = buf.subarray(0, cut);
      const rest = buf.subarray(cut);
      pending = rest.length ? [Buffer.from(rest)] : [];
      pendingBytes = rest.length;
      try {
        onBlock(head.toString("latin1"));
      } catch (e) {
        failed = e;
        p.kill();
      }
    };
    p.stdout.on("data", (d: Buffer) => {
      pending.push(d);
      pendingBytes += d.length;
      if (pendingBytes >= threshold) flush(false);
    });
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    p.on("error", reject);
    p.on("close", (code) => {
      if (failed) return reject(failed);
      flush(true);
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
