// The audit's parts in-process: the pool, the runner's order and problem
// handling, the checks on canned answers, the report writers and the options.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runPool } from "../../../src/audit/pool.ts";
import { runAudit, type AuditTarget } from "../../../src/audit/runner.ts";
import { CHECKS, checkNamed } from "../../../src/audit/checks/index.ts";
import { check as oldKeys } from "../../../src/audit/checks/old-access-keys.ts";
import { check as oldAmis, OLDEST_AMIS } from "../../../src/audit/checks/old-amis.ts";
import { check as volumes } from "../../../src/audit/checks/unattached-volumes.ts";
import { check as eips } from "../../../src/audit/checks/unassociated-eips.ts";
import { policyIsPublic, publicGrants } from "../../../src/audit/checks/public-buckets.ts";
import { auditCsv, csvField } from "../../../src/audit/report/csv.ts";
import { auditJson, summarize } from "../../../src/audit/report/json.ts";
import { auditHtml, escapeHtml } from "../../../src/audit/report/html.ts";
import { parseAuditArgs } from "../../../src/audit/args.ts";
import { ServiceError } from "../../../src/errors/index.ts";
import type { AuditResult, RegionApi } from "../../../src/audit/types.ts";
import type { DocObject } from "../../../src/output/document.ts";
import { isKumoShim, shimScript, shQuote } from "../../../src/commands/install-alias/shim.ts";

type Handler = (region: string, input: Record<string, unknown>) => DocObject | Promise<DocObject>;

/** An account whose calls are answered by `handlers["service:Operation"]`; calls are logged. */
function fakeTarget(id: string, handlers: Record<string, Handler>, log: string[] = []): AuditTarget {
  return {
    account: { id, label: `p-${id}` },
    homeRegion: "us-east-1",
    api: {
      region(region: string): RegionApi {
        const call = async (service: string, op: string, input: Record<string, unknown> = {}) => {
          log.push(`${region} ${service}:${op}`);
          const h = handlers[`${service}:${op}`];
          if (!h) throw new Error(`unexpected call ${service}:${op}`);
          return h(region, input);
        };
        return {
          call,
          async *pages(service, op, input = {}) {
            yield await call(service, op, input);
          },
        };
      },
    },
  };
}

const denied = (op: string) => new ServiceError({ code: "AccessDenied", operation: op, message: "not allowed" });

test("runPool keeps at most `size` tasks in flight and returns outcomes in task order", async () => {
  let inFlight = 0;
  let peak = 0;
  const tasks = Array.from({ length: 20 }, (_, i) => async () => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setImmediate(r));
    inFlight--;
    if (i === 7) throw new Error("seven");
    return i * 2;
  });
  const settled: number[] = [];
  const out = await runPool(tasks, 3, (i) => settled.push(i));
  assert.equal(peak, 3);
  assert.equal(settled.length, 20);
  assert.deepEqual(out.map((o) => (o.ok ? o.value : "err")), Array.from({ length: 20 }, (_, i) => (i === 7 ? "err" : i * 2)));
  await assert.rejects(runPool([], 0), RangeError);
});

test("runAudit: region-major order, account-wide checks last, failures become problems", async () => {
  const log: string[] = [];
  const target = fakeTarget(
    "111111111111",
    {
      "ec2:DescribeRegions": () => ({ Regions: [{ RegionName: "eu-west-1" }, { RegionName: "us-east-1" }, { RegionName: "ap-south-1" }] }),
      "ec2:DescribeInstances": (region) => {
        if (region === "ap-south-1") throw denied("DescribeInstances");
        return { Reservations: [{ Instances: [{ InstanceId: `i-${region}`, State: { Name: "running" }, InstanceType: "t3.micro" }] }] };
      },
      "ec2:DescribeVolumes": (region) => ({ Volumes: [{ VolumeId: `vol-${region}`, Size: 8, VolumeType: "gp2" }] }),
      "iam:ListUsers": () => ({ Users: [{ UserName: "bob", Arn: "arn:aws:iam::111111111111:user/bob" }] }),
      "iam:ListMFADevices": () => ({ MFADevices: [] }),
      "iam:GetLoginProfile": () => {
        throw new ServiceError({ code: "NoSuchEntity", operation: "GetLoginProfile", message: "none" });
      },
    },
    log,
  );
  const checks = ["users-without-mfa", "instances", "unattached-volumes"].map((n) => checkNamed(n)!);
  const now = new Date("2024-06-01T00:00:00Z");
  const result = await runAudit({ targets: [target], checks, concurrency: 4, now: () => now });
  assert.deepEqual(result.regions, { "111111111111": ["eu-west-1", "us-east-1", "ap-south-1"] });
  assert.deepEqual(
    result.findings.map((f) => `${f.region} ${f.resourceType} ${f.resourceId}`),
    [
      "eu-west-1 EC2Instance i-eu-west-1",
      "eu-west-1 EBSVolume vol-eu-west-1",
      "us-east-1 EC2Instance i-us-east-1",
      "us-east-1 EBSVolume vol-us-east-1",
      "ap-south-1 EBSVolume vol-ap-south-1",
      "global IAMUser bob",
    ],
  );
  assert.deepEqual(result.problems, [
    { account: "111111111111", accountLabel: "p-111111111111", check: "instances", region: "ap-south-1", code: "AccessDenied", message: "not allowed" },
  ]);
  // The account-wide check ran once, in the home region.
  assert.equal(log.filter((l) => l.endsWith("iam:ListUsers")).length, 1);
  assert.ok(log.includes("us-east-1 iam:ListUsers"));
});

