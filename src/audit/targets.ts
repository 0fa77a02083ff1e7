// Which accounts the audit covers: named profiles, every profile of an SSO
// session, or every account of an organization reached through a role. Each
// account's identity is confirmed with STS before it is audited; an account
// that cannot be reached is a problem in the report, not a crash.
import type { Settings } from "../config/settings.ts";
import type { Credentials } from "../credentials/types.ts";
import { AccountApi, auditSettings } from "./api.ts";
import { describeError } from "./problems.ts";
import { enabledRegions, type AuditTarget } from "./runner.ts";
import { list, text, type AuditProblem } from "./types.ts";

export interface TargetSpec {
  /** Profiles named on the command line; empty means the current profile. */
  profiles: string[];
  /** Every profile whose sso_session is this. */
  ssoSession?: string | undefined;
  /** Every active account of the organization, through this role name. */
  orgRole?: string | undefined;
  /**
   * Ask each profile's account for its enabled regions at the same time as
   * for its identity (one round trip less before the checks start).
   */
  prefetchRegions?: boolean;
}

export interface ResolvedTargets {
  targets: AuditTarget[];
  problems: AuditProblem[];
  close(): Promise<void>;
}

const DEFAULT_HOME_REGION = "us-east-1";

/** The profiles of an SSO session, in the config file's order. */
export function profilesOfSsoSession(settings: Settings, session: string): string[] {
  return Object.entries(settings.files.profiles)
    .filter(([, p]) => p.sso_session === session)
    .map(([name]) => name);
}

function homeRegion(settings: Settings): string {
  return settings.region?.value ?? DEFAULT_HOME_REGION;
}

export async function resolveTargets(base: Settings, spec: TargetSpec): Promise<ResolvedTargets> {
  const apis: AccountApi[] = [];
  const targets: AuditTarget[] = [];
  const problems: AuditProblem[] = [];
  const close = async () => {
    await Promise.all(apis.map((a) => a.close()));
  };

  let named = spec.profiles;
  if (spec.ssoSession !== undefined) named = [...named, ...profilesOfSsoSession(base, spec.ssoSession)];
  // No profile named: the current one, chosen as for any command (--profile, AWS_PROFILE, env keys, default).
  const profiles: (string | undefined)[] = named.length === 0 ? [base.globals.profile] : [...new Set(named)];

  const seen = new Set<string>();
  const add = (t: AuditTarget) => {
    if (seen.has(t.account.id)) return;
    seen.add(t.account.id);
    targets.push(t);
  };

  // Profiles: who each one is, all at once.
  const resolved = await Promise.all(
    profiles.map(async (chosen) => {
      let region = DEFAULT_HOME_REGION;
      const profile = chosen ?? base.profileName.value;
      try {
        const settings = await auditSettings(base, chosen);
        region = homeRegion(settings);
        const api = new AccountApi(settings);
        apis.push(api);
        const regions = spec.prefetchRegions && spec.orgRole === undefined ? enabledRegions(api.region(region)) : undefined;
        // Read by the runner, or not at all when the identity fails: never an unhandled rejection.
        regions?.catch(() => undefined);
        const who = await api.call("sts", region, "GetCallerIdentity", {});
        return { ok: true as const, profile, settings, api, region, regions, account: text(who.Account), arn: text(who.Arn) };
      } catch (e) {
        return { ok: false as const, profile, region, error: e };
      }
    }),
  );
  for (const r of resolved) {
    if (!r.ok) {
      problems.push({ account: "", accountLabel: r.profile, region: r.region, check: "credentials", ...describeError(r.error) });
      continue;
    }
    if (spec.orgRole === undefined) add({ account: { id: r.account, label: r.profile }, api: r.api, homeRegion: r.region, enabledRegions: r.regions });
  }

  if (spec.orgRole !== undefined) {
    const first = resolved.find((r) => r.ok);
    if (first && first.ok) await addOrganization(first, spec.orgRole, apis, add, problems);
  }
  return { targets, problems, close };
}

async function addOrganization(
  from: { profile: string; settings: Settings; api: AccountApi; region: string; account: string; arn: string; regions?: Promise<string[]> | undefined },
  roleName: string,
  apis: AccountApi[],
  add: (t: AuditTarget) => void,
  problems: AuditProblem[],
): Promise<void> {
  const partition = from.arn.split(":")[1] || "aws";
  const accounts: { id: string; name: string }[] = [];
  try {
    for await (const page of from.api.pages("organizations", from.region, "ListAccounts", {})) {
      for (const a of list(page.Accounts)) if (text(a.Status) === "ACTIVE" || !text(a.Status)) accounts.push({ id: text(a.Id), name: text(a.Name) || text(a.Id) });
    }
  } catch (e) {
    problems.push({ account: from.account, accountLabel: from.profile, region: from.region, check: "organization", ...describeError(e) });
    return;
  }
  const assumed = await Promise.all(
    accounts.map(async (a) => {
      // The profile's own account is audited with the profile's credentials.
      if (a.id === from.account) return { a, credentials: undefined };
      try {
        const doc = await from.api.call("sts", from.region, "AssumeRole", {
          RoleArn: `arn:${partition}:iam::${a.id}:role/${roleName}`,
          RoleSessionName: "kumo-audit",
        });
        const c = doc.Credentials !== null && typeof doc.Credentials === "object" && !Array.isArray(doc.Credentials) ? doc.Credentials : {};
        const credentials: Credentials = {
          accessKeyId: text(c.AccessKeyId),
          secretAccessKey: text(c.SecretAccessKey),
          sessionToken: text(c.SessionToken),
          ...(text(c.Expiration) ? { expiration: new Date(text(c.Expiration)) } : {}),
        };
        return { a, credentials: credentials as Credentials | undefined };
      } catch (e) {
        problems.push({ account: a.id, accountLabel: a.name, region: from.region, check: "credentials", ...describeError(e) });
        return undefined;
      }
    }),
  );
  for (const r of assumed) {
    if (!r) continue;
    const api = r.credentials ? new AccountApi(from.settings, r.credentials) : from.api;
    if (r.credentials) apis.push(api);
    add({ account: { id: r.a.id, label: r.a.name }, api, homeRegion: from.region });
  }
}
