// Python's shlex.quote: a word the shell reads back as itself, quoted only
// when it has to be (the CLI quotes profile names and alias arguments so).
export function shellQuote(s: string): string {
  if (s === "") return "''";
  if (/^[\w@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'"'"'`)}'`;
}
