// `kumo audit`: the multi-region, multi-account resource audit. Runs the
// chosen checks concurrently in-process and writes CSV, JSON or a
// self-contained HTML report. See docs/audit.md.
import type { CommandContext } from "../../cli/run.ts";
import { terminalProgress } from "../../util/progress.ts";
import { PROGRAM } from "../../cli/usage.ts";
import { EXIT } from "../../errors/index.ts";
import { parseAuditArgs } from "../../audit/args.ts";
import { CHECKS } from "../../audit/checks/index.ts";
import type { AuditResult } from "../../audit/types.ts";
import type { ProgressEvent } from "../../audit/runner.ts";

const HELP = `${PROGRAM} audit

Audits one or more accounts across regions and reports what it finds, in the
columns of the classic auditor script (Region,ResourceType,ResourceID,Status,
Details), as JSON, or as a self-contained HTML report.

  ${PROGRAM} audit [--regions r1,r2] [--checks a,b] [--format csv|json|html]
             [-o FILE] [--concurrency N]
             [--profile a --profile b | --profiles a,b | --sso-session NAME]
             [--org-role ROLE]

Accounts
  --profile P (repeatable), --profiles a,b   the profiles to audit (default:
                                   the current profile)
  --sso-session NAME               every profile of that SSO session
  --org-role ROLE                  every active account of the organization of
                                   the (first) profile, through the role ROLE

Regions
  --regions r1,r2                  these regions (default: the regions enabled
                                   in each account, from ec2 describe-regions)

Checks (--checks a,b; default all)
${CHECKS.map((c) => `  ${c.name.padEnd(32)} ${c.title}${c.scope === "global" ? " (account-wide)" : ""}`).join("\n")}

Output
  --format csv|json|html           default csv
  -o FILE, --out-file FILE         write the report to FILE (default stdout)
  --concurrency N                  calls in flight at once (default 16)

Progress goes to stderr when it is a terminal. Whatever could not be audited
(a disabled region, access denied, throttling beyond the retries) is listed in
the report (CSV rows of type AuditError) and on stderr, and the exit code is 1.
Exit code 0 means everything was audited.
`;

function progressWriter(ctx: CommandContext): ((e: ProgressEvent) => void) | undefined {
  const progress = terminalProgress(ctx.io.stderr, { intervalMs: 0 });
  if (!progress) return undefined;
  return (e) => {
    progress.update(`[${e.done}/${e.total}] ${e.label}${e.failed ? " (failed)" : ""}`);
    if (e.done === e.total) progress.done();
  };
}

async function render(result: AuditResult, format: "csv" | "json" | "html"): Promise<string> {
  if (format === "json") return (await import("../../audit/report/json.ts")).auditJson(result);
  if (format === "html") return (await import("../../audit/report/html.ts")).auditHtml(result);
  return (await import("../../audit/report/csv.ts")).auditCsv(result);
}

export async function run(ctx: CommandContext, args: string[]): Promise<number> {
  const opts = parseAuditArgs(args);
  if (opts.help) {
    ctx.io.stdout.write(HELP);
    return EXIT.OK;
  }
  const [{ resolveTargets }, { runAudit }] = await Promise.all([import("../../audit/targets.ts"), import("../../audit/runner.ts")]);
  const profiles = [...new Set([...(ctx.globals.profiles ?? []), ...opts.profiles])];
  const resolved = await resolveTargets(ctx.settings, {
    profiles,
    ssoSession: opts.ssoSession,
    orgRole: opts.orgRole,
    prefetchRegions: opts.regions === undefined && opts.checks.some((c) => c.scope === "regional"),
  });
  let result: AuditResult;
  try {
    result = await runAudit({
      targets: resolved.targets,
      targetProblems: resolved.problems,
      regions: opts.regions,
      checks: opts.checks,
      concurrency: opts.concurrency,
      now: () => ctx.io.now(),
      progress: progressWriter(ctx),
    });
  } finally {
    await resolved.close();
  }
  const report = await render(result, opts.format);
  if (opts.out !== undefined) {
    const { writeFileAtomic } = await import("../../util/atomic-write.ts");
    const { resolve } = await import("node:path");
    writeFileAtomic(resolve(ctx.io.cwd, opts.out), report);
  } else {
    ctx.io.stdout.write(report);
  }
  if (result.problems.length === 0) return EXIT.OK;
  const n = result.problems.length;
  ctx.io.stderr.write(`${PROGRAM} audit: ${n} part${n === 1 ? "" : "s"} could not be audited:\n`);
  for (const p of result.problems) {
    ctx.io.stderr.write(`  ${[p.accountLabel || p.account, p.region, p.check].filter(Boolean).join(" ")}: ${p.code}: ${p.message}\n`);
  }
  return EXIT.GENERAL;
}
