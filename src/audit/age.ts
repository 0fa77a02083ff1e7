// Ages of things in whole days, from ISO 8601 timestamps.

const DAY_MS = 86_400_000;

/** Whole days between `iso` and `now`; null when `iso` is not a date. */
export function ageDays(iso: string, now: Date): number | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return Math.max(0, Math.floor((now.getTime() - t) / DAY_MS));
}
