// The region and credentials a token is signed with, from the profile: the
// same chain and the same messages as any command.
import type { CommandContext } from "../../cli/run.ts";
import type { Credentials } from "../../credentials/types.ts";

export async function signingCredentials(ctx: CommandContext, region: string | undefined): Promise<Credentials> {
  const { credentialsForRequest } = await import("../../credentials/chain.ts");
  const { debugLogger, registerSecret } = await import("../../request/debug.ts");
  ctx.settings.requireProfile();
  const c = await credentialsForRequest(ctx.settings, { region, debug: debugLogger(ctx.io, ctx.settings.globals.debug) });
  registerSecret(c.secretAccessKey);
  registerSecret(c.sessionToken);
  return c;
}
