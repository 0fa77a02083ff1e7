// Expiry times as the AWS CLI reads and writes them. The CLI parses every
// expiry it meets (AWS_CREDENTIAL_EXPIRATION, credential_process output,
// container and instance metadata, cache files, SSO tokens) with dateutil,
// which takes any ISO 8601 form; a time without a zone is "naive" and cannot
// be compared with the current time. The forms below are the ones these
// sources use.
import { GeneralError } from "../errors/index.ts";
import { pyTypeName } from "../params/python-values.ts";

export interface ExpiryTime {
  /** Milliseconds since the epoch (for a naive time: as if it were UTC). */
  ms: number;
  /** True when the text carried no time zone. */
  naive: boolean;
}

const ISO =
  /^\s*(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$/;

/** Parses an expiry time; throws the CLI's (dateutil's) message for text it cannot read. */
export function parseExpiry(value: unknown): ExpiryTime {
  if (typeof value !== "string") {
    throw new GeneralError(`Parser must be a string or character stream, not ${pyTypeName(value).slice(8, -2)}`);
  }
  const m = ISO.exec(value);
  if (!m) throw new GeneralError(`Unknown string format: ${value}`);
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", zone] = m;
  const ms = Math.floor(Number(`0.${frac || "0"}`) * 1000);
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (Number.isNaN(t) || Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    throw new GeneralError(`Unknown string format: ${value}`);
  }
  if (zone && /^[+-]/.test(zone)) {
    const digits = zone.replace(":", "");
    const offset = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || "0");
    t -= (zone[0] === "-" ? -1 : 1) * offset * 60_000;
  }
  return { ms: t, naive: zone === undefined };
}

/** Seconds from `now` until `t`; a naive time fails as the CLI's datetime arithmetic does. */
export function secondsUntil(t: ExpiryTime, now: Date): number {
  if (t.naive) throw new GeneralError("can't subtract offset-naive and offset-aware datetimes");
  return (t.ms - now.getTime()) / 1000;
}

const p2 = (n: number) => String(n).padStart(2, "0");

/** `2024-01-02T03:04:05Z`: how the CLI writes SSO times (strftime("%Y-%m-%dT%H:%M:%SZ")). */
export function utcSeconds(d: Date): string {
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}Z`;
}
