// Secrets are never printed whole: enough of the start and end to recognise
// a key you own, never enough to use it.

/** `AKIAIOSFODNN7EXAMPLE` → `AKIA************MPLE`; short values are hidden entirely. */
export function maskSecret(s: string): string {
  if (s.length <= 8) return "*".repeat(s.length);
  if (s.length <= 24) return s.slice(0, 4) + "*".repeat(s.length - 8) + s.slice(-4);
  // Long secrets: a fixed-width middle so the length is not printed either.
  return `${s.slice(0, 4)}${"*".repeat(12)}${s.slice(-4)}`;
}
