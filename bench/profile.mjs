#!/usr/bin/env node
// Where does one kumo command spend its time? Starts moto, seeds the estate
// (as bench/run.mjs does: s3://estate-logs topped up to --objects objects),
// runs the command once to warm the disk cache, then once more under
// `node --cpu-prof` with bench/lib/phases.mjs preloaded, and prints:
//   - the phases: Node.js start-up, kumo until its first request, waiting for
//     the server, turning the response into output, writing and exiting;
//   - how the profiled time splits into module loading, garbage collection,
//     idle (waiting for the network) and running code;
//   - the packages and functions (mapped through dist/'s source maps) that
//     run longest.
//
//   node bench/profile.mjs [--instances 100] [--objects 400] [--top 25] [--keep DIR] -- ec2 describe-instances
//
// kumo runs with --endpoint-url added, test credentials and a temporary HOME.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startMoto, emulatorCliEnv, MotoMissingError } from "../scripts/lib/moto.mjs";
import { summarize } from "./lib/cpuprofile.mjs";
import { topUpBucket } from "./lib/objects.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const kumoBin = join(root, "bin", "kumo.cjs");

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    instances: { type: "string", default: "100" },
    objects: { type: "string", default: "400" },
    top: { type: "string", default: "25" },
    keep: { type: "string" },
  },
});
if (positionals.length === 0) {
  process.stderr.write("usage: node bench/profile.mjs [--instances 100] [--objects 400] [--top 25] [--keep DIR] -- <kumo arguments>\n");
  process.exit(2);
}

const pad = (s, n) => String(s).padStart(n);
const ms = (x) => `${pad(x.toFixed(1), 7)} ms`;

/** The phase lines that bench/lib/phases.mjs wrote to stderr, as [ms, what]. */
function phases(stderr) {
  return [...stderr.matchAll(/^@phase ([\d.]+) (.*)$/gm)].map((m) => [Number(m[1]), m[2]]);
}

async function main() {
  let moto;
  const home = mkdtempSync(join(tmpdir(), "kumo-profile-"));
  try {
    moto = await startMoto();
    const { seedEstate } = await import("../scripts/lib/estate.mjs");
    const estate = await seedEstate(moto.endpoint, { instances: Number(values.instances), imageSpacingMs: 0 });
    await topUpBucket(moto.endpoint, "estate-logs", estate.buckets["estate-logs"].length, Number(values.objects));
    const env = { ...emulatorCliEnv({ home, region: "us-east-1" }), TZ: "UTC" };
    const args = [...positionals, "--endpoint-url", moto.endpoint];

    const preload = ["--import", join(root, "bench/lib/phases.mjs")];
    const run = (nodeArgs) => spawnSync(process.execPath, nodeArgs, { env, cwd: home, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    /** The run (of 5) whose exit comes in the middle, so one slow or lucky run does not mislead. */
    const typical = (nodeArgs) => {
      const runs = Array.from({ length: 5 }, () => run(nodeArgs)).map((x) => ({ r: x, p: phases(x.stderr) }));
      runs.sort((a, b) => (a.p.at(-1)?.[0] ?? 0) - (b.p.at(-1)?.[0] ?? 0));
      return runs[2];
    };
    run([kumoBin, ...args]); // warm the disk cache
    const floor = typical([...preload, "-e", "0"]);
    const timed = typical([...preload, kumoBin, ...args]);
    if (timed.r.status !== 0) process.stderr.write(`profile: kumo exited ${timed.r.status}:\n${timed.r.stderr.replace(/^@phase .*\n/gm, "")}\n`);

    const out = [];
    out.push(`kumo ${positionals.join(" ")}   (${timed.r.stdout.length} bytes of output)`);
    out.push("", "Phases, without profiling (ms since the process started; the middle of 5 runs):");
    const floorExit = floor.p.at(-1)?.[0];
    if (floorExit !== undefined) out.push(`  (node -e 0 with the same preload exits at ${floorExit.toFixed(1)} ms)`);
    let prev = 0;
    for (const [at, what] of timed.p) {
      out.push(`  ${ms(at)}  ${what.padEnd(50)} +${(at - prev).toFixed(1)} ms`);
      prev = at;
    }

    const profDir = join(home, "prof");
    run(["--cpu-prof", `--cpu-prof-dir=${profDir}`, "--cpu-prof-interval=100", kumoBin, ...args]);
    const file = readdirSync(profDir).find((f) => f.endsWith(".cpuprofile"));
    const s = summarize(JSON.parse(readFileSync(join(profDir, file), "utf8")));
    const c = s.categories;
    out.push("", `A profiled run (profiling slows it down) sampled ${s.totalMs.toFixed(0)} ms: running code ${c.run.toFixed(0)}, loading modules ${c.load.toFixed(0)}, garbage collection ${c.gc.toFixed(0)}, idle ${c.idle.toFixed(0)}, other ${c.other.toFixed(0)}`);
    const top = Number(values.top);
    out.push("", "Running code, by package or source file (self time):");
    for (const [k, v] of s.packages.slice(0, top)) out.push(`  ${ms(v)}  ${k}`);
    out.push("", "Running code, by function (self time):");
    for (const [k, v] of s.functions.slice(0, top)) out.push(`  ${ms(v)}  ${k}`);
    process.stdout.write(out.join("\n") + "\n");
    if (values.keep) {
      cpSync(join(profDir, file), join(resolve(values.keep), file));
      process.stdout.write(`\nprofile kept in ${join(resolve(values.keep), file)} (open it in Chrome DevTools)\n`);
    }
    return 0;
  } catch (e) {
    process.stderr.write(e instanceof MotoMissingError ? `profile: ${e.message}\n` : `profile: ${e?.stack ?? e}\n`);
    return 1;
  } finally {
    if (moto) await moto.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

process.exitCode = await main();
