// Runs the command of `kumo exec` / `kumo assume --exec` with the terminal
// handed over, and returns its exit code (128 + the signal number when a
// signal ended it, as a shell reports it). Ctrl-C reaches the command
// through the terminal; kumo itself ignores it while the command runs, and
// passes SIGTERM and SIGHUP on.
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { KumoError } from "../../errors/index.ts";

const FORWARDED = ["SIGTERM", "SIGHUP"] as const;

export function runChild(argv: string[], env: Record<string, string>, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: "inherit", env, cwd });
    const ignore = () => {};
    const forward = (sig: NodeJS.Signals) => child.kill(sig);
    // kumo's own Ctrl-C handling (print a newline, exit 130) waits until the command is done.
    const saved = process.listeners("SIGINT");
    process.removeAllListeners("SIGINT");
    process.on("SIGINT", ignore);
    for (const s of FORWARDED) process.on(s, forward);
    const cleanup = () => {
      process.removeListener("SIGINT", ignore);
      for (const l of saved) process.on("SIGINT", l);
      for (const s of FORWARDED) process.removeListener(s, forward);
    };
    child.on("error", (e: NodeJS.ErrnoException) => {
      cleanup();
      const why = e.code === "ENOENT" ? "command not found" : e.code === "EACCES" ? "permission denied" : e.message;
      reject(new KumoError(`kumo: ${argv[0]}: ${why}`, e.code === "ENOENT" ? 127 : 126));
    });
    child.on("exit", (code, signal) => {
      cleanup();
      if (code !== null) resolve(code);
      else resolve(128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}
