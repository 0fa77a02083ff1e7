// Timestamps as the AWS CLI prints them (cli_timestamp_format): `iso8601`
// is Python's datetime.isoformat() of the parsed wire value (microseconds
// when non-zero, the wire's UTC offset kept); `wire` is the wire value itself.
import type { Doc } from "./document.ts";

export type TimestampFormat = "iso8601" | "wire";

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

const p2 = (n: number) => String(n).padStart(2, "0");
const p4 = (n: number) => String(n).padStart(4, "0");

function isoParts(y: number, mo: number, d: number, h: number, mi: number, s: number, micro: number, offset: string | null): string {
  const frac = micro ? `.${String(micro).padStart(6, "0")}` : "";
  return `${p4(y)}-${p2(mo)}-${p2(d)}T${p2(h)}:${p2(mi)}:${p2(s)}${frac}${offset ?? ""}`;
}

/** Python's datetime.fromtimestamp(seconds, tz=UTC).isoformat(): microseconds rounded half to even. */
export function isoFromEpoch(seconds: number): string {
  let whole = Math.floor(seconds);
  const fracMicro = (seconds - whole) * 1e6;
  let micro = Math.round(fracMicro);
  if (Math.abs(fracMicro - Math.trunc(fracMicro) - 0.5) < 1e-9 && Math.trunc(fracMicro) % 2 === 0) micro = Math.trunc(fracMicro);
  if (micro >= 1_000_000) {
    whole += 1;
    micro -= 1_000_000;
  }
  const d = new Date(whole * 1000);
  return isoParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), micro, "+00:00");
}

export function isoFromDate(d: Date): string {
  return isoFromEpoch(d.getTime() / 1000);
}

function offsetText(tz: string | undefined): string | null {
  if (tz === undefined || tz === "") return null;
  if (tz === "Z" || tz === "z" || /^(GMT|UTC)$/i.test(tz)) return "+00:00";
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(tz);
  if (!m) return null;
  return `${m[1]}${m[2]}:${m[3] ?? "00"}`;
}

/** ISO 8601 text from the wire, rendered as Python's isoformat() of dateutil's parse; undefined when not understood. */
function isoFromText(text: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}:?\d{2}|[+-]\d{2})?$/.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, tz] = iso;
    const micro = frac ? Number.parseInt(frac.slice(0, 6).padEnd(6, "0"), 10) : 0;
    return isoParts(+y!, +mo!, +d!, +h!, +mi!, +(s ?? 0), micro, offsetText(tz));
  }
  // RFC 7231 / RFC 822 dates in headers: "Thu, 26 Nov 2026 04:36:57 GMT".
  const http = /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*(GMT|UTC|Z|[+-]\d{4})?$/.exec(text);
  if (http) {
    const [, d, mon, y, h, mi, s, frac, tz] = http;
    const mo = MONTHS[mon!.toLowerCase()];
    if (!mo) return undefined;
    const micro = frac ? Number.parseInt(frac.slice(0, 6).padEnd(6, "0"), 10) : 0;
    return isoParts(+y!, mo, +d!, +h!, +mi!, +s!, micro, offsetText(tz));
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date) return isoParts(+date[1]!, +date[2]!, +date[3]!, 0, 0, 0, 0, null);
  return undefined;
}

/** What the CLI prints for a timestamp given its wire value. */
export function formatWireTimestamp(raw: string | number, format: TimestampFormat): Doc {
  if (format === "wire") return raw;
  if (typeof raw === "number") return isoFromEpoch(raw);
  const t = raw.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return isoFromEpoch(Number(t));
  return isoFromText(t) ?? raw;
}
