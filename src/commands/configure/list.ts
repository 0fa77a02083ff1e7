// `kumo configure list`: the profile, the credentials and the region in use,
// each with where it came from. Credentials are resolved through the
// provider chain, so the Type column names the provider that supplied them.
import type { CommandContext } from "../../cli/run.ts";
import { EXIT, NoCredentialsError } from "../../errors/index.ts";
import { resolveCredentials } from "../../credentials/chain.ts";
import { parseArgs } from "./args.ts";
import { credentialRows, formatListRow, listHeader, profileRow, regionRow } from "./list-format.ts";

export async function runList(ctx: CommandContext, args: string[]): Promise<number> {
  parseArgs([], args);
  const { io, settings } = ctx;
  const files = settings.files;
  io.stdout.write(listHeader());
  io.stdout.write(formatListRow(profileRow(ctx.globals.profile, io.env)));

  // An unknown profile fails here, after the lines above, as with the CLI.
  settings.requireProfile();
  let resolved;
  try {
    resolved = await resolveCredentials(settings);
  } catch (e) {
    if (!(e instanceof NoCredentialsError)) throw e;
  }
  const [access, secret] = credentialRows(
    resolved && {
      accessKeyId: resolved.credentials.accessKeyId,
      secretAccessKey: resolved.credentials.secretAccessKey,
      method: resolved.method,
    },
  );
  io.stdout.write(formatListRow(access));
  io.stdout.write(formatListRow(secret));

  const profileRegion = files.profiles[settings.profileName.value]?.region;
  const region = settings.region;
  io.stdout.write(
    formatListRow(
      regionRow({
        env: io.env,
        profileRegion: typeof profileRegion === "string" ? profileRegion : undefined,
        configFileName: io.env.AWS_CONFIG_FILE ?? "~/.aws/config",
        other: ctx.globals.region || (region?.source === "imds" ? region.value : undefined),
      }),
    ),
  );
  return EXIT.OK;
}
