// Short-lived credentials for a profile, the way `kumo exec`, `kumo assume`,
// `kumo console` and `kumo vault credentials` hand them out:
//
//   - a profile whose keys are in the vault gets an STS GetSessionToken
//     session (with the MFA code when the profile has mfa_serial), or its
//     keys themselves with noSession;
//   - a profile with role_arn and source_profile gets an AssumeRole session,
//     signed with its source's credentials (the source's vault keys, its own
//     role session, or whatever the credential chain finds for it);
//   - any other profile gets what the credential chain finds for it (SSO,
//     credential_process, ...).
//
// Sessions made from vault keys are cached in the vault (never in a
// plaintext file) and reused until shortly before they expire.
import { GeneralError, ProfileNotFoundError } from "../errors/index.ts";
import { Settings } from "../config/settings.ts";
import type { Credentials } from "../credentials/types.ts";
import type { VaultBackend } from "./backend.ts";
import {
  credentialsItem,
  decodeSession,
  encodeSession,
  readKeys,
  sessionItem,
  sessionReusable,
  type SessionType,
  type StoredSession,
} from "./items.ts";
import { openVault } from "./open.ts";

export interface SessionOptions {
  /** Session length in seconds (default: the profile's duration_seconds, else 3600). */
  duration?: number | undefined;
  /** Hand out the vault's long-lived keys instead of a session. */
  noSession?: boolean | undefined;
  /** The MFA code, instead of asking for it. */
  mfaToken?: string | undefined;
  /** Overrides for the role of the profile asked for. */
  sessionName?: string | undefined;
  externalId?: string | undefined;
  sourceIdentity?: string | undefined;
  mfaSerial?: string | undefined;
  /** A profile without a role must have its keys in the vault (no credential chain). */
  vaultOnly?: boolean | undefined;
  /** --backend of the command. */
  backend?: string | undefined;
  /**
   * When the credential chain finds long-lived keys for a profile outside the
   * vault, trade them for a GetSessionToken session (not cached).
   */
  chainSession?: boolean | undefined;
}

export type Origin = "vault-keys" | "vault-session" | "vault-cache" | "role" | "role-cache" | "chain";

export interface ProfileCredentials {
  credentials: Credentials;
  /** The profile's region (flag, environment, config), for the command's environment. */
  region: string | undefined;
  origin: Origin;
  /** True when the credentials go back to keys kept in the vault. */
  vaultBacked: boolean;
  /** The role assumed, when one was. */
  roleArn?: string | undefined;
}

const DEFAULT_DURATION = 3600;
const MAX_DEPTH = 8;

/**
 * Settings as if --profile `profile` were given. A profile that lives only in
 * the vault (no section in the config files) counts as an empty one.
 */
export function settingsFor(settings: Settings, profile: string): Settings {
  return new ProfileSettings(settings, profile);
}

class ProfileSettings extends Settings {
  private patched: Settings["files"] | undefined;
  private readonly name: string;
  constructor(base: Settings, name: string) {
    super(base.io, { ...base.globals, profile: name });
    this.name = name;
  }
  override get files(): Settings["files"] {
    if (!this.patched) {
      const f = super.files;
      this.patched = Object.hasOwn(f.profiles, this.name) ? f : { ...f, profiles: { ...f.profiles, [this.name]: {} } };
    }
    return this.patched;
  }
}

function profileString(settings: Settings, name: string, key: string): string | undefined {
  const p = settings.files.profiles[name];
  const v = p && Object.hasOwn(p, key) ? p[key] : undefined;
  return typeof v === "string" ? v : undefined;
}

function stsRegion(s: Settings): string {
  return s.region?.value ?? "us-east-1";
}

function intSetting(value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(value)) throw new GeneralError(`${what} must be a whole number of seconds, not "${value}"`);
  return Number.parseInt(value, 10);
}

async function mfaCode(settings: Settings, serial: string, opts: SessionOptions): Promise<string> {
  if (opts.mfaToken !== undefined) return opts.mfaToken;
  const { promptSecret } = await import("../util/prompt.ts");
  return promptSecret(settings.io, `Enter MFA code for ${serial}: `);
}

