// The credentials CSV that the IAM console offers for download
// (`User name,Password,Access key ID,Secret access key,Console login link`),
// read with the AWS CLI's rules: a header row naming at least the user name,
// access key ID and secret access key columns (any order, any case), then one
// user a row; cells are split at every comma and stripped, without quoting.
import { GeneralError } from "../../errors/index.ts";
import { pyStrip } from "../../config/ini.ts";

export interface ImportedCredential {
  userName: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** The CSV is not what the CLI accepts (exit code 255). */
export class CredentialCsvError extends GeneralError {}

const USER = "User Name";
const AKID = "Access Key ID";
const SECRET = "Secret Access key";
const HEADERS = [USER, AKID, SECRET] as const;

/** Python's str.splitlines(). */
function splitLines(s: string): string[] {
  const lines = s.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

const normalize = (h: string): string => pyStrip(h.toLowerCase());

/**
 * The credentials in a CSV text. With `strict`, a row without a user name,
 * access key ID or secret key is an error (`Failed to parse entry #N: ...`);
 * otherwise such rows are skipped.
 */
export function parseCredentialsCsv(text: string, strict: boolean): ImportedCredential[] {
  if (pyStrip(text) === "") throw new CredentialCsvError("Provided CSV contains no contents");
  const lines = splitLines(text);
  const headers = lines[0]!.split(",").map(normalize);
  const index = new Map<string, number>();
  for (const h of HEADERS) {
    const i = headers.indexOf(normalize(h));
    if (i < 0) throw new CredentialCsvError(`Expected header "${h}" not found`);
    index.set(h, i);
  }
  const out: ImportedCredential[] = [];
  lines.slice(1).forEach((row, n) => {
    const cells = row.split(",");
    const cell: Record<string, string> = {};
    for (const h of HEADERS) {
      const value = pyStrip(cells[index.get(h)!] ?? "");
      if (value === "") {
        if (!strict) return;
        throw new CredentialCsvError(`Failed to parse entry #${n + 1}: Row missing value for header "${h}"`);
      }
      cell[h] = value;
    }
    out.push({ userName: cell[USER]!, accessKeyId: cell[AKID]!, secretAccessKey: cell[SECRET]! });
  });
  return out;
}
