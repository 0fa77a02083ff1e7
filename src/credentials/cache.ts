// The AWS CLI's credential cache, ~/.aws/cli/cache/<key>.json, shared with the
// CLI in both directions: the same file names, the same documents.
//
//   assume-role, web identity   key = sha1(json.dumps(args, sort_keys=True)), args being
//                               the STS call's parameters without the MFA code, the web
//                               identity token and a generated session name; the file is
//                               the whole parsed response (Credentials, AssumedRoleUser,
//                               ..., ResponseMetadata)
//   sso                         key = sha1(json.dumps({accountId, roleName, sessionName |
//                               startUrl}, sort_keys=True, separators=(",", ":"))); the file
//                               is {"ProviderType": "sso", "Credentials": {...}}
//
// An entry is used while at least 15 minutes of it remain. Files are written
// atomically with mode 0600 in a folder made with 0700 (the CLI itself leaves
// the folder at the umask's mode).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../util/atomic-write.ts";
import { pyJsonDumps } from "./pyjson.ts";
import { expiryFields, parseExpiry, secondsUntil } from "./time.ts";
import type { Settings } from "../config/settings.ts";
import type { Credentials } from "./types.ts";

/** Cached credentials are replaced once fewer than this many seconds remain. */
export const EXPIRY_WINDOW_SECONDS = 15 * 60;

export function cliCacheDir(home: string): string {
  return join(home, ".aws", "cli", "cache");
}

function fileSafe(name: string): string {
  return name.replace(/[:/]/g, "_");
}

function sha1(text: string): string {
  return createHash("sha1").update(text, "utf8").digest("hex");
}

/** The cache key of an AssumeRole / AssumeRoleWithWebIdentity call made with `args`. */
export function assumeRoleCacheKey(args: Record<string, string | number>): string {
  return fileSafe(sha1(pyJsonDumps(args, { sortKeys: true })));
}

/** The cache key of SSO role credentials. */
export function ssoCredentialsCacheKey(args: { accountId: string; roleName: string; sessionName?: string; startUrl?: string }): string {
  return fileSafe(sha1(pyJsonDumps(args, { sortKeys: true, compact: true })));
}

/**
 * The document cached under `key`, or undefined. A file that cannot be read
 * or is not JSON counts as absent and is replaced on the next write (the CLI
 * stops with the bare key as its message instead).
 */
export function readCacheEntry(dir: string, key: string): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, `${key}.json`), "utf8");
  } catch {
    return undefined;
  }
  try {
    const doc = JSON.parse(text) as unknown;
    return doc !== null && typeof doc === "object" && !Array.isArray(doc) ? (doc as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `doc` as the CLI does (json.dumps with its default separators). */
export function writeCacheEntry(dir: string, key: string, doc: unknown): void {
  writeFileAtomic(join(dir, `${key}.json`), pyJsonDumps(doc), { mode: 0o600, forceMode: true, dirMode: 0o700 });
}

/** The credentials of a cache entry when at least the expiry window remains, else undefined. */
export function usableCachedCredentials(entry: Record<string, unknown> | undefined, now: Date): Credentials | undefined {
  const c = entry?.Credentials as Record<string, unknown> | undefined;
  if (!c || typeof c !== "object") return undefined;
  const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = c;
  if (typeof AccessKeyId !== "string" || typeof SecretAccessKey !== "string" || typeof Expiration !== "string") return undefined;
  const expiry = parseExpiry(Expiration);
  if (secondsUntil(expiry, now) < EXPIRY_WINDOW_SECONDS) return undefined;
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    sessionToken: typeof SessionToken === "string" ? SessionToken : undefined,
    ...expiryFields(expiry),
  };
}

/** The credentials of an STS response document. */
export function credentialsOf(doc: Record<string, unknown>): Credentials {
  const c = (doc.Credentials ?? {}) as Record<string, unknown>;
  return {
    accessKeyId: String(c.AccessKeyId ?? ""),
    secretAccessKey: String(c.SecretAccessKey ?? ""),
    sessionToken: typeof c.SessionToken === "string" ? c.SessionToken : undefined,
    ...(typeof c.Expiration === "string" ? expiryFields(parseExpiry(c.Expiration)) : {}),
  };
}

/**
 * Reads the cache, or calls STS and writes the cache. A cache that cannot be
 * written does not fail the command (the CLI stops with the OS error).
 */
export async function cachedSession(
  settings: Settings,
  keyArgs: Record<string, string | number>,
  call: () => Promise<Record<string, unknown>>,
): Promise<Credentials> {
  const dir = cliCacheDir(settings.io.home);
  const key = assumeRoleCacheKey(keyArgs);
  const hit = usableCachedCredentials(readCacheEntry(dir, key), settings.io.now());
  if (hit) return hit;
  const doc = await call();
  try {
    writeCacheEntry(dir, key, doc);
  } catch {
    // the session is still good for this command
  }
  return credentialsOf(doc);
}
