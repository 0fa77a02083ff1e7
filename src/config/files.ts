// Loads ~/.aws/config and ~/.aws/credentials into profiles, sso-sessions,
// services sections and the remaining sections, with the AWS CLI's rules:
//
//   config file       [default]             → profile "default"
//                     [profile NAME]        → profile NAME
//                     [sso-session NAME]    → sso-session NAME
//                     [services NAME]       → services section NAME
//                     anything else         → a plain section (not a profile)
//   credentials file  [NAME]                → profile NAME, its keys set over
//                                             the config file's profile NAME
//
// The name of a profile, sso-session or services section is the second word
// of the header split with shell quoting rules (`[profile "my profile"]` is
// "my profile"); a header that does not split into exactly two words is
// dropped. Like botocore, only the start of the header is checked, so
// `[profile]` and `[profilex]` are dropped, and `[profiles x]` is profile x.
// When two headers give the same name, the later one replaces the earlier.

import { readFileSync, statSync, type Stats } from "node:fs";
import { userInfo } from "node:os";
import { parseIni, type IniDocument, type IniSection } from "./ini.ts";

export type Profile = IniSection;
export type ValueSource = "config-file" | "credentials-file";

export interface ProfileMap {
  profiles: Record<string, Profile>;
  ssoSessions: Record<string, Record<string, string>>;
  /** Services section name → service id (lower-case, `_` for spaces) → settings. */
  services: Record<string, Record<string, Record<string, string>>>;
  /** Config-file sections that are none of the above (e.g. `[plugins]`), by header. */
  sections: Record<string, IniSection>;
}

export interface ConfigFiles extends ProfileMap {
  /** The config file's path after `~` and `$VAR` expansion (used in messages). */
  configPath: string;
  credentialsPath: string;
  /** Which file each profile key was read from. */
  sources: Record<string, Record<string, ValueSource>>;
}

export interface ConfigFileEnv {
  env: Record<string, string | undefined>;
  /** The user's home directory, used for `~`. */
  home: string;
}

function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

const SHELL_WS = " \t\r\n";

/**
 * Splits a section header into words with POSIX shell quoting (Python's
 * shlex.split): quotes group and are removed, `\` escapes outside single
 * quotes. Returns undefined for an unterminated quote or a trailing `\`.
 */
/** Python's shlex error for a line shellSplit cannot split: a trailing `\`, else an open quote. */
export function shellSplitError(line: string): string {
  return /\\*$/.exec(line)![0].length % 2 === 1 ? "No escaped character" : "No closing quotation";
}

export function shellSplit(s: string): string[] | undefined {
  const words: string[] = [];
  const n = s.length;
  let i = 0;
  for (;;) {
    while (i < n && SHELL_WS.includes(s[i]!)) i++;
    if (i >= n) return words;
    let word = "";
    while (i < n && !SHELL_WS.includes(s[i]!)) {
      const c = s[i]!;
      if (c === "'") {
        const end = s.indexOf("'", i + 1);
        if (end < 0) return undefined;
        word += s.slice(i + 1, end);
        i = end + 1;
      } else if (c === '"') {
        i++;
        for (;;) {
          if (i >= n) return undefined;
          const d = s[i]!;
          if (d === '"') {
            i++;
            break;
          }
          if (d === "\\") {
            if (i + 1 >= n) return undefined;
            const e = s[i + 1]!;
            // Inside double quotes only `"` and `\` can be escaped.
            word += e === '"' || e === "\\" ? e : d + e;
            i += 2;
          } else {
            word += d;
            i++;
          }
        }
      } else if (c === "\\") {
        if (i + 1 >= n) return undefined;
        word += s[i + 1]!;
        i += 2;
      } else {
        word += c;
        i++;
      }
    }
    words.push(word);
  }
}

function sectionName(header: string): string | undefined {
  const words = shellSplit(header);
  return words !== undefined && words.length === 2 ? words[1] : undefined;
}

function stringsOnly(section: IniSection): Record<string, string> {
  const out = emptyRecord<string>();
  for (const k in section) {
    const v = section[k];
    if (typeof v === "string") out[k] = v;
  }
  return out;
}

function subsectionsOnly(section: IniSection): Record<string, Record<string, string>> {
  const out = emptyRecord<Record<string, string>>();
  for (const k in section) {
    const v = section[k];
    if (typeof v !== "string" && v !== undefined) out[k] = v;
  }
  return out;
}

/** Sorts the sections of a parsed config file into profiles, sso-sessions, services and the rest. */
export function buildProfileMap(doc: IniDocument): ProfileMap {
  const map: ProfileMap = {
    profiles: emptyRecord(),
    ssoSessions: emptyRecord(),
    services: emptyRecord(),
    sections: emptyRecord(),
  };
  for (const header in doc) {
    const section = doc[header]!;
    if (header.startsWith("profile")) {
      const name = sectionName(header);
      if (name !== undefined) map.profiles[name] = section;
    } else if (header.startsWith("sso-session")) {
      const name = sectionName(header);
      if (name !== undefined) map.ssoSessions[name] = stringsOnly(section);
    } else if (header.startsWith("services")) {
      const name = sectionName(header);
      if (name !== undefined) map.services[name] = subsectionsOnly(section);
    } else if (header === "default") {
      map.profiles.default = section;
    } else if (header !== "sso_sessions") {
      // (botocore keeps the sso-sessions under that key, hiding such a section)
      map.sections[header] = section;
    }
  }
  return map;
}

