// `kumo configure get VARNAME`: prints one value from the config and
// credentials files (never from the environment), exit 1 when it is not set.
import type { CommandContext } from "../../cli/run.ts";
import { EXIT, GeneralError, ProfileNotFoundError } from "../../errors/index.ts";
import type { IniValue } from "../../config/ini.ts";
import { chosenProfile, paramValue, parseArgs } from "./args.ts";
import { dottedValue } from "./names.ts";

export async function runGet(ctx: CommandContext, args: string[]): Promise<number> {
  const values = parseArgs([{ dest: "varname", options: [] }], args);
  const varname = paramValue(ctx, values.varname as string, "varname");
  if (typeof varname !== "string") throw new GeneralError("a bytes-like object is required, not 'str'");
  const files = ctx.settings.files;
  const profile = chosenProfile(ctx.settings);
  let value: IniValue | undefined;
  if (!varname.includes(".")) {
    // The selected profile; one chosen by name must exist (even "default").
    if (profile !== undefined && !Object.hasOwn(files.profiles, profile)) throw new ProfileNotFoundError(profile);
    const section = files.profiles[profile ?? "default"];
    value = section !== undefined && Object.hasOwn(section, varname) ? section[varname] : undefined;
  } else {
    value = dottedValue(varname, files, profile);
  }
  if (typeof value === "string") {
    ctx.io.stdout.write(`${value}\n`);
    return EXIT.OK;
  }
  if (value !== undefined) {
    ctx.io.stderr.write(`varname (${varname}) must reference a value, not a section or sub-section.`);
  }
  return EXIT.GENERAL;
}
