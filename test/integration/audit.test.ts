// `kumo audit` against moto with several seeded regions, behind a proxy that
// makes the account have four enabled regions: the classic auditor script's
// CSV (with the real AWS CLI, and with the `aws` shim running kumo) and
// `kumo audit --checks instances,unattached-volumes` agree row for row; the
// other checks find what was seeded; JSON and --out work.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { AWS_V2, GUARD, ROOT, baseEnv, runKumo, sandboxHome } from "../helpers/run.ts";
import { startRegionFaultProxy, type RegionFaultProxy } from "../fakes/region-faults.ts";
import { seedAuditEstate, type AuditEstate } from "../../scripts/lib/audit-estate.mjs";

/** The account's enabled regions (moto lists 38, and the script with the real CLI takes 1-3 s a call). */
const ENABLED = ["ap-southeast-2", "eu-west-1", "sa-east-1"];
const SCRIPT = join(ROOT, "examples", "aws_resource_auditor.sh");

let moto: Moto;
let proxy: RegionFaultProxy;
let estate: AuditEstate;
let tmp: string;
let shimDir: string;
let realDir: string;
let home: string;

function run(cmd: string, args: string[], env: Record<string, string>, stdin = ""): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env, cwd: tmp, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on("data", (d: Buffer) => out.push(d));
    p.stderr.on("data", (d: Buffer) => err.push(d));
    const timer = setTimeout(() => p.kill("SIGKILL"), 120_000);
    p.on("error", reject);
    p.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 128, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
    // A child that exits without reading its input (EPIPE) is no failure of the test.
    p.stdin.on("error", () => {});
    p.stdin.end(stdin);
  });
}

