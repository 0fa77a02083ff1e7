// What the vault holds, whichever backend keeps it:
//
//   credentials/<profile>   {"AccessKeyId", "SecretAccessKey", "Added"}
//   session/<profile>       {"Type": "GetSessionToken" | "AssumeRole", "Params": {...},
//                            "Issued", "Credentials": {"AccessKeyId", "SecretAccessKey",
//                            "SessionToken", "Expiration"}}
//
// A session is reused while the parameters it was made with (role, MFA
// device, duration, ...) are the same and enough of it remains: at least 15
// minutes, or half its lifetime for sessions shorter than 30 minutes.
import { createHash } from "node:crypto";
import { GeneralError } from "../errors/index.ts";
import type { Credentials } from "../credentials/types.ts";
import type { VaultBackend } from "./backend.ts";

export const CREDENTIALS_PREFIX = "credentials/";
export const SESSION_PREFIX = "session/";

export const credentialsItem = (profile: string): string => `${CREDENTIALS_PREFIX}${profile}`;
export const sessionItem = (profile: string): string => `${SESSION_PREFIX}${profile}`;

export interface StoredKeys {
  accessKeyId: string;
  secretAccessKey: string;
  added?: string | undefined;
}

export type SessionType = "GetSessionToken" | "AssumeRole" | "GetFederationToken";

export interface StoredSession {
  type: SessionType;
  params: Record<string, string | number>;
  issued: string;
  credentials: Credentials & { sessionToken: string; expiration: Date };
}

const REUSE_SECONDS = 15 * 60;

/**
 * What the vault keeps in the open about stored keys: a SHA-256 of the access
 * key ID (not of the secret), so that `kumo secrets scan` can say a key it
 * found is one of the vault's without asking for the passphrase.
 */
export function keyRef(accessKeyId: string): string {
  return createHash("sha256").update(`kumo-vault-key-id:${accessKeyId}`).digest("hex").slice(0, 32);
}

export function encodeKeys(k: StoredKeys, now: Date): string {
  return JSON.stringify({ AccessKeyId: k.accessKeyId, SecretAccessKey: k.secretAccessKey, Added: k.added ?? now.toISOString() });
}

export function decodeKeys(text: string, name: string): StoredKeys {
  try {
    const doc = JSON.parse(text) as Record<string, unknown>;
    if (typeof doc.AccessKeyId === "string" && typeof doc.SecretAccessKey === "string") {
      return { accessKeyId: doc.AccessKeyId, secretAccessKey: doc.SecretAccessKey, added: typeof doc.Added === "string" ? doc.Added : undefined };
    }
  } catch {
    // fall through
  }
  throw new GeneralError(`The vault item ${name} cannot be read.`);
}

export function encodeSession(s: StoredSession): string {
  const c = s.credentials;
  return JSON.stringify({
    Type: s.type,
    Params: s.params,
    Issued: s.issued,
    Credentials: { AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, SessionToken: c.sessionToken, Expiration: c.expiration.toISOString() },
  });
}

/** A stored session, or undefined when the item is unreadable (it is then replaced). */
export function decodeSession(text: string): StoredSession | undefined {
  try {
    const doc = JSON.parse(text) as Record<string, unknown>;
    const c = doc.Credentials as Record<string, unknown> | undefined;
    if (!c || typeof c.AccessKeyId !== "string" || typeof c.SecretAccessKey !== "string" || typeof c.SessionToken !== "string") return undefined;
    const expiration = new Date(String(c.Expiration));
    if (Number.isNaN(expiration.getTime())) return undefined;
    return {
      type: doc.Type as SessionType,
      params: (doc.Params ?? {}) as Record<string, string | number>,
      issued: String(doc.Issued ?? ""),
      credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration },
    };
  } catch {
    return undefined;
  }
}

function sameParams(a: Record<string, string | number>, b: Record<string, string | number>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && String(a[k]) === String(b[k]));
}

/** True when `s` may be handed out again at `now` for a request with `params`. */
export function sessionReusable(s: StoredSession, type: SessionType, params: Record<string, string | number>, now: Date): boolean {
  if (s.type !== type || !sameParams(s.params, params)) return false;
  const left = (s.credentials.expiration.getTime() - now.getTime()) / 1000;
  const issued = new Date(s.issued).getTime();
  const lifetime = Number.isNaN(issued) ? Infinity : (s.credentials.expiration.getTime() - issued) / 1000;
  return left >= Math.min(REUSE_SECONDS, lifetime / 2);
}

export async function readKeys(vault: VaultBackend, profile: string): Promise<StoredKeys | undefined> {
  const name = credentialsItem(profile);
  const text = await vault.get(name);
  return text === undefined ? undefined : decodeKeys(text, name);
}

export async function hasKeys(vault: VaultBackend, profile: string): Promise<boolean> {
  return (await vault.list()).some((e) => e.name === credentialsItem(profile));
}
