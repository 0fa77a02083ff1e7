// S3 buckets open to everyone: an ACL grant to AllUsers or
// AuthenticatedUsers, or a policy allowing Principal "*" without conditions,
// not cancelled by the bucket's public access block.
import { ServiceError } from "../../errors/index.ts";
import type { DocObject } from "../../output/document.ts";
import { list, text, type AuditCheck, type CheckFinding, type RegionApi } from "../types.ts";
import { mapLimited } from "../pool.ts";

/** Buckets looked at concurrently within the check. */
const BUCKETS_AT_ONCE = 8;

const PUBLIC_GROUPS: Record<string, string> = {
  "http://acs.amazonaws.com/groups/global/AllUsers": "AllUsers",
  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "AuthenticatedUsers",
};

/** Error codes that mean "this bucket has none of that". */
const ABSENT = new Set(["NoSuchPublicAccessBlockConfiguration", "NoSuchBucketPolicy", "NoSuchEntity"]);

async function optional(api: RegionApi, operation: string, bucket: string): Promise<DocObject | undefined> {
  try {
    return await api.call("s3api", operation, { Bucket: bucket });
  } catch (e) {
    if (e instanceof ServiceError && ABSENT.has(e.code)) return undefined;
    throw e;
  }
}

/** The ACL grants that make a bucket public, as "AllUsers:READ". */
export function publicGrants(acl: DocObject | undefined): string[] {
  const out: string[] = [];
  for (const g of list(acl?.Grants)) {
    const grantee = g.Grantee !== null && typeof g.Grantee === "object" && !Array.isArray(g.Grantee) ? g.Grantee : {};
    const group = PUBLIC_GROUPS[text(grantee.URI)];
    if (group) out.push(`${group}:${text(g.Permission)}`);
  }
  return out;
}

/** Whether a bucket policy (JSON text) allows anyone, unconditionally. */
export function policyIsPublic(policyText: string): boolean {
  let policy: unknown;
  try {
    policy = JSON.parse(policyText);
  } catch {
    return false;
  }
  const statements = (policy as { Statement?: unknown }).Statement;
  const all = Array.isArray(statements) ? statements : statements ? [statements] : [];
  return all.some((s: { Effect?: unknown; Principal?: unknown; Condition?: unknown }) => {
    if (s.Effect !== "Allow" || s.Condition !== undefined) return false;
    const p = s.Principal;
    if (p === "*") return true;
    const aws = p !== null && typeof p === "object" ? (p as { AWS?: unknown }).AWS : undefined;
    return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
  });
}

export const check: AuditCheck = {
  name: "public-buckets",
  title: "S3 buckets readable or writable by everyone",
  scope: "global",
  async run({ api }) {
    const doc = await api.call("s3api", "ListBuckets", {});
    const perBucket = await mapLimited(list(doc.Buckets), BUCKETS_AT_ONCE, async (b): Promise<CheckFinding | undefined> => {
      const bucket = text(b.Name);
      const pab = await optional(api, "GetPublicAccessBlock", bucket);
      const conf = pab?.PublicAccessBlockConfiguration;
      const block = conf !== null && typeof conf === "object" && !Array.isArray(conf) ? conf : {};
      const reasons: string[] = [];
      if (block.IgnorePublicAcls !== true) reasons.push(...publicGrants(await optional(api, "GetBucketAcl", bucket)).map((g) => `ACL ${g}`));
      if (block.RestrictPublicBuckets !== true) {
        const policy = await optional(api, "GetBucketPolicy", bucket);
        if (policy && policyIsPublic(text(policy.Policy))) reasons.push("policy allows Principal *");
      }
      if (reasons.length === 0) return undefined;
      const region = text(b.BucketRegion);
      return {
        ...(region ? { region } : {}),
        resourceType: "S3Bucket",
        resourceId: bucket,
        status: "public",
        details: reasons.join("; "),
        data: { created: text(b.CreationDate) || null },
      };
    });
    return perBucket.filter((f): f is CheckFinding => f !== undefined);
  },
};
