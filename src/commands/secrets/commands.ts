// The `kumo secrets` subcommands.
import { existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import type { CommandContext } from "../../cli/run.ts";
import type { IO } from "../../io.ts";
import { terminalProgress } from "../../util/progress.ts";
import { KUMO_VERSION } from "../../cli/version.ts";
import { EXIT, GeneralError, UsageError } from "../../errors/index.ts";
import { writeFileAtomic } from "../../util/atomic-write.ts";
import { accountIdFromKeyId } from "../../secrets/account-id.ts";
import { parseArgs } from "../../secrets/args.ts";
import { baselineDocument, readBaseline } from "../../secrets/baseline.ts";
import { DEFAULT_BASELINE, SETTINGS_FILE, loadScanConfig, readRepoSettings } from "../../secrets/config.ts";
import { loadCleanSet, rulesetKey, saveCleanSet } from "../../secrets/clean-cache.ts";
import { Detector } from "../../secrets/detector.ts";
import { buildEstate, describeOwner, findKeyInVault, type Estate } from "../../secrets/estate.ts";
import type { Finding } from "../../secrets/finding.ts";
import { configGet, configGetAll, git, gitDir, repoInfo, repoRoot, secretsConfig, type GitEnv, type RepoInfo } from "../../secrets/git.ts";
import { HOOKS, installHooks, type HookName } from "../../secrets/hooks.ts";
import { REPORT_FORMATS, renderReport, textReport, type ReportFormat } from "../../secrets/report.ts";
import { GIT_SECRETS_AWS_ALLOWED, GIT_SECRETS_AWS_PATTERNS } from "../../secrets/rules.ts";
import { defaultThreads, runScan, type ScanOutcome, type ScanTarget } from "../../secrets/scan.ts";
import { stsCallerIdentity, verifyFindings } from "../../secrets/verify-keys.ts";

const SCAN_USAGE = "usage: kumo secrets scan [<paths>...] [--staged | --history | --since <rev>] [--format text|json|sarif|csv] [options]";

function gitEnv(ctx: CommandContext): GitEnv {
  return { cwd: ctx.io.cwd, env: { ...ctx.io.env, HOME: ctx.io.env.HOME ?? ctx.io.home } };
}

function estateOf(ctx: CommandContext): Estate {
  try {
    return buildEstate(ctx.settings.files);
  } catch {
    return buildEstate({ profiles: {} });
  }
}

interface ScanRun {
  outcome: ScanOutcome;
  warnings: string[];
}

/**
 * The baseline to apply: --baseline (relative to the current folder, or to
 * the repository root), else `baseline` in .kumo-secrets.json, else
 * .kumo-secrets-baseline.json at the root when it exists.
 */
function findBaseline(cwd: string, root: string | undefined, named: string | undefined): string | undefined {
  if (named !== undefined) {
    const candidates = [resolve(cwd, named), ...(root ? [resolve(root, named)] : [])];
    const found = candidates.find((c) => existsSync(c));
    if (!found) throw new GeneralError(`Baseline file not found: ${named}`);
    return found;
  }
  if (!root) return undefined;
  const configured = readRepoSettings(root).baseline;
  const path = resolve(root, configured ?? DEFAULT_BASELINE);
  return existsSync(path) ? path : undefined;
}

const SEVERITIES = ["low", "medium", "high"] as const;

function severityRank(s: string | undefined, what: string): number {
  const i = SEVERITIES.indexOf((s ?? "low") as (typeof SEVERITIES)[number]);
  if (i < 0) throw new UsageError(`${what}: Invalid choice '${s}', valid choices are: ${SEVERITIES.join(", ")}`, { usage: SCAN_USAGE });
  return i;
}

interface ScanOptions {
  minSeverity?: string | undefined;
  baseline?: string | undefined;
  ignoreBaseline?: boolean;
  allowPaths?: string[];
  allowRegexes?: string[];
  noCache?: boolean;
  threads?: number | undefined;
}

function threadsOption(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1) throw new UsageError(`argument --threads: invalid int value: '${v}' (at least 1)`, { usage: SCAN_USAGE });
  return n;
}