/** The credentials of an STS answer (AssumeRole, GetSessionToken, GetFederationToken). */
export function sessionCredentials(doc: Record<string, unknown>): StoredSession["credentials"] {
  const c = (doc.Credentials ?? {}) as Record<string, unknown>;
  const expiration = new Date(String(c.Expiration ?? ""));
  if (typeof c.AccessKeyId !== "string" || typeof c.SecretAccessKey !== "string" || typeof c.SessionToken !== "string" || Number.isNaN(expiration.getTime())) {
    throw new GeneralError("STS answered without complete credentials.");
  }
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration };
}

async function cachedOrNew(
  settings: Settings,
  vault: VaultBackend | undefined,
  profile: string,
  type: SessionType,
  params: Record<string, string | number>,
  call: () => Promise<Record<string, unknown>>,
): Promise<{ credentials: StoredSession["credentials"]; cached: boolean }> {
  const now = settings.io.now();
  if (vault) {
    const text = await vault.get(sessionItem(profile));
    const stored = text === undefined ? undefined : decodeSession(text);
    if (stored && sessionReusable(stored, type, params, now)) return { credentials: stored.credentials, cached: true };
  }
  const credentials = sessionCredentials(await call());
  if (vault) {
    const session: StoredSession = { type, params, issued: now.toISOString(), credentials };
    await vault.update({ [sessionItem(profile)]: { value: encodeSession(session), expires: credentials.expiration.toISOString() } });
  }
  return { credentials, cached: false };
}

export interface RoleRequest {
  roleArn: string;
  sessionName?: string | undefined;
  externalId?: string | undefined;
  sourceIdentity?: string | undefined;
  mfaSerial?: string | undefined;
  duration?: number | undefined;
}

/** The AssumeRole parameters (without the MFA code and a generated session name, which the cache ignores). */
export function roleParams(r: RoleRequest): Record<string, string | number> {
  const p: Record<string, string | number> = { RoleArn: r.roleArn, DurationSeconds: r.duration ?? DEFAULT_DURATION };
  if (r.sessionName !== undefined) p.RoleSessionName = r.sessionName;
  if (r.externalId !== undefined) p.ExternalId = r.externalId;
  if (r.sourceIdentity !== undefined) p.SourceIdentity = r.sourceIdentity;
  if (r.mfaSerial !== undefined) p.SerialNumber = r.mfaSerial;
  return p;
}

/** Calls STS AssumeRole with `source`; asks for the MFA code when the role needs one. */
export async function callAssumeRole(
  settings: Settings,
  source: Credentials,
  r: RoleRequest,
  opts: SessionOptions,
  region: string,
): Promise<Record<string, unknown>> {
  const { callAws } = await import("../credentials/aws-calls.ts");
  const input: Record<string, unknown> = { ...roleParams(r) };
  if (input.RoleSessionName === undefined) input.RoleSessionName = `kumo-${Math.floor(settings.io.now().getTime() / 1000)}`;
  if (r.mfaSerial !== undefined) input.TokenCode = await mfaCode(settings, r.mfaSerial, opts);
  const { doc } = await callAws(settings, "sts", "AssumeRole", input, { region, credentials: source });
  return doc;
}

interface Resolved {
  credentials: Credentials;
  origin: Origin;
  vaultBacked: boolean;
  roleArn?: string | undefined;
}

