// Everything that decides what a scan looks for and lets through: kumo's
// rules, the git-secrets configuration of the repository (secrets.patterns,
// secrets.allowed, secrets.providers, .gitallowed), `.kumo-secrets.json`,
// the command-line allowlists, and the user's own secrets from ~/.aws.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readIniFile } from "../config/files.ts";
import type { Allowlist } from "./allowlist.ts";
import type { Estate } from "./estate.ts";
import { globToRegExp } from "./glob.ts";
import { secretsConfig, type GitEnv } from "./git.ts";
import {
  BUILTIN_RULES,
  GIT_SECRETS_AWS_PATTERNS,
  customPatternRule,
  ereToJs,
  literalRule,
  type Rule,
} from "./rules.ts";

/** The optional per-repository settings file. */
export const SETTINGS_FILE = ".kumo-secrets.json";
/** The baseline file used when none is named and this one exists at the repository root. */
export const DEFAULT_BASELINE = ".kumo-secrets-baseline.json";

export interface RepoSettings {
  allowPaths?: string[];
  allowRegexes?: string[];
  baseline?: string;
  /** Findings below this severity are left out (default: low, i.e. everything). */
  minSeverity?: string;
}

export interface ScanConfig {
  rules: Rule[];
  allow: Allowlist;
  /** Problems with the configuration (bad patterns, failing providers), for stderr. */
  warnings: string[];
}

export interface ConfigInput {
  git: GitEnv;
  /** Repository root, when scanning inside one. */
  root: string | undefined;
  home: string;
  estate: Estate;
  allowPaths: string[];
  allowRegexes: string[];
  /** The `secrets.*` git config, when already being read (see secretsConfig). */
  gitConfig?: Promise<Map<string, string[]>> | undefined;
}

export function readRepoSettings(root: string | undefined): RepoSettings {
  if (!root) return {};
  const p = join(root, SETTINGS_FILE);
  if (!existsSync(p)) return {};
  try {
    return JSON.parse(readFileSync(p, "utf8")) as RepoSettings;
  } catch {
    return {};
  }
}

function compile(source: string, flags: string, what: string, warnings: string[]): RegExp | undefined {
  try {
    return new RegExp(source, flags);
  } catch (e) {
    warnings.push(`ignored ${what} ${JSON.stringify(source)}: ${(e as Error).message}`);
    return undefined;
  }
}

/** Values of aws_access_key_id / aws_secret_access_key in an INI file (what `git secrets --aws-provider` prints). */
export function awsProviderValues(path: string): string[] {
  let doc;
  try {
    doc = readIniFile(path);
  } catch {
    return [];
  }
  if (!doc) return [];
  const out: string[] = [];
  for (const section of Object.values(doc)) {
    for (const key of ["aws_access_key_id", "aws_secret_access_key"]) {
      const v = (section as Record<string, unknown>)[key];
      if (typeof v === "string" && v.trim()) out.push(v.trim().replace(/"/g, ""));
    }
  }
  return out;
}

function expandHome(p: string, home: string): string {
  return p === "~" ? home : p.startsWith("~/") ? join(home, p.slice(2)) : p;
}

/** Output of a git-secrets provider command, one pattern per line. `git secrets --aws-provider` is answered without running anything. */
function providerPatterns(cmd: string, input: ConfigInput, warnings: string[]): { literals: string[]; patterns: string[] } {
  const words = cmd.split(/[\s]+/).filter(Boolean);
  if (words[0] === "git" && words[1] === "secrets" && words[2] === "--aws-provider") {
    const file = words[3] ? expandHome(words[3], input.home) : join(input.home, ".aws", "credentials");
    return { literals: awsProviderValues(file), patterns: [] };
  }
  try {
    const out = execFileSync(words[0]!, words.slice(1), {
      cwd: input.git.cwd,
      env: input.git.env as NodeJS.ProcessEnv,
      encoding: "utf8",
      timeout: 10_000,
      stdio: ["ignore", "pipe", "ignore"],
    });
    return { literals: [], patterns: out.replace(/\r/g, "").split("\n").filter((l) => l.trim().length > 0) };
  } catch (e) {
    warnings.push(`secrets provider "${cmd}" failed: ${(e as Error).message.split("\n")[0]}`);
    return { literals: [], patterns: [] };
  }
}

export async function loadScanConfig(input: ConfigInput): Promise<ScanConfig> {
  const warnings: string[] = [];
  const g = input.git;
  const gitConfig = await (input.gitConfig ?? secretsConfig(g));
  const patterns = gitConfig.get("secrets.patterns") ?? [];
  const allowed = gitConfig.get("secrets.allowed") ?? [];
  const providers = gitConfig.get("secrets.providers") ?? [];
  const rules: Rule[] = [...BUILTIN_RULES];
  const literals = [...input.estate.secrets];
  const custom: string[] = [];
  for (const p of patterns) if (!GIT_SECRETS_AWS_PATTERNS.has(p)) custom.push(p);
  for (const cmd of providers) {
    const r = providerPatterns(cmd, input, warnings);
    // Key IDs are found by the access-key rule; only secrets need a literal rule.
    literals.push(...r.literals.filter((v) => !/^[A-Z0-9]{20}$/.test(v)));
    custom.push(...r.patterns);
  }
  const own = literalRule("aws-known-secret", "A secret from your AWS credentials files", literals);
  if (own) rules.push(own);
  custom.forEach((p, i) => {
    const rule = customPatternRule(p, i);
    if (compile(rule.source, "m", "secrets.patterns entry", warnings)) rules.push(rule);
  });

  const settings = readRepoSettings(input.root);
  const gitSecretsAllowed: RegExp[] = [];
  const allowedSources = [...allowed];
  if (input.root) {
    const ga = join(input.root, ".gitallowed");
    if (existsSync(ga)) {
      for (const line of readFileSync(ga, "utf8").split("\n")) {
        const t = line.trim();
        if (t && !t.startsWith("#")) allowedSources.push(t);
      }
    }
  }
  for (const a of allowedSources) {
    const r = compile(ereToJs(a), "", "allowed pattern", warnings);
    if (r) gitSecretsAllowed.push(r);
  }
  const regexes: RegExp[] = [];
  for (const a of [...(settings.allowRegexes ?? []), ...input.allowRegexes]) {
    const r = compile(a, "", "allow regex", warnings);
    if (r) regexes.push(r);
  }
  const paths = [...(settings.allowPaths ?? []), ...input.allowPaths].map(globToRegExp);
  return { rules, allow: { paths, regexes, gitSecretsAllowed }, warnings };
}
