#!/usr/bin/env node
// `npm run demo`: starts a local moto AWS emulator, seeds a small multi-region
// estate into it, and runs the queries a platform engineer runs every day
// through kumo, printing each command line before its output. Stops moto at
// the end, on errors and on Ctrl-C. Exits 0 when every step succeeded.
//
// Everything talks to 127.0.0.1 only: kumo runs with --endpoint-url, test
// credentials, a temporary HOME (so ~/.aws is never read) and no proxy.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startMoto, emulatorCliEnv, MotoMissingError } from "./lib/moto.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const kumoBin = join(root, "bin", "kumo.cjs");

const RUNNING_QUERY =
  "Reservations[*].Instances[?State.Name=='running'].{InstanceID: InstanceId, PublicIP: PublicIpAddress, Name: Tags[?Key=='Name'].Value | [0]}";
const STOPPED_QUERY = "Reservations[].Instances[].[InstanceId,InstanceType,Tags[?Key=='Name'].Value | [0]]";
const LOG_BUCKET = "estate-logs";

const out = (s = "") => process.stdout.write(s + "\n");

/** Quotes an argument the way a reader would type it into a POSIX shell. */
export function shellQuote(arg) {
  if (/^[A-Za-z0-9_\-.,:/=@+%]+$/.test(arg)) return arg;
  if (!/["$`\\!]/.test(arg)) return `"${arg}"`;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

// ---- running kumo ---------------------------------------------------------

let current = null; // the kumo process running now, for Ctrl-C

function runKumo(args, env) {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [kumoBin, ...args], { env, stdio: ["ignore", "pipe", "pipe"], cwd: env.HOME });
    current = child;
    const stdout = [];
    const stderr = [];
    child.stdout.on("data", (d) => stdout.push(d));
    child.stderr.on("data", (d) => stderr.push(d));
    child.on("error", (e) => stderr.push(Buffer.from(String(e.message) + "\n")));
    child.on("close", (code, signal) => {
      current = null;
      resolvePromise({ code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() });
    });
  });
}

class StepFailure extends Error {}

/** Builds the `$ kumo ...` runner for one demo: prints the command line, runs it, prints its output. */
function makeRunner(endpoint, env) {
  return async function kumo(args, { pipeline = "", echo = true } = {}) {
    const full = [...args, "--endpoint-url", endpoint];
    const line = `$ kumo ${full.map(shellQuote).join(" ")}${pipeline ? ` ${pipeline}` : ""}`;
    out(line);
    const r = await runKumo(full, env);
    if (echo) process.stdout.write(r.stdout);
    if (r.stderr) process.stderr.write(r.stderr);
    if (r.code !== 0) {
      const lines = r.stderr.split("\n").map((l) => l.trim()).filter(Boolean);
      const why = lines.find((l) => /error/i.test(l)) ?? lines.at(-1) ?? "";
      throw new StepFailure(`\`kumo ${args.map(shellQuote).join(" ")}\` exited ${r.code}${why ? `: ${why}` : ""}`);
    }
    return r;
  };
}

// ---- the steps --------------------------------------------------------------

/** Each step: a title and what it runs. A step fails when a command exits non-zero or prints nothing useful. */
function demoSteps(estate) {
  return [
    {
      title: "Who am I?",
      async run(kumo) {
        await kumo(["sts", "get-caller-identity"]);
      },
    },
    {
      title: "Running instances, in every region",
      async run(kumo) {
        // The state filter keeps reservations without a running instance out of
        // the result: their empty rows make the table formatter (aws's and
        // kumo's alike) stop with "Row should have 3 elements, instead it has 0".
        for (const region of estate.regions) {
          const args = ["ec2", "describe-instances", "--region", region, "--filters", "Name=instance-state-name,Values=running"];
          await kumo([...args, "--query", RUNNING_QUERY, "--output", "table"]);
        }
      },
    },
    {
      title: "Stopped instances, as text (id, type, Name)",
      async run(kumo) {
        for (const region of estate.regions) {
          const args = ["ec2", "describe-instances", "--region", region, "--filters", "Name=instance-state-name,Values=stopped"];
          const r = await kumo([...args, "--query", STOPPED_QUERY, "--output", "text"]);
          if (!r.stdout.trim()) out("(none)");
        }
      },
    },
    {
      title: "Unattached EBS volumes, in every region",
      async run(kumo) {
        for (const region of estate.regions) {
          const args = ["ec2", "describe-volumes", "--region", region, "--filters", "Name=status,Values=available"];
          await kumo([...args, "--query", "Volumes[*].[VolumeId,Size,AvailabilityZone]", "--output", "table"]);
        }
      },
    },
    {
      title: "The five oldest AMIs we own",
      async run(kumo) {
        await kumo([
          "ec2",
          "describe-images",
          "--owners",
          "self",
          "--query",
          "sort_by(Images,&CreationDate)[:5].{ID:ImageId,Name:Name,Created:CreationDate}",
          "--output",
          "table",
        ]);
      },
    },
    {
      title: "IAM users without MFA (from the credential report)",
      async run(kumo) {
        await kumo(["iam", "generate-credential-report"]);
        // The report is ready at once on moto; on AWS it can take a few seconds.
        let r;
        for (let attempt = 1; ; attempt++) {
          try {
            r = await kumo(["iam", "get-credential-report", "--query", "Content", "--output", "text"], {
              pipeline: `| base64 -d | awk -F, '$8 == "false" {print $1}'`,
              echo: false,
            });
            break;
          } catch (e) {
            if (attempt >= 5) throw e;
            await new Promise((res) => setTimeout(res, 1000));
          }
        }
        const users = usersWithoutMfa(Buffer.from(r.stdout.trim(), "base64").toString("utf8"));
        if (users === undefined) throw new StepFailure("the credential report has no mfa_active column in 8th place");
        for (const u of users) out(u);
        if (users.length === 0) out("(every user has MFA)");
      },
    },
    {
      title: "S3: buckets, and one bucket's contents",
      async run(kumo) {
        const r = await kumo(["s3", "ls"]);
        if (!r.stdout.trim()) throw new StepFailure("`kumo s3 ls` listed no buckets");
        await kumo(["s3", "ls", `s3://${LOG_BUCKET}`, "--recursive", "--human-readable", "--summarize"]);
      },
    },
    {
      title: "Paging by hand: --max-items, then --starting-token",
      async run(kumo) {
        const first = await kumo(["iam", "list-users", "--max-items", "3", "--output", "text"]);
        const token = /^NEXTTOKEN\t(\S+)$/m.exec(first.stdout)?.[1];
        if (!token) throw new StepFailure("the first page printed no NEXTTOKEN line");
        await kumo(["iam", "list-users", "--max-items", "3", "--starting-token", token, "--output", "text"]);
      },
    },
  ];
}

