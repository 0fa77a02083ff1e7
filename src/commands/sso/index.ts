// `kumo sso`: the SSO portal service's operations, plus the CLI's own `login`
// and `logout` commands (being built; until then they say so and exit 255).
import type { CommandContext } from "../../cli/run.ts";
import { GeneralError } from "../../errors/index.ts";

export async function run(ctx: CommandContext, args: string[]): Promise<number> {
  if (args[0] === "login" || args[0] === "logout") throw new GeneralError(`kumo sso ${args[0]} is not available in this build`);
  const { runService } = await import("../service/index.ts");
  return runService(ctx, "sso", args);
}
