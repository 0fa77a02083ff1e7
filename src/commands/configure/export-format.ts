// The formats of `configure export-credentials --format ...`, as the AWS CLI
// prints them.

export const EXPORT_FORMATS = ["process", "env", "env-no-export", "powershell", "windows-cmd"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
  /** Already in the CLI's form (see isoformat). */
  expiration?: string | undefined;
}

/** Python's datetime.isoformat() of a UTC time: `2030-01-01T00:00:00+00:00`, microseconds when not zero. */
export function isoformat(d: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, "0");
  const base = `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  const ms = d.getUTCMilliseconds();
  return `${base}${ms ? `.${p(ms * 1000, 6)}` : ""}+00:00`;
}

/** A JSON string as Python's json.dumps writes it (ensure_ascii: non-ASCII as \uXXXX). */
function pyJsonString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => {
    const code = c.charCodeAt(0);
    return code === 0x7f ? c : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

const LINE_FORMATS: Record<Exclude<ExportFormat, "process">, (name: string, value: string) => string> = {
  env: (n, v) => `export ${n}=${v}`,
  "env-no-export": (n, v) => `${n}=${v}`,
  powershell: (n, v) => `$Env:${n}="${v}"`,
  "windows-cmd": (n, v) => `set ${n}=${v}`,
};

export function formatCredentials(c: ExportedCredentials, format: ExportFormat): string {
  const pairs: [string, string][] = [
    ["AccessKeyId", c.accessKeyId],
    ["SecretAccessKey", c.secretAccessKey],
  ];
  if (c.sessionToken !== undefined) pairs.push(["SessionToken", c.sessionToken]);
  if (c.expiration !== undefined) pairs.push(["Expiration", c.expiration]);
  if (format === "process") {
    const body = pairs.map(([k, v]) => `  "${k}": ${pyJsonString(v)}`);
    return `{\n  "Version": 1,\n${body.join(",\n")}\n}\n`;
  }
  const names: Record<string, string> = {
    AccessKeyId: "AWS_ACCESS_KEY_ID",
    SecretAccessKey: "AWS_SECRET_ACCESS_KEY",
    SessionToken: "AWS_SESSION_TOKEN",
    Expiration: "AWS_CREDENTIAL_EXPIRATION",
  };
  const line = LINE_FORMATS[format];
  return pairs.map(([k, v]) => `${line(names[k]!, v)}\n`).join("");
}

/** Python's csv.writer row (default dialect) without the line ending. */
export function csvRow(fields: readonly string[]): string {
  return fields.map((f) => (/[,"\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(",");
}

/** The first row of Python's csv.reader over one line (default dialect). */
export function parseCsvRow(line: string): string[] {
  const out: string[] = [];
  if (line === "") return out;
  let field = "";
  let quoted = false;
  let i = 0;
  let atStart = true;
  while (i < line.length) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
    } else if (c === '"' && atStart) {
      quoted = true;
      atStart = false;
    } else if (c === ",") {
      out.push(field);
      field = "";
      atStart = true;
      i++;
      continue;
    } else {
      field += c;
      atStart = false;
    }
    i++;
  }
  out.push(field);
  return out;
}
