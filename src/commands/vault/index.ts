// `kumo vault <subcommand>`: the credential vault (see help.ts).
import type { CommandContext } from "../../cli/run.ts";
import { choicesMessage } from "../../cli/argparse.ts";
import { EXIT, UsageError } from "../../errors/index.ts";
import { HELP_PAGES, VAULT_HELP } from "./help.ts";

type Runner = (ctx: CommandContext, args: string[]) => Promise<number>;

const SUBCOMMANDS: Record<string, () => Promise<Runner>> = {
  add: async () => (await import("./add.ts")).runAdd,
  list: async () => (await import("./list.ts")).runList,
  ls: async () => (await import("./list.ts")).runList,
  remove: async () => (await import("./remove.ts")).runRemove,
  rm: async () => (await import("./remove.ts")).runRemove,
  rotate: async () => (await import("./rotate.ts")).runRotate,
  clear: async () => (await import("./clear.ts")).runClear,
  credentials: async () => (await import("./credentials.ts")).runCredentials,
};

const ALIASES: Record<string, string> = { ls: "list", rm: "remove" };

export async function run(ctx: CommandContext, args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined) throw new UsageError("the following arguments are required: subcommand");
  if (name === "help") {
    ctx.io.stdout.write(VAULT_HELP);
    return EXIT.OK;
  }
  const load = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (!load) throw new UsageError(`argument subcommand: ${choicesMessage(name, Object.keys(SUBCOMMANDS).filter((n) => !ALIASES[n]))}`);
  if (rest.includes("help")) {
    ctx.io.stdout.write(HELP_PAGES[ALIASES[name] ?? name]!);
    return EXIT.OK;
  }
  return (await load())(ctx, rest);
}
