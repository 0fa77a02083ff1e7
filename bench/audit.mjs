#!/usr/bin/env node
// The classic auditor script (examples/aws_resource_auditor.sh) with the real
// AWS CLI v2 against `kumo audit --checks instances,unattached-volumes
// --format csv`, on the same seeded moto server, for 4 enabled regions and
// for every region moto lists. Both must write the same CSV; then each is
// timed and the ratio printed. Also times the script with kumo as `aws`
// (the shim from `kumo install-alias`).
//
//   node bench/audit.mjs [--runs 3] [--aws /usr/bin/aws] [--skip-all-regions]
//
// Not part of `npm test`: the script with the real CLI takes about a minute
// on all regions. Numbers mean little on a busy machine: check `uptime`.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startMoto, emulatorCliEnv } from "../scripts/lib/moto.mjs";
import { seedAuditEstate } from "../scripts/lib/audit-estate.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const kumoBin = join(root, "bin", "kumo.cjs");
const script = join(root, "examples", "aws_resource_auditor.sh");

const { values: opts } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    aws: { type: "string", default: "/usr/bin/aws" },
    "skip-all-regions": { type: "boolean", default: false },
  },
});
const runs = Number(opts.runs);

/** Regions with resources, in moto's order; the first four are the "4 regions" case. */
const SEEDED = ["ap-southeast-2", "eu-central-1", "eu-west-1", "us-east-1", "sa-east-1", "us-west-2", "ap-northeast-1", "ca-central-1"];
const FOUR = ["ap-southeast-2", "eu-central-1", "eu-west-1", "us-east-1"];

/** A loopback proxy in front of moto whose DescribeRegions lists only `enabled` (the "4 regions" account). */
function regionFilterProxy(target, enabled) {
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks);
    const headers = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string" && k !== "host" && k !== "connection") headers[k] = v;
    const up = await fetch(new URL(req.url ?? "/", target), { method: req.method, headers, ...(body.length ? { body } : {}) });
    let out = Buffer.from(await up.arrayBuffer());
    if (/(^|&)Action=DescribeRegions(&|$)/.test(body.toString())) {
      out = Buffer.from(
        out.toString().replace(/<item>(?:(?!<\/item>)[\s\S])*<\/item>\s*/g, (b) => {
          const name = /<regionName>([^<]*)<\/regionName>/.exec(b)?.[1];
          return name && !enabled.includes(name) ? "" : b;
        }),
      );
    }
    const h = {};
    up.headers.forEach((v, k) => {
      if (!["content-length", "content-encoding", "transfer-encoding", "connection"].includes(k)) h[k] = v;
    });
    h["content-length"] = String(out.length);
    res.writeHead(up.status, h);
    res.end(out);
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok({ url: `http://127.0.0.1:${server.address().port}`, stop: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) })));
}