/** The repository around the current folder and its `secrets.*` config, read at the same time. */
function repoOf(ctx: CommandContext): { repo: Promise<RepoInfo | undefined>; gitConfig: Promise<Map<string, string[]>> } {
  const g = gitEnv(ctx);
  return { repo: repoInfo(g), gitConfig: secretsConfig(g) };
}

async function scan(ctx: CommandContext, target: ScanTarget, opts: ScanOptions, at = repoOf(ctx)): Promise<ScanRun> {
  const g = gitEnv(ctx);
  const repo = await at.repo;
  const root = repo?.root;
  const estate = estateOf(ctx);
  const config = await loadScanConfig({
    git: g,
    root,
    home: ctx.io.home,
    estate,
    allowPaths: opts.allowPaths ?? [],
    allowRegexes: opts.allowRegexes ?? [],
    gitConfig: at.gitConfig,
  });
  const baselineFile = opts.ignoreBaseline ? undefined : findBaseline(ctx.io.cwd, root, opts.baseline);
  const baseline = baselineFile ? readBaseline(baselineFile) : new Set<string>();
  // Clean blobs are remembered for scans of tracked or staged files.
  const cacheable = root !== undefined && !opts.noCache && ((target.kind === "tree" && target.paths.length === 0) || target.kind === "staged");
  const dir = cacheable ? repo?.gitDir : undefined;
  const key = rulesetKey(config.rules);
  const clean = dir ? loadCleanSet(dir, key) : undefined;
  const before = clean?.size ?? 0;
  const progress = terminalProgress(ctx.io.stderr);
  const unit = target.kind === "history" ? "commits" : "files";
  const outcome = await runScan({
    target,
    git: g,
    root,
    detector: new Detector(config.rules),
    allow: config.allow,
    baseline,
    clean,
    threads: opts.threads ?? defaultThreads(),
    progress: progress && ((files, bytes) => progress.update(`kumo secrets: ${files} ${unit}, ${(bytes / 1048576).toFixed(1)} MB scanned`)),
  }).finally(() => progress?.done());
  if (dir && clean && clean.size !== before) saveCleanSet(dir, key, clean);
  const floor = severityRank(opts.minSeverity ?? readRepoSettings(root).minSeverity, opts.minSeverity ? "argument --min-severity" : `minSeverity in ${SETTINGS_FILE}`);
  outcome.findings = outcome.findings.filter((f) => SEVERITIES.indexOf(f.severity) >= floor);
  await annotate(ctx.io, outcome.findings, estate);
  return { outcome, warnings: config.warnings };
}

/** Adds the decoded account and the owning profile (or vault entry) to access key findings. */
async function annotate(io: IO, findings: Finding[], estate: Estate): Promise<void> {
  const vault = new Map<string, string | undefined>();
  for (const f of findings) {
    if (f.rule !== "aws-access-key-id") continue;
    const acct = accountIdFromKeyId(f.secret);
    if (acct) f.account = acct;
    if (!vault.has(f.secret)) vault.set(f.secret, await findKeyInVault(io, f.secret));
    const owner = describeOwner(f.secret, estate, vault.get(f.secret));
    if (owner) f.owner = owner;
  }
}

function summary(o: ScanOutcome, what: string): string {
  const extra: string[] = [];
  if (o.allowed) extra.push(`${o.allowed} allowed`);
  if (o.baselined) extra.push(`${o.baselined} in the baseline`);
  const n = o.findings.length;
  const cached = o.cached ? ` (${o.cached} more unchanged since a clean scan)` : "";
  return `kumo secrets: ${n === 0 ? "no secrets found" : `${n} finding${n === 1 ? "" : "s"}`}${extra.length ? ` (${extra.join(", ")})` : ""} in ${o.files} ${what}, ${(o.bytes / 1e6).toFixed(1)} MB${cached}\n`;
}

