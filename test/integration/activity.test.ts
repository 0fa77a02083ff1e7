// `kumo activity` against a faithful fake of CloudTrail LookupEvents (moto has
// none): the subject's events across regions, newest first, paged, within
// the window; roles picked from the records; failing regions reported.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { GUARD, KUMO_BIN, baseEnv, runKumo, sandboxHome } from "../helpers/run.ts";
import { startFakeCloudTrail, trailRecord, type FakeCloudTrail, type TrailEvent } from "../fakes/cloudtrail.ts";

const DAY = "2024-06-01";
const WINDOW = ["--since", `${DAY}T00:00:00Z`, "--until", `${DAY}T23:59:59Z`];

let fake: FakeCloudTrail;
const home = sandboxHome();
let n = 0;

function event(region: string, at: string, who: { user?: string; role?: { name: string; session: string } }, name: string, extra: Partial<{ ip: string; agent: string; key: string; error: string }> = {}): TrailEvent {
  const time = new Date(at);
  const key = extra.key ?? (who.role ? "ASIAROLEKEY000000001" : "AKIAALICE0000000001");
  return {
    EventId: `ev-${String(++n).padStart(4, "0")}`,
    EventName: name,
    EventSource: name.startsWith("Get") || name.startsWith("Put") ? "s3.amazonaws.com" : "ec2.amazonaws.com",
    EventTime: time,
    ...(who.user ? { Username: who.user } : { Username: who.role!.session }),
    AccessKeyId: key,
    ReadOnly: name.startsWith("Describe") || name.startsWith("Get"),
    Resources: [{ ResourceType: "AWS::EC2::Instance", ResourceName: "i-0abc" }],
    record: trailRecord({
      eventName: name,
      eventSource: "ec2.amazonaws.com",
      time,
      region,
      ip: extra.ip ?? "203.0.113.7",
      userAgent: extra.agent ?? "aws-cli/2.9.19 Python/3.9.11 Linux/5.15",
      ...(who.user ? { user: who.user } : { role: who.role! }),
      accessKeyId: key,
      ...(extra.error ? { errorCode: extra.error } : {}),
    }),
  };
}

const role = { name: "ops-admin", session: "nightly" };
const events: Record<string, TrailEvent[]> = {
  "us-east-1": [
    // 60 of alice's calls: more than one page (50).
    ...Array.from({ length: 60 }, (_, i) => event("us-east-1", `${DAY}T08:${String(i).padStart(2, "0")}:00Z`, { user: "alice" }, "DescribeInstances")),
    event("us-east-1", `${DAY}T12:00:00Z`, { user: "alice" }, "TerminateInstances", { ip: "198.51.100.9", agent: "Boto3/1.34.0 Python/3.12", error: "UnauthorizedOperation" }),
    event("us-east-1", `${DAY}T13:00:00Z`, { user: "bob" }, "RunInstances"),
    event("us-east-1", `${DAY}T14:00:00Z`, { role }, "StopInstances", { ip: "10.1.2.3", agent: "terraform/1.7.0" }),
    // Outside the window.
    event("us-east-1", "2024-05-30T10:00:00Z", { user: "alice" }, "DeleteVolume"),
  ],
  "eu-west-1": [
    event("eu-west-1", `${DAY}T12:30:00Z`, { user: "alice" }, "CreateVolume", { ip: "192.0.2.44" }),
    event("eu-west-1", `${DAY}T09:15:00Z`, { role }, "DescribeVolumes", { ip: "10.1.2.3", agent: "terraform/1.7.0" }),
    event("eu-west-1", `${DAY}T10:00:00Z`, { role: { name: "other-role", session: "nightly" } }, "DescribeVolumes"),
  ],
  "ap-south-1": [event("ap-south-1", `${DAY}T11:00:00Z`, { user: "alice" }, "DescribeInstances")],
};

before(async () => {
  fake = await startFakeCloudTrail(events, { deny: ["ap-south-1"] });
});
after(async () => {
  await fake?.stop();
});

type Json = { events: { time: string; region: string; who: string; event: string; sourceIp: string; userAgent: string; error: string; accessKeyId: string; arn: string }[]; problems: unknown[]; regions: string[]; complete: boolean };

test("--user: every event of the user in the window, across regions, newest first, all pages", async () => {
  const before = fake.lookups.length;
  const r = await runKumo(["activity", "--user", "alice", ...WINDOW, "--regions", "us-east-1,eu-west-1", "--format", "json", "--endpoint-url", fake.url], { home });
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as Json;
  assert.equal(doc.complete, true);
  assert.equal(doc.events.length, 62);
  assert.deepEqual(doc.events.slice(0, 2).map((e) => [e.region, e.event, e.sourceIp, e.userAgent, e.error]), [
    ["eu-west-1", "CreateVolume", "192.0.2.44", "aws-cli/2.9.19 Python/3.9.11 Linux/5.15", ""],
    ["us-east-1", "TerminateInstances", "198.51.100.9", "Boto3/1.34.0 Python/3.12", "UnauthorizedOperation"],
  ]);
  assert.ok(doc.events.every((e) => e.who === "alice" && e.arn === "arn:aws:iam::123456789012:user/alice"));
  const times = doc.events.map((e) => Date.parse(e.time));
  assert.deepEqual(times, [...times].sort((a, b) => b - a));
  const mine = fake.lookups.slice(before);
  assert.equal(mine.filter((l) => l.region === "us-east-1").length, 2, "two pages in us-east-1");
  for (const l of mine) {
    assert.deepEqual(l.input.LookupAttributes, [{ AttributeKey: "Username", AttributeValue: "alice" }]);
    assert.equal(l.input.StartTime, Date.parse(`${DAY}T00:00:00Z`) / 1000);
    assert.equal(l.input.EndTime, Date.parse(`${DAY}T23:59:59Z`) / 1000);
  }
});

