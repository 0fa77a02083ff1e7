// Comparisons for the differential cases that may not be byte for byte.

/**
 * JSON text with every object's keys sorted and every other token as written
 * (numbers keep their spelling, so 5 and 5.0 still differ), one token per
 * line. Throws on text that is not one JSON document.
 */
export function canonicalJson(text: string): string {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw new SyntaxError(`not JSON at offset ${i}: ${JSON.stringify(text.slice(i, i + 40))}`);
  };
  const str = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    if (text[i++] !== '"') fail();
    // Re-encode so that equivalent escapes compare equal.
    return JSON.stringify(JSON.parse(text.slice(start, i)) as string);
  };
  const value = (): string => {
    ws();
    const ch = text[i];
    if (ch === "{") {
      i++;
      const members: [string, string][] = [];
      ws();
      if (text[i] === "}") {
        i++;
        return "{}";
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const key = str();
        ws();
        if (text[i++] !== ":") fail();
        members.push([key, value()]);
        ws();
        if (text[i] === ",") i++;
        else if (text[i++] === "}") break;
        else fail();
      }
      members.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{\n${members.map(([k, v]) => `${k}: ${v}`).join(",\n")}\n}`;
    }
    if (ch === "[") {
      i++;
      const items: string[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return "[]";
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ",") i++;
        else if (text[i++] === "]") break;
        else fail();
      }
      return `[\n${items.join(",\n")}\n]`;
    }
    if (ch === '"') return str();
    const m = /^(?:true|false|null|NaN|-?Infinity|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
    if (!m) return fail();
    i += m[0].length;
    return m[0];
  };
  const out = value();
  ws();
  if (i !== text.length) fail();
  return out;
}

/** The same lines, in any order (each line counted). */
export function sameLines(a: string, b: string): boolean {
  const sorted = (s: string) => s.split("\n").sort().join("\n");
  return sorted(a) === sorted(b);
}

/** Where two outputs first differ, as a short message with the two lines. */
export function firstDifference(got: string, want: string): string {
  if (got === want) return "";
  const g = got.split("\n");
  const w = want.split("\n");
  let n = 0;
  while (n < g.length && n < w.length && g[n] === w[n]) n++;
  const show = (s: string | undefined) => (s === undefined ? "(end of output)" : JSON.stringify(s));
  return `\n  first difference at line ${n + 1} (kumo ${g.length} lines, aws ${w.length} lines)\n  kumo: ${show(g[n])}\n  aws:  ${show(w[n])}`;
}
