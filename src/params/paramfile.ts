// `file://` and `fileb://` parameter values: the value is replaced by the
// file's text (file://) or bytes (fileb://), as AWS CLI v2 does. The path
// gets `~` and then `$VAR` / `${VAR}` expansion and is opened relative to the
// working directory. Text is decoded strictly (UTF-8 unless
// AWS_CLI_FILE_ENCODING says otherwise) with universal newlines.
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { resolve } from "node:path";
import { TextDecoder } from "node:util";
import { GeneralError, ParamError } from "../errors/index.ts";
import { pyStrRepr } from "./python-values.ts";

export interface ParamFileOptions {
  /** Directory relative paths are opened from. */
  cwd: string;
  env: Record<string, string | undefined>;
  /** Home directory for `~` when HOME is not set in `env`. */
  home: string;
  /** The option as typed (`--filters`), for the `Error parsing parameter '--filters': ...` prefix. */
  paramName?: string;
}

/** Thrown when a paramfile cannot be read or decoded (exit code 252). */
export class ParamFileError extends ParamError {
  /** The message without the `Error parsing parameter` prefix. */
  readonly detail: string;
  constructor(detail: string, paramName?: string) {
    super(paramName === undefined ? detail : `Error parsing parameter '${paramName}': ${detail}`);
    this.detail = detail;
  }
}

const PREFIXES = ["file://", "fileb://"] as const;

/** True when the value names a paramfile (`file://` or `fileb://`). */
export function isParamFile(value: string): boolean {
  return PREFIXES.some((p) => value.startsWith(p));
}

/**
 * The value the CLI would use for `value`: the file's text for `file://`,
 * its bytes for `fileb://`, the value itself otherwise.
 */
export function resolveParamFile(value: string, opts: ParamFileOptions): string | Uint8Array {
  const binary = value.startsWith("fileb://");
  if (!binary && !value.startsWith("file://")) return value;
  const rest = value.slice(binary ? "fileb://".length : "file://".length);
  const filePath = expandVars(expandUser(rest, opts), opts.env);
  let data: Buffer;
  try {
    // open('') fails with ENOENT in Python; resolve() would turn it into the cwd.
    if (filePath === "") throw Object.assign(new Error("empty path"), { code: "ENOENT" });
    data = readFileSync(resolve(opts.cwd, filePath));
  } catch (e) {
    throw new ParamFileError(`Unable to load paramfile ${value}: ${osErrorText(e, filePath)}`, opts.paramName);
  }
  if (binary) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const text = decodeText(data, opts.env.AWS_CLI_FILE_ENCODING);
  if (text === undefined) {
    throw new ParamFileError(
      `Unable to load paramfile (${filePath}), text contents could not be decoded.  If this is a binary file, ` +
        `please use the fileb:// prefix instead of the file:// prefix.`,
      opts.paramName,
    );
  }
  return universalNewlines(text);
}

/** Python's os.path.expanduser: `~` and `~/...` (and `~name` for the current user). */
export function expandUser(path: string, opts: { env: Record<string, string | undefined>; home: string }): string {
  if (!path.startsWith("~")) return path;
  let i = path.indexOf("/", 1);
  if (i < 0) i = path.length;
  let home: string;
  if (i === 1) {
    home = opts.env.HOME !== undefined ? opts.env.HOME : opts.home;
  } else {
    const name = path.slice(1, i);
    let me: { username: string; homedir: string } | undefined;
    try {
      me = userInfo();
    } catch {
      me = undefined;
    }
    if (!me || name !== me.username) return path;
    home = me.homedir;
  }
  home = home.replace(/\/+$/, "");
  return home + path.slice(i) || "/";
}

/** Python's os.path.expandvars: `$NAME` and `${NAME}` when set, anything else left as is. */
export function expandVars(path: string, env: Record<string, string | undefined>): string {
  if (!path.includes("$")) return path;
  const re = /\$([A-Za-z0-9_]+|\{[^}]*\})/g;
  let i = 0;
  for (;;) {
    re.lastIndex = i;
    const m = re.exec(path);
    if (!m) break;
    let name = m[1]!;
    if (name.startsWith("{") && name.endsWith("}")) name = name.slice(1, -1);
    const value = Object.prototype.hasOwnProperty.call(env, name) ? env[name] : undefined;
    if (value === undefined) {
      i = m.index + m[0].length;
      continue;
    }
    const tail = path.slice(m.index + m[0].length);
    path = path.slice(0, m.index) + value;
    i = path.length;
    path += tail;
  }
  return path;
}

// Linux errno numbers and strerror texts for the failures opening a file can produce.
const ERRNO: Record<string, [number, string]> = {
  EPERM: [1, "Operation not permitted"],
  ENOENT: [2, "No such file or directory"],
  EIO: [5, "Input/output error"],
  ENXIO: [6, "No such device or address"],
  EACCES: [13, "Permission denied"],
  EBUSY: [16, "Device or resource busy"],
  ENODEV: [19, "No such device"],
  ENOTDIR: [20, "Not a directory"],
  EISDIR: [21, "Is a directory"],
  EINVAL: [22, "Invalid argument"],
  EMFILE: [24, "Too many open files"],
  EFBIG: [27, "File too large"],
  ENAMETOOLONG: [36, "File name too long"],
  ELOOP: [40, "Too many levels of symbolic links"],
};

function osErrorText(e: unknown, filePath: string): string {
  const code = (e as { code?: string }).code ?? "";
  const known = ERRNO[code];
  if (known) return `[Errno ${known[0]}] ${known[1]}: ${pyStrRepr(filePath)}`;
  return `${(e as Error).message ?? String(e)}: ${pyStrRepr(filePath)}`;
}

/** Decodes strictly; undefined when the bytes are not valid in the encoding. */
function decodeText(data: Uint8Array, encoding: string | undefined): string | undefined {
  const name = (encoding ?? "utf-8").toLowerCase().replace(/_/g, "-");
  if (["latin-1", "latin1", "iso-8859-1", "iso8859-1", "8859", "l1", "cp819"].includes(name)) {
    let s = "";
    for (const b of data) s += String.fromCharCode(b);
    return s;
  }
  if (["ascii", "us-ascii", "646"].includes(name)) {
    for (const b of data) if (b > 0x7f) return undefined;
    return Buffer.from(data).toString("latin1");
  }
  let label = name;
  let stripBom = false;
  if (["utf-8", "utf8", "u8", "utf", "cp65001"].includes(name)) label = "utf-8";
  else if (name === "utf-8-sig" || name === "utf8-sig") {
    label = "utf-8";
    stripBom = true;
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true, ignoreBOM: !(stripBom || label === "utf-16") });
  } catch {
    throw new GeneralError(`unknown encoding: ${encoding}`);
  }
  try {
    return decoder.decode(data);
  } catch {
    return undefined;
  }
}

/** Python text mode's newline handling: `\r\n` and `\r` read as `\n`. */
function universalNewlines(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}