function scriptEnv(binDir: string): Record<string, string> {
  return baseEnv(home, {
    PATH: `${binDir}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    // kumo reads the endpoint from the environment; the real CLI 2.9 does not, its wrapper passes --endpoint-url.
    AWS_ENDPOINT_URL: proxy.url,
    NODE_OPTIONS: `--import ${GUARD}`,
  });
}

/** The rows the seeded estate should give, per enabled region in moto's order. */
function expectedRows(): string[] {
  const rows: string[] = [];
  for (const region of ENABLED) {
    const r = estate.ec2[region];
    if (!r) continue;
    for (const i of r.instances) rows.push(`${region},EC2Instance,${i.id},${i.state}`);
    for (const v of r.volumes.filter((v) => v.state === "available")) rows.push(`${region},EBSVolume,${v.id},available`);
  }
  return rows;
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), "kumo-audit-"));
  home = sandboxHome();
  moto = await startMoto();
  estate = await seedAuditEstate(moto.endpoint);
  proxy = await startRegionFaultProxy({ target: moto.endpoint, enabledRegions: ENABLED });
  realDir = join(tmp, "real-bin");
  shimDir = join(tmp, "kumo-bin");
  await run("mkdir", ["-p", realDir], baseEnv(home));
  writeFileSync(join(realDir, "aws"), `#!/bin/sh\nexec ${AWS_V2} --endpoint-url "$AWS_ENDPOINT_URL" "$@"\n`);
  chmodSync(join(realDir, "aws"), 0o755);
  const r = await runKumo(["install-alias", "--dir", shimDir], { home });
  assert.equal(r.code, 0, r.stderr);
});

after(async () => {
  await proxy?.stop();
  await moto?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test("the classic auditor script, the script on the kumo shim and kumo audit give the same CSV", async (t) => {
  const realCsv = join(tmp, "real.csv");
  const shimCsv = join(tmp, "shim.csv");
  const [real, shim, audit] = await Promise.all([
    run("bash", [SCRIPT, realCsv], scriptEnv(realDir)),
    run("bash", [SCRIPT, shimCsv], scriptEnv(shimDir)),
    runKumo(["audit", "--checks", "instances,unattached-volumes", "--format", "csv", "--endpoint-url", proxy.url], { home }),
  ]);
  assert.equal(real.code, 0, real.stderr);
  assert.equal(shim.code, 0, shim.stderr);
  assert.equal(audit.code, 0, audit.stderr);
  for (const region of ENABLED) assert.match(real.stderr, new RegExp(`Auditing region: ${region}`));
  const realText = readFileSync(realCsv, "utf8");
  t.diagnostic(`classic script CSV: ${realText.split("\n").length - 2} rows`);
  assert.equal(readFileSync(shimCsv, "utf8"), realText, "script on the kumo shim vs the real CLI");
  assert.equal(audit.stdout, realText, "kumo audit vs the classic script");
  // And the rows are the seeded ones: running and stopped instances (not the
  // terminated one), unattached volumes (not the attached one), in region order.
  const rows = realText.trimEnd().split("\n");
  assert.equal(rows[0], "Region,ResourceType,ResourceID,Status,Details");
  assert.deepEqual(
    rows.slice(1).map((l) => l.split(",").slice(0, 4).join(",")),
    expectedRows(),
  );
});

test("all checks find what was seeded; JSON lists accounts, regions and cost estimates", async () => {
  const out = join(tmp, "audit.json");
  const r = await runKumo(["audit", "--format", "json", "--out", out, "--endpoint-url", proxy.url], { home });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "");
  const doc = JSON.parse(readFileSync(out, "utf8"));
  assert.equal(doc.complete, true);
  assert.deepEqual(doc.accounts, [{ id: "123456789012", label: "default" }]);
  assert.deepEqual(doc.regions["123456789012"], ENABLED);
  type F = { region: string; check: string; resourceType: string; resourceId: string; status: string; data?: Record<string, unknown> };
  const by = (check: string) => (doc.findings as F[]).filter((f) => f.check === check);
  assert.deepEqual(by("users-without-mfa").map((f) => f.resourceId).sort(), [...estate.iam.withoutMfa].sort());
  assert.deepEqual(by("old-access-keys").map((f) => f.resourceId).sort(), estate.iam.accessKeys.map((k) => k.id).sort());
  assert.ok(by("old-access-keys").every((f) => f.status === "never-used"));
  assert.deepEqual(by("public-buckets").map((f) => f.resourceId).sort(), [...estate.buckets.public].sort());
  const eips = ENABLED.flatMap((region) => (estate.ec2[region]?.addresses ?? []).filter((a) => !a.associated).map((a) => a.allocationId));
  assert.deepEqual(by("unassociated-eips").map((f) => f.resourceId).sort(), eips.sort());
  const amis = by("old-amis");
  assert.deepEqual(amis.map((f) => f.region), ["ap-southeast-2", "ap-southeast-2"]);
  assert.deepEqual(amis.map((f) => f.resourceId).sort(), estate.ec2["ap-southeast-2"]!.images.map((i) => i.id).sort());
  const volumes = by("unattached-volumes");
  assert.ok(volumes.length > 0);
  for (const v of volumes) assert.equal(typeof v.data?.monthlyCostUsd, "number");
  const gp3 = volumes.find((v) => v.data?.volumeType === "gp3" && v.data?.sizeGiB === 10);
  assert.equal(gp3?.data?.monthlyCostUsd, 0.8);
  assert.equal(existsSync(out), true);
});

test("--regions limits the audit; a bad option is a usage error", async () => {
  const r = await runKumo(["audit", "--regions", "eu-west-1", "--checks", "instances", "--endpoint-url", proxy.url], { home });
  assert.equal(r.code, 0, r.stderr);
  const rows = r.stdout.trimEnd().split("\n").slice(1);
  assert.deepEqual(rows.map((l) => l.split(",")[2]), estate.ec2["eu-west-1"]!.instances.map((i) => i.id));
  const bad = await runKumo(["audit", "--checks", "nope"], { home });
  assert.equal(bad.code, 252);
  assert.match(bad.stderr, /unknown check 'nope'/);
  const help = await runKumo(["audit", "help"], { home });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /unattached-volumes/);
});

const CHROMIUM = "/usr/bin/chromium";

test("the HTML report in headless Chromium: summary chart, sortable tables, nothing fetched", { skip: existsSync(CHROMIUM) ? false : "chromium is not installed" }, async (t) => {
  const report = join(tmp, "audit.html");
  const r = await runKumo(["audit", "--format", "html", "-o", report, "--endpoint-url", proxy.url], { home });
  assert.equal(r.code, 0, r.stderr);
  const json = await runKumo(["audit", "--format", "json", "--endpoint-url", proxy.url], { home });
  const findings = JSON.parse(json.stdout).findings as { resourceType: string }[];

  const { chromium } = await import("playwright-core");
  const ctx = await chromium.launchPersistentContext(join(tmp, "chromium-profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1280, height: 900 },
  });
  try {
    const page = await ctx.newPage();
    const requested: string[] = [];
    page.on("request", (req) => requested.push(req.url()));
    const scriptErrors: string[] = [];
    page.on("pageerror", (e) => scriptErrors.push(e.message));
    await page.goto(`file://${report}`);
    assert.deepEqual(requested, [`file://${report}`], "the report loads nothing else");
    // The report as it opens.
    const shot = join(tmp, "audit-report.png");
    await page.screenshot({ path: shot, fullPage: true });
    t.diagnostic(`screenshot: ${shot}`);
    assert.ok(readFileSync(shot).length > 10_000);
    if (process.env.KUMO_AUDIT_SCREENSHOT) writeFileSync(process.env.KUMO_AUDIT_SCREENSHOT, readFileSync(shot));

    // The chart by region is shown: one bar segment per (region, type) with findings.
    const chart = page.locator(".view-region svg.chart");
    assert.equal(await chart.isVisible(), true);
    const regionsWithTypes = new Set((JSON.parse(json.stdout).findings as { region: string; resourceType: string }[]).map((f) => `${f.region}/${f.resourceType}`));
    assert.equal(await chart.locator("rect title").count(), regionsWithTypes.size);
    // Switching to "By type" shows that chart instead.
    await page.click("label[for=by-type]");
    assert.equal(await page.locator(".view-type svg.chart").isVisible(), true);
    assert.equal(await chart.isVisible(), false);
    const typeBars = await page.locator(".view-type svg.chart rect title").allTextContents();
    const types = [...new Set(findings.map((f) => f.resourceType))];
    assert.deepEqual(typeBars.map((s) => s.split(":")[0]).sort(), [...types].sort());

    // The findings table has every finding, and sorts on a click.
    const rows = page.locator("#findings tbody tr");
    assert.equal(await rows.count(), findings.length);
    const typeHeader = page.locator("#findings th", { hasText: "Type" });
    await typeHeader.click();
    const asc = await page.locator("#findings tbody tr td:nth-child(2)").allTextContents();
    assert.deepEqual(asc, [...asc].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })));
    assert.equal(await typeHeader.getAttribute("aria-sort"), "ascending");
    await typeHeader.click();
    const desc = await page.locator("#findings tbody tr td:nth-child(2)").allTextContents();
    assert.deepEqual(desc, [...asc].reverse());
    await page.click("label[for=by-region]");
    // Filtering keeps the matching rows only.
    await page.fill("input.filter", "S3Bucket");
    assert.equal(await page.locator("#findings tbody tr:visible").count(), findings.filter((f) => f.resourceType === "S3Bucket").length);
    await page.fill("input.filter", "");
    assert.deepEqual(scriptErrors, []);

  } finally {
    await ctx.close();
  }
});

