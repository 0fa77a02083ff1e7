// sso: a profile with sso_account_id and sso_role_name gets role credentials
// from IAM Identity Center (SSO GetRoleCredentials, an unsigned call with the
// access token of `sso login` in the x-amz-sso_bearer_token header, in
// sso_region). The start URL and region come from the profile (legacy) or its
// [sso-session NAME] section. Role credentials are cached in ~/.aws/cli/cache
// with "ProviderType": "sso", exactly as the CLI caches them, so the two
// share sessions.
//
// The CLI's messages are kept, naming kumo; each one that means "sign in
// again" also says which `kumo sso login` to run.
import { GeneralError, KumoError, ServiceError } from "../errors/index.ts";
import { callAws } from "./aws-calls.ts";
import { cliCacheDir, readCacheEntry, ssoCredentialsCacheKey, usableCachedCredentials, writeCacheEntry } from "./cache.ts";
import { profileNamed, stringValue, type ChainContext } from "./chain.ts";
import { RefreshingSource } from "./refreshing.ts";
import { loadSsoToken, ssoSessionAccessToken } from "./sso-token.ts";
import { utcSeconds } from "./time.ts";
import type { CredentialSource, Credentials } from "./types.ts";

export interface SsoProfileConfig {
  profileName: string;
  startUrl: string;
  region: string;
  accountId: string;
  roleName: string;
  /** The sso-session's name; undefined for a legacy profile. */
  sessionName: string | undefined;
}

const REQUIRED = ["sso_role_name", "sso_account_id", "sso_start_url", "sso_region"];

/** The profile's SSO settings, checked as the CLI checks them. */
export function ssoProfileConfig(ctx: ChainContext, name: string): SsoProfileConfig {
  const profile = profileNamed(ctx.settings, name);
  const resolved: Record<string, string> = {};
  for (const k of Object.keys(profile)) {
    const v = stringValue(profile, k);
    if (v !== undefined) resolved[k] = v;
  }
  const required = [...REQUIRED];
  const sessionName = resolved.sso_session;
  if (sessionName !== undefined) {
    const sessions = ctx.settings.files.ssoSessions;
    const session = Object.hasOwn(sessions, sessionName) ? sessions[sessionName] : undefined;
    if (!session) throw new GeneralError(`The specified sso-session does not exist: "${sessionName}"`);
    for (const [k, v] of Object.entries(session)) {
      if (Object.hasOwn(resolved, k) && resolved[k] !== v) {
        throw new GeneralError(`The value for ${k} is inconsistent between profile (${resolved[k]}) and sso-session (${v}).`);
      }
      resolved[k] = v;
    }
    required.push("sso_session");
  }
  const missing = required.filter((k) => !Object.hasOwn(resolved, k));
  if (missing.length) {
    throw new GeneralError(`The profile "${name}" is configured to use SSO but is missing required configuration: ${missing.join(", ")}`);
  }
  if (sessionName !== undefined) {
    // The session's own section must name the start URL and region (the token provider reads only it).
    const session = ctx.settings.files.ssoSessions[sessionName]!;
    const lacking = ["sso_start_url", "sso_region"].filter((k) => !Object.hasOwn(session, k));
    if (lacking.length) {
      throw new GeneralError(
        `The profile "${name}" is configured to use the SSO token provider but is missing the following configuration: [${lacking.map((k) => `'${k}'`).join(", ")}].`,
      );
    }
  }
  return {
    profileName: name,
    startUrl: resolved.sso_start_url!,
    region: resolved.sso_region!,
    accountId: resolved.sso_account_id!,
    roleName: resolved.sso_role_name!,
    sessionName,
  };
}

/** What to run to sign in again. */
export function ssoLoginHint(config: Pick<SsoProfileConfig, "sessionName" | "profileName">): string {
  const target = config.sessionName !== undefined ? `--sso-session ${config.sessionName}` : `--profile ${config.profileName}`;
  return `To sign in again, run: kumo sso login ${target}`;
}

function withHint<T>(hint: string, f: () => Promise<T>): Promise<T> {
  return f().catch((e: unknown) => {
    if (e instanceof KumoError && e.hint === undefined && !(e instanceof ServiceError)) e.hint = hint;
    throw e;
  });
}

async function fetchRoleCredentials(ctx: ChainContext, config: SsoProfileConfig): Promise<Credentials> {
  const { settings } = ctx;
  const keyArgs =
    config.sessionName !== undefined
      ? { accountId: config.accountId, roleName: config.roleName, sessionName: config.sessionName }
      : { accountId: config.accountId, roleName: config.roleName, startUrl: config.startUrl };
  const dir = cliCacheDir(settings.io.home);
  const key = ssoCredentialsCacheKey(keyArgs);
  const hit = usableCachedCredentials(readCacheEntry(dir, key), settings.io.now());
  if (hit) return hit;

  const hint = ssoLoginHint(config);
  const accessToken = await withHint(hint, async () =>
    config.sessionName !== undefined
      ? ssoSessionAccessToken(settings, { name: config.sessionName, startUrl: config.startUrl, region: config.region }, hint)
      : String(loadSsoToken(settings.io.home, config.startUrl).accessToken),
  );
  let doc: Record<string, unknown>;
  try {
    ({ doc } = await callAws(
      settings,
      "sso",
      "GetRoleCredentials",
      { roleName: config.roleName, accountId: config.accountId, accessToken },
      { region: config.region },
    ));
  } catch (e) {
    if (e instanceof ServiceError && e.code === "UnauthorizedException") {
      throw new GeneralError(
        "The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run kumo sso login with the corresponding profile.",
        { hint },
      );
    }
    throw e;
  }
  const rc = (doc.roleCredentials ?? {}) as Record<string, unknown>;
  const expiration = new Date(Math.floor(Number(rc.expiration) / 1000) * 1000);
  const entry = {
    ProviderType: "sso",
    Credentials: {
      AccessKeyId: rc.accessKeyId,
      SecretAccessKey: rc.secretAccessKey,
      SessionToken: rc.sessionToken,
      Expiration: utcSeconds(expiration),
    },
  };
  try {
    writeCacheEntry(dir, key, entry);
  } catch {
    // the credentials are still good for this command
  }
  return {
    accessKeyId: String(rc.accessKeyId ?? ""),
    secretAccessKey: String(rc.secretAccessKey ?? ""),
    sessionToken: typeof rc.sessionToken === "string" ? rc.sessionToken : undefined,
    expiration,
  };
}

/** The sso link for the profile `name`; its settings are checked now, the portal called on first use. */
export function ssoSource(ctx: ChainContext, name: string): CredentialSource {
  const config = ssoProfileConfig(ctx, name);
  return new RefreshingSource("sso", () => fetchRoleCredentials(ctx, config), { now: () => ctx.settings.io.now() });
}
