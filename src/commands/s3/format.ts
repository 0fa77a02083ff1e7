// The text `kumo s3 ls` prints, in the AWS CLI's exact layout: dates in the
// machine's local time zone, sizes right-aligned to 10 columns, common
// prefixes marked `PRE`, and the optional summary. Pure functions only.

const BASE = 1024;
const UNITS = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"] as const;

/**
 * Python's `'%.1f' % x`: the exact binary value rounded to one decimal, ties
 * to even. JavaScript's toFixed breaks exact ties upwards (1.25 -> "1.3"
 * where Python prints "1.2"); every other value rounds the same way.
 */
export function pyFixed1(x: number): string {
  const quarters = x * 4; // exact: multiplying by a power of two
  if (Number.isInteger(quarters) && Math.abs(quarters) % 2 === 1) {
    // x is k/4 with k odd, so x*10 ends in exactly .5
    const lower = Math.floor(x * 10);
    const tenths = lower % 2 === 0 ? lower : lower + 1;
    const sign = tenths < 0 ? "-" : "";
    const abs = Math.abs(tenths);
    return `${sign}${Math.floor(abs / 10)}.${abs % 10}`;
  }
  return x.toFixed(1);
}

/**
 * A size in bytes the way `--human-readable` shows it: `1 Byte`, `10 Bytes`,
 * then one decimal with binary units (`1.0 KiB`, `1.5 MiB`, ...). A value
 * moves to the next unit once it would round to 1024 of the current one.
 */
export function humanReadableSize(value: number | bigint): string {
  const bytes = Number(value);
  if (bytes === 1) return "1 Byte";
  if (bytes < BASE) return `${Math.trunc(bytes)} Bytes`;
  for (let i = 0; i < UNITS.length; i++) {
    const unit = BASE ** (i + 2);
    if (Math.round((bytes / unit) * BASE) < BASE) return `${pyFixed1((BASE * bytes) / unit)} ${UNITS[i]}`;
  }
  // Beyond 1023.9 EiB the AWS CLI has no unit; no S3 listing gets there.
  return `${pyFixed1(bytes / BASE ** UNITS.length)} ${UNITS[UNITS.length - 1]}`;
}

const two = (n: number): string => String(n).padStart(2, "0");

/** `YYYY-MM-DD HH:MM:SS` in the local time zone (the process's TZ), seconds truncated. */
export function localTimestamp(date: Date): string {
  const s =
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ` +
    `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
  return s.padEnd(19, " ");
}

/** One bucket of the bucket listing. */
export function bucketLine(creationDate: Date, name: string): string {
  return `${localTimestamp(creationDate)} ${name}\n`;
}

/**
 * One common prefix: `PRE` right-aligned to 30 columns, then the prefix's
 * last path component with its trailing slash (`a/b/` -> `b/`).
 */
export function prefixLine(commonPrefix: string): string {
  const parts = commonPrefix.split("/");
  const name = parts.length >= 2 ? parts[parts.length - 2]! : "";
  return `${"PRE".padStart(30, " ")} ${name}/\n`;
}

export function sizeText(size: number | bigint, humanReadable: boolean): string {
  return (humanReadable ? humanReadableSize(size) : String(size)).padStart(10, " ");
}

/**
 * One object. Without --recursive the CLI prints the key's last path
 * component (`dir/sub/a.txt` -> `a.txt`); with it, the full key.
 */
export function objectLine(
  obj: { key: string; size: number | bigint; lastModified: Date },
  opts: { humanReadable: boolean; fullKey: boolean },
): string {
  const name = opts.fullKey ? obj.key : obj.key.slice(obj.key.lastIndexOf("/") + 1);
  return `${localTimestamp(obj.lastModified)} ${sizeText(obj.size, opts.humanReadable)} ${name}\n`;
}

/** The `--summarize` block: a blank line, then both labels right-aligned to 15 columns. */
export function summaryText(totalObjects: number, totalSize: bigint, humanReadable: boolean): string {
  const size = humanReadable ? humanReadableSize(totalSize) : totalSize.toString();
  return `${"\nTotal Objects: ".padStart(15, " ")}${totalObjects}\n${"Total Size: ".padStart(15, " ")}${size}\n`;
}