export async function runScanCommand(ctx: CommandContext, args: string[]): Promise<number> {
  const p = parseArgs(
    args,
    {
      staged: "flag",
      history: "flag",
      since: "value",
      format: "value",
      baseline: "value",
      "write-baseline": "value",
      "allow-path": "list",
      "allow-regex": "list",
      verify: "flag",
      "no-cache": "flag",
      "min-severity": "value",
      threads: "value",
    },
    SCAN_USAGE,
  );
  const format = (p.values.get("format") ?? "text") as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) {
    throw new UsageError(`argument --format: Invalid choice '${format}', valid choices are: ${REPORT_FORMATS.join(", ")}`, { usage: SCAN_USAGE });
  }
  const since = p.values.get("since");
  const modes = [p.flags.has("staged"), p.flags.has("history") || since !== undefined].filter(Boolean).length;
  if (modes > 1) throw new UsageError("--staged cannot be combined with --history or --since", { usage: SCAN_USAGE });
  let target: ScanTarget;
  let what = "files";
  if (p.flags.has("staged")) target = { kind: "staged" };
  else if (p.flags.has("history") || since !== undefined) {
    target = { kind: "history", revisions: since ? [`${since}..HEAD`] : [] };
    what = "commits";
  } else target = { kind: "tree", paths: p.positionals };
  const at = repoOf(ctx);
  if ((target.kind === "staged" || target.kind === "history") && !(await at.repo)) {
    throw new GeneralError("Not in a git repository: --staged, --history and --since need one");
  }
  const writeTo = p.values.get("write-baseline");
  const { outcome, warnings } = await scan(ctx, target, {
    baseline: p.values.get("baseline"),
    ignoreBaseline: writeTo !== undefined,
    allowPaths: p.lists.get("allow-path") ?? [],
    allowRegexes: p.lists.get("allow-regex") ?? [],
    noCache: p.flags.has("no-cache"),
    minSeverity: p.values.get("min-severity"),
    threads: threadsOption(p.values.get("threads")),
  }, at);
  for (const w of warnings) ctx.io.stderr.write(`kumo secrets: warning: ${w}\n`);
  if (writeTo !== undefined) {
    writeFileAtomic(resolve(ctx.io.cwd, writeTo), baselineDocument(outcome.findings), { mode: 0o644 });
    ctx.io.stderr.write(`kumo secrets: wrote ${new Set(outcome.findings.map((f) => f.fingerprint)).size} entries to ${writeTo}\n`);
    return EXIT.OK;
  }
  if (p.flags.has("verify") && outcome.findings.length > 0) {
    const region = ctx.settings.region?.value ?? "us-east-1";
    await verifyFindings(outcome.findings, stsCallerIdentity(ctx.settings, region));
  }
  ctx.io.stdout.write(renderReport(format, outcome.findings, KUMO_VERSION));
  if (ctx.globals.debug) ctx.io.stderr.write(`kumo secrets: debug: worker threads used: ${outcome.workers}\n`);
  ctx.io.stderr.write(summary(outcome, what));
  return outcome.findings.length > 0 ? EXIT.GENERAL : EXIT.OK;
}

const MITIGATIONS = `
[ERROR] Matched one or more prohibited patterns

Possible mitigations:
- Remove the secret, rotate it if it was ever pushed, and commit again
- Mark a line as a false positive with a "kumo:allow" comment
- Accept findings: kumo secrets scan --staged --write-baseline .kumo-secrets-baseline.json
- Mark false positives as allowed using: git config --add secrets.allowed ...
- Use --no-verify if this is a one-time false positive
`;

export async function runHook(ctx: CommandContext, args: string[]): Promise<number> {
  const hook = args[0] as HookName | undefined;
  if (!hook || !(HOOKS as readonly string[]).includes(hook)) {
    throw new UsageError(`argument hook: Invalid choice '${hook ?? ""}', valid choices are: ${HOOKS.join(", ")}`, {
      usage: "usage: kumo secrets hook <pre-commit|commit-msg|prepare-commit-msg> [-- <arguments>]",
    });
  }
  const hookArgs = args.slice(1).filter((a, i) => !(i === 0 && a === "--"));
  let target: ScanTarget;
  if (hook === "pre-commit") target = { kind: "staged" };
  else if (hook === "commit-msg") {
    if (!hookArgs[0]) return EXIT.OK;
    target = { kind: "message", file: hookArgs[0] };
  } else {
    if (hookArgs[1] !== "merge") return EXIT.OK;
    const mh = await git(["rev-parse", "-q", "--verify", "MERGE_HEAD"], gitEnv(ctx));
    if (mh.code !== 0) return EXIT.OK;
    target = { kind: "history", revisions: ["HEAD..MERGE_HEAD"] };
  }
  const { outcome, warnings } = await scan(ctx, target, {});
  for (const w of warnings) ctx.io.stderr.write(`kumo secrets: warning: ${w}\n`);
  if (outcome.findings.length === 0) return EXIT.OK;
  ctx.io.stderr.write(textReport(outcome.findings));
  ctx.io.stderr.write(MITIGATIONS);
  return EXIT.GENERAL;
}

