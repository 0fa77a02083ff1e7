// OIDC client registrations, cached in ~/.aws/sso/cache beside the tokens as
// the AWS CLI caches them: the file is named after
//   sha1(json.dumps({"tool": "botocore", "startUrl", "region", "scopes", "session_name"}, sort_keys=True))
// and holds clientId, clientSecret, expiresAt (UTC, `YYYY-MM-DDTHH:MM:SSZ`)
// and, when there are any, scopes; a registration for the authorization-code
// flow also records its grantTypes. A registration is reused until 15
// minutes before it expires, and only by the flow it was made for.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pyJsonDumps } from "../credentials/pyjson.ts";
import { ssoCacheDir } from "../credentials/sso-token.ts";
import { parseExpiry, secondsUntil } from "../credentials/time.ts";
import { writeFileAtomic } from "../util/atomic-write.ts";

export interface Registration {
  clientId: string;
  clientSecret: string;
  /** `YYYY-MM-DDTHH:MM:SSZ` */
  expiresAt: string;
  scopes?: string[];
  grantTypes?: string[];
}

export interface RegistrationKeyArgs {
  startUrl: string;
  region: string;
  scopes: string[] | undefined;
  sessionName: string | undefined;
}

/** The cache file name (without `.json`) of a registration. */
export function registrationCacheKey(a: RegistrationKeyArgs): string {
  const doc = { tool: "botocore", startUrl: a.startUrl, region: a.region, scopes: a.scopes ?? null, session_name: a.sessionName ?? null };
  return createHash("sha1").update(pyJsonDumps(doc, { sortKeys: true }), "utf8").digest("hex");
}

export function registrationPath(home: string, key: string): string {
  return join(ssoCacheDir(home), `${key}.json`);
}

/** The cached registration, or undefined when there is none or it cannot be read. */
export function readRegistration(home: string, key: string): Registration | undefined {
  try {
    const doc = JSON.parse(readFileSync(registrationPath(home, key), "utf8")) as Record<string, unknown>;
    if (typeof doc.clientId !== "string" || typeof doc.clientSecret !== "string" || typeof doc.expiresAt !== "string") return undefined;
    return doc as unknown as Registration;
  } catch {
    return undefined;
  }
}

export function saveRegistration(home: string, key: string, reg: Registration): void {
  writeFileAtomic(registrationPath(home, key), pyJsonDumps(reg), { mode: 0o600, forceMode: true, dirMode: 0o700 });
}

/** Whether a cached registration may be used again by the flow that wants `authCode` (or the device flow). */
export function registrationUsable(reg: Registration, authCode: boolean, now: Date): boolean {
  let remaining: number;
  try {
    remaining = secondsUntil(parseExpiry(reg.expiresAt), now);
  } catch {
    return false;
  }
  if (remaining < 15 * 60) return false;
  const forAuthCode = Array.isArray(reg.grantTypes) && reg.grantTypes.includes("authorization_code");
  return forAuthCode === authCode;
}
