// `kumo assume <profile | role-arn>`: prints the lines that put a role
// session (or a profile's session) into the current shell; see ASSUME_HELP.
import type { CommandContext } from "../../cli/run.ts";
import { intType } from "../../cli/argparse.ts";
import { EXIT, UsageError } from "../../errors/index.ts";
import type { Credentials } from "../../credentials/types.ts";
import { parseArgs } from "../configure/args.ts";
import { callAssumeRole, profileCredentials, sessionCredentials, settingsFor, type RoleRequest, type SessionOptions } from "../../vault/sessions.ts";
import { isoSeconds } from "../exec/environment.ts";
import { detectShell, shellLines, SHELLS, type Shell } from "./shell-format.ts";

export const ASSUME_HELP = `kumo assume
===========

Usage: kumo assume <profile | role-arn> [options] [--exec -- <command> [args...]]

Gets a session for a profile (AssumeRole for a profile with role_arn,
GetSessionToken otherwise) or for a role ARN (assumed with the current
credentials: the environment's, or --profile's), and prints the lines that
set it in the current shell:

  eval "$(kumo assume prod)"                    # bash, zsh
  kumo assume prod --shell fish | source        # fish
  kumo assume prod --shell powershell | Invoke-Expression

or, after  eval "$(kumo shell-init bash)"  in your shell's rc file, just
  kumo-assume prod

Variables set: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
AWS_CREDENTIAL_EXPIRATION, AWS_REGION and AWS_DEFAULT_REGION (when known),
KUMO_ASSUMED (what was assumed); AWS_SECURITY_TOKEN, AWS_PROFILE and
AWS_DEFAULT_PROFILE are unset.

Options:
  --duration N           session length in seconds (default: the profile's
                         duration_seconds, else 3600)
  --session-name NAME    role session name (default: role_session_name, else kumo-<time>)
  --external-id ID       external ID for the role's trust policy
  --source-identity ID   source identity recorded in CloudTrail
  --mfa-serial ARN       MFA device (default: the profile's mfa_serial); the code
                         is asked for without echo
  --mfa-token CODE       the MFA code, instead of being asked
  --shell SHELL          bash, zsh, sh, fish or powershell (default: from $SHELL)
  --exec                 run the command after -- with the session, as
                         kumo exec does, instead of printing
  --backend B            vault backend: keyring, file or auto
  --region R             (global option) region of the session's variables
`;

const ROLE_ARN = /^arn:[^:]+:iam::\d{12}:role\/.+$/;

async function currentCredentials(ctx: CommandContext, opts: SessionOptions): Promise<Credentials> {
  const { settings } = ctx;
  if (settings.globals.profile === undefined && settings.env.AWS_ACCESS_KEY_ID) {
    const { resolveCredentials } = await import("../../credentials/chain.ts");
    return (await resolveCredentials(settings)).credentials;
  }
  return (await profileCredentials(settings, settings.profileName.value, { backend: opts.backend, noSession: true })).credentials;
}

export async function run(ctx: CommandContext, args: string[]): Promise<number> {
  const dd = args.indexOf("--");
  const before = dd >= 0 ? args.slice(0, dd) : args;
  const command = dd >= 0 ? args.slice(dd + 1) : [];
  if (before.includes("help")) {
    ctx.io.stdout.write(ASSUME_HELP);
    return EXIT.OK;
  }
  const values = parseArgs(
    [
      { dest: "target", options: [], metavar: "profile | role-arn" },
      { dest: "duration", options: ["--duration", "-d"], type: intType },
      { dest: "sessionName", options: ["--session-name"] },
      { dest: "externalId", options: ["--external-id"] },
      { dest: "sourceIdentity", options: ["--source-identity"] },
      { dest: "mfaSerial", options: ["--mfa-serial"] },
      { dest: "mfaToken", options: ["--mfa-token"] },
      { dest: "shell", options: ["--shell"], choices: SHELLS },
      { dest: "exec", options: ["--exec"], action: "true" },
      { dest: "backend", options: ["--backend"], choices: ["keyring", "file", "auto"] },
    ],
    before,
  );
  const exec = values.exec === true || dd >= 0;
  if (exec && command.length === 0) throw new UsageError("--exec needs a command after --: kumo assume <profile> --exec -- <command> [args...]");
  const target = values.target as string;
  const { io } = ctx;
  const opts: SessionOptions = {
    duration: values.duration as number | undefined,
    sessionName: values.sessionName as string | undefined,
    externalId: values.externalId as string | undefined,
    sourceIdentity: values.sourceIdentity as string | undefined,
    mfaSerial: values.mfaSerial as string | undefined,
    mfaToken: values.mfaToken as string | undefined,
    backend: values.backend as string | undefined,
    chainSession: true,
  };

  let credentials: Credentials;
  let region: string | undefined;
  let what: string;
  let refresh: () => Promise<Credentials>;
  if (ROLE_ARN.test(target)) {
    const request: RoleRequest = { roleArn: target, ...opts };
    const stsRegion = ctx.settings.region?.value ?? "us-east-1";
    refresh = async () => sessionCredentials(await callAssumeRole(ctx.settings, await currentCredentials(ctx, opts), request, opts, stsRegion));
    credentials = await refresh();
    region = ctx.globals.region ?? ctx.settings.region?.value;
    what = target;
  } else {
    const r = await profileCredentials(ctx.settings, target, opts);
    credentials = r.credentials;
    region = ctx.globals.region ?? r.region ?? settingsFor(ctx.settings, target).region?.value;
    what = target;
    refresh = async () => (await profileCredentials(ctx.settings, target, opts)).credentials;
  }

  if (exec) {
    const { runWithCredentials } = await import("../exec/index.ts");
    return runWithCredentials(ctx, { profile: what, region, argv: command, server: false, opts, first: credentials, refresh });
  }

  const shell: Shell = (values.shell as Shell | undefined) ?? detectShell(io.env);
  const set: [string, string][] = [
    ["AWS_ACCESS_KEY_ID", credentials.accessKeyId],
    ["AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey],
  ];
  const unset = ["AWS_SECURITY_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE"];
  if (credentials.sessionToken) set.push(["AWS_SESSION_TOKEN", credentials.sessionToken]);
  else unset.push("AWS_SESSION_TOKEN");
  if (credentials.expiration) set.push(["AWS_CREDENTIAL_EXPIRATION", isoSeconds(credentials.expiration)]);
  else unset.push("AWS_CREDENTIAL_EXPIRATION");
  if (region) set.push(["AWS_REGION", region], ["AWS_DEFAULT_REGION", region]);
  set.push(["KUMO_ASSUMED", what]);
  io.stdout.write(shellLines(shell, set, unset));
  const until = credentials.expiration ? `, valid until ${isoSeconds(credentials.expiration)}` : "";
  io.stderr.write(`Assumed ${what}${until}.\n`);
  if (io.stdout.isTTY) {
    io.stderr.write(`These lines change nothing on their own: run eval "$(kumo assume ${target})", or set up kumo-assume with: eval "$(kumo shell-init ${shell})"\n`);
  }
  return EXIT.OK;
}
