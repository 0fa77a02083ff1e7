// The INI dialect of ~/.aws/config and ~/.aws/credentials, read the way the
// AWS CLI reads it: Python's configparser.RawConfigParser with its default
// settings, followed by botocore's expansion of indented sub-sections.
//
//   - A line starting with `[` and holding a later `]` starts a section; the
//     name is everything up to the last `]`, spaces included (`[ a ]` is
//     " a "; `[a] # note` is "a").
//   - `key = value` or `key: value`, split at the first `=` or `:`; keys are
//     lower-cased, keys and values stripped of surrounding whitespace.
//   - Lines whose first non-blank character is `#` or `;` are comments.
//     Comments after a value are part of the value.
//   - A line indented deeper than its key line continues the value (joined
//     with "\n"); blank lines inside a value are kept, trailing ones dropped.
//   - A duplicate section, a duplicate key within a section, a line before
//     the first section, or a line that is neither a section nor `key = value`
//     makes the whole file unreadable.
//   - `[DEFAULT]` is not a section of its own: its keys appear in every
//     section that does not set them itself.
//   - A value whose first line is empty (`s3 =` followed by indented lines) is
//     a sub-section: a map of its `key = value` lines (split at `=` only, keys
//     kept as written). A sub-section line without `=` is an error.
//   - The bytes must be valid UTF-8; a byte-order mark is not skipped (so a
//     file that starts with one cannot be read, as with the AWS CLI).
//
// "Whitespace" follows Python's definition (str.isspace), which differs from
// JavaScript's: it includes U+001C..U+001F and U+0085, but not U+FEFF.

import { GeneralError } from "../errors/index.ts";

/** A value in a section: a plain string, or a sub-section of `key = value` lines. */
export type IniValue = string | Record<string, string>;
export type IniSection = Record<string, IniValue>;
/** Section name → section. Objects have no prototype, so any name is safe as a key. */
export type IniDocument = Record<string, IniSection>;

export interface ParseIniOptions {
  /** Expand values that start with a newline into sub-sections (default true). */
  subsections?: boolean;
}

/** The file is not valid in the CLI's dialect. Exit code 255, as the AWS CLI. */
export class ConfigParseError extends GeneralError {
  readonly path: string;
  /** What was wrong, for debugging; not part of the message the CLI prints. */
  readonly detail: string;
  constructor(path: string, detail: string) {
    super(`Unable to parse config file: ${path}`);
    this.name = "ConfigParseError";
    this.path = path;
    this.detail = detail;
  }
}

