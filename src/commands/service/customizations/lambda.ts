// lambda --zip-file: create-function and publish-layer-version take the
// package as --zip-file (set in Code.ZipFile / Content.ZipFile) instead of a
// blob inside --code / --content, and every --zip-file must hold a zip
// archive (awscli/customizations/awslambda.py).
import { ParamError } from "../../../errors/index.ts";
import { parsePythonJson } from "../../../params/python-json.ts";
import { parseShorthand } from "../../../params/shorthand.ts";

const NOT_A_ZIP = "--zip-file must be a zip file with the fileb:// prefix.\nExample usage:  --zip-file fileb://path/to/file.zip";

/**
 * Whether the bytes are a zip archive whose central directory can be read,
 * as Python's zipfile.ZipFile(...).infolist() requires.
 */
export function isZipArchive(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory record: at least 22 bytes, followed by a comment of up to 65535 bytes.
  for (let at = b.length - 22; at >= 0 && at >= b.length - 22 - 0xffff; at--) {
    if (b.readUInt32LE(at) !== 0x06054b50) continue;
    if (at + 22 + b.readUInt16LE(at + 20) > b.length) continue;
    const entries = b.readUInt16LE(at + 10);
    const size = b.readUInt32LE(at + 12);
    const offset = b.readUInt32LE(at + 16);
    // Bytes prepended to the archive shift every offset.
    const shift = at - size - offset;
    if (shift < 0) return false;
    let p = offset + shift;
    for (let i = 0; i < entries; i++) {
      if (p + 46 > at || b.readUInt32LE(p) !== 0x02014b50) return false;
      p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
    }
    return true;
  }
  return false;
}

const bytesOf = (v: unknown): Uint8Array => (v instanceof Uint8Array ? v : new TextEncoder().encode(String(v)));

/** Fails unless the value (as loaded from fileb:// or file://) is a zip archive. */
export function requireZip(raw: unknown): void {
  if (raw === undefined || raw === null) return;
  if (!isZipArchive(bytesOf(Array.isArray(raw) ? raw[0] : raw))) throw new ParamError(NOT_A_ZIP);
}

/** --zip-file's member of Code or Content. */
export function zipFileMembers(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  requireZip(value);
  return { ZipFile: bytesOf(value) };
}

/**
 * --code / --content may not carry ZipFile: that is --zip-file's. The CLI
 * takes ZipFile out of the option's model, so the key is looked for before
 * the value is parsed as the member's type.
 */
export function withoutZipFile(option: string): (loaded: unknown) => void {
  return (loaded) => {
    if (typeof loaded !== "string" || !topLevelKeys(loaded).includes("ZipFile")) return;
    throw new ParamError(
      `ZipFile cannot be provided as part of the --${option} argument.  Please use the '--zip-file' option instead to specify a zip file.`,
    );
  };
}

/** The top-level keys of a JSON or shorthand structure value; none when it does not parse (the member's parser reports that). */
function topLevelKeys(text: string): string[] {
  try {
    const value = text.trimStart().startsWith("{") ? parsePythonJson(text) : parseShorthand(text);
    return value && typeof value === "object" && !Array.isArray(value) ? Object.keys(value) : [];
  } catch {
    return [];
  }
}
