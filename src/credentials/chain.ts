// The credential provider chain, in the AWS CLI's order; the first link that
// finds credentials wins, a link that is configured but broken fails:
//
//   1. env                            AWS_ACCESS_KEY_ID, ... (not when --profile is given)
//   2. assume-role                    role_arn + source_profile | credential_source
//   3. assume-role-with-web-identity  web_identity_token_file + role_arn (or AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)
//   4. sso                            sso_account_id + sso_role_name (+ sso_session)
//   5. shared-credentials-file        keys in ~/.aws/credentials
//   6. custom-process                 credential_process
//   7. config-file                    keys in ~/.aws/config
//   8. ec2-credentials-file, boto-config   (legacy files)
//   9. container-role                 AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI
//  10. iam-role                       instance metadata (IMDSv2)
//
// Links 3-7 are also the chain that resolves an assume-role source_profile.
// Credentials are looked up when the first request is signed, once per
// process. Static keys need nothing but the files; every other link's code is
// loaded only when the profile uses it.
//
// The SDK's fromNodeProviderChain is not used: its order differs (SSO and the
// profile's keys before a role; credential_process inside the ini provider),
// --profile does not turn the environment off there, it neither reads nor
// writes ~/.aws/cli/cache (so no sessions shared with `aws`), has no legacy
// file links, and its messages are not the CLI's. Each link below follows the
// CLI; the modules say where they differ from the SDK's providers.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { GeneralError, NoCredentialsError } from "../errors/index.ts";
import type { ProfileData, Settings } from "../config/settings.ts";
import type { DebugLog } from "../request/debug.ts";
import { fixedSource, RefreshingSource } from "./refreshing.ts";
import type { CredentialSource, Credentials, ResolvedCredentials } from "./types.ts";

export interface ChainContext {
  settings: Settings;
  /** Region of kumo's own STS calls: the command client's, else STS's global endpoint. */
  region: string;
}

export function partialCredentials(provider: string, missing: string): GeneralError {
  return new GeneralError(`Partial credentials found in ${provider}, missing: ${missing}`);
}

export function profileNamed(settings: Settings, name: string): ProfileData {
  return settings.files.profiles[name] ?? {};
}

export function stringValue(profile: ProfileData, key: string): string | undefined {
  const v = Object.hasOwn(profile, key) ? profile[key] : undefined;
  return typeof v === "string" ? v : undefined;
}

function envValue(env: Record<string, string | undefined>, name: string): string | undefined {
  return Object.hasOwn(env, name) ? env[name] : undefined;
}

/** A profile that assume-role handles: role_arn without web_identity_token_file. */
export function hasAssumeRoleConfig(profile: ProfileData): boolean {
  return Object.hasOwn(profile, "role_arn") && !Object.hasOwn(profile, "web_identity_token_file");
}

/** Static keys in the profile (either file), as assume-role checks for them. */
export function hasStaticKeys(profile: ProfileData): boolean {
  return Object.hasOwn(profile, "aws_access_key_id") || Object.hasOwn(profile, "aws_secret_access_key");
}

/** 1. Environment variables; also the `credential_source = Environment` of a role profile. */
export async function envSource(settings: Settings): Promise<CredentialSource | undefined> {
  const env = settings.env;
  if (!envValue(env, "AWS_ACCESS_KEY_ID")) return undefined;
  const read = (requireExpiry: boolean) => {
    const accessKeyId = envValue(env, "AWS_ACCESS_KEY_ID");
    if (!accessKeyId) throw partialCredentials("env", "AWS_ACCESS_KEY_ID");
    const secretAccessKey = envValue(env, "AWS_SECRET_ACCESS_KEY");
    if (!secretAccessKey) throw partialCredentials("env", "AWS_SECRET_ACCESS_KEY");
    const sessionToken = envValue(env, "AWS_SECURITY_TOKEN") || envValue(env, "AWS_SESSION_TOKEN") || undefined;
    const expiry = envValue(env, "AWS_CREDENTIAL_EXPIRATION") || undefined;
    if (requireExpiry && !expiry) throw partialCredentials("env", "AWS_CREDENTIAL_EXPIRATION");
    return { accessKeyId, secretAccessKey, sessionToken, expiry };
  };
  const first = read(false);
  if (first.expiry === undefined) {
    return fixedSource("env", { accessKeyId: first.accessKeyId, secretAccessKey: first.secretAccessKey, sessionToken: first.sessionToken });
  }
  const { expiryFields, parseExpiry, secondsUntil } = await import("./time.ts");
  const toCredentials = (r: ReturnType<typeof read>): Credentials => {
    const t = parseExpiry(r.expiry);
    secondsUntil(t, settings.io.now()); // a time without a zone fails here, as in the CLI
    return { accessKeyId: r.accessKeyId, secretAccessKey: r.secretAccessKey, sessionToken: r.sessionToken, ...expiryFields(t) };
  };
  return new RefreshingSource("env", async () => toCredentials(read(true)), {
    now: () => settings.io.now(),
    initial: toCredentials(first),
  });
}

