// What kumo knows about the user's own AWS set-up, read from ~/.aws only:
// which profile holds which access key, which accounts the profiles point
// at, and the secret values that must never appear in a repository. Used to
// say "this is the key of your profile dev" next to a finding.
import type { ProfileMap } from "../config/files.ts";
import { accountIdFromKeyId } from "./account-id.ts";
import type { IO } from "../io.ts";

export interface Estate {
  /** Access key ID → profiles holding it in plaintext files. */
  keyOwners: Map<string, string[]>;
  /** Account → profiles that use it (role ARN, SSO account, or their key's account). */
  accountProfiles: Map<string, string[]>;
  /** Secret values (secret keys, session tokens) found in the files. */
  secrets: string[];
  /** Secret access key → profile, for --verify pairing of a user's own key. */
  secretOwners: Map<string, string>;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

export function buildEstate(files: Pick<ProfileMap, "profiles">): Estate {
  const estate: Estate = { keyOwners: new Map(), accountProfiles: new Map(), secrets: [], secretOwners: new Map() };
  for (const [name, p] of Object.entries(files.profiles)) {
    const v = (k: string): string | undefined => (typeof p[k] === "string" ? (p[k] as string).trim() : undefined);
    const keyId = v("aws_access_key_id");
    if (keyId) {
      push(estate.keyOwners, keyId, name);
      const acct = accountIdFromKeyId(keyId);
      if (acct) push(estate.accountProfiles, acct, name);
    }
    const secret = v("aws_secret_access_key");
    if (secret) {
      estate.secrets.push(secret);
      estate.secretOwners.set(secret, name);
    }
    const token = v("aws_session_token") ?? v("aws_security_token");
    if (token) estate.secrets.push(token);
    const roleAcct = /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(v("role_arn") ?? "")?.[1];
    if (roleAcct) push(estate.accountProfiles, roleAcct, name);
    const sso = v("sso_account_id");
    if (sso && /^\d{12}$/.test(sso)) push(estate.accountProfiles, sso, name);
  }
  return estate;
}

/** A short phrase for a found key ID: whose key it is, or whose account. */
export function describeOwner(keyId: string, estate: Estate, vaultEntry?: string): string | undefined {
  const owners = estate.keyOwners.get(keyId);
  const parts: string[] = [];
  if (owners) parts.push(`key of profile ${owners.map((o) => `"${o}"`).join(", ")} in ~/.aws`);
  if (vaultEntry) parts.push(`stored in the kumo vault as ${vaultEntry}`);
  if (parts.length === 0) {
    const acct = accountIdFromKeyId(keyId);
    const profiles = acct ? estate.accountProfiles.get(acct) : undefined;
    if (profiles) parts.push(`account of profile ${profiles.map((o) => `"${o}"`).join(", ")}`);
  }
  return parts.length ? parts.join("; ") : undefined;
}

/**
 * The vault profile holding this access key ID, or undefined. The vault
 * answers from key IDs alone (src/vault/find-key.ts): it never asks for a
 * passphrase and never reads a secret.
 */
export async function findKeyInVault(io: IO, keyId: string): Promise<string | undefined> {
  const { findAccessKeyId } = await import("../vault/find-key.ts");
  return findAccessKeyId(io, keyId);
}
