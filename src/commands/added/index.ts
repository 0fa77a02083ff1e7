// Commands the AWS CLI adds to a service's operations. Three hand a
// credential to another tool: `ecr get-login-password` (docker login),
// `eks get-token` (kubectl's exec credential) and `rds
// generate-db-auth-token` (IAM database sign-in); `logs tail` prints a log
// group's events. Scripts pipe their output into other programs, so it is
// the CLI's byte for byte, whatever --output says.
import type { CommandContext } from "../../cli/run.ts";
import { ArgParser, ArgparseError, type ArgSpec } from "../../cli/argparse.ts";
import { PROGRAM } from "../../cli/usage.ts";
import { EXIT, ParamError, UsageError } from "../../errors/index.ts";

export interface AddedCommand {
  /** One line for the service's help. */
  summary: string;
  options: { spec: ArgSpec; help: string }[];
  run(ctx: CommandContext, values: Record<string, unknown>): Promise<number>;
}

/** The added commands of a service, by CLI name (loaded only when one runs). */
export const ADDED_COMMANDS: Record<string, Record<string, () => Promise<AddedCommand>>> = {
  ecr: { "get-login-password": async () => (await import("./ecr.ts")).getLoginPassword },
  eks: { "get-token": async () => (await import("./eks.ts")).getToken },
  rds: { "generate-db-auth-token": async () => (await import("./rds.ts")).generateDbAuthToken },
  logs: { tail: async () => (await import("./logs-tail.ts")).logsTail },
};

/** Parses the command's options and runs it; `help` prints its help. */
export async function runAddedCommand(ctx: CommandContext, service: string, name: string, args: string[]): Promise<number> {
  const command = await ADDED_COMMANDS[service]![name]!();
  if (args.includes("help")) {
    const { wrap } = await import("../help/index.ts");
    const out = [`${service} ${name}`, "", ...wrap(command.summary, ""), "", "SYNOPSIS", `  ${PROGRAM} ${service} ${name}`];
    const label = (spec: ArgSpec) => spec.options[0] ?? `<${spec.metavar ?? spec.dest}>`;
    for (const o of command.options) {
      const positional = o.spec.options.length === 0;
      const text = positional || o.spec.action === "true" ? label(o.spec) : `${label(o.spec)} <value>`;
      out.push(o.spec.required || positional ? `    ${text}` : `    [${text}]`);
    }
    if (command.options.length) {
      out.push("", "OPTIONS");
      for (const o of command.options) out.push(`  ${label(o.spec)}${o.spec.required ? " [required]" : ""}`, ...wrap(o.help, "      "));
    }
    ctx.io.stdout.write(out.join("\n") + "\n");
    return EXIT.OK;
  }
  let parsed;
  try {
    parsed = new ArgParser(command.options.map((o) => o.spec)).parseKnownArgs(args);
  } catch (e) {
    if (e instanceof ArgparseError) throw new UsageError(e.message);
    throw e;
  }
  // As the CLI's own commands word it: no usage block, exit 252.
  if (parsed.extras.length) throw new ParamError(`Unknown options: ${parsed.extras.join(", ")}`);
  return command.run(ctx, parsed.values);
}