let passwd: Map<string, string> | undefined;

function homeOfUser(name: string): string | undefined {
  try {
    const me = userInfo();
    if (me.username === name) return me.homedir;
  } catch {
    // no entry for the current user; fall through to the password file
  }
  if (passwd === undefined) {
    passwd = new Map();
    try {
      for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
        const f = line.split(":");
        if (f.length >= 7 && !passwd.has(f[0]!)) passwd.set(f[0]!, f[5]!);
      }
    } catch {
      // no password file: `~name` stays as written
    }
  }
  return passwd.get(name);
}

/**
 * Expands a configured file path like Python's os.path.expandvars then
 * os.path.expanduser: `$NAME` and `${NAME}` from `env` (unknown ones are left
 * as written), then a leading `~` (the home directory) or `~user`.
 */
export function expandPath(path: string, env: Record<string, string | undefined>, home: string): string {
  let out = path;
  if (out.includes("$")) {
    out = out.replace(/\$(\w+|\{[^}]*\})/g, (whole, ref: string) => {
      const name = ref.startsWith("{") && ref.endsWith("}") ? ref.slice(1, -1) : ref;
      const value = Object.hasOwn(env, name) ? env[name] : undefined;
      return value ?? whole;
    });
  }
  if (!out.startsWith("~")) return out;
  let slash = out.indexOf("/", 1);
  if (slash < 0) slash = out.length;
  const userHome = slash === 1 ? home : homeOfUser(out.slice(1, slash));
  if (userHome === undefined) return out;
  return userHome.replace(/\/+$/, "") + out.slice(slash) || "/";
}

/** The config and credentials file paths: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE or the defaults, expanded. */
export function configFilePaths(opts: ConfigFileEnv): { configPath: string; credentialsPath: string } {
  const { env, home } = opts;
  // Set but empty means no file, not the default.
  const config = env.AWS_CONFIG_FILE ?? "~/.aws/config";
  const credentials = env.AWS_SHARED_CREDENTIALS_FILE ?? "~/.aws/credentials";
  return { configPath: expandPath(config, env, home), credentialsPath: expandPath(credentials, env, home) };
}

/**
 * Reads and parses one file. Undefined when it is not a regular file (missing,
 * a directory...). A file that exists but cannot be read counts as empty, as
 * with the AWS CLI. Throws ConfigParseError for invalid contents.
 */
export function readIniFile(path: string): IniDocument | undefined {
  let st: Stats | undefined;
  try {
    st = statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (st === undefined || !st.isFile()) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    return Object.create(null) as IniDocument;
  }
  return parseIni(bytes, path);
}

/** Loads the config and credentials files named by the environment (or the defaults under `home`). */
export function loadConfigFiles(opts: ConfigFileEnv): ConfigFiles {
  const { configPath, credentialsPath } = configFilePaths(opts);
  return loadConfigFilesFromPaths(configPath, credentialsPath);
}

/** Loads a config file and a credentials file from already-expanded paths; either may be missing. */
export function loadConfigFilesFromPaths(configPath: string, credentialsPath: string): ConfigFiles {
  const configDoc = readIniFile(configPath);
  const map = configDoc === undefined ? buildProfileMap(emptyRecord()) : buildProfileMap(configDoc);
  const sources = emptyRecord<Record<string, ValueSource>>();
  for (const name in map.profiles) {
    const from = emptyRecord<ValueSource>();
    for (const key in map.profiles[name]) from[key] = "config-file";
    sources[name] = from;
  }

  const credentialsDoc = readIniFile(credentialsPath);
  if (credentialsDoc !== undefined) {
    for (const name in credentialsDoc) {
      const values = credentialsDoc[name]!;
      const profile = map.profiles[name];
      if (profile === undefined) {
        map.profiles[name] = values;
        sources[name] = emptyRecord();
      } else {
        Object.assign(profile, values);
      }
      const from = sources[name]!;
      for (const key in values) from[key] = "credentials-file";
    }
  }
  return { ...map, configPath, credentialsPath, sources };
}

/**
 * Loads several config files in order of precedence, as botocore's
 * multi_file_load_config: a missing file is skipped; a profile, or a plain
 * section, comes whole from the first file that has it (values are not
 * merged); the sso-sessions and services come whole from the first file that
 * exists.
 */
export function loadMultipleConfigFiles(paths: readonly string[]): ProfileMap {
  const out: ProfileMap = {
    profiles: emptyRecord(),
    ssoSessions: emptyRecord(),
    services: emptyRecord(),
    sections: emptyRecord(),
  };
  let first = true;
  for (const path of paths) {
    const doc = readIniFile(path);
    if (doc === undefined) continue;
    const map = buildProfileMap(doc);
    if (first) {
      out.ssoSessions = map.ssoSessions;
      out.services = map.services;
      first = false;
    }
    for (const name in map.profiles) if (!(name in out.profiles)) out.profiles[name] = map.profiles[name]!;
    for (const name in map.sections) if (!(name in out.sections)) out.sections[name] = map.sections[name]!;
  }
  return out;
}
