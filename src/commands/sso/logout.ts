// `kumo sso logout`
import type { CommandContext } from "../../cli/run.ts";
import { EXIT } from "../../errors/index.ts";
import { parseArgs } from "../configure/args.ts";
import { ssoLogout } from "../../sso/logout.ts";

export async function runLogout(ctx: CommandContext, args: string[]): Promise<number> {
  parseArgs([], args);
  await ssoLogout(ctx.settings);
  return EXIT.OK;
}
