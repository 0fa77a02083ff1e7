// A finding: where a secret was seen and which rule saw it. The secret
// itself stays in memory (for the baseline hash, allowlists and --verify)
// and is only ever shown masked.
import { createHash } from "node:crypto";
import type { Severity } from "./rules.ts";

export interface Finding {
  rule: string;
  description: string;
  severity: Severity;
  /** Path relative to the repository (or the scanned folder), with `/` separators. */
  path: string;
  line: number;
  column: number;
  /** The matched secret. Never print it: use maskSecret. */
  secret: string;
  /** The whole line the secret is on (used by allowlists; never printed). */
  lineText: string;
  fingerprint: string;
  commit?: string;
  author?: string;
  date?: string;
  /** Access key IDs: the account decoded from the ID, and whose key it is. */
  account?: string;
  owner?: string;
  /** --verify: what STS said about a key pair. */
  verification?: { status: "valid" | "invalid" | "error"; detail: string };
}

/** The baseline key: rule, path and secret content; no commit and no line, so rebases, squashes and moved lines keep it. */
export function fingerprintOf(rule: string, path: string, secret: string): string {
  return createHash("sha256").update(`${rule}\0${path}\0${secret}`).digest("hex");
}