/** Python's str.isspace() for one UTF-16 code unit. */
function isPyWs(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Python's str.strip() without arguments. */
export function pyStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isPyWs(s.charCodeAt(a))) a++;
  while (b > a && isPyWs(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

export function pyRstrip(s: string): string {
  let b = s.length;
  while (b > 0 && isPyWs(s.charCodeAt(b - 1))) b--;
  return b === s.length ? s : s.slice(0, b);
}

let utf8: InstanceType<typeof TextDecoder> | undefined;

/** Decodes file bytes as strict UTF-8, keeping any byte-order mark. */
export function decodeIniBytes(bytes: Uint8Array, path: string): string {
  utf8 ??= new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ConfigParseError(path, "the file is not valid UTF-8");
  }
}

function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Python's str.splitlines() boundaries, other than "\r" and "\n". */
function isOtherLineBreak(c: number): boolean {
  return c === 0x0b || c === 0x0c || c === 0x1c || c === 0x1d || c === 0x1e || c === 0x85 || c === 0x2028 || c === 0x2029;
}

/**
 * Splits a sub-section value (`"\nk = v\nk2 = v2"`) into its keys. Lines are
 * split as Python's str.splitlines() does, so a vertical tab, form feed,
 * U+001C..U+001E, U+0085, U+2028 or U+2029 inside a value also ends a line.
 */
function parseSubsection(value: string, path: string): Record<string, string> {
  const out = emptyRecord<string>();
  const len = value.length;
  let pos = 0;
  while (pos <= len) {
    let end = pos;
    while (end < len) {
      const c = value.charCodeAt(end);
      if (c === 0x0a || c === 0x0d || (c >= 0x0b && isOtherLineBreak(c))) break;
      end++;
    }
    const line = pyStrip(value.slice(pos, end));
    pos = end + (value.charCodeAt(end) === 0x0d && value.charCodeAt(end + 1) === 0x0a ? 2 : 1);
    if (line === "") continue;
    const eq = line.indexOf("=");
    if (eq < 0) throw new ConfigParseError(path, `sub-section line without "=": ${JSON.stringify(line)}`);
    out[pyStrip(line.slice(0, eq))] = pyStrip(line.slice(eq + 1));
  }
  return out;
}

type RawSection = Map<string, string[]>;

/**
 * Parses the text (or UTF-8 bytes) of a config or credentials file into its
 * sections. `path` is only used in the error message.
 * Throws ConfigParseError (`Unable to parse config file: <path>`).
 */
export function parseIni(text: string | Uint8Array, path: string, options?: ParseIniOptions): IniDocument {
  const source = typeof text === "string" ? text : decodeIniBytes(text, path);
  const sections = new Map<string, RawSection>();
  const defaults: RawSection = new Map();
  const DEFAULT = "DEFAULT";

  let current: RawSection | undefined;
  let currentName = "";
  let key: string | undefined; // the key that continuation lines extend
  let indentLevel = 0;

  // Lines end at "\n", "\r\n" or a lone "\r" (Python's text-mode reading).
  const len = source.length;
  const hasCR = source.includes("\r");
  let pos = 0;
  let n = 0;
  while (pos < len) {
    n++;
    let end: number;
    let next: number;
    if (!hasCR) {
      end = source.indexOf("\n", pos);
      if (end < 0) end = len;
      next = end + 1;
    } else {
      end = pos;
      while (end < len) {
        const c = source.charCodeAt(end);
        if (c === 0x0a || c === 0x0d) break;
        end++;
      }
      next = end + (end + 1 < len && source.charCodeAt(end) === 0x0d && source.charCodeAt(end + 1) === 0x0a ? 2 : 1);
    }
    const lineStart = pos;
    let a = pos;
    let b = end;
    pos = next;
    while (a < b && isPyWs(source.charCodeAt(a))) a++;
    while (b > a && isPyWs(source.charCodeAt(b - 1))) b--;
    const first = a < b ? source.charCodeAt(a) : -1;
    if (first === -1 || first === 0x23 /* # */ || first === 0x3b /* ; */) {
      // A blank line belongs to the value being read; a comment line does not.
      if (first === -1 && current !== undefined && key) current.get(key)!.push("");
      continue;
    }
    const value = source.slice(a, b);
    const indent = a - lineStart;
    if (current !== undefined && key && indent > indentLevel) {
      current.get(key)!.push(value);
      continue;
    }
    indentLevel = indent;

    if (first === 0x5b /* [ */) {
      const close = value.lastIndexOf("]");
      if (close >= 2) {
        const name = value.slice(1, close);
        if (sections.has(name)) {
          throw new ConfigParseError(path, `line ${n}: section ${JSON.stringify(name)} already exists`);
        }
        if (name === DEFAULT) {
          current = defaults;
        } else {
          current = new Map();
          sections.set(name, current);
        }
        currentName = name;
        key = undefined;
        continue;
      }
    }
    if (current === undefined) {
      throw new ConfigParseError(path, `line ${n}: file contains no section headers`);
    }
    let delim = -1;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c === 0x3d /* = */ || c === 0x3a /* : */) {
        delim = i;
        break;
      }
    }
    if (delim < 0) throw new ConfigParseError(path, `line ${n}: not "key = value": ${JSON.stringify(value)}`);
    const rawKey = pyRstrip(value.slice(0, delim));
    if (rawKey === "") throw new ConfigParseError(path, `line ${n}: empty key`);
    const name = rawKey.toLowerCase();
    // Repeated [DEFAULT] headers share one section, so this also catches a
    // key set in two of them.
    if (current.has(name)) {
      throw new ConfigParseError(path, `line ${n}: key ${JSON.stringify(name)} already set in [${currentName}]`);
    }
    current.set(name, [pyStrip(value.slice(delim + 1))]);
    key = name;
  }

  const subsections = options?.subsections ?? true;
  const join = (parts: string[]): string => (parts.length === 1 ? parts[0]! : pyRstrip(parts.join("\n")));
  const finish = (joined: string): IniValue =>
    subsections && joined.charCodeAt(0) === 0x0a ? parseSubsection(joined, path) : joined;

  const doc = emptyRecord<IniSection>();
  for (const [name, raw] of sections) {
    const section = emptyRecord<IniValue>();
    for (const [k, parts] of raw) section[k] = finish(join(parts));
    for (const [k, parts] of defaults) if (!raw.has(k)) section[k] = finish(join(parts));
    doc[name] = section;
  }
  return doc;
}
