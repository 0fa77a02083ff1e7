// IAM users without an MFA device; a console password makes it worse.
import { ServiceError } from "../../errors/index.ts";
import { list, text, type AuditCheck, type CheckFinding, type RegionApi } from "../types.ts";
import { iamUsers } from "./iam-users.ts";
import { mapLimited } from "../pool.ts";

/** Users looked at concurrently within the check. */
const USERS_AT_ONCE = 8;

async function hasConsolePassword(api: RegionApi, user: string): Promise<boolean> {
  try {
    await api.call("iam", "GetLoginProfile", { UserName: user });
    return true;
  } catch (e) {
    if (e instanceof ServiceError && e.code === "NoSuchEntity") return false;
    throw e;
  }
}

export const check: AuditCheck = {
  name: "users-without-mfa",
  title: "IAM users without an MFA device",
  scope: "global",
  async run({ api }) {
    const perUser = await mapLimited(await iamUsers(api), USERS_AT_ONCE, async (u): Promise<CheckFinding | undefined> => {
      const name = text(u.UserName);
      const devices = await api.call("iam", "ListMFADevices", { UserName: name });
      if (list(devices.MFADevices).length > 0) return undefined;
      const console = await hasConsolePassword(api, name);
      return {
        resourceType: "IAMUser",
        resourceId: name,
        status: "no-mfa",
        details: console ? "console password without MFA" : "no console password",
        data: { arn: text(u.Arn), created: text(u.CreateDate) || null, consolePassword: console, passwordLastUsed: text(u.PasswordLastUsed) || null },
      };
    });
    return perUser.filter((f): f is CheckFinding => f !== undefined);
  },
};
