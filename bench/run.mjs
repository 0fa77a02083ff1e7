#!/usr/bin/env node
// `npm run bench`: wall time of kumo against the reference AWS CLI v2
// (/usr/bin/aws) on the same local moto server, in the same run.
//
//   node bench/run.mjs [--runs 15] [--warmup 2] [--instances 100] [--objects 400]
//                      [--aws /usr/bin/aws] [--only <text>] [--no-write]
//
// It starts moto, seeds the estate (scripts/lib/estate.mjs) with --instances
// instances in us-east-1 and tops one bucket up to --objects objects, checks
// that kumo and aws print the same stdout for every command, then times each
// command: --warmup runs of each tool, then --runs runs of each, alternating
// the two tools (and which goes first) so that drifting machine load hits both
// alike. Prints a Markdown table and writes it, with the machine facts and
// the load average, to bench/results.md (unless --no-write).
//
// Numbers mean little on a busy machine: check `uptime` first.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem, release, platform } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startMoto, emulatorCliEnv, MotoMissingError } from "../scripts/lib/moto.mjs";
import { topUpBucket } from "./lib/objects.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const kumoBin = join(root, "bin", "kumo.cjs");

const RUNNING_QUERY =
  "Reservations[*].Instances[?State.Name=='running'].{InstanceID: InstanceId, PublicIP: PublicIpAddress, Name: Tags[?Key=='Name'].Value | [0]}";
const BUCKET = "estate-logs";

/**
 * The commands timed. `raw` is the one HTTP request behind the command, sent
 * straight to moto, to show how much of the wall time is the emulator's.
 */
function commands(endpoint) {
  const e = ["--endpoint-url", endpoint];
  return [
    { name: "--version", args: ["--version"], sameOutput: false },
    { name: "sts get-caller-identity", args: ["sts", "get-caller-identity", ...e], raw: { service: "sts", body: "Action=GetCallerIdentity&Version=2011-06-15" } },
    { name: "ec2 describe-instances", args: ["ec2", "describe-instances", ...e], raw: { service: "ec2", body: "Action=DescribeInstances&Version=2016-11-15" } },
    {
      // The state filter keeps reservations without a running instance out:
      // their empty rows make both tools' table formatter fail
      // ("Row should have 3 elements, instead it has 0").
      name: "ec2 describe-instances --filters (running) --query … --output table",
      args: ["ec2", "describe-instances", "--filters", "Name=instance-state-name,Values=running", "--query", RUNNING_QUERY, "--output", "table", ...e],
      raw: { service: "ec2", body: "Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=instance-state-name&Filter.1.Value.1=running" },
    },
    { name: "iam list-users --output text", args: ["iam", "list-users", "--output", "text", ...e], raw: { service: "iam", body: "Action=ListUsers&Version=2010-05-08" } },
    {
      name: `s3 ls s3://${BUCKET} --recursive`,
      args: ["s3", "ls", `s3://${BUCKET}`, "--recursive", ...e],
      raw: { service: "s3", method: "GET", path: `/${BUCKET}?list-type=2&prefix=&encoding-type=url` },
    },
  ];
}

// ---- measuring --------------------------------------------------------------

function runOnce(cmd, args, env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, cwd: env.HOME, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  return { ms, code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const min = (xs) => Math.min(...xs);

/** One signed-looking request straight to moto (moto routes on the credential scope, it does not check signatures). */
async function rawRequest(endpoint, raw) {
  const auth = `AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/${raw.service}/aws4_request, SignedHeaders=host, Signature=0`;
  const t0 = process.hrtime.bigint();
  const r = await fetch(endpoint + (raw.path ?? "/"), {
    method: raw.method ?? "POST",
    headers: raw.body ? { Authorization: auth, "Content-Type": "application/x-www-form-urlencoded" } : { Authorization: auth },
    body: raw.body,
  });
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`raw ${raw.service} request answered ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Keys sorted at every level, so two JSON documents that differ only in key order compare equal. */
function sortedJson(text) {
  const sortKeys = (v) =>
    Array.isArray(v) ? v.map(sortKeys) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])])) : v;
  try {
    return JSON.stringify(sortKeys(JSON.parse(text)));
  } catch {
    return undefined;
  }
}

/** Compares kumo's and aws's output: "same", "key-order" (same JSON data, keys in another order) or "different". */
function compareOutputs(k, a) {
  if (k.code !== a.code) return { verdict: "different", detail: `exit codes differ: kumo ${k.code}, aws ${a.code}` };
  if (k.stdout === a.stdout) return { verdict: "same" };
  const ks = sortedJson(k.stdout);
  if (ks !== undefined && ks === sortedJson(a.stdout)) return { verdict: "key-order", detail: "same JSON data, object keys in a different order" };
  const kl = k.stdout.split("\n");
  const al = a.stdout.split("\n");
  const i = kl.findIndex((l, n) => l !== al[n]);
  const at = i < 0 ? al.length : i;
  return {
    verdict: "different",
    detail: `first difference at line ${at + 1}:\n    kumo: ${JSON.stringify(kl[at] ?? "<end of output>")}\n    aws:  ${JSON.stringify(al[at] ?? "<end of output>")}`,
  };
}

// ---- reporting --------------------------------------------------------------

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const fmtLoad = (l) => l.map((x) => x.toFixed(2)).join(" / ");

function markdownTable(rows, floor) {
  const lines = [
    "| Command | kumo median | kumo min | aws median | aws min | aws ÷ kumo (median) | moto alone (median) |",
    "|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    const note = r.check.verdict === "same" || r.check.verdict === "skipped" ? "" : r.check.verdict === "key-order" ? " ¹" : " ⚠ OUTPUT DIFFERS";
    const ratio = r.aws.median / r.kumo.median;
    lines.push(
      `| \`${r.name}\`${note} | ${fmtMs(r.kumo.median)} | ${fmtMs(r.kumo.min)} | ${fmtMs(r.aws.median)} | ${fmtMs(r.aws.min)} | ` +
        `${ratio.toFixed(1)}× | ${r.raw ? fmtMs(r.raw) : "—"} |`,
    );
  }
  lines.push(`| \`node -e 0\` (floor: starting Node.js) | ${fmtMs(floor.median)} | ${fmtMs(floor.min)} | — | — | — | — |`);
  return lines.join("\n");
}

