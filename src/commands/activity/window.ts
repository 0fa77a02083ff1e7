// The time window of `kumo activity`: --since and --until as relative ages
// (90m, 12h, 7d, 2w) or timestamps (2024-06-01, 2024-06-01T10:00:00Z).
import { UsageError } from "../../errors/index.ts";

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** A point in time from an age before `now` or a timestamp. */
export function parseInstant(option: string, raw: string, now: Date): Date {
  const rel = /^(\d+)\s*([smhdw])$/.exec(raw.trim());
  if (rel) return new Date(now.getTime() - Number(rel[1]) * UNIT_MS[rel[2]!]!);
  if (/^\d{4}-\d\d-\d\d/.test(raw)) {
    // A date or a time without a zone is UTC, as CloudTrail's times are.
    const text = /[zZ]|[+-]\d\d:?\d\d$/.test(raw) || !raw.includes("T") ? raw : `${raw}Z`;
    const t = Date.parse(text);
    if (!Number.isNaN(t)) return new Date(t);
  }
  throw new UsageError(`argument ${option}: expected an age such as 90m, 12h, 7d or a timestamp such as 2024-06-01T10:00:00Z, got '${raw}'`);
}

export function timeWindow(since: string | undefined, until: string | undefined, now: Date): { start: Date; end: Date } {
  const start = parseInstant("--since", since ?? "24h", now);
  const end = until === undefined ? now : parseInstant("--until", until, now);
  if (start.getTime() > end.getTime()) throw new UsageError(`the window starts (${start.toISOString()}) after it ends (${end.toISOString()})`);
  return { start, end };
}
