// Options shared by the vault subcommands.
import type { ArgSpec } from "../../cli/argparse.ts";

export const BACKEND_SPEC: ArgSpec = { dest: "backend", options: ["--backend"], choices: ["keyring", "file", "auto"] };

export const profileSpec = (required = true): ArgSpec => ({ dest: "profile", options: [], ...(required ? {} : { nargs: "?" as const }) });

/** `1h05m`, `54m`, `30s`; `expired` when nothing is left. */
export function timeLeft(expires: string, now: Date): string {
  const s = Math.floor((new Date(expires).getTime() - now.getTime()) / 1000);
  if (!(s > 0)) return "expired";
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h}h${String(m).padStart(2, "0")}m`;
  if (m > 0) return `${m}m`;
  return `${s}s`;
}

/** Reads a visible yes/no answer on the terminal; `def` for an empty line. */
export async function confirm(io: import("../../io.ts").IO, question: string, def: boolean): Promise<boolean> {
  const { LineReader } = await import("../configure/prompt.ts");
  const reader = new LineReader(io.stdin);
  io.stderr.write(question);
  try {
    const line = (await reader.readLine())?.trim().toLowerCase();
    if (line === undefined || line === "") return def;
    return line === "y" || line === "yes";
  } finally {
    reader.close();
  }
}