test("runAudit: an account whose regions cannot be listed still gets its account-wide checks", async () => {
  const target = fakeTarget("222222222222", {
    "ec2:DescribeRegions": () => {
      throw denied("DescribeRegions");
    },
    "s3api:ListBuckets": () => ({ Buckets: [] }),
  });
  const result = await runAudit({ targets: [target], checks: [checkNamed("instances")!, checkNamed("public-buckets")!], concurrency: 2, now: () => new Date() });
  assert.equal(result.findings.length, 0);
  assert.deepEqual(result.problems.map((p) => `${p.check}:${p.code}`), ["regions:AccessDenied"]);
  const given = await runAudit({ targets: [target], regions: ["eu-north-1"], checks: [checkNamed("public-buckets")!], concurrency: 2, now: () => new Date() });
  assert.deepEqual(given.problems, []);
});

function apiOf(handlers: Record<string, Handler>): RegionApi {
  return fakeTarget("1", handlers).api.region("us-east-1");
}

test("old-access-keys: old, unused and never-used keys; recent used keys pass", async () => {
  const now = new Date("2024-06-01T00:00:00Z");
  const keys: Record<string, { created: string; used?: string }> = {
    AKIAOLD: { created: "2023-01-01T00:00:00Z", used: "2024-05-30T00:00:00Z" },
    AKIAIDLE: { created: "2024-05-01T00:00:00Z", used: "2024-01-01T00:00:00Z" },
    AKIANEVER: { created: "2024-05-20T00:00:00Z" },
    AKIAFINE: { created: "2024-05-01T00:00:00Z", used: "2024-05-31T00:00:00Z" },
    AKIABOTH: { created: "2023-01-01T00:00:00Z" },
  };
  const api = apiOf({
    "iam:ListUsers": () => ({ Users: [{ UserName: "u" }] }),
    "iam:ListAccessKeys": () => ({ AccessKeyMetadata: Object.entries(keys).map(([id, k]) => ({ AccessKeyId: id, CreateDate: k.created, Status: "Active" })) }),
    "iam:GetAccessKeyLastUsed": (_r, input) => {
      const k = keys[input.AccessKeyId as string]!;
      const last: DocObject = k.used ? { LastUsedDate: k.used, ServiceName: "s3", Region: "us-east-1" } : { ServiceName: "N/A", Region: "N/A" };
      return { UserName: "u", AccessKeyLastUsed: last };
    },
  });
  const found = await oldKeys.run({ account: { id: "1", label: "x" }, region: "us-east-1", api, now });
  assert.deepEqual(
    found.map((f) => `${f.resourceId}:${f.status}`),
    ["AKIAOLD:old", "AKIAIDLE:unused", "AKIANEVER:never-used", "AKIABOTH:old-unused"],
  );
  assert.equal(found[0]!.data?.ageDays, 517);
});

test("old-amis: oldest first, at most OLDEST_AMIS, 'old' past 180 days", async () => {
  const images = Array.from({ length: 12 }, (_, i) => ({ ImageId: `ami-${i}`, Name: `img-${i}`, CreationDate: `2024-0${(i % 5) + 1}-1${i % 10}T00:00:00.000Z` }));
  images.push({ ImageId: "ami-ancient", Name: "ancient", CreationDate: "2020-01-01T00:00:00.000Z" });
  const found = await oldAmis.run({ account: { id: "1", label: "x" }, region: "us-east-1", api: apiOf({ "ec2:DescribeImages": () => ({ Images: images }) }), now: new Date("2024-06-01T00:00:00Z") });
  assert.equal(found.length, OLDEST_AMIS);
  assert.equal(found[0]!.resourceId, "ami-ancient");
  assert.equal(found[0]!.status, "old");
  assert.equal(found[1]!.status, "recent");
  const dates = found.map((f) => String(f.data?.creationDate));
  assert.deepEqual(dates, [...dates].sort());
});

