// The audit's checks, in the order the report lists them. A check is a
// module in this folder exporting `check: AuditCheck`; adding one is adding
// its file and its line here.
import type { AuditCheck } from "../types.ts";
import { check as instances } from "./instances.ts";
import { check as unattachedVolumes } from "./unattached-volumes.ts";
import { check as oldAmis } from "./old-amis.ts";
import { check as unassociatedEips } from "./unassociated-eips.ts";
import { check as usersWithoutMfa } from "./users-without-mfa.ts";
import { check as oldAccessKeys } from "./old-access-keys.ts";
import { check as publicBuckets } from "./public-buckets.ts";

export const CHECKS: readonly AuditCheck[] = [instances, unattachedVolumes, oldAmis, unassociatedEips, usersWithoutMfa, oldAccessKeys, publicBuckets];

export function checkNamed(name: string): AuditCheck | undefined {
  return CHECKS.find((c) => c.name === name);
}
