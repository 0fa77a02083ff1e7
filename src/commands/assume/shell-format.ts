// `kumo assume` output: lines that set (and unset) environment variables in
// the calling shell, for eval in bash/zsh/sh, `source` in fish, and
// Invoke-Expression in PowerShell.

export const SHELLS = ["bash", "zsh", "sh", "fish", "powershell"] as const;
export type Shell = (typeof SHELLS)[number];

/** The shell named by $SHELL (or a PowerShell host), else bash syntax. */
export function detectShell(env: Record<string, string | undefined>): Shell {
  const name = (env.SHELL ?? "").split(/[\\/]/).pop() ?? "";
  if (name === "fish") return "fish";
  if (name === "zsh") return "zsh";
  if (/^(pwsh|powershell)(\.exe)?$/i.test(name) || (!env.SHELL && env.PSModulePath)) return "powershell";
  return "bash";
}

const posixQuote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
const fishQuote = (v: string) => `'${v.replace(/[\\']/g, "\\$&")}'`;
const psQuote = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** Lines setting `set` (in order) and removing `unset`, in the syntax of `shell`. */
export function shellLines(shell: Shell, set: [string, string][], unset: string[]): string {
  const out: string[] = [];
  for (const [k, v] of set) {
    if (shell === "fish") out.push(`set -gx ${k} ${fishQuote(v)};`);
    else if (shell === "powershell") out.push(`$Env:${k} = ${psQuote(v)}`);
    else out.push(`export ${k}=${posixQuote(v)}`);
  }
  for (const k of unset) {
    if (shell === "fish") out.push(`set -e ${k};`);
    else if (shell === "powershell") out.push(`Remove-Item Env:${k} -ErrorAction SilentlyContinue`);
    else out.push(`unset ${k}`);
  }
  return out.map((l) => `${l}\n`).join("");
}
