// Argument parsing shared by the `configure` subcommands: argparse's rules
// and messages (src/cli/argparse.ts), unknown words reported as the CLI does
// (`Unknown options: a,b`, exit 252), and `file://` values read like the
// CLI's custom commands read theirs.
import type { CommandContext } from "../../cli/run.ts";
import { ArgParser, ArgparseError, type ArgSpec } from "../../cli/argparse.ts";
import { ParamError, UsageError } from "../../errors/index.ts";
import { resolveParamFile } from "../../params/paramfile.ts";
import type { Settings } from "../../config/settings.ts";

/** Parses a subcommand's arguments; throws the CLI's usage errors. */
export function parseArgs(specs: ArgSpec[], args: string[]): Record<string, unknown> {
  let parsed;
  try {
    parsed = new ArgParser(specs).parseKnownArgs(args);
  } catch (e) {
    if (e instanceof ArgparseError) throw new UsageError(e.message);
    throw e;
  }
  if (parsed.extras.length) throw new ParamError(`Unknown options: ${parsed.extras.join(",")}`);
  return parsed.values;
}

/** True when the arguments ask for the subcommand's help (`help` alone). */
export function wantsHelp(args: string[]): boolean {
  return args.length === 1 && args[0] === "help";
}

/**
 * A parameter value after `file://` loading, as the CLI loads the values of
 * its custom commands (the name is the one used in error messages).
 */
export function paramValue(ctx: CommandContext, value: string, name: string): string | Uint8Array {
  return resolveParamFile(value, { cwd: ctx.io.cwd, env: ctx.io.env, home: ctx.io.home, paramName: name });
}

/** The profile chosen by --profile or the environment; undefined when none was chosen. */
export function chosenProfile(settings: Settings): string | undefined {
  const p = settings.profileName;
  return p.source === "default" ? undefined : p.value;
}
