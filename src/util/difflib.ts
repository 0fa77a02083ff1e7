// Python's difflib.get_close_matches, which the AWS CLI uses for its
// "maybe you meant" suggestions. Reimplemented (no maintained npm package
// reproduces SequenceMatcher's scores) so kumo suggests the same names.

function matchingBlocksTotal(a: string, b: string): number {
  // b2j: positions of each character in b (no junk; autojunk only applies to len(b) >= 200).
  const b2j = new Map<string, number[]>();
  for (let j = 0; j < b.length; j++) {
    const ch = b[j]!;
    let list = b2j.get(ch);
    if (!list) b2j.set(ch, (list = []));
    list.push(j);
  }
  if (b.length >= 200) {
    const ntest = Math.floor(b.length / 100) + 1;
    for (const [ch, idx] of [...b2j]) if (idx.length > ntest) b2j.delete(ch);
  }
  const longest = (alo: number, ahi: number, blo: number, bhi: number): [number, number, number] => {
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    let j2len = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const next = new Map<number, number>();
      for (const j of b2j.get(a[i]!) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) ?? 0) + 1;
        next.set(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = next;
    }
    // No junk elements, so the junk-extension passes of SequenceMatcher are no-ops.
    return [besti, bestj, bestsize];
  };
  let total = 0;
  const queue: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  while (queue.length) {
    const [alo, ahi, blo, bhi] = queue.pop()!;
    const [i, j, k] = longest(alo, ahi, blo, bhi);
    if (k) {
      total += k;
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
  }
  return total;
}

function ratio(a: string, b: string): number {
  const t = a.length + b.length;
  return t ? (2 * matchingBlocksTotal(a, b)) / t : 1;
}

function quickRatio(a: string, b: string): number {
  const avail = new Map<string, number>();
  for (const ch of b) avail.set(ch, (avail.get(ch) ?? 0) + 1);
  let matches = 0;
  for (const ch of a) {
    const n = avail.get(ch) ?? 0;
    if (n > 0) matches++;
    avail.set(ch, n - 1);
  }
  const t = a.length + b.length;
  return t ? (2 * matches) / t : 1;
}

export function getCloseMatches(word: string, possibilities: Iterable<string>, n = 3, cutoff = 0.6): string[] {
  const scored: [number, string][] = [];
  for (const x of possibilities) {
    // SequenceMatcher(None, x, word): a = candidate, b = word.
    const la = x.length;
    const lb = word.length;
    const t = la + lb;
    const realQuick = t ? (2 * Math.min(la, lb)) / t : 1;
    if (realQuick >= cutoff && quickRatio(x, word) >= cutoff) {
      const r = ratio(x, word);
      if (r >= cutoff) scored.push([r, x]);
    }
  }
  // heapq.nlargest on (score, word) tuples: score desc, then word desc.
  scored.sort((p, q) => (q[0] - p[0]) || (q[1] < p[1] ? -1 : q[1] > p[1] ? 1 : 0));
  return scored.slice(0, n).map((s) => s[1]);
}
