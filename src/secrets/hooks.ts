// Git hooks that run `kumo secrets` before a commit is recorded, as
// git-secrets installs them: pre-commit scans what is staged, commit-msg
// scans the message, prepare-commit-msg scans the commits a merge brings in.
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const HOOKS = ["commit-msg", "pre-commit", "prepare-commit-msg"] as const;
export type HookName = (typeof HOOKS)[number];

/** The marker line that identifies hooks written by kumo. */
export const HOOK_MARKER = "# Installed by kumo secrets install-hooks";

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The hook script. It runs `kumo` from PATH when there is one, otherwise the
 * kumo that installed the hook (`fallback`: the node binary and the script).
 */
export function hookScript(hook: HookName, fallback: string[]): string {
  const call = `secrets hook ${hook} -- "$@"`;
  return [
    "#!/bin/sh",
    HOOK_MARKER,
    "if command -v kumo >/dev/null 2>&1; then",
    `  exec kumo ${call}`,
    "fi",
    `exec ${fallback.map(shellQuote).join(" ")} ${call}`,
    "",
  ].join("\n");
}

export interface InstallResult {
  hook: HookName;
  path: string;
  status: "installed" | "replaced" | "exists";
}

/** Where each hook goes in a hooks folder: `<hook>.d/kumo-secrets` when that folder exists (hook managers), else `<hook>`. */
export function hookPath(hooksDir: string, hook: HookName): string {
  const d = join(hooksDir, `${hook}.d`);
  try {
    if (statSync(d).isDirectory()) return join(d, "kumo-secrets");
  } catch {
    // no such folder
  }
  return join(hooksDir, hook);
}

/** Writes the three hooks into `hooksDir`. An existing hook not written by kumo is kept unless `force`. */
export function installHooks(hooksDir: string, fallback: string[], force: boolean): InstallResult[] {
  mkdirSync(hooksDir, { recursive: true });
  const out: InstallResult[] = [];
  for (const hook of HOOKS) {
    const path = hookPath(hooksDir, hook);
    let status: InstallResult["status"] = "installed";
    if (existsSync(path)) {
      const ours = readFileSync(path, "utf8").includes(HOOK_MARKER);
      if (!ours && !force) {
        out.push({ hook, path, status: "exists" });
        continue;
      }
      status = "replaced";
    }
    writeFileSync(path, hookScript(hook, fallback), { mode: 0o755 });
    chmodSync(path, 0o755);
    out.push({ hook, path, status });
  }
  return out;
}
