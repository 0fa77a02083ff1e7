// `kumo secrets`: being built; until then it says so and exits 255.
import type { CommandContext } from "../../cli/run.ts";
import { GeneralError } from "../../errors/index.ts";

export async function run(_ctx: CommandContext, _args: string[]): Promise<number> {
  throw new GeneralError("kumo secrets is not available in this build");
}
