// `kumo activity`: what a user, a role or an access key did, from CloudTrail
// LookupEvents over a time window in every chosen region, as a table or JSON.
import type { CommandContext } from "../../cli/run.ts";
import { terminalProgress } from "../../util/progress.ts";
import { PROGRAM } from "../../cli/usage.ts";
import { EXIT, UsageError } from "../../errors/index.ts";
import type { DocObject } from "../../output/document.ts";
import { list } from "../../audit/types.ts";
import { timeWindow } from "./window.ts";
import { lookupAttributes, matchesSubject, eventRecord, sortActivities, toActivity, type Activity, type Subject } from "./events.ts";
import type { ActivityProblem } from "./format.ts";

const HELP = `${PROGRAM} activity

What a user, a role or an access key did: CloudTrail's event history
(LookupEvents, the last 90 days of management events) across regions, newest
first: when, where, who, which call, from which IP address and client.

  ${PROGRAM} activity (--user NAME | --role NAME|ARN | --access-key AKIA...)
                [--since 24h] [--until TIME] [--regions r1,r2]
                [--format table|json] [--max-events N]

  --user NAME          events of this IAM user (or root, or a session name)
  --role NAME|ARN      events made through any session of this role (read
                       from all events of the window, so keep it short)
  --access-key ID      events signed with this access key
  --since, --until     an age (90m, 12h, 7d, 2w) or a timestamp
                       (2024-06-01, 2024-06-01T10:00:00Z); default the last 24h
  --regions r1,r2      these regions (default: every region enabled in the
                       account, from ec2 describe-regions)
  --format table|json  default table
  --max-events N       at most N events per region (default 500)
  --concurrency N      regions looked up at once (default 8)

Regions that cannot be searched (access denied, throttling beyond the
retries) are listed on stderr and in the JSON, and the exit code is 1.
`;

interface Options {
  help: boolean;
  subject: Subject | undefined;
  since: string | undefined;
  until: string | undefined;
  regions: string[] | undefined;
  format: "table" | "json";
  maxEvents: number;
  concurrency: number;
}

function positiveInt(option: string, raw: string, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`argument ${option}: expected a whole number from 1 to ${max}, got '${raw}'`);
  return n;
}

export function parseActivityArgs(args: string[]): Options {
  const o: Options = { help: false, subject: undefined, since: undefined, until: undefined, regions: undefined, format: "table", maxEvents: 500, concurrency: 8 };
  const subjects: Subject[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "help") {
      o.help = true;
      continue;
    }
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const value = () => {
      const v = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined || v === "") throw new UsageError(`argument ${flag}: expected one argument`);
      return v;
    };
    switch (flag) {
      case "--user":
        subjects.push({ kind: "user", value: value() });
        break;
      case "--role":
        subjects.push({ kind: "role", value: value() });
        break;
      case "--access-key":
        subjects.push({ kind: "access-key", value: value() });
        break;
      case "--since":
        o.since = value();
        break;
      case "--until":
        o.until = value();
        break;
      case "--regions":
        o.regions = value().split(",").map((s) => s.trim()).filter(Boolean);
        break;
      case "--format": {
        const f = value();
        if (f !== "table" && f !== "json") throw new UsageError(`argument --format: invalid choice: '${f}' (choose from 'table', 'json')`);
        o.format = f;
        break;
      }
      case "--max-events":
        o.maxEvents = positiveInt("--max-events", value(), 100_000);
        break;
      case "--concurrency":
        o.concurrency = positiveInt("--concurrency", value(), 64);
        break;
      default:
        throw new UsageError(`Unknown options: ${a}`, { bare: true });
    }
  }
  if (!o.help) {
    if (subjects.length !== 1) throw new UsageError("give exactly one of --user, --role or --access-key");
    o.subject = subjects[0];
  }
  return o;
}

export async function run(ctx: CommandContext, args: string[]): Promise<number> {
  const o = parseActivityArgs(args);
  if (o.help || !o.subject) {
    ctx.io.stdout.write(HELP);
    return EXIT.OK;
  }
  const subject = o.subject;
  const { start, end } = timeWindow(o.since, o.until, ctx.io.now());
  const [{ AccountApi, auditSettings }, { enabledRegions }, { runPool }, { describeError }] = await Promise.all([
    import("../../audit/api.ts"),
    import("../../audit/runner.ts"),
    import("../../audit/pool.ts"),
    import("../../audit/problems.ts"),
  ]);
  const settings = await auditSettings(ctx.settings, undefined);
  const home = settings.region?.value ?? "us-east-1";
  const api = new AccountApi(settings);
  const problems: ActivityProblem[] = [];
  const events: Activity[] = [];
  let regions: string[] = [];
  const truncated: string[] = [];
  try {
    regions = o.regions ?? (await enabledRegions(api.region(home)));
    const progress = terminalProgress(ctx.io.stderr, { intervalMs: 0 });
    let settled = 0;
    const outcomes = await runPool(
      regions.map((region) => async () => {
        const found: Activity[] = [];
        const input: Record<string, unknown> = { StartTime: start, EndTime: end };
        const attrs = lookupAttributes(subject);
        if (attrs.length) input.LookupAttributes = attrs;
        for await (const page of api.pages("cloudtrail", region, "LookupEvents", input)) {
          for (const e of list((page as DocObject).Events)) {
            if (!matchesSubject(eventRecord(e), subject)) continue;
            found.push(toActivity(e, region));
            if (found.length >= o.maxEvents) {
              truncated.push(region);
              return found;
            }
          }
        }
        return found;
      }),
      o.concurrency,
      (i) => progress?.update(`[${++settled}/${regions.length}] ${regions[i]}`),
    ).finally(() => progress?.done());
    outcomes.forEach((out, i) => {
      if (out.ok) events.push(...out.value);
      else problems.push({ region: regions[i]!, ...describeError(out.error) });
    });
  } finally {
    await api.close();
  }
  const sorted = sortActivities(events);
  const { activityJson, activityTable } = await import("./format.ts");
  if (o.format === "json") {
    ctx.io.stdout.write(activityJson({ subject, start: start.toISOString(), end: end.toISOString(), regions, events: sorted, problems }));
  } else {
    ctx.io.stdout.write(activityTable(sorted));
  }
  for (const r of truncated) ctx.io.stderr.write(`${PROGRAM} activity: ${r}: stopped at ${o.maxEvents} events (--max-events)\n`);
  if (problems.length === 0) return EXIT.OK;
  ctx.io.stderr.write(`${PROGRAM} activity: ${problems.length} region${problems.length === 1 ? "" : "s"} could not be searched:\n`);
  for (const p of problems) ctx.io.stderr.write(`  ${p.region}: ${p.code}: ${p.message}\n`);
  return EXIT.GENERAL;
}
