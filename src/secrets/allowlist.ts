// What a scan lets through: the AWS documentation's example keys, paths and
// regular expressions the user allows, git-secrets' `secrets.allowed` and
// `.gitallowed` (matched, as git-secrets does, against `path:line:text`),
// and lines marked `kumo:allow`.
import type { Finding } from "./finding.ts";
import { matchesAnyGlob } from "./glob.ts";

export interface Allowlist {
  /** Path globs, compiled (glob.ts). */
  paths: RegExp[];
  /** Matched against the secret and against the line. */
  regexes: RegExp[];
  /** git-secrets allowed patterns, matched against `path:line:text`. */
  gitSecretsAllowed: RegExp[];
}

export const EMPTY_ALLOWLIST: Allowlist = { paths: [], regexes: [], gitSecretsAllowed: [] };

/** Example values from AWS documentation: every one of them contains EXAMPLE. */
export function isDocumentationExample(secret: string): boolean {
  return /EXAMPLE/.test(secret);
}

const INLINE_MARKERS = /kumo:allow|gitleaks:allow/;

/** Why a finding is allowed, or undefined when it is not. */
export function allowedBy(f: Finding, allow: Allowlist): string | undefined {
  if (isDocumentationExample(f.secret)) return "documentation example";
  if (INLINE_MARKERS.test(f.lineText)) return "inline marker";
  if (matchesAnyGlob(f.path, allow.paths)) return "allowed path";
  for (const r of allow.regexes) {
    if (r.test(f.secret) || r.test(f.lineText)) return `allowed pattern ${r.source}`;
  }
  if (allow.gitSecretsAllowed.length > 0) {
    const line = `${f.commit ? `${f.commit}:` : ""}${f.path}:${f.line}:${f.lineText}`;
    for (const r of allow.gitSecretsAllowed) if (r.test(line)) return `secrets.allowed ${r.source}`;
  }
  return undefined;
}
