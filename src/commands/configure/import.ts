// `kumo configure import --csv file://credentials.csv [--skip-invalid]
// [--profile-prefix P]`: adds one credentials-file profile per user of an
// IAM console CSV, named after the user (with the prefix).
import type { CommandContext } from "../../cli/run.ts";
import { EXIT, GeneralError } from "../../errors/index.ts";
import { updateConfigFile, type ConfigUpdate } from "../../config/writer.ts";
import { paramValue, parseArgs } from "./args.ts";
import { parseCredentialsCsv } from "./csv-credentials.ts";

export async function runImport(ctx: CommandContext, args: string[]): Promise<number> {
  const values = parseArgs(
    [
      { dest: "csv", options: ["--csv"], required: true },
      { dest: "skipInvalid", options: ["--skip-invalid"], action: "true" },
      { dest: "profilePrefix", options: ["--profile-prefix"], default: "" },
    ],
    args,
  );
  const csv = paramValue(ctx, values.csv as string, "--csv");
  const prefix = paramValue(ctx, values.profilePrefix as string, "--profile-prefix");
  if (typeof csv !== "string" || typeof prefix !== "string") throw new GeneralError("a bytes-like object is required, not 'str'");
  const path = ctx.settings.files.credentialsPath;
  const credentials = parseCredentialsCsv(csv, values.skipInvalid !== true);
  const updates: ConfigUpdate[] = credentials.map((c) => ({
    section: prefix + c.userName,
    values: [
      ["aws_access_key_id", c.accessKeyId],
      ["aws_secret_access_key", c.secretAccessKey],
    ],
  }));
  if (updates.length) updateConfigFile(path, updates);
  ctx.io.stdout.write(`Successfully imported ${credentials.length} profile(s)\n`);
  return EXIT.OK;
}
