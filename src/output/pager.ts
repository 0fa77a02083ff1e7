// The output pager: when stdout is a terminal, output goes through
// --no-cli-pager > AWS_PAGER > cli_pager > PAGER > less (empty = none), with
// LESS=FRX when LESS is unset, as the AWS CLI does.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import type { IO, Writable } from "../io.ts";
import type { Settings } from "../config/settings.ts";
import { ConfigError } from "../errors/index.ts";
import { shellSplit } from "../config/files.ts";

export function pagerCommand(settings: Settings, isTTY: boolean): string | undefined {
  if (!isTTY || !settings.globals.pager) return undefined;
  const env = settings.env;
  const cmd = env.AWS_PAGER ?? settings.profileValue("cli_pager") ?? env.PAGER ?? (process.platform === "win32" ? "more" : "less");
  return cmd.trim() === "" ? undefined : cmd;
}

export interface PagedIO {
  io: IO;
  /** Closes the pager's input and waits for the user to leave it; throws when it could not start. */
  finish(): Promise<void>;
}

/** Python's wording of a failed start, as the AWS CLI prints it. */
function describeSpawnError(e: Error, command: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  const file = (shellSplit(command) ?? [command])[0];
  if (code === "ENOENT") return `[Errno 2] No such file or directory: '${file}'`;
  if (code === "EACCES") return `[Errno 13] Permission denied: '${file}'`;
  return e.message;
}

/** An IO whose stdout starts the pager on the first write (so commands that print nothing never open it). */
export function pagedIO(io: IO, command: string): PagedIO {
  let child: ChildProcessWithoutNullStreams | undefined;
  let failure: Error | undefined;
  const start = (): ChildProcessWithoutNullStreams | undefined => {
    if (child || failure) return child;
    const words = shellSplit(command) ?? [command];
    const env = { ...io.env };
    if (env.LESS === undefined) env.LESS = "FRX";
    const c = spawn(words[0]!, words.slice(1), { stdio: ["pipe", "inherit", "inherit"], env: env as NodeJS.ProcessEnv });
    c.on("error", (e) => (failure = e));
    c.stdin.on("error", () => {
      // the user quit the pager before reading everything
    });
    child = c as unknown as ChildProcessWithoutNullStreams;
    return child;
  };
  const stdout: Writable = {
    write: (chunk) => void start()?.stdin.write(chunk),
    isTTY: true,
    get columns() {
      return io.stdout.columns;
    },
  };
  return {
    io: { ...io, stdout },
    finish: async () => {
      if (!child) return;
      const c = child;
      await new Promise<void>((resolve) => {
        if (c.exitCode !== null || failure) return resolve();
        c.once("close", () => resolve());
        c.stdin.end();
      });
      if (failure) {
        throw new ConfigError(
          "Unable to redirect output to pager. Received the following error when opening pager:\n" +
            `${describeSpawnError(failure, command)}\n\n` +
            'Learn more about configuring the output pager by running "kumo help config-vars".',
        );
      }
    },
  };
}
