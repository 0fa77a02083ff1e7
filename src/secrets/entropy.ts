// Shannon entropy of a string in bits per character: how random a candidate
// secret looks. Real AWS keys sit well above the thresholds the rules use;
// placeholders such as AKIAXXXXXXXXXXXXXXXX or "aaaa..." sit well below.

export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}
