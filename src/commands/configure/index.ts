// `kumo configure [<subcommand>] ...`: the wizard, or one of the subcommands,
// chosen the way the AWS CLI chooses (the first word that is not an option;
// unknown options around it go to the subcommand).
import type { CommandContext } from "../../cli/run.ts";
import { ArgParser, ArgparseError, choicesMessage } from "../../cli/argparse.ts";
import { PROGRAM } from "../../cli/usage.ts";
import { EXIT, ParamError, UsageError } from "../../errors/index.ts";
import { wantsHelp } from "./args.ts";
import { CONFIGURE_HELP, HELP_PAGES } from "./help.ts";

type Runner = (ctx: CommandContext, args: string[]) => Promise<number>;

/** The subcommands kumo provides, in the CLI's order, each loaded when used. */
const SUBCOMMANDS: Record<string, () => Promise<Runner>> = {
  list: async () => (await import("./list.ts")).runList,
  get: async () => (await import("./get.ts")).runGet,
  set: async () => (await import("./set.ts")).runSet,
  import: async () => (await import("./import.ts")).runImport,
  "list-profiles": async () => (await import("./list-profiles.ts")).runListProfiles,
  "export-credentials": async () => (await import("./export-credentials.ts")).runExportCredentials,
  sso: async () => (await import("./sso.ts")).runConfigureSso,
  "sso-session": async () => (await import("./sso.ts")).runConfigureSsoSession,
};

/** The CLI's other `configure` subcommands, named so that asking for one gets a plain answer. */
const NOT_AVAILABLE = ["add-model", "wizard"];

export function configureHelpText(): string {
  const names = Object.keys(SUBCOMMANDS);
  const width = Math.max(...names.map((n) => n.length)) + 4;
  const lines = names.map((n) => `  ${n.padEnd(width)}${HELP_PAGES[n]!.summary}`);
  lines.push("", `Not available in ${PROGRAM} yet: ${NOT_AVAILABLE.join(", ")}.`);
  return CONFIGURE_HELP.replace("%SUBCOMMANDS%", lines.join("\n"));
}

export async function runConfigure(ctx: CommandContext, args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    ctx.io.stdout.write(configureHelpText());
    return EXIT.OK;
  }
  let parsed;
  try {
    parsed = new ArgParser([{ dest: "subcommand", options: [], nargs: "?" }]).parseKnownArgs(args);
  } catch (e) {
    if (e instanceof ArgparseError) throw new UsageError(e.message);
    throw e;
  }
  const name = parsed.values.subcommand as string | undefined;
  // Everything but the subcommand word itself goes to the subcommand.
  const rest = [...args];
  if (name !== undefined) rest.splice(rest.indexOf(name), 1);
  if (name !== undefined && Object.hasOwn(HELP_PAGES, name) && wantsHelp(rest)) {
    ctx.io.stdout.write(HELP_PAGES[name]!.text);
    return EXIT.OK;
  }
  // As with the CLI, a config or credentials file that cannot be read stops
  // everything but help before the arguments are looked at.
  void ctx.settings.files;
  if (name === undefined) {
    if (parsed.extras.length) throw new ParamError(`Unknown options: ${parsed.extras.join(",")}`);
    const { runWizard } = await import("./wizard.ts");
    return runWizard(ctx);
  }
  const load = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (load === undefined) {
    if (NOT_AVAILABLE.includes(name)) {
      throw new UsageError(
        `argument subcommand: \`${PROGRAM} configure ${name}\` is not available in this version of ${PROGRAM}; ` +
          `available: ${Object.keys(SUBCOMMANDS).join(", ")}`,
      );
    }
    throw new UsageError(`argument subcommand: ${choicesMessage(name, Object.keys(SUBCOMMANDS))}`);
  }
  return (await load())(ctx, rest);
}
