// The audit as CSV, in the classic auditor script's columns
// (Region,ResourceType,ResourceID,Status,Details), with an Account column in
// front when more than one account was audited. Whatever could not be
// audited is a row too: ResourceType "AuditError", the check as ResourceID,
// the error code as Status and its message as Details.
import type { AuditResult } from "../types.ts";

/** A CSV field: quoted (with doubled quotes) only when it holds a comma, a quote or a line break. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function auditCsv(result: AuditResult): string {
  const multi = result.accounts.length > 1;
  const head = ["Region", "ResourceType", "ResourceID", "Status", "Details"];
  const lines = [(multi ? ["Account", ...head] : head).join(",")];
  const row = (account: string, cells: string[]) => lines.push((multi ? [account, ...cells] : cells).map(csvField).join(","));
  for (const f of result.findings) row(f.account, [f.region, f.resourceType, f.resourceId, f.status, f.details]);
  for (const p of result.problems) row(p.account, [p.region, "AuditError", p.check, p.code, p.message]);
  return lines.join("\n") + "\n";
}
