// Usage and error printing in the AWS CLI's layout (2.9): a blank line, the
// usage block, then the message; stderr only.
import type { IO } from "../io.ts";
import { KumoError, UsageError } from "../errors/index.ts";
import { hintsAllowed } from "../errors/hints.ts";

export const PROGRAM = "kumo";

export const GENERIC_USAGE =
  `usage: ${PROGRAM} [options] <command> <subcommand> [<subcommand> ...] [parameters]\n` +
  "To see help text, you can run:\n\n" +
  `  ${PROGRAM} help\n` +
  `  ${PROGRAM} <command> help\n` +
  `  ${PROGRAM} <command> <subcommand> help\n`;

/**
 * Prints an error as the CLI does; its hint (if any) follows after a blank
 * line, unless --no-hints was given (`hints` false) or the profile says
 * `cli_hints = false`. Hints only ever go to stderr.
 */
export function printError(io: IO, err: KumoError, hints: boolean): void {
  if (err instanceof UsageError) {
    const usage = err.usage ?? GENERIC_USAGE;
    const msg = err.bare ? err.message : `${PROGRAM}: error: ${err.message}`;
    io.stderr.write(`\n${usage}\n${msg}\n\n`);
    return;
  }
  io.stderr.write(`\n${err.message}\n`);
  if (hints && err.hint && hintsAllowed(io.env)) io.stderr.write(`\n${err.hint}\n`);
}
