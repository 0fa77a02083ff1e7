// A CloudTrail LookupEvents endpoint (moto has none), faithful to the API:
// JSON 1.1 on POST / with X-Amz-Target (com.amazonaws.cloudtrail.v20131101.)
// CloudTrail_20131101.LookupEvents,
// events kept per region (the region of the request's SigV4 scope), newest
// first, at most one lookup attribute (EventId, EventName, ReadOnly,
// Username, ResourceType, ResourceName, EventSource, AccessKeyId), the
// StartTime/EndTime window (inclusive, epoch seconds), MaxResults 1-50
// (default 50) and an opaque NextToken, and the service's error names for
// bad input. It also answers EC2 DescribeRegions with the regions it holds
// events for, for commands that look up the enabled regions first.
import type { IncomingMessage, ServerResponse } from "node:http";
import { listenLoopback, readBody, type Listening } from "./http-util.ts";
import { signedScope } from "./region-faults.ts";

export interface TrailEvent {
  EventId: string;
  EventName: string;
  EventSource: string;
  EventTime: Date;
  Username?: string;
  AccessKeyId?: string;
  ReadOnly: boolean;
  Resources?: { ResourceType?: string; ResourceName?: string }[];
  /** The full record (userIdentity, sourceIPAddress, userAgent, ...). */
  record: Record<string, unknown>;
}

export interface FakeCloudTrail extends Listening {
  /** LookupEvents requests received, with their region. */
  lookups: { region: string; input: Record<string, unknown> }[];
}

const ATTRIBUTE_KEYS = ["EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource", "AccessKeyId"];

