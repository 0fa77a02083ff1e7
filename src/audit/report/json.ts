// The audit as a JSON document: what was audited, a summary, every finding
// and every problem.
import type { AuditResult, Finding } from "../types.ts";

export interface Summary {
  findings: number;
  problems: number;
  byType: Record<string, number>;
  byRegion: Record<string, number>;
  byAccount: Record<string, number>;
  /** Sum of the monthly cost estimates (idle volumes and addresses), USD. */
  monthlyCostUsd: number;
}

function bump(into: Record<string, number>, key: string): void {
  into[key] = (into[key] ?? 0) + 1;
}

export function summarize(result: AuditResult): Summary {
  const s: Summary = { findings: result.findings.length, problems: result.problems.length, byType: {}, byRegion: {}, byAccount: {}, monthlyCostUsd: 0 };
  let cents = 0;
  for (const f of result.findings) {
    bump(s.byType, f.resourceType);
    bump(s.byRegion, f.region);
    bump(s.byAccount, f.account);
    const cost = f.data?.monthlyCostUsd;
    if (typeof cost === "number") cents += Math.round(cost * 100);
  }
  s.monthlyCostUsd = cents / 100;
  return s;
}

function orderedFinding(f: Finding): Record<string, unknown> {
  return {
    account: f.account,
    accountLabel: f.accountLabel,
    region: f.region,
    check: f.check,
    resourceType: f.resourceType,
    resourceId: f.resourceId,
    status: f.status,
    details: f.details,
    ...(f.data ? { data: f.data } : {}),
  };
}

export function auditJson(result: AuditResult): string {
  const doc = {
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    complete: result.problems.length === 0,
    accounts: result.accounts,
    regions: result.regions,
    checks: result.checks,
    summary: summarize(result),
    findings: result.findings.map(orderedFinding),
    problems: result.problems,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}
