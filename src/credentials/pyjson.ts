// Python's json.dumps for the documents the AWS CLI hashes and caches, so that
// kumo computes the same cache file names and writes the same bytes:
// ensure_ascii (every character outside ' '..'~' escaped as \uXXXX, by UTF-16
// unit), separators (", ", ": ") or compact (",", ":"), optional key sorting.

export interface PyJsonOptions {
  sortKeys?: boolean;
  /** separators=(",", ":") instead of the default (", ", ": "). */
  compact?: boolean;
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

export function pyJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const code = s.charCodeAt(i);
    const short = SHORT_ESCAPES[c];
    if (short !== undefined) out += short;
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += c;
  }
  return out + '"';
}

/** Python's sort order for str keys: by code point (JavaScript's default sort compares UTF-16 units). */
function byCodePoint(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

export function pyJsonDumps(value: unknown, opts: PyJsonOptions = {}): string {
  const item = opts.compact ? "," : ", ";
  const kv = opts.compact ? ":" : ": ";
  const dump = (v: unknown): string => {
    if (v === null || v === undefined) return "null";
    if (typeof v === "string") return pyJsonString(v);
    if (typeof v === "boolean") return v ? "true" : "false";
    if (typeof v === "number") {
      if (Number.isNaN(v)) return "NaN";
      if (!Number.isFinite(v)) return v > 0 ? "Infinity" : "-Infinity";
      return String(v);
    }
    if (Array.isArray(v)) return `[${v.map(dump).join(item)}]`;
    if (typeof v === "object") {
      let keys = Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined);
      if (opts.sortKeys) keys = keys.sort(byCodePoint);
      return `{${keys.map((k) => pyJsonString(k) + kv + dump((v as Record<string, unknown>)[k])).join(item)}}`;
    }
    return pyJsonString(String(v));
  };
  return dump(value);
}