/** 5 and 7: keys of the profile read from the credentials file, or from the config file. */
function staticKeysSource(settings: Settings, name: string, file: "credentials-file" | "config-file"): CredentialSource | undefined {
  const profile = settings.files.profiles[name];
  if (!profile) return undefined;
  const sources = settings.files.sources[name] ?? {};
  const key = (k: string): string | undefined => {
    const v = stringValue(profile, k);
    return v !== undefined && (sources[k] ?? "config-file") === file ? v : undefined;
  };
  const method = file === "credentials-file" ? "shared-credentials-file" : "config-file";
  const accessKeyId = key("aws_access_key_id");
  if (accessKeyId === undefined) return undefined;
  const secretAccessKey = key("aws_secret_access_key");
  if (secretAccessKey === undefined) throw partialCredentials(method, "aws_secret_access_key");
  // As in the CLI, aws_security_token is looked at before aws_session_token.
  const token = key("aws_security_token") ?? key("aws_session_token");
  const location = file === "credentials-file" ? settings.files.credentialsPath : settings.files.configPath;
  return fixedSource(method, { accessKeyId, secretAccessKey, sessionToken: token || undefined }, location);
}

/**
 * Links 3-7 for one profile. `disableEnv` turns off the web identity
 * environment variables (--profile given, or resolving a source_profile).
 */
export async function profileSource(ctx: ChainContext, name: string, disableEnv: boolean): Promise<CredentialSource | undefined> {
  const { settings } = ctx;
  const profile = profileNamed(settings, name);
  const env = disableEnv ? {} : settings.env;
  // Each web identity setting comes from its environment variable when set, else the profile.
  const webIdentity = (key: string, envName: string) => envValue(env, envName) ?? stringValue(profile, key);
  const tokenFile = webIdentity("web_identity_token_file", "AWS_WEB_IDENTITY_TOKEN_FILE");
  if (tokenFile) {
    const { webIdentitySource } = await import("./web-identity.ts");
    return webIdentitySource(ctx, {
      tokenFile,
      roleArn: webIdentity("role_arn", "AWS_ROLE_ARN"),
      roleSessionName: webIdentity("role_session_name", "AWS_ROLE_SESSION_NAME"),
    });
  }
  if (Object.hasOwn(profile, "sso_role_name") || Object.hasOwn(profile, "sso_account_id")) {
    const { ssoSource } = await import("./sso.ts");
    return ssoSource(ctx, name);
  }
  const shared = staticKeysSource(settings, name, "credentials-file");
  if (shared) return shared;
  const command = stringValue(profile, "credential_process");
  if (command !== undefined) {
    const { processSource } = await import("./process.ts");
    return processSource(ctx, command);
  }
  return staticKeysSource(settings, name, "config-file");
}

/** Instance metadata settings (environment variable, profile key), checked whenever the chain is built. */
const IMDS_SETTINGS: [string, string][] = [
  ["AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint"],
  ["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode"],
  ["AWS_IMDS_USE_IPV6", "imds_use_ipv6"],
  ["AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout"],
  ["AWS_METADATA_SERVICE_NUM_ATTEMPTS", "metadata_service_num_attempts"],
];

