// SSO sessions in ~/.aws/sso/cache that have expired or are about to: the
// next command using them will stop and ask for a browser sign-in.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { result, type CheckItem, type CheckResult } from "./types.ts";

/** Sessions ending within this window are reported. */
export const SSO_WARN_WINDOW_MS = 60 * 60 * 1000;

export function checkSsoSessions(home: string, now: Date): CheckResult {
  const dir = join(home, ".aws", "sso", "cache");
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".json")).sort();
  } catch {
    return result("sso-sessions", "SSO sessions", [], "no SSO token cache");
  }
  const items: CheckItem[] = [];
  for (const n of names) {
    let doc: Record<string, unknown>;
    try {
      doc = JSON.parse(readFileSync(join(dir, n), "utf8")) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (typeof doc.accessToken !== "string" || typeof doc.expiresAt !== "string") continue; // client registrations
    const expires = new Date(doc.expiresAt);
    if (Number.isNaN(expires.getTime())) continue;
    const name = typeof doc.startUrl === "string" ? doc.startUrl : n;
    const left = expires.getTime() - now.getTime();
    const refreshable = typeof doc.refreshToken === "string";
    if (left <= 0) {
      items.push({
        message: `SSO session for ${name} expired at ${expires.toISOString()}${refreshable ? " (kumo will try its refresh token)" : "; run kumo sso login"}`,
        attention: !refreshable,
      });
    } else if (left < SSO_WARN_WINDOW_MS) {
      items.push({
        message: `SSO session for ${name} expires in ${Math.ceil(left / 60000)} minutes (${expires.toISOString()})${refreshable ? "" : "; run kumo sso login before long jobs"}`,
        attention: !refreshable,
      });
    } else {
      items.push({ message: `SSO session for ${name} valid until ${expires.toISOString()}`, attention: false });
    }
  }
  return result("sso-sessions", "SSO sessions", items);
}