test("--role: the role's sessions, by name or ARN, as a table", async () => {
  const r = await runKumo(["activity", "--role", "ops-admin", ...WINDOW, "--regions", "us-east-1,eu-west-1", "--endpoint-url", fake.url], { home });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    [
      "TIME                       REGION     WHO                EVENT            SOURCE  SOURCE IP  USER AGENT",
      "2024-06-01T14:00:00+00:00  us-east-1  ops-admin/nightly  StopInstances    ec2     10.1.2.3   terraform/1.7.0",
      "2024-06-01T09:15:00+00:00  eu-west-1  ops-admin/nightly  DescribeVolumes  ec2     10.1.2.3   terraform/1.7.0",
      "",
    ].join("\n"),
  );
  const byArn = await runKumo(["activity", "--role", "arn:aws:iam::123456789012:role/ops-admin", ...WINDOW, "--regions", "eu-west-1", "--format", "json", "--endpoint-url", fake.url], { home });
  assert.deepEqual((JSON.parse(byArn.stdout) as Json).events.map((e) => e.event), ["DescribeVolumes"]);
});

test("--access-key filters on the key; every enabled region is searched and a denied one is reported", async () => {
  const r = await runKumo(["activity", "--access-key", "ASIAROLEKEY000000001", ...WINDOW, "--format", "json", "--endpoint-url", fake.url], { home });
  assert.equal(r.code, 1, r.stderr);
  const doc = JSON.parse(r.stdout) as Json;
  assert.deepEqual(doc.regions, Object.keys(events));
  assert.deepEqual(doc.events.map((e) => `${e.region} ${e.event}`), ["us-east-1 StopInstances", "eu-west-1 DescribeVolumes", "eu-west-1 DescribeVolumes"]);
  assert.equal(doc.complete, false);
  assert.deepEqual(doc.problems, [
    { region: "ap-south-1", code: "AccessDeniedException", message: "User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: cloudtrail:LookupEvents in ap-south-1" },
  ]);
  assert.match(r.stderr, /1 region could not be searched:\n {2}ap-south-1: AccessDeniedException/);
});

test("usage: one subject, a window that makes sense, help", async () => {
  const none = await runKumo(["activity", "--regions", "us-east-1"], { home });
  assert.equal(none.code, 252);
  assert.match(none.stderr, /exactly one of --user, --role or --access-key/);
  const backwards = await runKumo(["activity", "--user", "a", "--since", "2024-06-02", "--until", "2024-06-01"], { home });
  assert.equal(backwards.code, 252);
  assert.match(backwards.stderr, /starts .* after it ends/);
  const bad = await runKumo(["activity", "--user", "a", "--since", "yesterday"], { home });
  assert.equal(bad.code, 252);
  const help = await runKumo(["activity", "help"], { home });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /LookupEvents/);
  const empty = await runKumo(["activity", "--user", "nobody", ...WINDOW, "--regions", "us-east-1", "--endpoint-url", fake.url], { home });
  assert.equal(empty.stdout, "No events found.\n");
});

test("regions looked up are counted on stderr when it is a terminal, and never on stdout otherwise", { skip: spawnSync("script", ["--version"]).status === 0 ? false : "util-linux script is not installed" }, async () => {
  const args = ["activity", "--user", "alice", ...WINDOW, "--regions", "us-east-1,eu-west-1", "--format", "json", "--endpoint-url", fake.url];
  const command = [process.execPath, KUMO_BIN, ...args].map((a) => `'${a}'`).join(" ");
  // The fake runs in this process: the terminal's program is waited for without blocking it.
  const tty = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
    const p = spawn("script", ["-qec", command, "/dev/null"], { env: { ...baseEnv(home), NODE_OPTIONS: `--import ${GUARD}` } });
    let stdout = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    p.on("close", (status) => resolve({ status, stdout }));
  });
  assert.equal(tty.status, 0, tty.stdout);
  assert.match(tty.stdout, /\r\x1b\[K\[1\/2\] (us-east-1|eu-west-1)/);
  assert.match(tty.stdout, /\r\x1b\[K\[2\/2\] (us-east-1|eu-west-1)\r\x1b\[K/);
  const piped = await runKumo(args, { home });
  assert.equal(piped.code, 0, piped.stderr);
  assert.ok(!piped.stderr.includes("\x1b[K") && !piped.stdout.includes("\x1b[K"));
});