test("several accounts: --profile a --profile b audits both, with an Account column", async () => {
  // Profile b is a role in another account (moto keeps an estate per account).
  const { STSClient, AssumeRoleCommand } = await import("@aws-sdk/client-sts");
  const sts = new STSClient({ endpoint: moto.endpoint, region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
  const role = "arn:aws:iam::210987654321:role/auditor";
  const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: role, RoleSessionName: "seed" }));
  sts.destroy();
  const c = assumed.Credentials!;
  const other = await seedAuditEstate(moto.endpoint, {
    regions: ["eu-west-1"],
    perRegion: 1,
    credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! },
    bucketSuffix: "-b",
  });
  const h = sandboxHome({
    config: `[profile a]\nregion = us-east-1\n[profile b]\nregion = us-east-1\nrole_arn = ${role}\nsource_profile = a\n`,
    credentials: "[a]\naws_access_key_id = testing\naws_secret_access_key = testing\n",
  });
  const env = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_ENDPOINT_URL: proxy.url };
  const r = await runKumo(["audit", "--profile", "a", "--profile", "b", "--regions", "eu-west-1", "--checks", "instances", "--endpoint-url", proxy.url], { home: h, env });
  assert.equal(r.code, 0, r.stderr);
  const rows = r.stdout.trimEnd().split("\n");
  assert.equal(rows[0], "Account,Region,ResourceType,ResourceID,Status,Details");
  const byAccount = (acct: string) => rows.filter((l) => l.startsWith(`${acct},`)).map((l) => l.split(",")[3]);
  assert.deepEqual(byAccount("123456789012"), estate.ec2["eu-west-1"]!.instances.map((i) => i.id));
  assert.deepEqual(byAccount("210987654321"), other.ec2["eu-west-1"]!.instances.map((i) => i.id));
  const json = await runKumo(["audit", "--profiles", "a,b", "--regions", "eu-west-1", "--checks", "instances", "--format", "json", "--endpoint-url", proxy.url], { home: h, env });
  assert.deepEqual(JSON.parse(json.stdout).accounts, [{ id: "123456789012", label: "a" }, { id: "210987654321", label: "b" }]);
});