test("unattached volumes carry size, type and a monthly cost; idle EIPs are found", async () => {
  const v = await volumes.run({
    account: { id: "1", label: "x" },
    region: "us-east-1",
    api: apiOf({ "ec2:DescribeVolumes": () => ({ Volumes: [{ VolumeId: "vol-1", Size: 100, VolumeType: "gp3" }, { VolumeId: "vol-2", Size: 10, VolumeType: "mystery" }] }) }),
    now: new Date(),
  });
  assert.deepEqual(v.map((f) => [f.details, f.data?.monthlyCostUsd]), [["100GB gp3", 8], ["10GB mystery", null]]);
  const e = await eips.run({
    account: { id: "1", label: "x" },
    region: "us-east-1",
    api: apiOf({
      "ec2:DescribeAddresses": () => ({
        Addresses: [{ AllocationId: "eipalloc-1", PublicIp: "1.2.3.4", AssociationId: "eipassoc-1" } as DocObject, { AllocationId: "eipalloc-2", PublicIp: "5.6.7.8" }],
      }),
    }),
    now: new Date(),
  });
  assert.deepEqual(e.map((f) => f.resourceId), ["eipalloc-2"]);
});

test("public bucket rules: ACL grants to everyone, policies for Principal *", () => {
  assert.deepEqual(
    publicGrants({
      Grants: [
        { Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers" }, Permission: "READ" },
        { Grantee: { Type: "CanonicalUser", ID: "abc" }, Permission: "FULL_CONTROL" },
        { Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers" }, Permission: "WRITE" },
      ],
    }),
    ["AllUsers:READ", "AuthenticatedUsers:WRITE"],
  );
  const policy = (stmt: object) => JSON.stringify({ Statement: [stmt] });
  assert.equal(policyIsPublic(policy({ Effect: "Allow", Principal: "*", Action: "s3:GetObject" })), true);
  assert.equal(policyIsPublic(policy({ Effect: "Allow", Principal: { AWS: ["arn:aws:iam::1:root", "*"] } })), true);
  assert.equal(policyIsPublic(policy({ Effect: "Allow", Principal: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } })), false);
  assert.equal(policyIsPublic(policy({ Effect: "Deny", Principal: "*" })), false);
  assert.equal(policyIsPublic(policy({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" } })), false);
  assert.equal(policyIsPublic("not json"), false);
});

function sampleResult(accounts = 1): AuditResult {
  const ids = ["111111111111", "222222222222"].slice(0, accounts);
  return {
    startedAt: "2024-06-01T00:00:00.000Z",
    finishedAt: "2024-06-01T00:00:01.000Z",
    accounts: ids.map((id) => ({ id, label: `p${id[0]}` })),
    regions: Object.fromEntries(ids.map((id) => [id, ["us-east-1"]])),
    checks: ["instances", "users-without-mfa"],
    findings: ids.flatMap((id) => [
      { account: id, accountLabel: `p${id[0]}`, region: "us-east-1", check: "instances", resourceType: "EC2Instance", resourceId: "i-1", status: "running", details: "t3.micro" },
      { account: id, accountLabel: `p${id[0]}`, region: "global", check: "users-without-mfa", resourceType: "IAMUser", resourceId: "<bob>", status: "no-mfa", details: 'console "yes", no MFA' },
      { account: id, accountLabel: `p${id[0]}`, region: "us-east-1", check: "unattached-volumes", resourceType: "EBSVolume", resourceId: "vol-1", status: "available", details: "10GB gp3", data: { monthlyCostUsd: 0.8 } },
    ]),
    problems: [{ account: ids[0]!, accountLabel: "p1", region: "eu-west-1", check: "instances", code: "AccessDenied", message: "denied, really" }],
  };
}

test("CSV: the classic columns, quoting, AuditError rows, Account only for several accounts", () => {
  assert.equal(csvField("plain"), "plain");
  assert.equal(csvField('a,"b"'), '"a,""b"""');
  assert.equal(
    auditCsv(sampleResult()),
    [
      "Region,ResourceType,ResourceID,Status,Details",
      "us-east-1,EC2Instance,i-1,running,t3.micro",
      'global,IAMUser,<bob>,no-mfa,"console ""yes"", no MFA"',
      "us-east-1,EBSVolume,vol-1,available,10GB gp3",
      'eu-west-1,AuditError,instances,AccessDenied,"denied, really"',
      "",
    ].join("\n"),
  );
  const two = auditCsv(sampleResult(2)).split("\n");
  assert.equal(two[0], "Account,Region,ResourceType,ResourceID,Status,Details");
  assert.equal(two[4], "222222222222,us-east-1,EC2Instance,i-1,running,t3.micro");
});

test("JSON: summary counts and costs; complete only without problems", () => {
  const r = sampleResult(2);
  const s = summarize(r);
  assert.deepEqual(s.byType, { EC2Instance: 2, IAMUser: 2, EBSVolume: 2 });
  assert.equal(s.monthlyCostUsd, 1.6);
  const doc = JSON.parse(auditJson(r));
  assert.equal(doc.complete, false);
  assert.deepEqual(Object.keys(doc.findings[0]), ["account", "accountLabel", "region", "check", "resourceType", "resourceId", "status", "details"]);
});

test("HTML: self-contained, escaped, a chart per grouping and sortable tables", () => {
  const html = auditHtml(sampleResult(2));
  assert.equal(escapeHtml(`<a href="x">&'`), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
  assert.ok(html.includes("&lt;bob&gt;") && !html.includes("<bob>"));
  assert.equal((html.match(/<svg /g) ?? []).length, 3);
  assert.ok(html.includes('id="findings" class="sortable"') && html.includes('id="problems"'));
  // Nothing is loaded from elsewhere.
  assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=/);
  assert.doesNotMatch(html, /https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
});

test("options: defaults, every spelling of the output file, bad values", () => {
  const d = parseAuditArgs([]);
  assert.deepEqual(d.checks.map((c) => c.name), CHECKS.map((c) => c.name));
  assert.equal(d.format, "csv");
  assert.equal(d.regions, undefined);
  assert.equal(d.concurrency, 16);
  for (const args of [["-o", "r.html"], ["--out", "r.html"], ["--out-file=r.html"], ["--out=r.html"]]) assert.equal(parseAuditArgs(args).out, "r.html");
  const o = parseAuditArgs(["--regions", "eu-west-1, us-east-1", "--checks=instances,instances,old-amis", "--format", "html", "--concurrency", "4"]);
  assert.deepEqual(o.regions, ["eu-west-1", "us-east-1"]);
  assert.deepEqual(o.checks.map((c) => c.name), ["instances", "old-amis"]);
  assert.throws(() => parseAuditArgs(["--format", "xml"]), /invalid choice: 'xml'/);
  assert.throws(() => parseAuditArgs(["--checks", "bogus"]), /unknown check 'bogus'/);
  assert.throws(() => parseAuditArgs(["--concurrency", "0"]), /--concurrency/);
  assert.throws(() => parseAuditArgs(["--regions"]), /expected one argument/);
  assert.throws(() => parseAuditArgs(["--what"]), /Unknown options: --what/);
  assert.equal(parseAuditArgs(["help"]).help, true);
});

test("the aws shim: marked, quoted, recognised", () => {
  const s = shimScript("/usr/bin/node", "/opt/it's kumo/bin/kumo.cjs");
  assert.ok(s.startsWith("#!/bin/sh\n"));
  assert.ok(s.includes(`exec '/usr/bin/node' '/opt/it'\\''s kumo/bin/kumo.cjs' "$@"`));
  assert.equal(isKumoShim(s), true);
  assert.equal(isKumoShim("#!/usr/bin/env python3\nimport awscli\n"), false);
  assert.equal(shQuote("a b"), "'a b'");
});

test("--sso-session: the profiles of that session, in the config file's order", async () => {
  const { mkdtempSync, mkdirSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { Settings } = await import("../../../src/config/settings.ts");
  const { profilesOfSsoSession } = await import("../../../src/audit/targets.ts");
  const home = mkdtempSync(join(tmpdir(), "kumo-sso-"));
  mkdirSync(join(home, ".aws"));
  writeFileSync(
    join(home, ".aws", "config"),
    [
      "[sso-session corp]",
      "sso_start_url = https://corp.awsapps.com/start",
      "sso_region = us-east-1",
      "[profile prod]",
      "sso_session = corp",
      "sso_account_id = 111111111111",
      "sso_role_name = ReadOnly",
      "[profile other]",
      "sso_session = elsewhere",
      "[profile dev]",
      "sso_session = corp",
      "sso_account_id = 222222222222",
      "sso_role_name = ReadOnly",
      "[profile keys]",
      "region = us-east-1",
      "",
    ].join("\n"),
  );
  const io = {
    stdout: { write() {} },
    stderr: { write() {} },
    stdin: process.stdin,
    env: {},
    cwd: home,
    home,
    now: () => new Date(),
    sleep: async () => {},
  };
  const settings = new Settings(io, { debug: false, verifySsl: true, paginate: true, version: false, color: "auto", signRequest: true, pager: false, hints: true });
  assert.deepEqual(profilesOfSsoSession(settings, "corp"), ["prod", "dev"]);
  assert.deepEqual(profilesOfSsoSession(settings, "none"), []);
});