function timed(cmd, args, env, cwd) {
  return new Promise((ok, fail) => {
    const started = process.hrtime.bigint();
    const p = spawn(cmd, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const err = [];
    p.stdout.on("data", (d) => out.push(d));
    p.stderr.on("data", (d) => err.push(d));
    p.on("error", fail);
    p.on("close", (code) => ok({ code, ms: Number(process.hrtime.bigint() - started) / 1e6, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

async function main() {
  const work = mkdtempSync(join(tmpdir(), "kumo-bench-audit-"));
  const home = join(work, "home");
  mkdirSync(join(home, ".aws"), { recursive: true });
  const moto = await startMoto();
  const stops = [() => moto.stop(), async () => rmSync(work, { recursive: true, force: true })];
  try {
    process.stderr.write(`moto on ${moto.endpoint}; seeding ${SEEDED.length} regions...\n`);
    await seedAuditEstate(moto.endpoint, { regions: SEEDED, perRegion: 3 });
    const proxy = await regionFilterProxy(moto.endpoint, FOUR);
    stops.unshift(() => proxy.stop());

    // `aws` for the script: the real CLI with the endpoint (2.9 has no AWS_ENDPOINT_URL), or kumo's shim.
    const realBin = join(work, "real");
    mkdirSync(realBin);
    writeFileSync(join(realBin, "aws"), `#!/bin/sh\nexec ${opts.aws} --endpoint-url "$BENCH_ENDPOINT" "$@"\n`);
    chmodSync(join(realBin, "aws"), 0o755);
    const shimBin = join(work, "shim");
    const env = emulatorCliEnv({ home });
    const inst = spawnSync(process.execPath, [kumoBin, "install-alias", "--dir", shimBin], { env, encoding: "utf8" });
    if (inst.status !== 0) throw new Error(`install-alias failed: ${inst.stderr}`);

    const cases = [{ name: "4 regions", endpoint: proxy.url, regions: FOUR.length }];
    if (!opts["skip-all-regions"]) cases.push({ name: "all regions moto lists", endpoint: moto.endpoint, regions: undefined });

    const rows = [];
    for (const c of cases) {
      const scriptEnv = (bin) => ({ ...env, PATH: `${bin}:${env.PATH}`, BENCH_ENDPOINT: c.endpoint, AWS_ENDPOINT_URL: c.endpoint });
      const kumoArgs = [kumoBin, "audit", "--checks", "instances,unattached-volumes", "--format", "csv", "--endpoint-url", c.endpoint];
      // Warm-up: moto sets up each region's backend on first use.
      const warm = await timed(process.execPath, kumoArgs, env, work);
      if (warm.code !== 0) throw new Error(`kumo audit failed: ${warm.stderr}`);
      const regions = c.regions ?? (await timed(opts.aws, ["ec2", "describe-regions", "--endpoint-url", c.endpoint, "--query", "length(Regions)"], env, work)).stdout.trim();

      const csv = join(work, "script.csv");
      const kumoTimes = [];
      const shimTimes = [];
      const awsTimes = [];
      for (let i = 0; i < runs; i++) {
        const k = await timed(process.execPath, kumoArgs, env, work);
        kumoTimes.push(k.ms);
        const a = await timed("bash", [script, csv], scriptEnv(realBin), work);
        if (a.code !== 0) throw new Error(`the script failed with the real CLI: ${a.stderr}`);
        awsTimes.push(a.ms);
        if (readFileSync(csv, "utf8") !== k.stdout) throw new Error(`kumo audit and the script disagree (${c.name})`);
        if (i === 0) {
          const s = await timed("bash", [script, csv], scriptEnv(shimBin), work);
          if (s.code !== 0) throw new Error(`the script failed with the kumo shim: ${s.stderr}`);
          shimTimes.push(s.ms);
          if (readFileSync(csv, "utf8") !== k.stdout) throw new Error(`the script on the shim disagrees (${c.name})`);
        }
        process.stderr.write(`${c.name} run ${i + 1}: script+aws ${fmt(a.ms)}, kumo audit ${fmt(k.ms)}\n`);
        if (runs > 1 && i === 0 && awsTimes[0] > 30_000) {
          process.stderr.write(`(one run of the script takes ${fmt(awsTimes[0])}; timing this case once)\n`);
          break;
        }
      }
      rows.push({ name: c.name, regions, aws: median(awsTimes), kumo: median(kumoTimes), kumoMin: Math.min(...kumoTimes), shim: shimTimes[0] });
    }

    const load = loadavg().map((l) => l.toFixed(2)).join(" / ");
    const out = [];
    out.push(`Audit benchmark ${new Date().toISOString()}: ${cpus().length} CPUs, load average ${load}; ${SEEDED.length} regions seeded (3-5 instances, 3-5 spare volumes each)`);
    out.push("");
    out.push("| Case | Regions | Script + aws 2.9.19 | Script + kumo shim | kumo audit (median) | kumo audit (min) | Speed-up (script+aws ÷ kumo audit) |");
    out.push("|---|---:|---:|---:|---:|---:|---:|");
    for (const r of rows) out.push(`| ${r.name} | ${r.regions} | ${fmt(r.aws)} | ${fmt(r.shim)} | ${fmt(r.kumo)} | ${fmt(r.kumoMin)} | ${(r.aws / r.kumo).toFixed(1)}× |`);
    process.stdout.write(out.join("\n") + "\n");
  } finally {
    for (const s of stops) await s();
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