test("--org-role: every account of the organization, through the role", async () => {
  const { OrganizationsClient, CreateOrganizationCommand, CreateAccountCommand } = await import("@aws-sdk/client-organizations");
  const org = new OrganizationsClient({ endpoint: moto.endpoint, region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
  await org.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
  const created = await org.send(new CreateAccountCommand({ AccountName: "sandbox", Email: "sandbox@example.com" }));
  org.destroy();
  const sandbox = created.CreateAccountStatus!.AccountId!;
  const r = await runKumo(["audit", "--org-role", "OrganizationAccountAccessRole", "--regions", "eu-west-1", "--checks", "instances", "--format", "json", "--endpoint-url", proxy.url], { home });
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.deepEqual(doc.accounts.map((a: { id: string }) => a.id).sort(), ["123456789012", sandbox].sort());
  // The new account is empty; the management account's instances are found.
  assert.deepEqual(
    doc.findings.map((f: { account: string; resourceId: string }) => `${f.account} ${f.resourceId}`),
    estate.ec2["eu-west-1"]!.instances.map((i) => `123456789012 ${i.id}`),
  );
});

test("progress goes to stderr when it is a terminal, and never into the report", { skip: existsSync("/usr/bin/script") ? false : "util-linux script is not installed" }, async () => {
  const out = join(tmp, "progress.csv");
  const cmd = [process.execPath, join(ROOT, "bin", "kumo.cjs"), "audit", "--checks", "instances", "--regions", "eu-west-1,sa-east-1", "-o", out, "--endpoint-url", proxy.url]
    .map((a) => `'${a}'`)
    .join(" ");
  const r = await run("script", ["-qfec", cmd, "/dev/null"], { ...baseEnv(home), NODE_OPTIONS: `--import ${GUARD}` });
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /\r\x1b\[K\[1\/2\] default (eu-west-1|sa-east-1) instances/);
  assert.match(r.stdout, /\[2\/2\]/);
  assert.doesNotMatch(readFileSync(out, "utf8"), /\[1\/2\]/);
  const piped = await runKumo(["audit", "--checks", "instances", "--regions", "eu-west-1", "--endpoint-url", proxy.url], { home });
  assert.equal(piped.stderr, "", "no progress when stderr is not a terminal");
});

test("--sso-session: every profile of the session, each with its role's credentials", async () => {
  const { startSsoPortal } = await import("../fakes/sso-portal.ts");
  const { saveSsoToken } = await import("../../src/credentials/sso-token.ts");
  const { STSClient, AssumeRoleCommand } = await import("@aws-sdk/client-sts");
  // The portal hands out credentials moto knows for each account (a role assumed in that account).
  const sts = new STSClient({ endpoint: moto.endpoint, region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
  const portal = await startSsoPortal({
    accounts: [
      { accountId: "333333333333", accountName: "prod", emailAddress: "prod@example.com", roles: ["ReadOnly"] },
      { accountId: "444444444444", accountName: "dev", emailAddress: "dev@example.com", roles: ["ReadOnly"] },
    ],
    roleCredentials: async (accountId, roleName) => {
      const c = (await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`, RoleSessionName: "sso" }))).Credentials!;
      return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken!, expiration: c.Expiration!.getTime() };
    },
  });
  try {
    const start = "https://corp.awsapps.com/start";
    const h = sandboxHome({
      config: [
        "[sso-session corp]",
        `sso_start_url = ${start}`,
        "sso_region = us-east-1",
        "[profile prod]",
        "sso_session = corp",
        "sso_account_id = 333333333333",
        "sso_role_name = ReadOnly",
        "region = us-east-1",
        "[profile dev]",
        "sso_session = corp",
        "sso_account_id = 444444444444",
        "sso_role_name = ReadOnly",
        "region = us-east-1",
        "[profile unrelated]",
        "region = us-east-1",
        "",
      ].join("\n"),
    });
    saveSsoToken(h, start, "corp", { startUrl: start, region: "us-east-1", accessToken: portal.issueAccessToken(), expiresAt: new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z") });
    const env = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_ENDPOINT_URL_SSO: portal.url };
    const r = await runKumo(["audit", "--sso-session", "corp", "--regions", "eu-west-1", "--checks", "instances", "--format", "json", "--endpoint-url", proxy.url], { home: h, env });
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(doc.accounts, [{ id: "333333333333", label: "prod" }, { id: "444444444444", label: "dev" }]);
    assert.equal(portal.calls("GetRoleCredentials").length, 2);
  } finally {
    sts.destroy();
    await portal.stop();
  }
});
