// Values from S3 responses as `s3 ls` needs them. kumo's clients hand
// timestamps through as the wire had them (request/wire-values.ts); the AWS
// CLI likewise parses the wire text (dateutil) before converting to local time.
import { NUMBER_TEXT, WireTimestamp } from "../../request/wire-values.ts";

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * An instant from ISO 8601 text. Text without an offset is local time, as
 * dateutil's naive datetimes are when converted with astimezone().
 */
export function parseIsoTimestamp(text: string): Date | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  if (zone === undefined) return new Date(+y!, +mo! - 1, +d!, +h!, +mi!, +s!, ms);
  let offsetMin = 0;
  if (zone.toUpperCase() !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    offsetMin = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || "0")) * (zone[0] === "-" ? -1 : 1);
  }
  const utc = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!, ms);
  return new Date(utc - offsetMin * 60_000);
}

/** A response timestamp (a Date, or a WireTimestamp holding text or epoch seconds) as a Date. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const raw = value instanceof WireTimestamp ? value.raw : value;
  if (typeof raw === "number") return new Date(raw * 1000);
  if (typeof raw === "string") {
    const iso = parseIsoTimestamp(raw);
    if (iso) return iso;
    const other = Date.parse(raw); // HTTP dates: "Thu, 26 Nov 2026 04:36:57 GMT"
    if (!Number.isNaN(other)) return new Date(other);
  }
  return new Date(0);
}

/** An object size: a number, or number text marked by the wire-value capture. */
export function toSize(value: unknown): number | bigint {
  if (typeof value === "number" || typeof value === "bigint") return value;
  if (typeof value === "string") {
    const text = value.startsWith(NUMBER_TEXT) ? value.slice(NUMBER_TEXT.length) : value;
    const n = Number(text);
    return Number.isSafeInteger(n) || !/^\d+$/.test(text) ? n : BigInt(text);
  }
  return 0;
}
