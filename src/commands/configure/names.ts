// How `configure get` and `configure set` read a variable name
// (`region`, `default.region`, `profile.dev.region`, `dev.region`,
// `s3.max_concurrent_requests`, `plugins.name`), with the AWS CLI's rules.
//
// One quirk is kept on purpose: the CLI tests a name against its predefined
// sections with a substring test on the word "plugins", so `plugins`, but
// also `p`, `in` or an empty name, count as predefined sections.
import { GeneralError } from "../../errors/index.ts";
import type { ProfileMap } from "../../config/files.ts";
import type { IniValue } from "../../config/ini.ts";
import type { ConfigWriteValue } from "../../config/writer.ts";
import { shellQuote } from "../../util/shell-quote.ts";

/** Keys that `configure set` writes to the credentials file instead of the config file. */
export const CREDENTIAL_FILE_KEYS: readonly string[] = ["aws_access_key_id", "aws_secret_access_key", "aws_session_token"];

/** True for the names the CLI treats as predefined sections (see above). */
export function isPredefinedSection(name: string): boolean {
  return "plugins".includes(name);
}

/** Python's IndexError text, which the CLI prints when a dotted name lacks a part. */
const INDEX_ERROR = "list index out of range";

function part(parts: readonly string[], i: number): string {
  const p = parts[i];
  if (p === undefined) throw new GeneralError(INDEX_ERROR);
  return p;
}


/** The config-file section of a profile: `default`, or `profile NAME` (quoted when NAME holds a space or tab). */
export function profileSection(profile: string): string {
  if (profile === "default") return profile;
  return `profile ${/[ \t]/.test(profile) ? shellQuote(profile) : profile}`;
}

export interface SetTarget {
  file: "config" | "credentials";
  section: string;
  key: string;
  value: ConfigWriteValue;
}

/**
 * Where `configure set VARNAME VALUE` writes. `sessionProfile` is the profile
 * chosen by --profile or the environment, undefined when none was chosen.
 */
export function setTarget(varname: string, value: string, sessionProfile: string | undefined): SetTarget {
  let profile = "default";
  let key = varname;
  let written: ConfigWriteValue = value;
  if (!varname.includes(".")) {
    if (sessionProfile !== undefined) profile = sessionProfile;
  } else {
    const parts = varname.split(".");
    const first = parts[0]!;
    if (first === "default" || first === "profile") {
      let remaining: string[];
      if (first === "default") {
        remaining = parts.slice(1);
      } else {
        profile = part(parts, 1);
        remaining = parts.slice(2);
      }
      key = part(remaining, 0);
      if (remaining.length === 2) written = [[remaining[1]!, value]];
    } else if (!isPredefinedSection(first)) {
      if (sessionProfile !== undefined) profile = sessionProfile;
      key = first;
      if (parts.length === 2) written = [[parts[1]!, value]];
    } else if (parts.length === 2) {
      profile = first;
      key = parts[1]!;
    }
  }
  if (CREDENTIAL_FILE_KEYS.includes(key)) return { file: "credentials", section: profile, key, value: written };
  const section = isPredefinedSection(profile) || profile === "default" ? profile : profileSection(profile);
  return { file: "config", section, key, value: written };
}

/** What the config files hold for `configure get`: the profiles and the other sections of the config file. */
export interface ConfigView {
  profiles: ProfileMap["profiles"];
  sections: ProfileMap["sections"];
}

/**
 * The value `configure get VARNAME` prints for a dotted name, or undefined
 * when it is not set. `sessionProfile` is the profile chosen by --profile or
 * the environment. (A name without a dot is looked up in the selected
 * profile by the caller, which must first check that the profile exists.)
 */
export function dottedValue(varname: string, config: ConfigView, sessionProfile: string | undefined): IniValue | undefined {
  const parts = varname.split(".");
  const get = (section: Record<string, IniValue> | undefined, key: string): IniValue | undefined =>
    section !== undefined && Object.hasOwn(section, key) ? section[key] : undefined;

  if (parts.length === 2 && isPredefinedSection(parts[0]!)) {
    const [section, name] = parts as [string, string];
    return get(config.sections[section], name) ?? get(config.profiles[section], name);
  }
  let profile: string;
  let name: string;
  let remaining: string[];
  if (parts[0] === "profile") {
    profile = part(parts, 1);
    name = part(parts, 2);
    remaining = parts.slice(3);
  } else if (parts[0] === "default" || Object.hasOwn(config.profiles, parts[0]!)) {
    profile = parts[0]!;
    name = part(parts, 1);
    remaining = parts.slice(2);
  } else {
    profile = sessionProfile ?? "default";
    name = parts[0]!;
    remaining = parts.slice(1);
  }
  let value = get(config.profiles[profile], name);
  if (remaining.length === 1) value = value !== undefined && typeof value !== "string" ? get(value, remaining[0]!) : undefined;
  return value;
}