function error(res: ServerResponse, status: number, type: string, message: string): void {
  const body = JSON.stringify({ __type: type, Message: message });
  res.writeHead(status, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "fake-ct-err", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function matches(e: TrailEvent, key: string, value: string): boolean {
  switch (key) {
    case "EventId":
      return e.EventId === value;
    case "EventName":
      return e.EventName === value;
    case "ReadOnly":
      return String(e.ReadOnly) === value;
    case "Username":
      return e.Username === value;
    case "EventSource":
      return e.EventSource === value;
    case "AccessKeyId":
      return e.AccessKeyId === value;
    case "ResourceType":
      return (e.Resources ?? []).some((r) => r.ResourceType === value);
    case "ResourceName":
      return (e.Resources ?? []).some((r) => r.ResourceName === value);
    default:
      return false;
  }
}

function wire(e: TrailEvent): Record<string, unknown> {
  return {
    EventId: e.EventId,
    EventName: e.EventName,
    ReadOnly: String(e.ReadOnly),
    ...(e.AccessKeyId ? { AccessKeyId: e.AccessKeyId } : {}),
    EventTime: e.EventTime.getTime() / 1000,
    EventSource: e.EventSource,
    ...(e.Username ? { Username: e.Username } : {}),
    Resources: e.Resources ?? [],
    CloudTrailEvent: JSON.stringify(e.record),
  };
}

function describeRegions(res: ServerResponse, regions: string[]): void {
  const items = regions.map((r) => `<item><regionName>${r}</regionName><regionEndpoint>ec2.${r}.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>`).join("");
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>fake-ct-regions</requestId><regionInfo>${items}</regionInfo></DescribeRegionsResponse>`;
  res.writeHead(200, { "content-type": "text/xml;charset=UTF-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** Serves LookupEvents over `events` (by region); `opts.deny`: regions that answer AccessDeniedException. */
export async function startFakeCloudTrail(events: Record<string, TrailEvent[]>, opts: { deny?: string[] } = {}): Promise<FakeCloudTrail> {
  const lookups: FakeCloudTrail["lookups"] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const scope = signedScope(req);
    const region = scope?.region ?? "us-east-1";
    if (scope?.service === "ec2" && /(^|&)Action=DescribeRegions(&|$)/.test(body)) return describeRegions(res, Object.keys(events));
    const target = req.headers["x-amz-target"];
    // botocore sends the long target prefix, the current SDK models the short one; the service takes both.
    if (target !== "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents" && target !== "CloudTrail_20131101.LookupEvents") {
      return error(res, 400, "UnknownOperationException", `The fake answers LookupEvents only, not ${String(target)}`);
    }
    const input = JSON.parse(body || "{}") as {
      LookupAttributes?: { AttributeKey?: string; AttributeValue?: string }[];
      StartTime?: number;
      EndTime?: number;
      MaxResults?: number;
      NextToken?: string;
    };
    lookups.push({ region, input });
    if (opts.deny?.includes(region)) {
      return error(res, 400, "AccessDeniedException", `User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: cloudtrail:LookupEvents in ${region}`);
    }
    const attrs = input.LookupAttributes ?? [];
    if (attrs.length > 1) return error(res, 400, "InvalidLookupAttributesException", "You cannot specify more than one lookup attribute.");
    const attr = attrs[0];
    if (attr && (!attr.AttributeKey || !ATTRIBUTE_KEYS.includes(attr.AttributeKey) || attr.AttributeValue === undefined)) {
      return error(res, 400, "InvalidLookupAttributesException", "The lookup attribute is not valid.");
    }
    const start = input.StartTime !== undefined ? input.StartTime * 1000 : -Infinity;
    const end = input.EndTime !== undefined ? input.EndTime * 1000 : Infinity;
    if (start > end) return error(res, 400, "InvalidTimeRangeException", "Start time must be before end time.");
    const max = input.MaxResults ?? 50;
    if (!Number.isInteger(max) || max < 1 || max > 50) return error(res, 400, "InvalidMaxResultsException", "MaxResults must be between 1 and 50.");
    const selected = (events[region] ?? [])
      .filter((e) => e.EventTime.getTime() >= start && e.EventTime.getTime() <= end)
      .filter((e) => !attr || matches(e, attr.AttributeKey!, attr.AttributeValue!))
      .sort((a, b) => b.EventTime.getTime() - a.EventTime.getTime());
    let offset = 0;
    if (input.NextToken !== undefined) {
      const m = /^ct1:(\d+)$/.exec(Buffer.from(input.NextToken, "base64").toString("utf8"));
      if (!m) return error(res, 400, "InvalidNextTokenException", "Invalid NextToken.");
      offset = Number(m[1]);
    }
    const page = selected.slice(offset, offset + max);
    const next = offset + max < selected.length ? Buffer.from(`ct1:${offset + max}`).toString("base64") : undefined;
    const text = JSON.stringify({ Events: page.map(wire), ...(next ? { NextToken: next } : {}) });
    res.writeHead(200, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "fake-ct-ok", "content-length": Buffer.byteLength(text) });
    res.end(text);
  };
  const listening = await listenLoopback(handle);
  return { ...listening, lookups };
}

/** A CloudTrail record for an IAM user or an assumed role (as CloudTrailEvent carries it). */
export function trailRecord(opts: {
  eventName: string;
  eventSource: string;
  time: Date;
  region: string;
  ip: string;
  userAgent: string;
  user?: string;
  role?: { name: string; session: string };
  accessKeyId: string;
  errorCode?: string;
}): Record<string, unknown> {
  const account = "123456789012";
  const identity = opts.role
    ? {
        type: "AssumedRole",
        principalId: `AROAEXAMPLE:${opts.role.session}`,
        arn: `arn:aws:sts::${account}:assumed-role/${opts.role.name}/${opts.role.session}`,
        accountId: account,
        accessKeyId: opts.accessKeyId,
        sessionContext: { sessionIssuer: { type: "Role", principalId: "AROAEXAMPLE", arn: `arn:aws:iam::${account}:role/${opts.role.name}`, accountId: account, userName: opts.role.name } },
      }
    : { type: "IAMUser", principalId: "AIDAEXAMPLE", arn: `arn:aws:iam::${account}:user/${opts.user}`, accountId: account, accessKeyId: opts.accessKeyId, userName: opts.user };
  return {
    eventVersion: "1.08",
    userIdentity: identity,
    eventTime: opts.time.toISOString().replace(/\.\d{3}Z$/, "Z"),
    eventSource: opts.eventSource,
    eventName: opts.eventName,
    awsRegion: opts.region,
    sourceIPAddress: opts.ip,
    userAgent: opts.userAgent,
    ...(opts.errorCode ? { errorCode: opts.errorCode, errorMessage: "denied" } : {}),
    requestParameters: null,
    responseElements: null,
    eventType: "AwsApiCall",
    recipientAccountId: account,
  };
}
