// Edits ~/.aws/config and ~/.aws/credentials the way `aws configure set`
// (AWS CLI v2.9) does: the file is edited line by line, so comments, blank
// lines, key order and spacing elsewhere stay as they were, and the result is
// byte for byte what the CLI writes from the same starting file.
//
// The CLI's rules, including the odd ones (scripts and diff-based tooling see
// the same bytes either way):
//   - The section is found by its exact header line, `[name]` with nothing
//     before the `[` (`[profile "a b"]` also matches `profile a b`). Lines
//     whose first non-blank character is `#` or `;` are skipped.
//   - A missing section is appended at the end of the file as `[name]`
//     followed by `key = value` lines, without a blank line first; a `\n` is
//     added first only when the file does not end with one. The rest of the
//     file is left byte for byte as it was (line endings included).
//   - Otherwise the file is rewritten with `\n` line endings. Within the
//     section, a line holding `=` or `:` (after some other character) is a
//     key line, even when commented out or indented. The first key line
//     whose key is being set is replaced by `key = value`; keys not found are
//     inserted after the section's last key line when the next section
//     starts, or, at the end of the file, one line further down (past a
//     trailing blank line or comment, as the CLI does).
//   - A nested value (`s3.max_concurrent_requests`) updates or adds
//     `    key = value` lines under the `s3 =` line; a new sub-section is
//     written as `s3 =` followed by lines indented by four spaces.
// Files are replaced atomically (src/util/atomic-write.ts): a new file is
// created with mode 0600 and missing folders with 0700; an existing file
// keeps its mode, and a symbolic link is written through to its target.

import { readFileSync, realpathSync, statSync } from "node:fs";
import { GeneralError } from "../errors/index.ts";
import { writeFileAtomic } from "../util/atomic-write.ts";
import { pyStrip } from "./ini.ts";

/** A value to write: a plain string, or the `key = value` lines of a sub-section, in order. */
export type ConfigWriteValue = string | ReadonlyArray<readonly [string, string]>;

export interface ConfigUpdate {
  /** The section name as it appears between the brackets (`default`, `profile dev`, `dev`). */
  section: string;
  /** Keys to set, in the order they are written when added. */
  values: ReadonlyArray<readonly [string, ConfigWriteValue]>;
}

/** The file cannot be edited as asked (exit code 255, as the CLI fails). */
export class ConfigWriteError extends GeneralError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ConfigWriteError";
  }
}

/** Python's str.isspace() for one UTF-16 code unit (regular expression `\s` in Python 3). */
function isPySpace(code: number): boolean {
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

function leadingSpace(s: string): number {
  let i = 0;
  while (i < s.length && isPySpace(s.charCodeAt(i))) i++;
  return i;
}

/**
 * The bracketed header at the start of a line (`[name]`, up to the first
 * `]`, with any leading whitespace), or undefined when the line is not a
 * section header.
 */
function headerAt(line: string): string | undefined {
  const open = leadingSpace(line);
  if (line.charCodeAt(open) !== 0x5b /* [ */) return undefined;
  const close = line.indexOf("]", open + 1);
  if (close < open + 2) return undefined;
  return line.slice(0, close + 1);
}

interface KeyLine {
  key: string;
  /** Whitespace before the key. */
  indent: number;
}

/**
 * The key of a line that holds a `=` or `:` after its first other
 * character, as the CLI sees one: everything from that character up to the
 * delimiter, stripped. Comment lines and continuation lines qualify too.
 */
function keyLine(line: string): KeyLine | undefined {
  let start = 0;
  while (start < line.length && (line[start] === "=" || line[start] === ":")) start++;
  if (start >= line.length) return undefined;
  let end = start + 1;
  while (end < line.length && line[end] !== "=" && line[end] !== ":") end++;
  if (end >= line.length) return undefined;
  const option = line.slice(start, end);
  return { key: pyStrip(option), indent: leadingSpace(option) };
}

function isCommentLine(line: string): boolean {
  const s = pyStrip(line);
  return s.startsWith("#") || s.startsWith(";");
}

function headerMatches(header: string, section: string): boolean {
  if (header === `[${section}]`) return true;
  const space = section.indexOf(" ");
  return space >= 0 && header === `[${section.slice(0, space)} "${section.slice(space + 1)}"]`;
}

function findSection(lines: string[], section: string): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isCommentLine(line)) continue;
    const header = headerAt(line);
    if (header !== undefined && headerMatches(header, section)) return i;
  }
  return -1;
}

/** `key = value` lines for the values, each line starting with `indent`. */
function renderValues(values: Iterable<readonly [string, ConfigWriteValue]>, indent: string): string {
  let out = "";
  for (const [key, value] of values) {
    if (typeof value === "string") {
      out += `${indent}${key} = ${value}\n`;
    } else {
      out += `${indent}${key} =\n`;
      for (const [sub, v] of value) out += `${indent}    ${sub} = ${v}\n`;
    }
  }
  return out;
}

/** Python's list.insert: an index past the end appends. */
function insertAt(lines: string[], index: number, text: string): void {
  lines.splice(Math.min(index, lines.length), 0, text);
}

/** Splits text into lines that keep their "\n" (the last one may have none). */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf("\n", pos);
    const end = nl < 0 ? text.length : nl + 1;
    lines.push(text.slice(pos, end));
    pos = end;
  }
  return lines;
}

