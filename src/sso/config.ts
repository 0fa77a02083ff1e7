// Which IAM Identity Center session `kumo sso login` signs in to: the
// sso-session named by --sso-session or by the profile's sso_session, or, for
// a legacy profile, the profile's own sso_start_url and sso_region. Errors
// are the AWS CLI's (exit 253).
import type { Settings } from "../config/settings.ts";
import { ConfigError } from "../errors/index.ts";

export interface SsoLoginTarget {
  startUrl: string;
  region: string;
  /** The sso-session's name; undefined for a legacy profile. */
  sessionName: string | undefined;
  /** sso_registration_scopes, parsed; undefined when not configured. */
  scopes: string[] | undefined;
}

const REQUIRED = ["sso_start_url", "sso_region"];

/** `a, b,,c` → ["a", "b", "c"] (commas separate; blanks around a scope are dropped). */
export function parseScopes(raw: string): string[] {
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The session an sso-session section describes. */
export function sessionTarget(settings: Settings, name: string): SsoLoginTarget {
  const sessions = settings.files.ssoSessions;
  const session = Object.hasOwn(sessions, name) ? sessions[name]! : undefined;
  if (!session) throw new ConfigError(`The specified sso-session does not exist: "${name}"`);
  const missing = REQUIRED.filter((k) => !Object.hasOwn(session, k));
  if (missing.length) throw new ConfigError(`Missing the following required SSO configuration values: ${missing.join(", ")}. `);
  return {
    startUrl: session.sso_start_url!,
    region: session.sso_region!,
    sessionName: name,
    scopes: Object.hasOwn(session, "sso_registration_scopes") ? parseScopes(session.sso_registration_scopes!) : undefined,
  };
}

/** The session to sign in to for `kumo sso login [--sso-session NAME]` with the selected profile. */
export function loginTarget(settings: Settings, ssoSession: string | undefined): SsoLoginTarget {
  const profile = settings.requireProfile();
  const fromProfile = typeof profile.sso_session === "string" ? profile.sso_session : undefined;
  const name = ssoSession ?? fromProfile;
  if (name) return sessionTarget(settings, name);
  const missing = REQUIRED.filter((k) => typeof profile[k] !== "string");
  if (missing.length) {
    throw new ConfigError(
      `Missing the following required SSO configuration values: ${missing.join(", ")}. ` +
        "To make sure this profile is properly configured to use SSO, please run: kumo configure sso",
    );
  }
  return { startUrl: profile.sso_start_url as string, region: profile.sso_region as string, sessionName: undefined, scopes: undefined };
}
