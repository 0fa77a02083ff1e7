// The environment of a command run by `kumo exec` (and `kumo assume --exec`):
// the caller's, without any AWS credential settings it had, plus the
// profile's short-lived credentials (or the credential server's address),
// its region, and KUMO_VAULT naming the profile (which also stops an
// accidental nested `kumo exec`).
import type { Credentials } from "../../credentials/types.ts";

/** Variables that would compete with the credentials handed to the command; removed first. */
export const CLEARED_VARIABLES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_SECURITY_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_ROLE_ARN",
  "AWS_ROLE_SESSION_NAME",
  "KUMO_VAULT_PASSPHRASE",
];

/** Set in the command's environment: the profile it runs as. */
export const NEST_VARIABLE = "KUMO_VAULT";

export interface ExecEnvironmentInput {
  profile: string;
  region?: string | undefined;
  credentials?: Credentials | undefined;
  /** With `--server`: where the command fetches credentials, and the token it must send. */
  server?: { url: string; token: string } | undefined;
}

/** `2026-01-02T03:04:05Z` */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function execEnvironment(base: Record<string, string | undefined>, input: ExecEnvironmentInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !CLEARED_VARIABLES.includes(k)) env[k] = v;
  env[NEST_VARIABLE] = input.profile;
  if (input.region) {
    env.AWS_REGION = input.region;
    env.AWS_DEFAULT_REGION = input.region;
  }
  if (input.server) {
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI = input.server.url;
    env.AWS_CONTAINER_AUTHORIZATION_TOKEN = input.server.token;
    return env;
  }
  const c = input.credentials;
  if (c) {
    env.AWS_ACCESS_KEY_ID = c.accessKeyId;
    env.AWS_SECRET_ACCESS_KEY = c.secretAccessKey;
    if (c.sessionToken) {
      env.AWS_SESSION_TOKEN = c.sessionToken;
      env.AWS_SECURITY_TOKEN = c.sessionToken;
    }
    if (c.expiration) env.AWS_CREDENTIAL_EXPIRATION = isoSeconds(c.expiration);
  }
  return env;
}
