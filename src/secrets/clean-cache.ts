// Blobs already scanned and found clean, remembered per rule set in the
// repository's git folder, so a repeated scan (a pre-commit hook, CI on a
// warm checkout) reads only what changed. Only object IDs of clean blobs
// are stored: nothing in the cache says anything about a secret.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../util/atomic-write.ts";
import type { Rule } from "./rules.ts";

const CACHE_VERSION = "1";

/** Identifies a rule set: a change of rules, patterns or the user's own secrets starts a new cache. */
export function rulesetKey(rules: readonly Rule[]): string {
  const h = createHash("sha256").update(CACHE_VERSION);
  for (const r of rules) h.update(`\0${r.id}\0${r.source}\0${r.boundary ?? ""}\0${r.minEntropy ?? ""}`);
  return h.digest("hex").slice(0, 20);
}

function cacheDir(gitDir: string): string {
  return join(gitDir, "kumo");
}

export function loadCleanSet(gitDir: string, key: string): Set<string> {
  try {
    const text = readFileSync(join(cacheDir(gitDir), `secrets-clean-${key}`), "latin1");
    return new Set(text.split("\n").filter((l) => /^[0-9a-f]{40,64}$/.test(l)));
  } catch {
    return new Set();
  }
}

/** Saves the set, dropping caches of other rule sets. */
export function saveCleanSet(gitDir: string, key: string, set: ReadonlySet<string>): void {
  const dir = cacheDir(gitDir);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const n of readdirSync(dir)) {
      if (n.startsWith("secrets-clean-") && n !== `secrets-clean-${key}`) unlinkSync(join(dir, n));
    }
    writeFileAtomic(join(dir, `secrets-clean-${key}`), [...set].join("\n") + "\n");
  } catch {
    // A read-only repository: scans just stay cold.
  }
}
