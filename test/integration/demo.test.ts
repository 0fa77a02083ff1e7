// `npm run demo` end to end: runs scripts/demo.mjs as a user would and checks
// that every step printed its command line and real data from the seeded
// estate (see scripts/lib/estate.mjs for what is seeded), and that moto is
// stopped afterwards.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const skip =
  spawnSync("python3", ["-c", "import moto.server"]).status !== 0 ? 'moto is not installed (pip install "moto[server]")' : false;

interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runDemo(): Promise<DemoRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(root, "scripts/demo.mjs")], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** The demo's output split into its numbered steps: title → text printed under it. */
function sections(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = stdout.split(/^=== \d+\/\d+ (.+) ===$/m);
  for (let i = 1; i < parts.length; i += 2) out.set(parts[i]!, parts[i + 1]!);
  return out;
}

function section(all: Map<string, string>, titleStart: string): string {
  const key = [...all.keys()].find((k) => k.startsWith(titleStart));
  assert.ok(key, `no step titled "${titleStart}..." in: ${[...all.keys()].join(" | ")}`);
  return all.get(key)!;
}

/** The output printed after the command line that starts with `prefix` (up to the next command line). */
function outputOf(text: string, prefix: string): string {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => l.startsWith(prefix));
  assert.ok(at >= 0, `no command line starting with ${JSON.stringify(prefix)} in:\n${text}`);
  const rest = lines.slice(at + 1);
  const end = rest.findIndex((l) => l.startsWith("$ kumo "));
  return (end < 0 ? rest : rest.slice(0, end)).join("\n");
}

/** A table data row whose cells include `cell`. */
const tableRow = (text: string, cell: string) => new RegExp(`^\\|.*\\|\\s+${cell.replace(/[.-]/g, "\\$&")}\\s+\\|`, "m").test(text);

