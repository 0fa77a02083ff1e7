// `kumo configure export-credentials [--format F]`: resolves credentials
// through the provider chain and prints them for a shell, PowerShell, cmd, or
// as `credential_process` JSON. The global --output and --query do not apply.
//
// A profile whose credential_process runs `kumo configure export-credentials`
// again is caught: the profiles seen so far travel to child processes in
// _AWS_CLI_PROFILE_CHAIN (the AWS CLI's variable, so the two tools can call
// each other), and a cycle or more than four levels is an error.
import type { CommandContext } from "../../cli/run.ts";
import { ConfigError, EXIT, NoCredentialsError } from "../../errors/index.ts";
import { resolveCredentials } from "../../credentials/chain.ts";
import { chosenProfile, parseArgs } from "./args.ts";
import { EXPORT_FORMATS, csvRow, formatCredentials, isoformat, parseCsvRow, type ExportFormat } from "./export-format.ts";

const CHAIN_VAR = "_AWS_CLI_PROFILE_CHAIN";
const MAX_DEPTH = 4;

/** Checks and extends the chain of profiles being exported (see above). */
function enterProfile(env: Record<string, string | undefined>, profile: string): void {
  const seen = parseCsvRow(env[CHAIN_VAR] ?? "");
  if (seen.length >= MAX_DEPTH) {
    throw new ConfigError(`Maximum recursive credential process resolution reached (${MAX_DEPTH}).\nProfiles seen: ${seen.join(" -> ")}`);
  }
  if (seen.includes(profile)) {
    throw new ConfigError(`Credential process resolution detected an infinite loop, profile cycle: ${[...seen, profile].join(" -> ")}\n`);
  }
  env[CHAIN_VAR] = csvRow([...seen, profile]).trim();
}

export async function runExportCredentials(ctx: CommandContext, args: string[]): Promise<number> {
  const values = parseArgs([{ dest: "format", options: ["--format"], choices: EXPORT_FORMATS, default: "process" }], args);
  const format = values.format as ExportFormat;
  enterProfile(ctx.io.env, chosenProfile(ctx.settings) ?? "default");
  let resolved;
  try {
    resolved = await resolveCredentials(ctx.settings);
  } catch (e) {
    if (e instanceof NoCredentialsError) throw new ConfigError("Unable to retrieve credentials: no credentials found");
    const message = (e instanceof Error ? e.message : String(e)).trim();
    throw new ConfigError(`Unable to retrieve credentials: ${message}\n`);
  }
  const c = resolved.credentials;
  ctx.io.stdout.write(
    formatCredentials(
      {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        sessionToken: c.sessionToken,
        expiration: c.expirationIso ?? (c.expiration ? isoformat(c.expiration) : undefined),
      },
      format,
    ),
  );
  return EXIT.OK;
}
