// One compiled pass over a text for every rule: the rules' sources are joined
// into a single alternation, each rule contributing exactly one capturing
// group, so the group that matched names the rule. Entropy, boundaries and
// context are checked only where something matched.
import { passesEntropy, respectsBoundary, type Rule } from "./rules.ts";

export interface RawMatch {
  rule: Rule;
  /** Offset of the secret in the scanned text. */
  index: number;
  secret: string;
}

function capturingGroups(source: string): number {
  const m = new RegExp(`${source}|`).exec("");
  return m ? m.length - 1 : 0;
}

export class Detector {
  readonly rules: readonly Rule[];
  private readonly re: RegExp;

  constructor(rules: readonly Rule[]) {
    const usable: Rule[] = [];
    for (const r of rules) {
      try {
        if (capturingGroups(r.source) !== 1) throw new Error("rule must have one capturing group");
        usable.push(r);
      } catch {
        // A pattern the engine cannot compile is left out; config.ts reports it.
      }
    }
    this.rules = usable;
    this.re = new RegExp(usable.map((r) => `(?:${r.source})`).join("|") || "(?!)", "gm");
  }

  /**
   * Calls `visit` for every accepted match in `text` that starts in
   * [from, to), in order; the text around that range is context (no match
   * crosses a line, so a range of whole lines is scanned as the whole text would be).
   */
  scan(text: string, visit: (m: RawMatch) => void, from = 0, to = text.length): void {
    const re = this.re;
    const rules = this.rules;
    re.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null && m.index < to) {
      const start = m.index;
      const end = start + m[0].length;
      if (end === start) {
        re.lastIndex = start + 1;
        continue;
      }
      let k = 0;
      while (k < rules.length && m[k + 1] === undefined) k++;
      const rule = rules[k];
      const secret = m[k + 1];
      if (!rule || secret === undefined) continue;
      const index = start + m[0].lastIndexOf(secret);
      const ok =
        respectsBoundary(rule, text, start, end) &&
        passesEntropy(rule, secret) &&
        (!rule.accept || rule.accept({ text, start, end, secret }));
      if (ok) visit({ rule, index, secret });
      else re.lastIndex = start + 1; // something else may start inside a rejected match
    }
  }
}
