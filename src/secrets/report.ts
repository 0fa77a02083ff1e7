// Findings as text (for people), JSON, SARIF 2.1.0 (code-scanning tools) and
// CSV (spreadsheets). Secrets appear masked in every format.
import type { Finding } from "./finding.ts";
import { maskSecret } from "./mask.ts";
import { BUILTIN_RULES } from "./rules.ts";

export type ReportFormat = "text" | "json" | "sarif" | "csv";
export const REPORT_FORMATS: readonly ReportFormat[] = ["text", "json", "sarif", "csv"];

function location(f: Finding): string {
  return `${f.commit ? `${f.commit.slice(0, 12)}:` : ""}${f.path}:${f.line}:${f.column}`;
}

function notes(f: Finding): string[] {
  const out: string[] = [];
  if (f.account) out.push(`account ${f.account}`);
  if (f.owner) out.push(f.owner);
  if (f.verification) out.push(`verify: ${f.verification.status}${f.verification.detail ? ` (${f.verification.detail})` : ""}`);
  return out;
}

export function textReport(findings: readonly Finding[]): string {
  const lines: string[] = [];
  for (const f of findings) {
    const n = notes(f);
    lines.push(`${location(f)}: ${f.rule} ${maskSecret(f.secret)}${n.length ? ` [${n.join("; ")}]` : ""}`);
    if (f.commit && f.author) lines.push(`    commit ${f.commit} by ${f.author}${f.date ? ` on ${f.date}` : ""}`);
  }
  return lines.length ? lines.join("\n") + "\n" : "";
}

export interface JsonFinding {
  rule: string;
  description: string;
  severity: string;
  path: string;
  line: number;
  column: number;
  secret: string;
  fingerprint: string;
  commit?: string;
  author?: string;
  date?: string;
  account?: string;
  owner?: string;
  verification?: Finding["verification"];
}

export function toJson(f: Finding): JsonFinding {
  const j: JsonFinding = {
    rule: f.rule,
    description: f.description,
    severity: f.severity,
    path: f.path,
    line: f.line,
    column: f.column,
    secret: maskSecret(f.secret),
    fingerprint: f.fingerprint,
  };
  if (f.commit) j.commit = f.commit;
  if (f.author) j.author = f.author;
  if (f.date) j.date = f.date;
  if (f.account) j.account = f.account;
  if (f.owner) j.owner = f.owner;
  if (f.verification) j.verification = f.verification;
  return j;
}

export function jsonReport(findings: readonly Finding[]): string {
  return JSON.stringify({ findings: findings.map(toJson) }, null, 2) + "\n";
}

const SARIF_LEVEL = { high: "error", medium: "warning", low: "note" } as const;

export function sarifReport(findings: readonly Finding[], version: string): string {
  const ruleIds = [...new Set([...BUILTIN_RULES.map((r) => r.id), ...findings.map((f) => f.rule)])];
  const describe = new Map<string, string>();
  for (const r of BUILTIN_RULES) describe.set(r.id, r.description);
  for (const f of findings) if (!describe.has(f.rule)) describe.set(f.rule, f.description);
  const doc = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "kumo secrets",
            version,
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: describe.get(id) ?? id } })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIds.indexOf(f.rule),
          level: SARIF_LEVEL[f.severity],
          message: { text: `${f.description}: ${maskSecret(f.secret)}${notes(f).length ? ` (${notes(f).join("; ")})` : ""}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.path.split("/").map(encodeURIComponent).join("/") },
                region: { startLine: f.line, startColumn: f.column },
              },
            },
          ],
          partialFingerprints: { "kumoSecretHash/v1": f.fingerprint },
          ...(f.commit ? { properties: { commit: f.commit, author: f.author, date: f.date } } : {}),
        })),
      },
    ],
  };
  return JSON.stringify(doc, null, 2) + "\n";
}

function csvCell(v: string | number | undefined): string {
  const s = v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = ["rule", "severity", "path", "line", "column", "secret", "commit", "author", "date", "account", "owner", "verification", "fingerprint"];

export function csvReport(findings: readonly Finding[]): string {
  const rows = [CSV_COLUMNS.join(",")];
  for (const f of findings) {
    rows.push(
      [
        f.rule,
        f.severity,
        f.path,
        f.line,
        f.column,
        maskSecret(f.secret),
        f.commit,
        f.author,
        f.date,
        f.account,
        f.owner,
        f.verification?.status,
        f.fingerprint,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return rows.join("\r\n") + "\r\n";
}

export function renderReport(format: ReportFormat, findings: readonly Finding[], version: string): string {
  if (format === "json") return jsonReport(findings);
  if (format === "sarif") return sarifReport(findings, version);
  if (format === "csv") return csvReport(findings);
  return textReport(findings);
}