async function resolve(settings: Settings, name: string, opts: SessionOptions, top: boolean, depth: number): Promise<Resolved> {
  if (depth > MAX_DEPTH) throw new GeneralError(`The source_profile chain of profile "${name}" is too long or loops.`);
  const s = settingsFor(settings, name);
  const get = (k: string) => profileString(s, name, k);
  const roleArn = get("role_arn");
  const sourceProfile = get("source_profile");
  const vault = await openVault(settings.io, { backend: opts.backend });
  const inVault = (await vault.list()).some((e) => e.name === credentialsItem(name));

  if (roleArn !== undefined && get("web_identity_token_file") === undefined && sourceProfile !== undefined) {
    let base: Resolved;
    if (sourceProfile === name) {
      const keys = inVault ? await readKeys(vault, name) : undefined;
      if (!keys) throw new GeneralError(`The profile "${name}" names itself as source_profile but has no keys in the vault.`);
      base = { credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey }, origin: "vault-keys", vaultBacked: true };
    } else {
      base = await resolve(settings, sourceProfile, { ...opts, noSession: true, duration: undefined, sessionName: undefined, externalId: undefined, sourceIdentity: undefined, mfaSerial: undefined }, false, depth + 1);
    }
    const request: RoleRequest = {
      roleArn,
      sessionName: (top ? opts.sessionName : undefined) ?? get("role_session_name"),
      externalId: (top ? opts.externalId : undefined) ?? get("external_id"),
      sourceIdentity: (top ? opts.sourceIdentity : undefined) ?? get("source_identity"),
      mfaSerial: (top ? opts.mfaSerial : undefined) ?? get("mfa_serial"),
      duration: (top ? opts.duration : undefined) ?? intSetting(get("duration_seconds"), "duration_seconds") ?? DEFAULT_DURATION,
    };
    const region = stsRegion(s);
    const cacheIn = base.vaultBacked ? vault : undefined;
    const { credentials, cached } = await cachedOrNew(s, cacheIn, name, "AssumeRole", roleParams(request), () =>
      callAssumeRole(s, base.credentials, request, opts, region),
    );
    return { credentials, origin: cached ? "role-cache" : "role", vaultBacked: base.vaultBacked, roleArn };
  }

  if (inVault) {
    const keys = await readKeys(vault, name);
    if (!keys) throw new GeneralError(`The vault lost the keys of profile "${name}" while they were read; try again.`);
    const longLived: Credentials = { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey };
    if (opts.noSession) return { credentials: longLived, origin: "vault-keys", vaultBacked: true };
    const mfaSerial = (top ? opts.mfaSerial : undefined) ?? get("mfa_serial");
    const params: Record<string, string | number> = { DurationSeconds: (top ? opts.duration : undefined) ?? DEFAULT_DURATION };
    if (mfaSerial !== undefined) params.SerialNumber = mfaSerial;
    const { credentials, cached } = await cachedOrNew(s, vault, name, "GetSessionToken", params, async () => {
      const { callAws } = await import("../credentials/aws-calls.ts");
      const input: Record<string, unknown> = { ...params };
      if (mfaSerial !== undefined) input.TokenCode = await mfaCode(s, mfaSerial, opts);
      return (await callAws(s, "sts", "GetSessionToken", input, { region: stsRegion(s), credentials: longLived })).doc;
    });
    return { credentials, origin: cached ? "vault-cache" : "vault-session", vaultBacked: true };
  }

  if (opts.vaultOnly && top) {
    throw new GeneralError(`The profile "${name}" has no credentials in the vault (${vault.location}). Add them with: kumo vault add ${name}`);
  }
  // Not in the vault and not in the config files: unknown, as the CLI says it.
  if (name !== "default" && !Object.hasOwn(settings.files.profiles, name)) throw new ProfileNotFoundError(name);
  const { resolveCredentials } = await import("../credentials/chain.ts");
  const found = await resolveCredentials(s);
  if (top && opts.chainSession && !opts.noSession && !found.credentials.sessionToken) {
    const { callAws } = await import("../credentials/aws-calls.ts");
    const mfaSerial = opts.mfaSerial ?? get("mfa_serial");
    const input: Record<string, unknown> = { DurationSeconds: opts.duration ?? DEFAULT_DURATION };
    if (mfaSerial !== undefined) {
      input.SerialNumber = mfaSerial;
      input.TokenCode = await mfaCode(s, mfaSerial, opts);
    }
    const doc = (await callAws(s, "sts", "GetSessionToken", input, { region: stsRegion(s), credentials: found.credentials })).doc;
    return { credentials: sessionCredentials(doc), origin: "chain", vaultBacked: false };
  }
  return { credentials: found.credentials, origin: "chain", vaultBacked: false };
}

/** Credentials for `profile` (see the top of this file). */
export async function profileCredentials(settings: Settings, profile: string, opts: SessionOptions = {}): Promise<ProfileCredentials> {
  const r = await resolve(settings, profile, opts, true, 0);
  return { ...r, region: settingsFor(settings, profile).region?.value };
}

/** Deletes the cached sessions of `profile` (all profiles when undefined); returns how many. */
export async function clearSessions(vault: VaultBackend, profile?: string): Promise<number> {
  const names = (await vault.list())
    .map((e) => e.name)
    .filter((n) => (profile === undefined ? n.startsWith("session/") : n === sessionItem(profile)));
  if (names.length) await vault.update(Object.fromEntries(names.map((n) => [n, undefined])));
  return names.length;
}