const BROKEN_SUBSECTION =
  "cannot add to the sub-section: the line after its `key =` line must be an indented `key = value` line";

/**
 * Sets keys of the sub-section whose `key =` line is `lines[at]`: existing
 * lines are replaced in place (keeping their indentation), the rest are added
 * before the first following line that is back at the key's own indentation,
 * or before the next section header, or at the end of the file.
 */
function updateSubsection(lines: string[], at: number, values: Map<string, string>, keyIndent: number): void {
  let indent: number | undefined;
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const found = keyLine(line);
    if (found !== undefined) {
      indent = found.indent;
      const value = values.get(found.key);
      if (value !== undefined) {
        lines[i] = `${" ".repeat(indent)}${found.key} = ${value}\n`;
        values.delete(found.key);
      }
    }
    // The CLI fails here when no key line has been seen yet.
    if (indent === undefined) throw new ConfigWriteError(BROKEN_SUBSECTION);
    if (indent === keyIndent || headerAt(line) !== undefined) {
      insertAt(lines, i, renderValues(values, "    "));
      return;
    }
  }
  if (indent === undefined) throw new ConfigWriteError(BROKEN_SUBSECTION);
  if (indent !== keyIndent) lines.push(renderValues(values, "    "));
}

/**
 * The new contents of a config or credentials file after setting `update`'s
 * values in its section. `current` is the file's text, or undefined when the
 * file does not exist. Throws ConfigWriteError where the AWS CLI fails.
 */
export function updateConfigText(current: string | undefined, update: ConfigUpdate): string {
  const appendSection = (): string => {
    const text = current ?? "";
    const newline = text.length > 0 && !text.endsWith("\n") ? "\n" : "";
    return `${text}${newline}[${update.section}]\n${renderValues(update.values, "")}`;
  };
  if (current === undefined) return appendSection();
  // The CLI reads the file with universal newlines and writes "\n".
  const lines = splitLines(current.replace(/\r\n?/g, "\n"));
  const start = findSection(lines, update.section);
  if (start < 0) return appendSection();

  const pending = new Map<string, ConfigWriteValue>(update.values);
  let lastKeyLine = start;
  for (let j = start + 1; j < lines.length; j++) {
    const line = lines[j]!;
    if (headerAt(line) !== undefined) {
      insertAt(lines, lastKeyLine + 1, renderValues(pending, ""));
      return lines.join("");
    }
    const found = keyLine(line);
    if (found === undefined) continue;
    lastKeyLine = j;
    const value = pending.get(found.key);
    if (value === undefined) continue;
    if (typeof value === "string") {
      lines[j] = `${found.key} = ${value}\n`;
      pending.delete(found.key);
    } else {
      updateSubsection(lines, j, new Map(value), found.indent);
      return lines.join("");
    }
  }
  if (pending.size > 0) {
    if (!lines[lines.length - 1]!.endsWith("\n")) lines.push("\n");
    insertAt(lines, lastKeyLine + 2, renderValues(pending, ""));
  }
  return lines.join("");
}

const ERRNO: Record<string, [number, string]> = {
  ENOENT: [2, "No such file or directory"],
  EACCES: [13, "Permission denied"],
  EPERM: [1, "Operation not permitted"],
  EISDIR: [21, "Is a directory"],
  ENOTDIR: [20, "Not a directory"],
  EROFS: [30, "Read-only file system"],
  ENOSPC: [28, "No space left on device"],
};

/** An OS error worded as Python words one (`[Errno 13] Permission denied: '/path'`). */
function osErrorMessage(e: unknown, path: string): string {
  const code = (e as { code?: string }).code ?? "";
  const known = ERRNO[code];
  const quoted = `'${path.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (known) return `[Errno ${known[0]}] ${known[1]}: ${quoted}`;
  return `${e instanceof Error ? e.message : String(e)}: ${quoted}`;
}

let utf8: InstanceType<typeof TextDecoder> | undefined;

/** Reads a config file as text; undefined when it is not a regular file. */
function readConfigText(path: string): string | undefined {
  let isFile: boolean;
  try {
    isFile = statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    isFile = false;
  }
  if (!isFile) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new ConfigWriteError(osErrorMessage(e, path), { cause: e });
  }
  utf8 ??= new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  try {
    return utf8.decode(bytes);
  } catch (e) {
    throw new ConfigWriteError(`${path} is not valid UTF-8 text`, { cause: e });
  }
}

/**
 * Applies updates, in order, to the file at `path` (already expanded) and
 * writes it back atomically. A missing file is created (0600), with any
 * missing folders (0700). Nothing is written when the result is unchanged and
 * the file exists.
 */
export function updateConfigFile(path: string, updates: ConfigUpdate | readonly ConfigUpdate[]): void {
  if (path === "") throw new ConfigWriteError(osErrorMessage(Object.assign(new Error(), { code: "ENOENT" }), path));
  const list = Array.isArray(updates) ? (updates as readonly ConfigUpdate[]) : [updates as ConfigUpdate];
  let target = path;
  try {
    target = realpathSync(path);
  } catch {
    // not there yet (or a dangling link): write the path as given
  }
  const before = readConfigText(target);
  let text = before;
  for (const u of list) text = updateConfigText(text, u);
  if (text === before || text === undefined) return;
  try {
    writeFileAtomic(target, text, { mode: 0o600, dirMode: 0o700 });
  } catch (e) {
    throw new ConfigWriteError(osErrorMessage(e, target), { cause: e });
  }
}