/** User names whose mfa_active column is "false" in a credential report (CSV); undefined if the layout is unexpected. */
export function usersWithoutMfa(csv) {
  const [header, ...rows] = csv.split("\n").filter((l) => l.trim() !== "");
  // The pipeline printed in the heading reads column 8 (awk's $8).
  if (!header || header.split(",")[7] !== "mfa_active") return undefined;
  return rows.map((l) => l.split(",")).filter((cols) => cols[7] === "false").map((cols) => cols[0]);
}

// ---- main -------------------------------------------------------------------

function ensureBuilt() {
  if (existsSync(join(root, "dist", "main.mjs"))) return;
  out("kumo is not built yet: building it (node scripts/build.mjs)...");
  const r = spawnSync(process.execPath, [join(root, "scripts", "build.mjs"), "--quiet"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) {
    process.stderr.write("demo: the build failed; see the messages above.\n");
    process.exit(1);
  }
}

async function main() {
  const started = Date.now();
  ensureBuilt();

  let moto;
  const home = mkdtempSync(join(tmpdir(), "kumo-demo-"));
  let interrupted = false;
  const cleanUp = async () => {
    if (moto) await moto.stop();
    rmSync(home, { recursive: true, force: true });
  };
  const onSignal = (signal) => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`\ndemo: interrupted (${signal}); stopping moto...\n`);
    current?.kill("SIGTERM");
    cleanUp().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    out("Starting moto, a local AWS emulator...");
    moto = await startMoto();
    if (interrupted) return 130;
    out(`moto is listening on ${moto.endpoint}`);

    const { seedEstate } = await import("./lib/estate.mjs");
    out("Seeding an estate: EC2 in 3 regions, AMIs, volumes, IAM users, S3 buckets...");
    const estate = await seedEstate(moto.endpoint);
    const users = estate.iam.users.length;
    out(
      `Seeded ${estate.instances.length} instances in ${estate.regions.join(", ")}, ${estate.images.length} AMIs, ` +
        `${users} IAM users, ${Object.keys(estate.buckets).length} S3 buckets in ${estate.seconds.toFixed(1)} s.`,
    );
    out("kumo runs below with test credentials (AWS_ACCESS_KEY_ID=testing), AWS_DEFAULT_REGION=us-east-1");
    out("and an empty temporary HOME, so nothing reads your ~/.aws or leaves this machine.");

    const kumo = makeRunner(moto.endpoint, emulatorCliEnv({ home, region: "us-east-1" }));
    const steps = demoSteps(estate);
    const failures = [];
    for (const [i, step] of steps.entries()) {
      if (interrupted) return 130;
      out("");
      out(`=== ${i + 1}/${steps.length} ${step.title} ===`);
      try {
        await step.run(kumo);
      } catch (e) {
        if (interrupted) return 130;
        const message = e instanceof StepFailure ? e.message : String(e?.stack ?? e);
        failures.push(`step ${i + 1} (${step.title}): ${message}`);
        out(`!!! step ${i + 1} failed: ${message}`);
      }
    }

    out("");
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (failures.length) {
      process.stderr.write(`demo: ${failures.length} of ${steps.length} steps failed:\n${failures.map((f) => `  ${f}\n`).join("")}`);
      return 1;
    }
    out(`All ${steps.length} steps succeeded in ${seconds} s.`);
    return 0;
  } catch (e) {
    if (interrupted) return 130;
    if (e instanceof MotoMissingError) {
      process.stderr.write(`demo: ${e.message}\n`);
    } else {
      process.stderr.write(`demo: could not set up the emulator: ${e?.message ?? e}\n`);
    }
    return 1;
  } finally {
    if (!interrupted) await cleanUp();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const code = await main();
  if (!Number.isInteger(code)) process.exit(1);
  process.exitCode = code;
}
