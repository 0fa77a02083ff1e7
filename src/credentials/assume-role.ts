// assume-role: a profile with role_arn takes its credentials from STS
// AssumeRole, signed with the credentials of its source: another profile
// (source_profile, resolved through the profile links of the chain, or
// recursively when it is a role profile itself) or one of the chain's own
// links (credential_source = Environment | Ec2InstanceMetadata |
// EcsContainer).
//
// As in the CLI: the configuration is checked and the source found when the
// chain is walked; STS is called when the credentials are first needed, and
// not at all while ~/.aws/cli/cache holds a session for the same role and
// parameters with 15 minutes left (the CLI reads and writes the same files).
// With mfa_serial the code is asked for (`Enter MFA code for <serial>: `)
// before each AssumeRole call; such credentials cannot be refreshed without
// asking again, which the CLI refuses to do, and so does kumo.
import { GeneralError } from "../errors/index.ts";
import type { Settings } from "../config/settings.ts";
import { pyIntOf, pyStrRepr } from "../params/python-values.ts";
import { callAws } from "./aws-calls.ts";
import { cachedSession } from "./cache.ts";
import {
  containerSourceIfSet,
  envSource,
  hasAssumeRoleConfig,
  hasStaticKeys,
  imdsSourceIfEnabled,
  partialCredentials,
  profileNamed,
  profileSource,
  stringValue,
  type ChainContext,
} from "./chain.ts";
import { RefreshingSource } from "./refreshing.ts";
import type { CredentialSource, Credentials } from "./types.ts";

const CREDENTIAL_SOURCES = ["Environment", "Ec2InstanceMetadata", "EcsContainer"];

interface RoleConfig {
  roleArn: string;
  sourceProfile: string | undefined;
  credentialSource: string | undefined;
  externalId: string | undefined;
  mfaSerial: string | undefined;
  roleSessionName: string | undefined;
  durationSeconds: number | undefined;
}

function infiniteLoop(sourceProfile: string, visited: string[]): GeneralError {
  return new GeneralError(
    `Infinite loop in credential configuration detected. Attempting to load from profile ${sourceProfile} which has already been visited. ` +
      `Visited profiles: [${visited.map(pyStrRepr).join(", ")}]`,
  );
}

function roleConfigOf(settings: Settings, name: string, visited: string[]): RoleConfig {
  const profiles = settings.files.profiles;
  const profile = profileNamed(settings, name);
  const get = (k: string) => stringValue(profile, k);
  const duration = get("duration_seconds");
  const config: RoleConfig = {
    roleArn: get("role_arn") ?? "",
    sourceProfile: get("source_profile"),
    credentialSource: get("credential_source"),
    externalId: get("external_id"),
    mfaSerial: get("mfa_serial"),
    roleSessionName: get("role_session_name"),
    // A value int() cannot read is left out, as the CLI does.
    durationSeconds: duration === undefined ? undefined : pyIntOf(duration),
  };
  const { credentialSource, sourceProfile } = config;
  if (credentialSource !== undefined && sourceProfile !== undefined) {
    throw new GeneralError(`The profile "${name}" contains both source_profile and credential_source.`);
  }
  if (credentialSource === undefined && sourceProfile === undefined) {
    throw partialCredentials("assume-role", "source_profile or credential_source");
  }
  if (credentialSource !== undefined) {
    if (!CREDENTIAL_SOURCES.includes(credentialSource)) {
      throw new GeneralError(`The credential source "${credentialSource}" referenced in profile "${name}" is not valid.`);
    }
    return config;
  }
  const source = sourceProfile!;
  if (!Object.hasOwn(profiles, source)) {
    throw new GeneralError(`The source_profile "${source}" referenced in the profile "${name}" does not exist.`);
  }
  if (visited.includes(source)) {
    // A profile may name itself when it holds static keys for the call.
    if (source !== name || !hasStaticKeys(profileNamed(settings, source))) throw infiniteLoop(source, visited);
  }
  return config;
}

async function sourceOf(ctx: ChainContext, config: RoleConfig, name: string, visited: string[]): Promise<CredentialSource> {
  const { settings } = ctx;
  if (config.credentialSource !== undefined) {
    const kind = config.credentialSource;
    const found =
      kind === "Environment"
        ? await envSource(settings)
        : kind === "EcsContainer"
          ? await containerSourceIfSet(settings)
          : await imdsSourceIfEnabled(settings);
    if (!found) {
      throw new GeneralError(
        `Error when retrieving credentials from ${kind}: No credentials found in credential_source referenced in profile ${name}`,
      );
    }
    return found;
  }
  const source = config.sourceProfile!;
  visited.push(source);
  const profile = profileNamed(settings, source);
  if (hasStaticKeys(profile) || !hasAssumeRoleConfig(profile)) {
    const found = await profileSource(ctx, source, true);
    if (!found) throw new GeneralError(`The source profile "${source}" must have credentials.`);
    return found;
  }
  return roleSource(ctx, source, visited);
}

async function roleSource(ctx: ChainContext, name: string, visited: string[]): Promise<CredentialSource> {
  const { settings } = ctx;
  const config = roleConfigOf(settings, name, visited);
  const source = await sourceOf(ctx, config, name, visited);

  const args: Record<string, string | number> = { RoleArn: config.roleArn };
  if (config.roleSessionName !== undefined) args.RoleSessionName = config.roleSessionName;
  if (config.externalId !== undefined) args.ExternalId = config.externalId;
  if (config.mfaSerial !== undefined) args.SerialNumber = config.mfaSerial;
  if (config.durationSeconds !== undefined) args.DurationSeconds = config.durationSeconds;
  // The cache key leaves out a generated session name (it changes every time).
  const keyArgs = { ...args };
  if (args.RoleSessionName === undefined) args.RoleSessionName = `botocore-session-${Math.floor(settings.io.now().getTime() / 1000)}`;

  let fetched = false;
  const fetch = async (): Promise<Credentials> => {
    if (config.mfaSerial !== undefined && fetched) throw new GeneralError("Cannot refresh credentials: MFA token required.");
    fetched = true;
    return cachedSession(settings, keyArgs, async () => {
      const input: Record<string, unknown> = { ...args };
      if (config.mfaSerial !== undefined) {
        const { promptSecret } = await import("../util/prompt.ts");
        input.TokenCode = await promptSecret(settings.io, `Enter MFA code for ${config.mfaSerial}: `);
      }
      const credentials = await source.get();
      const { doc } = await callAws(settings, "sts", "AssumeRole", input, { region: ctx.region, credentials });
      return doc;
    });
  };
  return new RefreshingSource("assume-role", fetch, { now: () => settings.io.now() });
}

/** The assume-role link for the profile `name` (which has role_arn). */
export function assumeRoleSource(ctx: ChainContext, name: string): Promise<CredentialSource> {
  return roleSource(ctx, name, [name]);
}
