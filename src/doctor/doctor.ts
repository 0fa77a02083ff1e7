// Runs every doctor check, applies the repairs --fix asks for (exactly the
// ones reported), and renders the checklist or JSON.
import { chmodSync } from "node:fs";
import { checkAwsOnPath } from "./aws-on-path.ts";
import { checkClock, type FetchDate } from "./clock.ts";
import { checkPermissions } from "./permissions.ts";
import { checkCredentialProcess, checkMixedProfiles, checkStaticKeys, staticKeys, type KeyAge, type StaticKey } from "./profiles.ts";
import { checkSsoSessions } from "./sso.ts";
import { octal, result, type CheckResult } from "./types.ts";
import type { ConfigFiles } from "../config/files.ts";

export interface DoctorInput {
  home: string;
  cwd: string;
  env: Record<string, string | undefined>;
  files: ConfigFiles;
  now: () => Date;
  /** The STS endpoint for the clock check; undefined skips it. */
  clockEndpoint?: string | undefined;
  fetchDate?: FetchDate;
  /** Looks up the creation date of a long-lived key through IAM; undefined skips it. */
  keyAge?: ((key: StaticKey) => Promise<KeyAge>) | undefined;
  /** More folders whose modes must be 700/600 (the vault's). */
  extraFolders?: string[];
}

export async function runChecks(input: DoctorInput): Promise<CheckResult[]> {
  const display = (p: string) => (p.startsWith(input.home + "/") ? "~" + p.slice(input.home.length) : p);
  const keys = staticKeys(input.files);
  const ages = new Map<string, KeyAge>();
  if (input.keyAge) {
    for (const k of keys) if (!ages.has(k.accessKeyId)) ages.set(k.accessKeyId, await input.keyAge(k));
  }
  const checks: CheckResult[] = [
    checkPermissions({
      home: input.home,
      configPath: input.files.configPath,
      credentialsPath: input.files.credentialsPath,
      extraFolders: input.extraFolders ?? [],
    }),
    checkStaticKeys(keys, ages, input.now(), display),
    checkMixedProfiles(input.files.profiles),
    checkCredentialProcess(input.files.profiles, input.env, input.home, input.cwd),
    checkSsoSessions(input.home, input.now()),
    input.clockEndpoint
      ? await checkClock(input.clockEndpoint, input.now, input.fetchDate)
      : result("clock-skew", "Clock skew against AWS", [], "offline"),
    checkAwsOnPath(input.env.PATH, input.cwd),
  ];
  return checks;
}

/** Makes the repairs the checks reported; each item records whether it worked. */
export function applyFixes(checks: CheckResult[]): number {
  let n = 0;
  for (const c of checks) {
    for (const item of c.items) {
      if (!item.fix) continue;
      try {
        chmodSync(item.fix.path, item.fix.to);
        item.fixed = true;
        n++;
      } catch (e) {
        item.fixed = false;
        item.fixError = (e as Error).message;
      }
    }
  }
  return n;
}

/** Items still needing attention (repaired ones no longer count). */
export function attentionCount(checks: CheckResult[]): number {
  return checks.reduce((n, c) => n + c.items.filter((i) => i.attention && !i.fixed).length, 0);
}

export function renderChecklist(checks: CheckResult[], fixing: boolean): string {
  const lines: string[] = [];
  for (const c of checks) {
    const open = c.items.filter((i) => i.attention && !i.fixed).length;
    const mark = c.status === "skipped" ? "[skip]" : open > 0 ? "[!!]  " : "[ok]  ";
    lines.push(`${mark} ${c.title}${c.status === "skipped" ? ` (${c.reason})` : ""}`);
    for (const i of c.items) {
      let tail = "";
      if (i.fix && i.fixed) tail = `  -> fixed: mode ${octal(i.fix.to)}`;
      else if (i.fix && i.fixed === false) tail = `  -> could not fix: ${i.fixError}`;
      else if (i.fix && !fixing) tail = "  [fixable]";
      lines.push(`       ${i.attention ? "-" : " "} ${i.message}${tail}`);
    }
  }
  const open = attentionCount(checks);
  const fixable = checks.reduce((n, c) => n + c.items.filter((i) => i.fix && !i.fixed).length, 0);
  const fixed = checks.reduce((n, c) => n + c.items.filter((i) => i.fixed).length, 0);
  lines.push("");
  if (fixed) lines.push(`Fixed ${fixed} item${fixed === 1 ? "" : "s"}.`);
  if (open === 0) lines.push("Nothing needs attention.");
  else {
    lines.push(
      `${open} item${open === 1 ? " needs" : "s need"} attention${!fixing && fixable ? `; ${fixable} can be repaired with: kumo doctor --fix` : ""}.`,
    );
  }
  return lines.join("\n") + "\n";
}

export function renderJson(checks: CheckResult[]): string {
  const doc = {
    checks: checks.map((c) => ({
      id: c.id,
      title: c.title,
      status: c.status === "attention" && c.items.every((i) => !i.attention || i.fixed) ? "ok" : c.status,
      ...(c.reason ? { reason: c.reason } : {}),
      items: c.items.map((i) => ({
        message: i.message,
        attention: i.attention,
        ...(i.path ? { path: i.path } : {}),
        fixable: i.fix !== undefined,
        ...(i.fix ? { fix: { mode: octal(i.fix.to), from: octal(i.fix.from) } } : {}),
        ...(i.fixed !== undefined ? { fixed: i.fixed } : {}),
      })),
    })),
    attention: attentionCount(checks),
  };
  return JSON.stringify(doc, null, 2) + "\n";
}
