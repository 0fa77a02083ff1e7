// ~/.aws should be readable by its owner only: the folder (and folders in
// it, such as the CLI and SSO caches) 700, every file 600. The same goes for
// the folder of kumo's vault file.
import { lstatSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { octal, result, type CheckItem, type CheckResult } from "./types.ts";

function visit(path: string, items: CheckItem[], display: (p: string) => string, depth: number): void {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return;
  }
  if (st.isSymbolicLink()) return;
  const mode = st.mode & 0o777;
  if (st.isDirectory()) {
    if (mode & 0o077) {
      items.push({
        message: `${display(path)} is a folder others can use (mode ${octal(mode)}, want 700)`,
        attention: true,
        path,
        fix: { kind: "chmod", path, from: mode, to: 0o700 },
      });
    }
    if (depth > 8) return;
    let names: string[] = [];
    try {
      names = readdirSync(path);
    } catch {
      return;
    }
    for (const n of names.sort()) visit(join(path, n), items, display, depth + 1);
  } else if (st.isFile() && mode & 0o077) {
    items.push({
      message: `${display(path)} is readable or writable by others (mode ${octal(mode)}, want 600)`,
      attention: true,
      path,
      fix: { kind: "chmod", path, from: mode, to: fileFixMode(mode) },
    });
  }
}

export function checkPermissions(opts: { home: string; configPath: string; credentialsPath: string; extraFolders?: string[] }): CheckResult {
  const aws = join(opts.home, ".aws");
  const display = (p: string) => (p.startsWith(opts.home + "/") ? "~" + p.slice(opts.home.length) : p);
  const items: CheckItem[] = [];
  visit(aws, items, display, 0);
  // Config and credentials files kept elsewhere (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE).
  for (const f of [opts.configPath, opts.credentialsPath]) {
    if (!f.startsWith(aws + "/") && dirname(f) !== aws) visit(f, items, display, 9);
  }
  // kumo's own secrets (the vault file's folder) get the same treatment.
  for (const d of opts.extraFolders ?? []) visit(d, items, display, 0);
  return result("permissions", "Permissions of ~/.aws and its files", items);
}

/** Keeps the owner's execute bit on files that had it (a credential_process script kept under ~/.aws). */
export function fileFixMode(mode: number): number {
  return (mode & 0o100) | 0o600;
}
