// Runs the chosen checks over every account and region with a bounded pool,
// and gathers what they found and what failed, in a stable order: account,
// then region (as listed), then check; account-wide checks after the regions.
import type { AuditAccount, AuditCheck, AuditProblem, AuditResult, Finding, RegionApi } from "./types.ts";
import { list, text } from "./types.ts";
import { runPool } from "./pool.ts";
import { describeError } from "./problems.ts";

/** One account to audit, with its calls. */
export interface AuditTarget {
  account: AuditAccount;
  /** Calls in one region of this account. */
  api: { region(region: string): RegionApi };
  /** The region for describe-regions and account-wide services (IAM, S3 listing). */
  homeRegion: string;
  /** The enabled regions, when they were asked for already (alongside the account's identity). */
  enabledRegions?: Promise<string[]> | undefined;
}

export interface ProgressEvent {
  done: number;
  total: number;
  /** What just finished: "<account label> <region> <check>". */
  label: string;
  failed: boolean;
}

export interface AuditOptions {
  targets: AuditTarget[];
  /** Problems found while finding the targets (a profile without credentials, an account whose role could not be assumed). */
  targetProblems?: AuditProblem[];
  /** --regions; when absent each account's enabled regions (EC2 DescribeRegions). */
  regions?: string[] | undefined;
  checks: readonly AuditCheck[];
  concurrency: number;
  now: () => Date;
  progress?: ((e: ProgressEvent) => void) | undefined;
}

/** The regions enabled in an account, in the order EC2 lists them. */
export async function enabledRegions(api: RegionApi): Promise<string[]> {
  const doc = await api.call("ec2", "DescribeRegions", {});
  return list(doc.Regions).map((r) => text(r.RegionName)).filter(Boolean);
}

export async function runAudit(opts: AuditOptions): Promise<AuditResult> {
  const startedAt = opts.now();
  const problems: AuditProblem[] = [...(opts.targetProblems ?? [])];
  const regional = opts.checks.filter((c) => c.scope === "regional");
  const global = opts.checks.filter((c) => c.scope === "global");

  // Regions per account: given, or asked for (concurrently across accounts).
  const regionsByAccount: Record<string, string[]> = {};
  await Promise.all(
    opts.targets.map(async (t) => {
      if (opts.regions) {
        regionsByAccount[t.account.id] = [...opts.regions];
        return;
      }
      if (regional.length === 0) {
        regionsByAccount[t.account.id] = [];
        return;
      }
      try {
        regionsByAccount[t.account.id] = await (t.enabledRegions ?? enabledRegions(t.api.region(t.homeRegion)));
      } catch (e) {
        regionsByAccount[t.account.id] = [];
        problems.push({ account: t.account.id, accountLabel: t.account.label, region: t.homeRegion, check: "regions", ...describeError(e) });
      }
    }),
  );

  interface Task {
    target: AuditTarget;
    region: string;
    check: AuditCheck;
  }
  const tasks: Task[] = [];
  for (const target of opts.targets) {
    for (const region of regionsByAccount[target.account.id] ?? []) for (const check of regional) tasks.push({ target, region, check });
    for (const check of global) tasks.push({ target, region: "global", check });
  }

  const now = opts.now();
  let done = 0;
  const outcomes = await runPool(
    tasks.map((task) => () => {
      const region = task.region === "global" ? task.target.homeRegion : task.region;
      return task.check.run({ account: task.target.account, region, api: task.target.api.region(region), now });
    }),
    opts.concurrency,
    (i, outcome) => {
      const t = tasks[i]!;
      done++;
      opts.progress?.({ done, total: tasks.length, label: `${t.target.account.label} ${t.region} ${t.check.name}`, failed: !outcome.ok });
    },
  );

  const findings: Finding[] = [];
  outcomes.forEach((outcome, i) => {
    const { target, region, check } = tasks[i]!;
    const base = { account: target.account.id, accountLabel: target.account.label, check: check.name };
    if (outcome.ok) {
      for (const f of outcome.value) findings.push({ ...base, ...f, region: f.region ?? region });
    } else {
      problems.push({ ...base, region, ...describeError(outcome.error) });
    }
  });

  return {
    startedAt: startedAt.toISOString(),
    finishedAt: opts.now().toISOString(),
    accounts: opts.targets.map((t) => t.account),
    regions: regionsByAccount,
    checks: opts.checks.map((c) => c.name),
    findings,
    problems,
  };
}
