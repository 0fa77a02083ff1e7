// Timestamps typed by the user, read the way botocore reads them before
// sending: epoch seconds (anything Python's float() accepts), otherwise a
// date string in the forms dateutil understands and people actually type:
// ISO 8601 (`2023-01-02`, `2023-01-02T03:04:05.5Z`, `20230102T030405+0100`),
// RFC 822 (`Wed, 21 Oct 2015 07:28:00 GMT`), `Oct 21 2015`, `2015/10/21`,
// `10/21/2015`, a bare time (`10:00`, today). No zone means UTC; missing date
// parts come from today's date.
import { pyFloatOf } from "./python-values.ts";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAMES = [
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
];
const WEEKDAYS = /^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|nesday|sday|urday)?,?$/i;

// Python datetime's range, in seconds since the epoch.
const MIN_EPOCH = -62135596800; // 0001-01-01T00:00:00Z
const MAX_EPOCH = 253402300799; // 9999-12-31T23:59:59Z

interface Parts {
  year?: number;
  month?: number;
  day?: number;
  hour: number;
  minute: number;
  second: number;
  micro: number;
  /** Offset east of UTC in minutes; undefined for none given (UTC). */
  offset?: number;
}

function monthIndex(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, "");
  let i = MONTHS.indexOf(w);
  if (i < 0) i = MONTH_NAMES.indexOf(w);
  if (i < 0 && w === "sept") i = 8;
  return i < 0 ? undefined : i + 1;
}

function daysIn(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** A two-digit year, as dateutil reads it: the century that puts it within 50 years of now. */
function fullYear(text: string): number {
  const y = Number(text);
  if (text.length > 2) return y;
  const now = new Date().getFullYear();
  let year = y + Math.floor(now / 100) * 100;
  if (year >= now + 50) year -= 100;
  else if (year < now - 50) year += 100;
  return year;
}

/** Parses `HH:MM[:SS[.ffffff]] [am|pm]` at the start of `s`; returns the rest. */
function parseTime(s: string, p: Parts): string | undefined {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:\s*([ap])\.?m\.?)?/i.exec(s);
  if (!m) return undefined;
  let hour = Number(m[1]);
  if (m[5]) {
    if (hour < 1 || hour > 12) return undefined;
    const pm = m[5].toLowerCase() === "p";
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  p.hour = hour;
  p.minute = Number(m[2]);
  p.second = m[3] ? Number(m[3]) : 0;
  p.micro = m[4] ? Number(m[4].slice(0, 6).padEnd(6, "0")) : 0;
  return s.slice(m[0].length);
}

/** Parses an optional zone (`Z`, `UTC`, `GMT`, `+05:30`, `-0800`, `+05`, other names ignored). */
function parseZone(s: string, p: Parts): boolean {
  const t = s.trim();
  if (t === "") return true;
  if (/^(z|utc|gmt|ut)$/i.test(t)) {
    p.offset = 0;
    return true;
  }
  const m = /^(?:(?:utc|gmt)\s*)?([+-])(\d{2}):?(\d{2})?$/i.exec(t);
  if (m) {
    const mins = Number(m[2]) * 60 + Number(m[3] ?? "0");
    p.offset = m[1] === "-" ? -mins : mins;
    return true;
  }
  // An unknown zone name: dateutil warns and treats the time as having no zone.
  return /^[A-Za-z]{3,5}$/.test(t);
}

function parseDateString(input: string): Parts | undefined {
  const s = input.trim();
  const p: Parts = { hour: 0, minute: 0, second: 0, micro: 0 };
  let m: RegExpExecArray | null;

  // ISO 8601, extended and basic.
  m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:(?:[Tt]|\s+)(.*))?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})(?:[Tt](.*))?$/.exec(s);
  if (m) {
    p.year = Number(m[1]);
    p.month = Number(m[2]);
    if (m[3] !== undefined) p.day = Number(m[3]);
    let rest = m[4] ?? "";
    if (rest !== "") {
      const basic = /^(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?/.exec(rest);
      if (basic && !rest.startsWith(basic[1]! + ":")) {
        p.hour = Number(basic[1]);
        p.minute = Number(basic[2]);
        p.second = basic[3] ? Number(basic[3]) : 0;
        p.micro = basic[4] ? Number(basic[4].slice(0, 6).padEnd(6, "0")) : 0;
        rest = rest.slice(basic[0].length);
      } else {
        const hourOnly = /^(\d{1,2})(?=$|[Zz+-]|\s)/.exec(rest);
        if (hourOnly) {
          p.hour = Number(hourOnly[1]);
          rest = rest.slice(hourOnly[0].length);
        } else {
          const r = parseTime(rest, p);
          if (r === undefined) return undefined;
          rest = r;
        }
      }
    }
    return parseZone(rest, p) ? p : undefined;
  }

  // Numeric dates with slashes: Y/M/D, M/D/Y (D/M/Y when the first cannot be a month), M/D.
  m = /^(\d{1,4})\/(\d{1,2})(?:\/(\d{1,4}))?(?:\s+(.*))?$/.exec(s);
  if (m) {
    if (m[1]!.length === 4) {
      p.year = Number(m[1]);
      p.month = Number(m[2]);
      if (m[3] === undefined) return undefined;
      p.day = Number(m[3]);
    } else {
      let a = Number(m[1]);
      let b = Number(m[2]);
      if (a > 12 && b <= 12) [a, b] = [b, a];
      p.month = a;
      p.day = b;
      if (m[3] !== undefined) p.year = fullYear(m[3]);
    }
    return finishTimeAndZone(m[4] ?? "", p);
  }

  // Dates with month names, optionally led by a weekday.
  const words = s.replace(/,/g, " , ").split(/\s+/).filter((w) => w !== "");
  if (words.length && WEEKDAYS.test(words[0]!)) {
    words.shift();
    if (words[0] === ",") words.shift();
  }
  const clean = words.filter((w) => w !== ",");
  if (clean.length >= 2) {
    const [a, b, c] = clean;
    let used = 0;
    const mA = monthIndex(a!);
    const mB = monthIndex(b!);
    if (mA !== undefined && /^\d{1,2}$/.test(b!) && c !== undefined && /^\d{4}$/.test(c)) {
      // Oct 21 2015
      [p.month, p.day, p.year, used] = [mA, Number(b), Number(c), 3];
    } else if (mB !== undefined && /^\d{1,2}$/.test(a!) && c !== undefined && /^\d{4}$/.test(c)) {
      // 21 Oct 2015
      [p.day, p.month, p.year, used] = [Number(a), mB, Number(c), 3];
    } else if (mA !== undefined && /^\d{4}$/.test(b!)) {
      // Oct 2015
      [p.month, p.year, used] = [mA, Number(b), 2];
    } else if (mA !== undefined && /^\d{1,2}$/.test(b!)) {
      // Oct 21
      [p.month, p.day, used] = [mA, Number(b), 2];
    } else if (mB !== undefined && /^\d{1,2}$/.test(a!)) {
      // 21 Oct
      [p.day, p.month, used] = [Number(a), mB, 2];
    }
    if (used) return finishTimeAndZone(clean.slice(used).join(" "), p);
  }

  // A bare time: today.
  return finishTimeAndZone(s, p, true);
}

