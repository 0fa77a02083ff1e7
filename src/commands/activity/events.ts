// CloudTrail events as `kumo activity` shows them: who did what, where, from
// which address and client, read from LookupEvents answers and the
// CloudTrailEvent record each carries.
import type { DocObject } from "../../output/document.ts";
import { list, text } from "../../audit/types.ts";

export interface Activity {
  time: string;
  region: string;
  /** The user name, or role/session for an assumed role. */
  who: string;
  /** The identity's ARN when the record has one. */
  arn: string;
  event: string;
  source: string;
  sourceIp: string;
  userAgent: string;
  accessKeyId: string;
  /** The error code when the call failed ("" when it succeeded). */
  error: string;
  readOnly: boolean | null;
  resources: string[];
  eventId: string;
}

export interface Subject {
  kind: "user" | "role" | "access-key";
  value: string;
}

type Json = Record<string, unknown>;

function obj(v: unknown): Json {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {};
}
function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** The CloudTrailEvent record of an event (empty when absent or unreadable). */
export function eventRecord(e: DocObject): Json {
  try {
    return obj(JSON.parse(text(e.CloudTrailEvent) || "{}"));
  } catch {
    return {};
  }
}

/** The LookupAttributes a subject can be searched by, when CloudTrail can filter on it. */
export function lookupAttributes(subject: Subject): { AttributeKey: string; AttributeValue: string }[] {
  if (subject.kind === "user") return [{ AttributeKey: "Username", AttributeValue: subject.value }];
  if (subject.kind === "access-key") return [{ AttributeKey: "AccessKeyId", AttributeValue: subject.value }];
  // A role is not a lookup attribute: its events are picked from all events (see matchesSubject).
  return [];
}

/** Whether an event was made by the subject (a role: by name or ARN, through any session). */
export function matchesSubject(record: Json, subject: Subject): boolean {
  const id = obj(record.userIdentity);
  if (subject.kind !== "role") return true;
  const issuer = obj(obj(id.sessionContext).sessionIssuer);
  if (str(issuer.type) !== "Role") return false;
  return subject.value.startsWith("arn:") ? str(issuer.arn) === subject.value : str(issuer.userName) === subject.value;
}

export function toActivity(e: DocObject, region: string): Activity {
  const r = eventRecord(e);
  const id = obj(r.userIdentity);
  const issuer = obj(obj(id.sessionContext).sessionIssuer);
  const arn = str(id.arn);
  let who = text(e.Username) || str(id.userName);
  if (str(id.type) === "AssumedRole") who = `${str(issuer.userName) || "role"}/${arn.split("/").pop() ?? ""}`;
  if (!who) who = arn || str(id.type);
  const readOnly = text(e.ReadOnly);
  return {
    time: text(e.EventTime),
    region,
    who,
    arn,
    event: text(e.EventName),
    source: text(e.EventSource),
    sourceIp: str(r.sourceIPAddress),
    userAgent: str(r.userAgent),
    accessKeyId: text(e.AccessKeyId) || str(id.accessKeyId),
    error: str(r.errorCode),
    readOnly: readOnly === "true" ? true : readOnly === "false" ? false : null,
    resources: list(e.Resources).map((x) => [text(x.ResourceType), text(x.ResourceName)].filter(Boolean).join(" ")),
    eventId: text(e.EventId),
  };
}

/** Newest first; ties by region then event id, so the order is stable. */
export function sortActivities(all: Activity[]): Activity[] {
  return [...all].sort((a, b) => Date.parse(b.time) - Date.parse(a.time) || a.region.localeCompare(b.region) || a.eventId.localeCompare(b.eventId));
}
