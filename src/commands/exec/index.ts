// `kumo exec <profile> [-- <command> [args...]]`: runs a command with the
// profile's short-lived credentials (see help below).
import type { CommandContext } from "../../cli/run.ts";
import { intType } from "../../cli/argparse.ts";
import { EXIT, GeneralError, ParamError, UsageError } from "../../errors/index.ts";
import { parseArgs } from "../configure/args.ts";
import { profileCredentials, type SessionOptions } from "../../vault/sessions.ts";
import { execEnvironment, NEST_VARIABLE } from "./environment.ts";

export const EXEC_HELP = `kumo exec
=========

Usage: kumo exec [options] <profile> [-- <command> [args...]]

Runs <command> (default: $SHELL) with short-lived credentials for <profile>
in its environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION (ISO 8601), AWS_REGION and
AWS_DEFAULT_REGION, and KUMO_VAULT=<profile>. Credential variables the caller
had (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...) are removed first. The command's
exit code is kumo's.

Credentials: for a profile with keys in the vault, an STS session
(GetSessionToken, with MFA when the profile has mfa_serial), cached in the
vault; for a profile with role_arn, an AssumeRole session; for any other
profile, what the credential chain finds (long-lived keys are exchanged for a
session).

Options:
  --server          do not put credentials in the environment; serve them
                    from a local endpoint (127.0.0.1, random port) that asks
                    for a random token: AWS_CONTAINER_CREDENTIALS_FULL_URI and
                    AWS_CONTAINER_AUTHORIZATION_TOKEN are set instead. Tools
                    that run for hours get fresh sessions from it.
  --no-session      use the vault's long-lived keys as they are
  --duration N      session length in seconds (default 3600)
  --mfa-token CODE  the MFA code, instead of being asked
  --allow-nested    run even inside another kumo exec (KUMO_VAULT is set)
  --backend B       vault backend: keyring, file or auto
  --region R        (global option) the region given to the command
`;

/** parseArgs, with a hint when the command's own options were given without `--`. */
function parseExecArgs(specs: Parameters<typeof parseArgs>[0], args: string[]): Record<string, unknown> {
  try {
    return parseArgs(specs, args);
  } catch (e) {
    if (e instanceof ParamError && e.message.startsWith("Unknown options:")) {
      throw new ParamError(`${e.message}\nPut the command after --: kumo exec <profile> -- <command> [args...]`);
    }
    throw e;
  }
}

interface Parsed {
  values: Record<string, unknown>;
  command: string[];
}

function parse(args: string[]): Parsed {
  const dd = args.indexOf("--");
  const before = dd >= 0 ? args.slice(0, dd) : args;
  const after = dd >= 0 ? args.slice(dd + 1) : [];
  const values = parseExecArgs(
    [
      { dest: "profile", options: [] },
      { dest: "words", options: [], nargs: "*" },
      { dest: "server", options: ["--server", "--ecs-server"], action: "true" },
      { dest: "noSession", options: ["--no-session"], action: "true" },
      { dest: "duration", options: ["--duration"], type: intType },
      { dest: "mfaToken", options: ["--mfa-token"] },
      { dest: "allowNested", options: ["--allow-nested"], action: "true" },
      { dest: "backend", options: ["--backend"], choices: ["keyring", "file", "auto"] },
    ],
    before,
  );
  return { values, command: [...((values.words as string[] | undefined) ?? []), ...after] };
}

export async function run(ctx: CommandContext, args: string[]): Promise<number> {
  const dd = args.indexOf("--");
  if ((dd >= 0 ? args.slice(0, dd) : args).includes("help")) {
    ctx.io.stdout.write(EXEC_HELP);
    return EXIT.OK;
  }
  const { values, command } = parse(args);
  const profile = values.profile as string;
  const { io } = ctx;
  const nested = io.env[NEST_VARIABLE] || io.env.AWS_VAULT;
  if (nested && values.allowNested !== true) {
    throw new GeneralError(
      `kumo exec is already running for profile "${nested}" in this shell (${io.env[NEST_VARIABLE] ? NEST_VARIABLE : "AWS_VAULT"} is set). ` +
        `Nested sessions easily pick up the wrong credentials; exit that shell first, or pass --allow-nested.`,
    );
  }
  if (values.server === true && values.noSession === true) {
    throw new UsageError("--server hands out sessions only; it cannot be combined with --no-session");
  }
  const opts: SessionOptions = {
    noSession: values.noSession === true,
    duration: values.duration as number | undefined,
    mfaToken: values.mfaToken as string | undefined,
    backend: values.backend as string | undefined,
    chainSession: true,
  };
  const first = await profileCredentials(ctx.settings, profile, opts);
  const region = ctx.globals.region ?? first.region;
  const argv = command.length ? command : [io.env.SHELL || "/bin/sh"];
  return runWithCredentials(ctx, { profile, region, argv, server: values.server === true, opts, first: first.credentials });
}

export interface RunWithCredentials {
  profile: string;
  region: string | undefined;
  argv: string[];
  server: boolean;
  opts: SessionOptions;
  first: import("../../credentials/types.ts").Credentials;
  /** How to get credentials again (the server's refresh); default: the profile's. */
  refresh?: () => Promise<import("../../credentials/types.ts").Credentials>;
}

/** Runs `argv` with the credentials in its environment, or behind a local server. */
export async function runWithCredentials(ctx: CommandContext, r: RunWithCredentials): Promise<number> {
  const { io } = ctx;
  const { runChild } = await import("./child.ts");
  if (!r.server) {
    return runChild(r.argv, execEnvironment(io.env, { profile: r.profile, region: r.region, credentials: r.first }), io.cwd);
  }
  const [{ RefreshingSource }, { startCredentialServer }] = await Promise.all([import("../../credentials/refreshing.ts"), import("./server.ts")]);
  const refresh = r.refresh ?? (async () => (await profileCredentials(ctx.settings, r.profile, r.opts)).credentials);
  const source = new RefreshingSource("kumo-exec-server", refresh, { now: () => io.now(), initial: r.first });
  const server = await startCredentialServer(source);
  try {
    return await runChild(r.argv, execEnvironment(io.env, { profile: r.profile, region: r.region, server }), io.cwd);
  } finally {
    await server.close();
  }
}