describe("npm run demo", { skip, timeout: 180_000 }, () => {
  let run: DemoRun;
  let steps: Map<string, string>;

  before(async () => {
    run = await runDemo();
    steps = sections(run.stdout);
  });

  test("exits 0 and says every step succeeded", () => {
    assert.equal(run.code, 0, `demo exited ${run.code}\nstderr:\n${run.stderr}\nstdout:\n${run.stdout}`);
    assert.match(run.stdout, /^All 8 steps succeeded in [\d.]+ s\.$/m);
    assert.equal(steps.size, 8);
  });

  test("runs everything against the local emulator and stops it afterwards", async () => {
    const endpoint = /^moto is listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(run.stdout)?.[1];
    assert.ok(endpoint, "the demo names its moto endpoint");
    const commandLines = run.stdout.split("\n").filter((l) => l.startsWith("$ kumo "));
    assert.equal(commandLines.length, 17);
    for (const line of commandLines) assert.ok(line.includes(` --endpoint-url ${endpoint}`), line);
    await assert.rejects(fetch(`${endpoint}/moto-api/`), "moto still answers after the demo ended");
  });

  test("who am I: the emulator's account", () => {
    const text = section(steps, "Who am I");
    const out = JSON.parse(outputOf(text, "$ kumo sts get-caller-identity ")) as { Account: string };
    assert.equal(out.Account, "123456789012");
  });

  test("running instances: a table per region with the seeded Names", () => {
    const text = section(steps, "Running instances");
    const start = "$ kumo ec2 describe-instances --region";
    const query =
      "--query \"Reservations[*].Instances[?State.Name=='running'].{InstanceID: InstanceId, PublicIP: PublicIpAddress, Name: Tags[?Key=='Name'].Value | [0]}\" --output table";
    const east = outputOf(text, `${start} us-east-1 --filters Name=instance-state-name,Values=running ${query}`);
    const eu = outputOf(text, `${start} eu-west-1 `);
    const syd = outputOf(text, `${start} ap-southeast-2 `);
    for (const t of [east, eu, syd]) assert.match(t, /^\|\s+DescribeInstances\s+\|$/m);
    // us-east-1: web-1, api-1 run; worker-1 (every 3rd) is stopped.
    assert.ok(tableRow(east, "web-1"), east);
    assert.ok(tableRow(east, "api-1"), east);
    assert.ok(!east.includes("worker-1"), east);
    assert.ok(tableRow(eu, "eu-web-1") && !eu.includes("eu-web-2"), eu);
    assert.ok(tableRow(syd, "syd-batch-1") && !syd.includes("syd-batch-2"), syd);
    assert.match(east, /\|\s+i-[0-9a-f]{17}\s*\|/);
  });

  test("stopped instances: text lines of id, type and Name", () => {
    const text = section(steps, "Stopped instances");
    assert.match(text, /^i-[0-9a-f]{17}\tm5\.large\tworker-1$/m);
    assert.match(text, /^i-[0-9a-f]{17}\tt3\.small\teu-web-2$/m);
    assert.match(text, /^i-[0-9a-f]{17}\tc5\.large\tsyd-batch-2$/m);
    assert.ok(!/\tweb-1$/m.test(text), "a running instance is listed as stopped");
  });

  test("unattached volumes: the spare volumes of each region", () => {
    const text = section(steps, "Unattached EBS volumes");
    const east = outputOf(text, "$ kumo ec2 describe-volumes --region us-east-1 --filters Name=status,Values=available");
    for (const size of ["100", "50", "8", "500"]) assert.match(east, new RegExp(`\\|\\s+vol-[0-9a-f]{17}\\s+\\|\\s+${size}\\s+\\|\\s+us-east-1a\\s+\\|`), east);
    // The attached data volumes (200 GiB, 300 GiB) are not unattached.
    assert.ok(!/\|\s+(200|300)\s+\|/.test(east), east);
    assert.match(text, /\|\s+20\s+\|\s+eu-west-1a\s+\|/);
    assert.match(text, /\|\s+20\s+\|\s+ap-southeast-2a\s+\|/);
  });

  test("oldest AMIs: the first five images created, oldest first", () => {
    const text = section(steps, "The five oldest AMIs");
    const names = [...text.matchAll(/\|\s+ami-[0-9a-f]{17}\s+\|\s+(\S+)\s+\|/g)].map((m) => m[1]);
    assert.deepEqual(names, ["base-ubuntu-2022-01", "base-ubuntu-2022-06", "web-server-v1", "web-server-v2", "api-server-v1"]);
  });

  test("IAM users without MFA: exactly the seeded ones", () => {
    const text = section(steps, "IAM users without MFA");
    assert.match(text, /^\$ kumo iam generate-credential-report /m);
    const users = outputOf(text, "$ kumo iam get-credential-report --query Content --output text").trim().split("\n");
    assert.deepEqual(users, ["bob", "dave", "erin", "ci-deploy"]);
  });

  test("S3: the buckets, and one bucket listed recursively with a summary", () => {
    const text = section(steps, "S3");
    const buckets = outputOf(text, "$ kumo s3 ls --endpoint-url");
    for (const b of ["estate-assets", "estate-logs", "estate-reports-eu", "estate-empty"]) {
      assert.match(buckets, new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ${b}$`, "m"));
    }
    const logs = outputOf(text, "$ kumo s3 ls s3://estate-logs --recursive --human-readable --summarize");
    assert.match(logs, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+24 Bytes app\/2024\/01\/01\/web-1\.log$/m);
    assert.match(logs, /^Total Objects: 24$/m);
    assert.match(logs, /^ {3}Total Size: 7\.3 KiB$/m);
  });

  test("paging: --max-items prints a NEXTTOKEN that --starting-token continues from", () => {
    const text = section(steps, "Paging by hand");
    const first = outputOf(text, "$ kumo iam list-users --max-items 3 --output text");
    const names = (t: string) => [...t.matchAll(/^USERS\t.*\t(\S+)$/gm)].map((m) => m[1]);
    assert.deepEqual(names(first), ["alice", "bob", "carol"]);
    const token = /^NEXTTOKEN\t(\S+)$/m.exec(first)?.[1];
    assert.ok(token, first);
    const second = outputOf(text, `$ kumo iam list-users --max-items 3 --starting-token ${token} --output text`);
    assert.deepEqual(names(second), ["dave", "erin", "ci-deploy"]);
    assert.ok(!second.includes("NEXTTOKEN"), second);
  });
});
