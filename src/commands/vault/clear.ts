// `kumo vault clear [<profile>]`: deletes cached sessions.
import type { CommandContext } from "../../cli/run.ts";
import { EXIT } from "../../errors/index.ts";
import { parseArgs } from "../configure/args.ts";
import { openVault } from "../../vault/open.ts";
import { clearSessions } from "../../vault/sessions.ts";
import { BACKEND_SPEC, profileSpec } from "./args.ts";

export async function runClear(ctx: CommandContext, args: string[]): Promise<number> {
  const values = parseArgs([profileSpec(false), BACKEND_SPEC], args);
  const vault = await openVault(ctx.io, { backend: values.backend as string | undefined });
  const n = await clearSessions(vault, values.profile as string | undefined);
  ctx.io.stderr.write(`Cleared ${n} session${n === 1 ? "" : "s"}.\n`);
  return EXIT.OK;
}
