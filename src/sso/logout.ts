// Signing out everywhere, as `aws sso logout` does: every file in
// ~/.aws/sso/cache holding an accessToken is sent to the portal's Logout (in
// the token's region; a refusal is ignored, the token may have expired) and
// deleted; every file in ~/.aws/cli/cache with "ProviderType": "sso" (role
// credentials from IAM Identity Center) is deleted. Registrations stay.
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Settings } from "../config/settings.ts";
import { ServiceError } from "../errors/index.ts";
import { cliCacheDir } from "../credentials/cache.ts";
import { ssoCacheDir } from "../credentials/sso-token.ts";
import { sdkSsoApi, type SsoApi } from "./api.ts";

function jsonFiles(dir: string): { path: string; doc: Record<string, unknown> }[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) return [];
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: { path: string; doc: Record<string, unknown> }[] = [];
  for (const name of names) {
    const path = join(dir, name);
    try {
      const doc = JSON.parse(readFileSync(path, "utf8")) as unknown;
      if (doc !== null && typeof doc === "object" && !Array.isArray(doc)) out.push({ path, doc: doc as Record<string, unknown> });
    } catch {
      // not a cache file we can read: left alone
    }
  }
  return out;
}

export interface LogoutResult {
  tokensRemoved: number;
  credentialsRemoved: number;
}

export async function ssoLogout(settings: Settings, opts: { api?: SsoApi } = {}): Promise<LogoutResult> {
  const api = opts.api ?? sdkSsoApi(settings);
  const home = settings.io.home;
  let tokensRemoved = 0;
  for (const { path, doc } of jsonFiles(ssoCacheDir(home))) {
    if (!("accessToken" in doc)) continue;
    if (typeof doc.region === "string" && doc.region !== "") {
      try {
        await api.call("sso", "Logout", { accessToken: doc.accessToken }, doc.region);
      } catch (e) {
        if (!(e instanceof ServiceError)) throw e;
      }
    }
    rmSync(path, { force: true });
    tokensRemoved++;
  }
  let credentialsRemoved = 0;
  for (const { path, doc } of jsonFiles(cliCacheDir(home))) {
    if (doc.ProviderType !== "sso") continue;
    rmSync(path, { force: true });
    credentialsRemoved++;
  }
  return { tokensRemoved, credentialsRemoved };
}
