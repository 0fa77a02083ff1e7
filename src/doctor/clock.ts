// Clock skew: AWS rejects signed requests more than 5 minutes off (15 for
// some services). Compares the Date header of an STS endpoint's answer
// with the local clock.
import { result, type CheckResult } from "./types.ts";

export const MAX_SKEW_MS = 5 * 60 * 1000;

export type FetchDate = (url: string) => Promise<string | undefined>;

/** The Date header of a GET to `url` (any status), within a short timeout. */
export const fetchDate: FetchDate = async (url) => {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), 5000);
  try {
    const r = await fetch(url, { method: "GET", signal: ac.signal, redirect: "manual" });
    await r.arrayBuffer().catch(() => undefined);
    return r.headers.get("date") ?? undefined;
  } finally {
    clearTimeout(timer);
  }
};

export async function checkClock(endpoint: string, now: () => Date, get: FetchDate = fetchDate): Promise<CheckResult> {
  const title = "Clock skew against AWS";
  const sent = now().getTime();
  let header: string | undefined;
  try {
    header = await get(endpoint);
  } catch (e) {
    return result("clock-skew", title, [], `${endpoint} not reachable (${(e as Error).message})`);
  }
  const received = now().getTime();
  if (!header) return result("clock-skew", title, [], `${endpoint} sent no Date header`);
  const server = new Date(header).getTime();
  if (Number.isNaN(server)) return result("clock-skew", title, [], `${endpoint} sent an unreadable Date header`);
  // The header has one-second resolution; compare with the middle of the exchange.
  const local = (sent + received) / 2;
  const skew = local - server;
  const secs = Math.round(Math.abs(skew) / 1000);
  const attention = Math.abs(skew) > MAX_SKEW_MS;
  return result("clock-skew", title, [
    {
      message: `local clock is ${secs} s ${skew >= 0 ? "ahead of" : "behind"} ${endpoint}${attention ? ": signed requests will fail; sync the clock (e.g. timedatectl set-ntp true)" : ""}`,
      attention,
    },
  ]);
}
