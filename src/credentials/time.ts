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
  /** The fraction of the second in microseconds (dateutil keeps six digits, cut, not rounded). */
  micros: number;
  /** The zone's offset from UTC in minutes as written (0 for Z, UTC, GMT); undefined when naive. */
  offsetMinutes: number | undefined;
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
  const micros = Number((frac + "000000").slice(0, 6));
  const ms = Math.floor(micros / 1000);
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (Number.isNaN(t) || Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    throw new GeneralError(`Unknown string format: ${value}`);
  }
  let offsetMinutes: number | undefined = zone === undefined ? undefined : 0;
  if (zone && /^[+-]/.test(zone)) {
    const digits = zone.replace(":", "");
    offsetMinutes = (zone[0] === "-" ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || "0"));
    t -= offsetMinutes * 60_000;
  }
  return { ms: t, naive: zone === undefined, micros, offsetMinutes };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * Python's datetime.isoformat() of a time as it was read: the wall-clock time
 * in the zone it was written with, microseconds when not zero, and the offset
 * (`2030-01-01T02:00:00.123456+02:00`). This is how the CLI prints an expiry
 * (`configure export-credentials`).
 */
export function pyIsoformat(t: ExpiryTime): string {
  const offset = t.offsetMinutes ?? 0;
  const wall = new Date(t.ms + offset * 60_000);
  const date = `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${t.micros ? `.${pad(t.micros, 6)}` : ""}`;
  if (t.offsetMinutes === undefined) return `${date}T${time}`;
  const abs = Math.abs(offset);
  return `${date}T${time}${offset < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The expiry fields of Credentials for a time read from a source. */
export function expiryFields(t: ExpiryTime): { expiration: Date; expirationIso: string } {
  return { expiration: new Date(t.ms), expirationIso: pyIsoformat(t) };
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