function finishTimeAndZone(rest: string, p: Parts, required = false): Parts | undefined {
  rest = rest.trim();
  if (rest === "") return required ? undefined : p;
  const r = parseTime(rest, p);
  if (r === undefined) return required ? undefined : parseZone(rest, p) ? p : undefined;
  return parseZone(r, p) ? p : undefined;
}

function toDate(p: Parts): Date | undefined {
  const today = new Date();
  const year = p.year ?? today.getFullYear();
  const month = p.month ?? today.getMonth() + 1;
  if (month < 1 || month > 12 || year < 1 || year > 9999) return undefined;
  const day = p.day ?? Math.min(today.getDate(), daysIn(year, month));
  if (day < 1 || day > daysIn(year, month)) return undefined;
  if (p.hour > 23 || p.minute > 59 || p.second > 59) return undefined;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(p.hour, p.minute, p.second, Math.floor(p.micro / 1000));
  if (p.offset) d.setTime(d.getTime() - p.offset * 60000);
  return d;
}

/** The instant a user-supplied timestamp means, or undefined when botocore would reject it. */
export function parseTimestampInput(value: string | number): Date | undefined {
  const secs = typeof value === "number" ? value : pyFloatOf(value);
  if (secs !== undefined && !Number.isNaN(secs)) {
    if (!Number.isFinite(secs) || secs < MIN_EPOCH || secs > MAX_EPOCH + 0.999999) return undefined;
    return new Date(Math.floor(secs * 1e6) / 1e3);
  }
  if (typeof value !== "string") return undefined;
  const parts = parseDateString(value);
  return parts ? toDate(parts) : undefined;
}
