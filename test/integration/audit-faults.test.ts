// Partial failures in `kumo audit`: one region answers AccessDenied, one
// throttles every call, one is disabled (AuthFailure), and one throttles once
// and recovers. The failures are in the report and the exit code; nothing is
// dropped, and the region that recovered is audited in full.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { runKumo, sandboxHome } from "../helpers/run.ts";
import { startRegionFaultProxy, type RegionFaultProxy } from "../fakes/region-faults.ts";
import { seedAuditEstate, type AuditEstate } from "../../scripts/lib/audit-estate.mjs";

const REGIONS = ["ap-southeast-2", "eu-central-1", "eu-west-1", "us-east-1", "us-west-2"];
const DENIED = "eu-central-1";
const THROTTLED = "us-west-2";
const DISABLED = "eu-west-1";
const RECOVERS = "ap-southeast-2";

let moto: Moto;
let proxy: RegionFaultProxy;
let estate: AuditEstate;
const home = sandboxHome();
/** Two attempts a call: enough to show the retries, without the third attempt's back-off (throttling waits 0.5-1 s and more). */
const env = { AWS_MAX_ATTEMPTS: "2" };

before(async () => {
  moto = await startMoto();
  estate = await seedAuditEstate(moto.endpoint, { regions: REGIONS, perRegion: 2 });
  proxy = await startRegionFaultProxy({
    target: moto.endpoint,
    enabledRegions: REGIONS,
    faults: {
      [DENIED]: { status: 403, code: "AccessDenied", message: "User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: ec2:DescribeInstances" },
      [THROTTLED]: { status: 503, code: "RequestLimitExceeded", message: "Request limit exceeded." },
      [DISABLED]: { status: 401, code: "AuthFailure", message: "AWS was not able to validate the provided access credentials" },
      [RECOVERS]: { status: 503, code: "RequestLimitExceeded", message: "Request limit exceeded.", times: 1 },
    },
  });
});

after(async () => {
  await proxy?.stop();
  await moto?.stop();
});

test("failing regions are reported in the CSV, on stderr and in the exit code", async () => {
  const r = await runKumo(["audit", "--checks", "instances,unattached-volumes", "--endpoint-url", proxy.url], { home, env });
  assert.equal(r.code, 1, r.stderr);
  const rows = r.stdout.trimEnd().split("\n");
  assert.equal(rows[0], "Region,ResourceType,ResourceID,Status,Details");
  const errors = rows.filter((l) => l.split(",")[1] === "AuditError");
  const pairs = errors.map((l) => l.split(",").slice(0, 4).join(",")).sort();
  const expected = [];
  for (const [region, code] of [[DENIED, "AccessDenied"], [THROTTLED, "RequestLimitExceeded"], [DISABLED, "AuthFailure"]] as const) {
    for (const check of ["instances", "unattached-volumes"]) expected.push(`${region},AuditError,${check},${code}`);
  }
  assert.deepEqual(pairs, expected.sort());
  // The throttled region was retried (2 attempts a call here) before it was given up.
  assert.equal(proxy.faulted.get(THROTTLED), 4, "throttled calls");
  assert.equal(proxy.faulted.get(DENIED), 2, "AccessDenied is not retried");
  // The regions that worked (one after a retry) are audited in full.
  for (const region of [RECOVERS, "us-east-1"]) {
    const ids = rows.filter((l) => l.startsWith(`${region},EC2Instance,`)).map((l) => l.split(",")[2]);
    assert.deepEqual(ids, estate.ec2[region]!.instances.map((i) => i.id), region);
    const vols = rows.filter((l) => l.startsWith(`${region},EBSVolume,`)).map((l) => l.split(",")[2]);
    assert.deepEqual(vols, estate.ec2[region]!.volumes.filter((v) => v.state === "available").map((v) => v.id), region);
  }
  assert.match(r.stderr, /6 parts could not be audited/);
  assert.match(r.stderr, new RegExp(`default ${DENIED} instances: AccessDenied: User: arn:aws:iam::123456789012:user/auditor is not authorized`));
  assert.match(r.stderr, new RegExp(`default ${THROTTLED} unattached-volumes: RequestLimitExceeded`));
});

test("JSON marks the audit incomplete and lists every problem", async () => {
  const r = await runKumo(["audit", "--checks", "instances", "--format", "json", "--endpoint-url", proxy.url], { home, env });
  assert.equal(r.code, 1, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.complete, false);
  assert.deepEqual(
    doc.problems.map((p: { region: string; code: string }) => `${p.region}:${p.code}`).sort(),
    [`${DENIED}:AccessDenied`, `${DISABLED}:AuthFailure`, `${THROTTLED}:RequestLimitExceeded`].sort(),
  );
  assert.equal(doc.summary.problems, 3);
});

test("a profile without credentials is a problem of its own, the others are still audited", async () => {
  const h = sandboxHome({ config: "[profile good]\nregion = us-east-1\n[profile broken]\nregion = us-east-1\ncredential_process = /bin/false\n" , credentials: "[good]\naws_access_key_id = testing\naws_secret_access_key = testing\n"});
  const r = await runKumo(
    ["audit", "--profile", "good", "--profile", "broken", "--regions", "us-east-1", "--checks", "instances", "--endpoint-url", proxy.url],
    { home: h, env: { ...env, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined } },
  );
  assert.equal(r.code, 1, r.stderr);
  const rows = r.stdout.trimEnd().split("\n");
  assert.equal(rows.filter((l) => l.includes(",EC2Instance,")).length, estate.ec2["us-east-1"]!.instances.length);
  assert.ok(rows.some((l) => /^us-east-1,AuditError,credentials,/.test(l)), r.stdout);
  assert.match(r.stderr, /broken us-east-1 credentials:/);
});
