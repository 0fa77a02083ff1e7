// `kumo configure set VARNAME VALUE`: writes one value to the config file
// (or, for the access key, secret key and session token, the credentials
// file), keeping the rest of the file as it was. See names.ts for how the
// name is read and src/config/writer.ts for how the file is edited.
import type { CommandContext } from "../../cli/run.ts";
import { EXIT, GeneralError } from "../../errors/index.ts";
import { updateConfigFile } from "../../config/writer.ts";
import { chosenProfile, paramValue, parseArgs } from "./args.ts";
import { setTarget } from "./names.ts";

export async function runSet(ctx: CommandContext, args: string[]): Promise<number> {
  const values = parseArgs(
    [
      { dest: "varname", options: [] },
      { dest: "value", options: [] },
    ],
    args,
  );
  const varname = paramValue(ctx, values.varname as string, "varname");
  if (typeof varname !== "string") throw new GeneralError("a bytes-like object is required, not 'str'");
  const files = ctx.settings.files; // an unreadable file fails here, as with the CLI
  const target = setTarget(varname, values.value as string, chosenProfile(ctx.settings));
  const path = target.file === "credentials" ? files.credentialsPath : files.configPath;
  updateConfigFile(path, { section: target.section, values: [[target.key, target.value]] });
  return EXIT.OK;
}