// ---- main -------------------------------------------------------------------

function options() {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "15" },
      warmup: { type: "string", default: "2" },
      instances: { type: "string", default: "100" },
      objects: { type: "string", default: "400" },
      aws: { type: "string", default: "/usr/bin/aws" },
      only: { type: "string" },
      "no-write": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      "usage: node bench/run.mjs [--runs 15] [--warmup 2] [--instances 100] [--objects 400] [--aws /usr/bin/aws] [--only <text>] [--no-write]\n",
    );
    process.exit(0);
  }
  const int = (name, lo) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < lo) {
      process.stderr.write(`bench: --${name} must be an integer >= ${lo}\n`);
      process.exit(2);
    }
    return n;
  };
  return {
    runs: int("runs", 1),
    warmup: int("warmup", 0),
    instances: int("instances", 2),
    objects: int("objects", 1),
    aws: values.aws,
    only: values.only,
    write: !values["no-write"],
  };
}

async function main() {
  const opts = options();
  const loadStart = loadavg();
  const nCpu = cpus().length;
  const busy = Math.max(1, nCpu * 0.75);
  const say = (m) => process.stderr.write(m + "\n");

  if (!existsSync(opts.aws)) {
    say(`bench: the reference AWS CLI is not at ${opts.aws} (apt-get install awscli, or pass --aws PATH)`);
    return 1;
  }
  if (!existsSync(join(root, "dist", "main.mjs"))) {
    say("bench: kumo is not built yet: building it...");
    const b = spawnSync(process.execPath, [join(root, "scripts", "build.mjs"), "--quiet"], { cwd: root, stdio: "inherit" });
    if (b.status !== 0) return 1;
  }
  if (loadStart[0] > busy) say(`bench: WARNING: the 1-minute load average is ${loadStart[0].toFixed(2)} on ${nCpu} CPUs; the numbers will be noisy.`);

  const home = mkdtempSync(join(tmpdir(), "kumo-bench-"));
  // Local time appears in `s3 ls`; one zone for both tools.
  const env = { ...emulatorCliEnv({ home, region: "us-east-1" }), TZ: "UTC" };
  let moto;
  const stop = async () => {
    if (moto) await moto.stop();
    moto = undefined;
    rmSync(home, { recursive: true, force: true });
  };
  const onSignal = (signal) => {
    say(`\nbench: interrupted (${signal}); stopping moto...`);
    stop().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    moto = await startMoto();
    say(`bench: moto on ${moto.endpoint}; seeding ${opts.instances} instances in us-east-1...`);
    const { seedEstate } = await import("../scripts/lib/estate.mjs");
    const seedStart = Date.now();
    const estate = await seedEstate(moto.endpoint, { instances: opts.instances, imageSpacingMs: 0 });
    await topUpBucket(moto.endpoint, BUCKET, estate.buckets[BUCKET].length, opts.objects);
    say(`bench: seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

    const versions = {
      aws: runOnce(opts.aws, ["--version"], env).stdout.trim(),
      kumo: runOnce(process.execPath, [kumoBin, "--version"], env).stdout.trim(),
      moto: spawnSync("python3", ["-c", "import moto; print(moto.__version__)"], { encoding: "utf8" }).stdout.trim(),
    };

    let cmds = commands(moto.endpoint);
    if (opts.only) cmds = cmds.filter((c) => c.name.includes(opts.only));
    const rows = [];
    let mismatches = 0;
    for (const c of cmds) {
      const k = runOnce(process.execPath, [kumoBin, ...c.args], env);
      const a = runOnce(opts.aws, c.args, env);
      let check;
      if (c.sameOutput === false) {
        check = k.code === 0 && a.code === 0 ? { verdict: "skipped" } : { verdict: "different", detail: `exit codes: kumo ${k.code}, aws ${a.code}` };
      } else {
        check = compareOutputs(k, a);
      }
      if (k.code !== 0) check = { verdict: "different", detail: `kumo exited ${k.code}: ${k.stderr.trim()}` };
      if (check.verdict === "different") {
        mismatches++;
        say(`\n!!! MISMATCH: ${c.name}: kumo and aws do not print the same output\n    ${check.detail}\n`);
      } else if (check.verdict === "key-order") {
        say(`bench: note: ${c.name}: ${check.detail}`);
      }
      say(`bench: timing ${c.name} (${opts.warmup} warm-up + ${opts.runs} runs per tool)...`);
      const times = { kumo: [], aws: [] };
      const one = (tool) => (tool === "kumo" ? runOnce(process.execPath, [kumoBin, ...c.args], env) : runOnce(opts.aws, c.args, env));
      for (let i = 0; i < opts.warmup; i++) {
        one("kumo");
        one("aws");
      }
      for (let i = 0; i < opts.runs; i++) {
        const order = i % 2 ? ["aws", "kumo"] : ["kumo", "aws"];
        for (const tool of order) times[tool].push(one(tool).ms);
      }
      let raw;
      if (c.raw) {
        const rawTimes = [];
        await rawRequest(moto.endpoint, c.raw);
        for (let i = 0; i < opts.runs; i++) rawTimes.push(await rawRequest(moto.endpoint, c.raw));
        raw = median(rawTimes);
      }
      rows.push({
        name: c.name,
        check,
        raw,
        kumo: { median: median(times.kumo), min: min(times.kumo) },
        aws: { median: median(times.aws), min: min(times.aws) },
      });
    }
    const floorTimes = [];
    for (let i = 0; i < opts.warmup; i++) runOnce(process.execPath, ["-e", "0"], env);
    for (let i = 0; i < opts.runs; i++) floorTimes.push(runOnce(process.execPath, ["-e", "0"], env).ms);
    const floor = { median: median(floorTimes), min: min(floorTimes) };
    const loadEnd = loadavg();

    const table = markdownTable(rows, floor);
    process.stdout.write(table + "\n");
    const misses = rows.filter((r) => r.aws.median / r.kumo.median < 3);
    const notes = [];
    if (rows.some((r) => r.check.verdict === "key-order")) {
      notes.push(
        "¹ Same JSON data as aws, but object keys in a different order (kumo follows the current SDK model's member order; 2.9.19's model orders some shapes differently).",
      );
    }
    if (mismatches) notes.push(`⚠ ${mismatches} command(s) printed different output from aws: their timings compare unlike work.`);
    // The benchmark itself keeps about one CPU busy, so the load at the end counts it too.
    const loud = loadStart[0] > busy || loadEnd[0] > busy + 1;
    if (loud) {
      notes.push(
        `⚠ The machine was busy (1-minute load average ${loadStart[0].toFixed(2)} at start, ${loadEnd[0].toFixed(2)} at end, on ${nCpu} CPUs; ` +
          "the benchmark itself adds about 1): these numbers are noisy.",
      );
    }
    notes.push(misses.length ? `Below the 3× target: ${misses.map((r) => `\`${r.name}\``).join(", ")}.` : "kumo is at least 3× faster than aws (median) on every command.");

    const cpu = cpus()[0]?.model?.trim() ?? "unknown CPU";
    const md = [
      "# kumo vs AWS CLI v2: wall time per command",
      "",
      `Measured ${new Date().toISOString()} with \`npm run bench\`: both tools against the same local moto server, ` +
        `${opts.warmup} warm-up runs then ${opts.runs} timed runs of each, alternating the two tools. ` +
        `Estate: ${estate.instances.length} instances (${opts.instances} in us-east-1), s3://${BUCKET} with ${Math.max(opts.objects, estate.buckets[BUCKET].length)} objects. ` +
        "Wall time of the whole process, from spawn to exit; \"moto alone\" is one raw HTTP request for the same data sent straight to moto.",
      "",
      `- Machine: ${nCpu} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${platform()} ${release()}`,
      `- Node.js ${process.version}; ${versions.kumo.split(" ")[0]}; ${versions.aws.split(" ").slice(0, 2).join(" ")}; moto ${versions.moto || "?"}`,
      `- Load average (1 / 5 / 15 min): ${fmtLoad(loadStart)} at start, ${fmtLoad(loadEnd)} at end (the benchmark itself adds about 1)`,
      "",
      table,
      "",
      ...notes.flatMap((n) => [n, ""]),
    ].join("\n");
    process.stdout.write("\n" + notes.join("\n") + "\n");
    if (opts.write) {
      writeFileSync(join(root, "bench", "results.md"), md);
      say("bench: wrote bench/results.md");
    }
    return mismatches ? 1 : 0;
  } catch (e) {
    say(e instanceof MotoMissingError ? `bench: ${e.message}` : `bench: ${e?.stack ?? e}`);
    return 1;
  } finally {
    await stop();
  }
}

process.exitCode = await main();
