// `kumo vault credentials <profile>`: credential_process output, so that aws
// and the SDKs take a profile's credentials from the vault.
import type { CommandContext } from "../../cli/run.ts";
import { intType } from "../../cli/argparse.ts";
import { EXIT } from "../../errors/index.ts";
import { parseArgs } from "../configure/args.ts";
import { formatCredentials, isoformat } from "../configure/export-format.ts";
import { profileCredentials } from "../../vault/sessions.ts";
import { BACKEND_SPEC, profileSpec } from "./args.ts";

export async function runCredentials(ctx: CommandContext, args: string[]): Promise<number> {
  const values = parseArgs(
    [profileSpec(), { dest: "noSession", options: ["--no-session"], action: "true" }, { dest: "duration", options: ["--duration"], type: intType }, BACKEND_SPEC],
    args,
  );
  const r = await profileCredentials(ctx.settings, values.profile as string, {
    noSession: values.noSession === true,
    duration: values.duration as number | undefined,
    backend: values.backend as string | undefined,
    vaultOnly: true,
  });
  const c = r.credentials;
  ctx.io.stdout.write(
    formatCredentials(
      { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration ? isoformat(c.expiration) : undefined },
      "process",
    ),
  );
  return EXIT.OK;
}