async function findSource(settings: Settings, region: string): Promise<CredentialSource> {
  settings.requireProfile();
  const ctx: ChainContext = { settings, region };
  const name = settings.profileName.value;
  const profileGiven = settings.globals.profile !== undefined;
  const env = settings.env;
  // The CLI reads (and so validates) these when it builds its chain, whichever link then answers.
  if (IMDS_SETTINGS.some(([e, k]) => envValue(env, e) !== undefined || settings.profileValue(k) !== undefined)) {
    const { imdsConfig } = await import("./imds.ts");
    imdsConfig(settings);
  }
  if (!profileGiven) {
    const fromEnv = await envSource(settings);
    if (fromEnv) return fromEnv;
  }
  if (hasAssumeRoleConfig(profileNamed(settings, name))) {
    const { assumeRoleSource } = await import("./assume-role.ts");
    return assumeRoleSource(ctx, name);
  }
  const fromProfile = await profileSource(ctx, name, profileGiven);
  if (fromProfile) return fromProfile;
  const botoFiles = envValue(env, "BOTO_CONFIG") !== undefined ? [] : ["/etc/boto.cfg", join(settings.io.home, ".boto")];
  if (envValue(env, "AWS_CREDENTIAL_FILE") !== undefined || envValue(env, "BOTO_CONFIG") !== undefined || botoFiles.some((f) => existsSync(f))) {
    const { legacyFileSource } = await import("./legacy.ts");
    const legacy = legacyFileSource(settings);
    if (legacy) return legacy;
  }
  const fromContainer = await containerSourceIfSet(settings);
  if (fromContainer) return fromContainer;
  const fromImds = await imdsSourceIfEnabled(settings);
  if (fromImds) return fromImds;
  throw new NoCredentialsError();
}

/** 9. The container credentials endpoint, when one of its variables is set. */
export async function containerSourceIfSet(settings: Settings): Promise<CredentialSource | undefined> {
  const env = settings.env;
  if (envValue(env, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") === undefined && envValue(env, "AWS_CONTAINER_CREDENTIALS_FULL_URI") === undefined) {
    return undefined;
  }
  const { containerSource } = await import("./container.ts");
  return containerSource(settings);
}

/** 10. Instance metadata, unless AWS_EC2_METADATA_DISABLED=true. */
export async function imdsSourceIfEnabled(settings: Settings): Promise<CredentialSource | undefined> {
  if ((envValue(settings.env, "AWS_EC2_METADATA_DISABLED") ?? "false").toLowerCase() === "true") return undefined;
  const { imdsSource } = await import("./imds.ts");
  return imdsSource(settings);
}

export interface ResolveOptions {
  /** Region of the client that needs the credentials (used for STS when a role is assumed). */
  region?: string | undefined;
}

const found = new WeakMap<Settings, Promise<CredentialSource>>();

function sourceFor(settings: Settings, opts: ResolveOptions): Promise<CredentialSource> {
  let p = found.get(settings);
  if (!p) {
    p = findSource(settings, opts.region ?? settings.region?.value ?? "aws-global");
    found.set(settings, p);
  }
  return p;
}

/**
 * The link of the chain that supplies the current profile's credentials,
 * found once per process. Links that fetch on first use (assume-role, web
 * identity, SSO) have not called anything yet.
 */
export function credentialSource(settings: Settings, opts: ResolveOptions = {}): Promise<CredentialSource> {
  return sourceFor(settings, opts);
}

/** The credentials of the current profile and which link of the chain found them. */
export async function resolveCredentials(settings: Settings, opts: ResolveOptions = {}): Promise<ResolvedCredentials> {
  const source = await sourceFor(settings, opts);
  return { credentials: await source.get(), method: source.method, location: source.location };
}

const logged = new WeakSet<Settings>();

/**
 * The credentials to sign one request with. The SDK asks again only when the
 * expiry it sees is less than five minutes away; it is shown an expiry ten
 * minutes early, so that kumo's refresh windows (15 minutes advisory, 10
 * mandatory) apply.
 */
export async function credentialsForRequest(settings: Settings, opts: ResolveOptions & { debug?: DebugLog | undefined }): Promise<Credentials> {
  const r = await resolveCredentials(settings, opts);
  if (opts.debug && !logged.has(settings)) {
    logged.add(settings);
    opts.debug("kumo.credentials", `Found credentials from ${r.method}${r.location ? ` (${r.location})` : ""}`);
  }
  const c = r.credentials;
  return c.expiration ? { ...c, expiration: new Date(c.expiration.getTime() - 10 * 60_000) } : c;
}
