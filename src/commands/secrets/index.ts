// `kumo secrets`: scan for AWS secrets, install the git hooks that run the
// scan, and register git-secrets' patterns.
import type { CommandContext } from "../../cli/run.ts";
import { EXIT, UsageError } from "../../errors/index.ts";
import { wantsHelp } from "../../secrets/args.ts";
import { HOOK_HELP, INSTALL_HOOKS_HELP, REGISTER_AWS_HELP, SCAN_HELP, SECRETS_HELP, SECRETS_USAGE } from "./help.ts";

const PAGES: Record<string, string> = {
  scan: SCAN_HELP,
  "install-hooks": INSTALL_HOOKS_HELP,
  "register-aws": REGISTER_AWS_HELP,
  hook: HOOK_HELP,
};

export async function run(ctx: CommandContext, args: string[]): Promise<number> {
  const sub = args[0];
  if (sub === undefined) throw new UsageError("the following arguments are required: subcommand", { usage: SECRETS_USAGE });
  if (sub === "help") {
    ctx.io.stdout.write(SECRETS_HELP);
    return EXIT.OK;
  }
  const page = PAGES[sub];
  if (!page) throw new UsageError(`argument subcommand: Invalid choice '${sub}', valid choices are: ${Object.keys(PAGES).join(", ")}`, { usage: SECRETS_USAGE });
  const rest = args.slice(1);
  if (wantsHelp(rest)) {
    ctx.io.stdout.write(page);
    return EXIT.OK;
  }
  const m = await import("./commands.ts");
  if (sub === "scan") return m.runScanCommand(ctx, rest);
  if (sub === "install-hooks") return m.runInstallHooks(ctx, rest);
  if (sub === "register-aws") return m.runRegisterAws(ctx, rest);
  return m.runHook(ctx, rest);
}
