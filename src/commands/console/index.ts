// `kumo console [profile]`: signs in to the AWS console with a session for
// the profile (or the current credentials) and opens it in the browser, or
// prints the sign-in URL with --stdout.
import type { CommandContext } from "../../cli/run.ts";
import { intType } from "../../cli/argparse.ts";
import { EXIT, GeneralError } from "../../errors/index.ts";
import type { Credentials } from "../../credentials/types.ts";
import { parseArgs } from "../configure/args.ts";
import { profileCredentials, sessionCredentials, settingsFor } from "../../vault/sessions.ts";
import { consoleDestination, federationEndpoint, loginUrl, signinTokenUrl } from "./federation.ts";

export const CONSOLE_HELP = `kumo console
============

Usage: kumo console [<profile>] [--stdout] [--destination D] [--region R] [--duration N]

Opens the AWS console signed in as <profile> (default: the credentials in the
environment, else --profile / AWS_PROFILE / default). Role profiles sign in
with their role session; long-lived keys (vault or files) are first exchanged
for a federation token (sts GetFederationToken), as the console needs
temporary credentials. Works in every partition (aws, aws-cn, aws-us-gov,
aws-iso*, aws-eusc), chosen by the region.

The browser is $BROWSER when set, else the system's (open, xdg-open, start).

Options:
  --stdout          print the sign-in URL instead of opening a browser
  --destination D   where to land: a service (ec2, s3), a console path
                    (/cloudwatch/home#logs:), or a full https URL
  --region R        (global option) console region (default: the profile's,
                    else us-east-1)
  --duration N      session length in seconds
  --mfa-token CODE  the MFA code for a role with mfa_serial
  --issuer NAME     Issuer of the sign-in request (default kumo)
  --backend B       vault backend: keyring, file or auto

Environment:
  KUMO_FEDERATION_ENDPOINT   replaces https://<region>.signin.<partition domain>/federation
`;

const ALLOW_ALL = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });

function federationName(profile: string): string {
  return `kumo-${profile}`.replace(/[^\w+=,.@-]/g, "-").slice(0, 32);
}

interface ConsoleSession {
  credentials: Credentials;
  region: string | undefined;
  federated: boolean;
}

async function sessionFor(ctx: CommandContext, values: Record<string, unknown>): Promise<ConsoleSession> {
  const { settings } = ctx;
  const explicit = (values.profile as string | undefined) ?? settings.globals.profile;
  const backend = values.backend as string | undefined;
  const duration = values.duration as number | undefined;
  let credentials: Credentials;
  let region: string | undefined;
  let label: string;
  let stsSettings = settings;
  if (explicit === undefined && settings.env.AWS_ACCESS_KEY_ID) {
    const { resolveCredentials } = await import("../../credentials/chain.ts");
    credentials = (await resolveCredentials(settings)).credentials;
    region = settings.region?.value;
    label = settings.env.KUMO_ASSUMED ?? settings.env.KUMO_VAULT ?? "env";
  } else {
    const profile = explicit ?? settings.profileName.value;
    const isRole = typeof settings.files.profiles[profile]?.role_arn === "string";
    const r = await profileCredentials(settings, profile, {
      backend,
      duration,
      mfaToken: values.mfaToken as string | undefined,
      noSession: !isRole,
    });
    credentials = r.credentials;
    region = r.region;
    label = profile;
    stsSettings = settingsFor(settings, profile);
  }
  if (credentials.sessionToken) return { credentials, region, federated: false };
  const { callAws } = await import("../../credentials/aws-calls.ts");
  const input: Record<string, unknown> = { Name: federationName(label), Policy: ALLOW_ALL, DurationSeconds: duration ?? 3600 };
  const { doc } = await callAws(stsSettings, "sts", "GetFederationToken", input, {
    region: stsSettings.region?.value ?? "us-east-1",
    credentials,
  });
  return { credentials: sessionCredentials(doc), region, federated: true };
}

async function getSigninToken(url: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(30_000) });
  } catch (e) {
    const endpoint = url.split("?")[0];
    throw new GeneralError(`Could not connect to the federation endpoint ${endpoint}: ${(e as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) {
    throw new GeneralError(`The federation endpoint refused the session (HTTP ${res.status}): ${text.slice(0, 300).trim()}`);
  }
  try {
    const token = (JSON.parse(text) as { SigninToken?: unknown }).SigninToken;
    if (typeof token === "string" && token !== "") return token;
  } catch {
    // reported below
  }
  throw new GeneralError("The federation endpoint answered without a SigninToken.");
}

export async function run(ctx: CommandContext, args: string[]): Promise<number> {
  if (args.includes("help")) {
    ctx.io.stdout.write(CONSOLE_HELP);
    return EXIT.OK;
  }
  const values = parseArgs(
    [
      { dest: "profile", options: [], nargs: "?" },
      { dest: "stdout", options: ["--stdout", "-s"], action: "true" },
      { dest: "destination", options: ["--destination", "-d"] },
      { dest: "duration", options: ["--duration"], type: intType },
      { dest: "mfaToken", options: ["--mfa-token"] },
      { dest: "issuer", options: ["--issuer"], default: "kumo" },
      { dest: "backend", options: ["--backend"], choices: ["keyring", "file", "auto"] },
    ],
    args,
  );
  const { io } = ctx;
  const session = await sessionFor(ctx, values);
  const region = ctx.globals.region ?? session.region ?? "us-east-1";
  const endpoint = federationEndpoint(region, io.env.KUMO_FEDERATION_ENDPOINT);
  const c = session.credentials;
  // SessionDuration is refused for federation-token sessions; it applies to role sessions only.
  const sessionDuration = !session.federated ? (values.duration as number | undefined) : undefined;
  const token = await getSigninToken(
    signinTokenUrl(endpoint, { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken! }, sessionDuration),
  );
  const url = loginUrl(endpoint, token, consoleDestination(region, values.destination as string | undefined), values.issuer as string);
  if (values.stdout === true) {
    io.stdout.write(`${url}\n`);
    return EXIT.OK;
  }
  const { openBrowser } = await import("../../util/browser.ts");
  if (await openBrowser(url, io.env)) {
    io.stderr.write("Opened the AWS console in the browser.\n");
    return EXIT.OK;
  }
  io.stderr.write("Could not start a browser; open this URL (it signs in for 15 minutes):\n");
  io.stdout.write(`${url}\n`);
  return EXIT.OK;
}
