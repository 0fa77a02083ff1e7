// The baseline: findings a team has looked at and accepted, stored by
// fingerprint (rule + path + secret content, hashed). Nothing in the file
// can be turned back into a secret.
import { readFileSync } from "node:fs";
import type { Finding } from "./finding.ts";
import { maskSecret } from "./mask.ts";
import { GeneralError } from "../errors/index.ts";

export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  path: string;
  /** Masked, for the reader. */
  secret: string;
}

export interface BaselineFile {
  version: 1;
  tool: "kumo secrets";
  findings: BaselineEntry[];
}

export function readBaseline(path: string): Set<string> {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new GeneralError(`Cannot read baseline ${path}: ${(e as Error).message}`);
  }
  const out = new Set<string>();
  const list = (doc as { findings?: unknown }).findings;
  if (!Array.isArray(list)) throw new GeneralError(`Baseline ${path} has no "findings" list`);
  for (const e of list) {
    const fp = (e as { fingerprint?: unknown }).fingerprint;
    if (typeof fp === "string") out.add(fp);
  }
  return out;
}

export function baselineDocument(findings: readonly Finding[]): string {
  const seen = new Map<string, BaselineEntry>();
  for (const f of findings) {
    if (!seen.has(f.fingerprint)) {
      seen.set(f.fingerprint, { fingerprint: f.fingerprint, rule: f.rule, path: f.path, secret: maskSecret(f.secret) });
    }
  }
  const entries = [...seen.values()].sort((a, b) => a.path.localeCompare(b.path) || a.fingerprint.localeCompare(b.fingerprint));
  const doc: BaselineFile = { version: 1, tool: "kumo secrets", findings: entries };
  return JSON.stringify(doc, null, 2) + "\n";
}
