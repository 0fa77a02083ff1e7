// `kumo s3 <subcommand> ...`: the high-level S3 commands. Picks the
// subcommand the way the AWS CLI does (the first positional word; unknown
// options before it are handed on to the subcommand) and reports a missing
// one with the CLI's s3 usage line.
import type { CommandContext } from "../../cli/run.ts";
import { ArgParser, ArgparseError, choicesMessage } from "../../cli/argparse.ts";
import { ParamError, UsageError } from "../../errors/index.ts";
import { PROGRAM } from "../../cli/usage.ts";
import { PLANNED_SUBCOMMANDS, SUBCOMMANDS } from "./subcommands.ts";

export const S3_USAGE = `usage: ${PROGRAM} [options] s3 <subcommand> [parameters]`;

export async function runS3(ctx: CommandContext, args: string[]): Promise<number> {
  if (args.length === 1 && args[0] === "help") {
    const { printS3Help } = await import("./help.ts");
    return printS3Help(ctx);
  }
  let parsed;
  try {
    parsed = new ArgParser([{ dest: "subcommand", options: [], nargs: "?" }]).parseKnownArgs(args);
  } catch (e) {
    if (e instanceof ArgparseError) throw new UsageError(e.message);
    throw e;
  }
  const name = parsed.values.subcommand as string | undefined;
  if (name === undefined) {
    if (parsed.extras.length) throw new ParamError(`Unknown options: ${parsed.extras.join(",")}`);
    throw new ParamError(`${S3_USAGE}\n${PROGRAM}: error: too few arguments`);
  }
  const sub = SUBCOMMANDS.find((s) => s.name === name);
  if (!sub) {
    if ((PLANNED_SUBCOMMANDS as readonly string[]).includes(name)) {
      throw new UsageError(
        `argument subcommand: \`${PROGRAM} s3 ${name}\` is not available in this version of ${PROGRAM}; ` +
          `available: ${SUBCOMMANDS.map((s) => s.name).join(", ")}`,
      );
    }
    throw new UsageError(`argument subcommand: ${choicesMessage(name, SUBCOMMANDS.map((s) => s.name))}`);
  }
  // Everything but the subcommand word itself goes to the subcommand.
  const rest = [...args];
  rest.splice(rest.indexOf(name), 1);
  return sub.run(ctx, rest);
}
