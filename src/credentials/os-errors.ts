// File and process errors worded as Python words an OSError, which is what the
// AWS CLI prints when a token file or a credential_process program is missing:
// `[Errno 2] No such file or directory: '/path'`.
import { pyStrRepr } from "../params/python-values.ts";

const STRERROR: Record<string, [number, string]> = {
  EPERM: [1, "Operation not permitted"],
  ENOENT: [2, "No such file or directory"],
  EIO: [5, "Input/output error"],
  ENOEXEC: [8, "Exec format error"],
  EACCES: [13, "Permission denied"],
  ENOTDIR: [20, "Not a directory"],
  EISDIR: [21, "Is a directory"],
  ELOOP: [40, "Too many levels of symbolic links"],
  ENAMETOOLONG: [36, "File name too long"],
};

export function osErrorMessage(err: unknown, filename: string): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const known = code !== undefined ? STRERROR[code] : undefined;
  if (known) return `[Errno ${known[0]}] ${known[1]}: ${pyStrRepr(filename)}`;
  return err instanceof Error ? err.message : String(err);
}
