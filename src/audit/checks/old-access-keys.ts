// Access keys older than 90 days, and keys not used for 90 days or never used.
import { list, text, type AuditCheck, type CheckFinding } from "../types.ts";
import { ageDays } from "../age.ts";
import { iamUsers } from "./iam-users.ts";
import { mapLimited } from "../pool.ts";

/** Users looked at concurrently within the check. */
const USERS_AT_ONCE = 8;

export const MAX_KEY_AGE_DAYS = 90;
export const MAX_UNUSED_DAYS = 90;

export const check: AuditCheck = {
  name: "old-access-keys",
  title: `Access keys older than ${MAX_KEY_AGE_DAYS} days, or unused`,
  scope: "global",
  async run({ api, now }) {
    const perUser = await mapLimited(await iamUsers(api), USERS_AT_ONCE, async (u) => {
      const found: CheckFinding[] = [];
      const user = text(u.UserName);
      const keys: ReturnType<typeof list> = [];
      for await (const page of api.pages("iam", "ListAccessKeys", { UserName: user })) keys.push(...list(page.AccessKeyMetadata));
      for (const k of keys) {
        const id = text(k.AccessKeyId);
        const created = text(k.CreateDate);
        const age = ageDays(created, now);
        const used = await api.call("iam", "GetAccessKeyLastUsed", { AccessKeyId: id });
        const last = used.AccessKeyLastUsed !== null && typeof used.AccessKeyLastUsed === "object" && !Array.isArray(used.AccessKeyLastUsed) ? used.AccessKeyLastUsed : {};
        const lastUsed = text(last.LastUsedDate);
        const idle = lastUsed ? ageDays(lastUsed, now) : null;
        const old = age !== null && age > MAX_KEY_AGE_DAYS;
        const unused = !lastUsed || (idle !== null && idle > MAX_UNUSED_DAYS);
        if (!old && !unused) continue;
        const status = old && unused ? "old-unused" : old ? "old" : lastUsed ? "unused" : "never-used";
        found.push({
          resourceType: "AccessKey",
          resourceId: id,
          status,
          details: `${user}; ${age ?? "?"} days old; ${lastUsed ? `last used ${idle} days ago` : "never used"}`,
          data: { user, keyStatus: text(k.Status), created: created || null, ageDays: age, lastUsed: lastUsed || null, lastUsedService: text(last.ServiceName) || null },
        });
      }
      return found;
    });
    return perUser.flat();
  },
};
