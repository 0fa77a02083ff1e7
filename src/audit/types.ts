// The data of an audit: who and where it looked, what it found, and what it
// could not look at. Plain data, shared by the checks, the runner and the
// report writers.
import type { Doc, DocObject } from "../output/document.ts";

/** One AWS account as the audit reaches it (a profile, or a role in an organization's account). */
export interface AuditAccount {
  /** The 12-digit account id (from STS GetCallerIdentity, or the organization). */
  id: string;
  /** What the user called it: the profile name, or the organization account's name. */
  label: string;
}

/** One thing a check found. */
export interface Finding {
  account: string;
  /** The account's label (profile or organization account name). */
  accountLabel: string;
  /** The region, or "global" for account-wide resources (IAM). */
  region: string;
  /** The check that found it (`--checks` name). */
  check: string;
  /** The CSV columns of the classic auditor script. */
  resourceType: string;
  resourceId: string;
  status: string;
  details: string;
  /** Extra facts for JSON and HTML (sizes, ages, costs, names). */
  data?: Record<string, string | number | boolean | null>;
}

/** Something the audit could not look at: never dropped, always reported. */
export interface AuditProblem {
  account: string;
  accountLabel: string;
  region: string;
  /** The check, or a stage before the checks ("regions", "credentials", "organization"). */
  check: string;
  /** The AWS error code (AccessDenied, Throttling, ...) or a kumo error kind. */
  code: string;
  message: string;
}

/** What a check gets: calls bound to one account and one region. */
export interface CheckContext {
  account: AuditAccount;
  region: string;
  api: RegionApi;
  now: Date;
}

/** AWS calls in one account and region, answering with the documents the CLI would print as JSON. */
export interface RegionApi {
  call(service: string, operation: string, input?: Record<string, unknown>): Promise<DocObject>;
  /** Every page of a paginated operation (one page when it is not paginated). */
  pages(service: string, operation: string, input?: Record<string, unknown>): AsyncIterable<DocObject>;
}

/** What a check module exports as `check`. */
export interface AuditCheck {
  /** Its `--checks` name. */
  name: string;
  /** One line for `kumo audit help` and the report. */
  title: string;
  /** "regional" checks run once per region; "global" ones once per account. */
  scope: "regional" | "global";
  run(ctx: CheckContext): Promise<CheckFinding[]>;
}

/** A finding as a check returns it; the runner adds the account, region and check name. */
export type CheckFinding = Omit<Finding, "account" | "accountLabel" | "region" | "check"> & {
  /** Overrides the context's region (a bucket's own region). */
  region?: string;
};

export interface AuditResult {
  startedAt: string;
  finishedAt: string;
  accounts: AuditAccount[];
  /** Regions audited per account id. */
  regions: Record<string, string[]>;
  checks: string[];
  findings: Finding[];
  problems: AuditProblem[];
}

/** Reads a member of a document as text ("" when absent or not a scalar). */
export function text(v: Doc | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return "";
  return String(v);
}

/** A document's list member (empty when absent). */
export function list(v: Doc | undefined): DocObject[] {
  return Array.isArray(v) ? (v.filter((x) => x !== null && typeof x === "object" && !Array.isArray(x)) as DocObject[]) : [];
}

/** The Value of the tag with this Key in an EC2-style Tags list. */
export function tagValue(tags: Doc | undefined, key: string): string | undefined {
  for (const t of list(tags)) if (t.Key === key) return text(t.Value);
  return undefined;
}