function expandTilde(p: string, home: string): string {
  return p === "~" ? home : p.startsWith("~/") ? join(home, p.slice(2)) : p;
}

export async function runInstallHooks(ctx: CommandContext, args: string[]): Promise<number> {
  const p = parseArgs(args, { global: "flag", force: "flag" }, "usage: kumo secrets install-hooks [<repository>] [--force] [--global]");
  const g = gitEnv(ctx);
  let hooksDir: string;
  if (p.flags.has("global")) {
    let template = await configGet("init.templateDir", g, "--global");
    if (!template) {
      template = join(ctx.io.home, ".git-templates", "kumo-secrets");
      const r = await git(["config", "--global", "init.templateDir", template], g);
      if (r.code !== 0) throw new GeneralError(`git config --global init.templateDir failed: ${r.stderr.trim()}`);
      ctx.io.stdout.write(`Set git config --global init.templateDir to ${template}\n`);
    }
    hooksDir = join(expandTilde(template, ctx.io.home), "hooks");
  } else if (p.positionals[0]) {
    const dir = resolve(ctx.io.cwd, p.positionals[0]);
    hooksDir = existsSync(join(dir, ".git")) ? join(dir, ".git", "hooks") : join(dir, "hooks");
  } else {
    const dir = await gitDir(g);
    if (!dir) throw new GeneralError("Not in a git repository (give a folder, or use --global)");
    const custom = await configGet("core.hooksPath", g);
    const root = (await repoRoot(g)) ?? ctx.io.cwd;
    hooksDir = custom ? (isAbsolute(expandTilde(custom, ctx.io.home)) ? expandTilde(custom, ctx.io.home) : join(root, custom)) : join(dir, "hooks");
  }
  const fallback = [process.execPath, process.argv[1] ?? "kumo"];
  const results = installHooks(hooksDir, fallback, p.flags.has("force"));
  let blocked = false;
  for (const r of results) {
    if (r.status === "exists") {
      blocked = true;
      ctx.io.stderr.write(`${r.path} already exists and was not written by kumo; use --force to replace it\n`);
    } else ctx.io.stdout.write(`Installed ${r.hook} hook to ${r.path}\n`);
  }
  return blocked ? EXIT.GENERAL : EXIT.OK;
}

/** `git secrets --register-aws`: the same git config entries, added once each. */
export async function runRegisterAws(ctx: CommandContext, args: string[]): Promise<number> {
  const p = parseArgs(args, { global: "flag" }, "usage: kumo secrets register-aws [--global]");
  const g = gitEnv(ctx);
  const scope = p.flags.has("global") ? (["--global"] as const) : ([] as const);
  if (!p.flags.has("global") && !(await repoRoot(g))) throw new GeneralError("Not in a git repository (use --global)");
  const [aws, secret, account] = [...GIT_SECRETS_AWS_PATTERNS];
  const entries: [string, string][] = [
    ["secrets.providers", "git secrets --aws-provider"],
    ["secrets.patterns", aws!],
    ["secrets.patterns", secret!],
    ["secrets.patterns", account!],
    ...GIT_SECRETS_AWS_ALLOWED.map((a): [string, string] => ["secrets.allowed", a]),
  ];
  for (const [key, value] of entries) {
    const existing = await configGetAll(key, g, scope[0]);
    if (existing.some((e) => e.includes(value))) continue;
    const r = await git(["config", ...scope, "--add", key, value], g);
    if (r.code !== 0) throw new GeneralError(`git config --add ${key} failed: ${r.stderr.trim()}`);
  }
  ctx.io.stdout.write("OK\n");
  return EXIT.OK;
}
