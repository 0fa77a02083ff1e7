// Checks on the profiles themselves: long-lived keys kept in plaintext
// files, profiles that mix keys with roles or SSO, and credential_process
// commands that are relative or that others could replace.
import { statSync } from "node:fs";
import { delimiter, dirname, isAbsolute, join } from "node:path";
import { shellSplit, type ConfigFiles } from "../config/files.ts";
import { maskSecret } from "../secrets/mask.ts";
import { octal, result, type CheckItem, type CheckResult } from "./types.ts";

type Profiles = ConfigFiles["profiles"];

function str(p: Profiles[string], k: string): string | undefined {
  const v = p[k];
  return typeof v === "string" && v.trim() ? v.trim() : undefined;
}

export interface StaticKey {
  profile: string;
  accessKeyId: string;
  secretAccessKey: string;
  file: string;
}

/** Long-lived keys (AKIA…) written in the config or credentials file. */
export function staticKeys(files: Pick<ConfigFiles, "profiles" | "sources" | "configPath" | "credentialsPath">): StaticKey[] {
  const out: StaticKey[] = [];
  for (const [name, p] of Object.entries(files.profiles)) {
    const id = str(p, "aws_access_key_id");
    const secret = str(p, "aws_secret_access_key");
    if (!id || !secret || str(p, "aws_session_token")) continue;
    const src = files.sources[name]?.aws_access_key_id;
    out.push({ profile: name, accessKeyId: id, secretAccessKey: secret, file: src === "config-file" ? files.configPath : files.credentialsPath });
  }
  return out;
}

export interface KeyAge {
  created?: Date;
  error?: string;
}

export const MAX_KEY_AGE_DAYS = 90;

export function checkStaticKeys(keys: StaticKey[], ages: Map<string, KeyAge>, now: Date, display: (p: string) => string): CheckResult {
  const items: CheckItem[] = keys.map((k) => {
    const age = ages.get(k.accessKeyId);
    let when = "";
    if (age?.created) {
      const days = Math.floor((now.getTime() - age.created.getTime()) / 86_400_000);
      when = `, created ${age.created.toISOString().slice(0, 10)} (${days} days ago${days > MAX_KEY_AGE_DAYS ? `, older than ${MAX_KEY_AGE_DAYS} days: rotate it` : ""})`;
    } else if (age?.error) when = `, age unknown (${age.error})`;
    return {
      message: `profile "${k.profile}" keeps long-lived key ${maskSecret(k.accessKeyId)} in plaintext in ${display(k.file)}${when}; move it into the kumo vault or use SSO`,
      attention: true,
      path: k.file,
    };
  });
  return result("static-keys", "Long-lived access keys in plaintext files", items);
}

const ROLE_KEYS = ["role_arn", "sso_start_url", "sso_session", "sso_account_id", "credential_process", "web_identity_token_file"];

export function checkMixedProfiles(profiles: Profiles): CheckResult {
  const items: CheckItem[] = [];
  for (const [name, p] of Object.entries(profiles)) {
    if (!str(p, "aws_access_key_id")) continue;
    const other = ROLE_KEYS.filter((k) => str(p, k));
    if (other.length) {
      items.push({
        message: `profile "${name}" has static keys and ${other.join(", ")}: only one is used, and which one surprises people; move the keys to their own profile and name it in source_profile`,
        attention: true,
      });
    }
  }
  return result("mixed-profiles", "Profiles mixing static keys with roles or SSO", items);
}

function worldWritable(path: string): number | undefined {
  try {
    const mode = statSync(path).mode;
    return mode & 0o002 ? mode & 0o7777 : undefined;
  } catch {
    return undefined;
  }
}

/** Where a command name resolves on PATH. */
export function whichAll(name: string, pathEnv: string | undefined, cwd: string): string[] {
  const out: string[] = [];
  for (const dir of (pathEnv ?? "").split(delimiter)) {
    const d = dir === "" ? cwd : isAbsolute(dir) ? dir : join(cwd, dir);
    const p = join(d, name);
    try {
      const st = statSync(p);
      if (st.isFile() && st.mode & 0o111) out.push(p);
    } catch {
      // not here
    }
  }
  return out;
}

export function checkCredentialProcess(profiles: Profiles, env: Record<string, string | undefined>, home: string, cwd: string): CheckResult {
  const items: CheckItem[] = [];
  for (const [name, p] of Object.entries(profiles)) {
    const cmd = str(p, "credential_process");
    if (!cmd) continue;
    const words = shellSplit(cmd);
    const first = words?.[0];
    if (!first) continue;
    let target: string | undefined;
    const expanded = first.startsWith("~/") ? join(home, first.slice(2)) : first;
    if (isAbsolute(expanded)) target = expanded;
    else if (expanded.includes("/")) {
      items.push({
        message: `profile "${name}": credential_process runs "${first}", a path relative to whatever folder you are in; give its absolute path`,
        attention: true,
      });
      continue;
    } else {
      target = whichAll(expanded, env.PATH, cwd)[0];
      if (!target) {
        items.push({ message: `profile "${name}": credential_process runs "${first}", which is not on PATH`, attention: true });
        continue;
      }
    }
    const mode = worldWritable(target);
    if (mode !== undefined) {
      items.push({
        message: `profile "${name}": credential_process target ${target} can be changed by anyone (mode ${octal(mode)})`,
        attention: true,
        path: target,
        fix: { kind: "chmod", path: target, from: mode, to: mode & ~0o022 },
      });
    }
    const dir = dirname(target);
    try {
      const dmode = statSync(dir).mode;
      if (dmode & 0o002 && !(dmode & 0o1000)) {
        items.push({
          message: `profile "${name}": credential_process target sits in ${dir}, a folder anyone can write to (mode ${octal(dmode)}); anyone can replace it`,
          attention: true,
        });
      }
    } catch {
      // folder vanished
    }
  }
  return result("credential-process", "credential_process commands", items);
}
