// `kumo activity`'s pure parts: the time window, subjects and how events read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseInstant, timeWindow } from "../../../src/commands/activity/window.ts";
import { lookupAttributes, matchesSubject, sortActivities, toActivity } from "../../../src/commands/activity/events.ts";
import { activityTable } from "../../../src/commands/activity/format.ts";
import { parseActivityArgs } from "../../../src/commands/activity/index.ts";

const now = new Date("2024-06-01T12:00:00Z");

test("window: ages, dates, times without a zone are UTC, default 24h", () => {
  assert.equal(parseInstant("--since", "90m", now).toISOString(), "2024-06-01T10:30:00.000Z");
  assert.equal(parseInstant("--since", "7d", now).toISOString(), "2024-05-25T12:00:00.000Z");
  assert.equal(parseInstant("--since", "2w", now).toISOString(), "2024-05-18T12:00:00.000Z");
  assert.equal(parseInstant("--since", "2024-05-01", now).toISOString(), "2024-05-01T00:00:00.000Z");
  assert.equal(parseInstant("--since", "2024-05-01T08:00:00", now).toISOString(), "2024-05-01T08:00:00.000Z");
  assert.equal(parseInstant("--since", "2024-05-01T08:00:00+02:00", now).toISOString(), "2024-05-01T06:00:00.000Z");
  assert.throws(() => parseInstant("--since", "last week", now), /--since: expected an age/);
  const w = timeWindow(undefined, undefined, now);
  assert.equal(w.start.toISOString(), "2024-05-31T12:00:00.000Z");
  assert.equal(w.end, now);
  assert.throws(() => timeWindow("1h", "2h", now), /after it ends/);
});

const roleRecord = {
  userIdentity: {
    type: "AssumedRole",
    arn: "arn:aws:sts::1:assumed-role/deploy/ci-42",
    accessKeyId: "ASIA1",
    sessionContext: { sessionIssuer: { type: "Role", arn: "arn:aws:iam::1:role/deploy", userName: "deploy" } },
  },
  sourceIPAddress: "10.0.0.1",
  userAgent: "terraform\n1.7",
  errorCode: "AccessDenied",
};

test("subjects: users and keys are lookup attributes, roles are matched in the record", () => {
  assert.deepEqual(lookupAttributes({ kind: "user", value: "alice" }), [{ AttributeKey: "Username", AttributeValue: "alice" }]);
  assert.deepEqual(lookupAttributes({ kind: "access-key", value: "AKIA1" }), [{ AttributeKey: "AccessKeyId", AttributeValue: "AKIA1" }]);
  assert.deepEqual(lookupAttributes({ kind: "role", value: "deploy" }), []);
  assert.equal(matchesSubject(roleRecord, { kind: "role", value: "deploy" }), true);
  assert.equal(matchesSubject(roleRecord, { kind: "role", value: "arn:aws:iam::1:role/deploy" }), true);
  assert.equal(matchesSubject(roleRecord, { kind: "role", value: "deploy-prod" }), false);
  assert.equal(matchesSubject({ userIdentity: { type: "IAMUser", userName: "deploy" } }, { kind: "role", value: "deploy" }), false);
});

test("events read as who/what/where; the table keeps to one line per event", () => {
  const a = toActivity(
    { EventId: "e1", EventName: "PutObject", EventTime: "2024-06-01T10:00:00+00:00", EventSource: "s3.amazonaws.com", Username: "ci-42", ReadOnly: "false", CloudTrailEvent: JSON.stringify(roleRecord), Resources: [{ ResourceType: "AWS::S3::Object", ResourceName: "b/k" }] },
    "eu-west-1",
  );
  assert.deepEqual(
    [a.who, a.arn, a.sourceIp, a.accessKeyId, a.error, a.readOnly, a.resources],
    ["deploy/ci-42", "arn:aws:sts::1:assumed-role/deploy/ci-42", "10.0.0.1", "ASIA1", "AccessDenied", false, ["AWS::S3::Object b/k"]],
  );
  const b = { ...a, time: "2024-06-01T11:00:00+00:00", eventId: "e2" };
  assert.deepEqual(sortActivities([a, b]).map((x) => x.eventId), ["e2", "e1"]);
  const table = activityTable([a]);
  assert.equal(table.split("\n").length, 3);
  assert.match(table, /PutObject \(AccessDenied\)\s+s3\s+10\.0\.0\.1\s+terraform 1\.7$/m);
  assert.equal(activityTable([]), "No events found.\n");
});

test("activity options", () => {
  const o = parseActivityArgs(["--user=alice", "--regions", "us-east-1,eu-west-1", "--format", "json", "--max-events", "10"]);
  assert.deepEqual(o.subject, { kind: "user", value: "alice" });
  assert.deepEqual(o.regions, ["us-east-1", "eu-west-1"]);
  assert.equal(o.maxEvents, 10);
  assert.throws(() => parseActivityArgs(["--user", "a", "--role", "b"]), /exactly one/);
  assert.throws(() => parseActivityArgs(["--user", "a", "--format", "csv"]), /invalid choice/);
  assert.equal(parseActivityArgs(["help"]).help, true);
});
