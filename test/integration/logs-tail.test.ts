// `kumo logs tail` against the reference AWS CLI v2 on moto (events written
// by the reference CLI a minute ago, in every format, with colors, stream
// filters and errors), and --follow on its own: new events appear once, and
// an interrupt ends it with exit 0.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { AWS_V2, baseEnv, GUARD, KUMO_BIN, runAws, runKumo, sandboxHome } from "../helpers/run.ts";

const skip = !existsSync(AWS_V2)
  ? `the reference AWS CLI is not installed at ${AWS_V2}`
  : spawnSync("python3", ["-c", "import moto.server"], { stdio: "ignore" }).status !== 0
    ? 'moto is not installed (pip install "moto[server]")'
    : false;

describe("logs tail prints what the AWS CLI prints", { skip, concurrency: 4 }, () => {
  let moto: Moto;
  const endpoint = () => ["--endpoint-url", moto.endpoint];
  before(async () => {
    moto = await startMoto();
    const seed = async (args: string[]) => {
      const r = await runAws([...args, ...endpoint()]);
      assert.equal(r.code, 0, r.stderr);
    };
    await seed(["logs", "create-log-group", "--log-group-name", "app"]);
    for (const s of ["web-1", "web-2", "db-1"]) await seed(["logs", "create-log-stream", "--log-group-name", "app", "--log-stream-name", s]);
    // CloudWatch Logs takes no events older than 14 days: these are from a minute ago.
    const t = Date.now() - 60_000 - (Date.now() % 1000);
    const events = (list: [number, string][]) => JSON.stringify(list.map(([dt, message]) => ({ timestamp: t + dt, message })));
    await seed(["logs", "put-log-events", "--log-group-name", "app", "--log-stream-name", "web-1", "--log-events", events([[123, "GET /health 200  \t"], [2000, '{"level": "info", "latency": 2.0, "big": 1e400, "user": "zoë 😀", "tags": {}, "10": 1, "9": 2}']])]);
    await seed(["logs", "put-log-events", "--log-group-name", "app", "--log-stream-name", "db-1", "--log-events", events([[500, "connection accepted"], [3000, "[]"], [4000, "{}"]])]);
    await seed(["logs", "put-log-events", "--log-group-name", "app", "--log-stream-name", "web-2", "--log-events", events([[1000, "GET /login 302\nsecond line"]])]);
  });
  after(async () => moto?.stop());

  const cases: [string, string[]][] = [
    ["detailed (default), last 10 minutes", ["logs", "tail", "app"]],
    ["short", ["logs", "tail", "app", "--format", "short"]],
    ["json", ["logs", "tail", "app", "--format", "json"]],
    ["colors", ["logs", "tail", "app", "--color", "on"]],
    ["json with colors", ["logs", "tail", "app", "--format", "json", "--color", "on"]],
    ["--since relative", ["logs", "tail", "app", "--since", "2h"]],
    ["--since a timestamp", ["logs", "tail", "app", "--since", "2020-01-01T00:00:00Z"]],
    ["--since after every event", ["logs", "tail", "app", "--since", "1s"]],
    ["--log-stream-names", ["logs", "tail", "app", "--log-stream-names", "db-1", "web-2"]],
    ["--log-stream-name-prefix", ["logs", "tail", "app", "--log-stream-name-prefix", "web"]],
    ["--filter-pattern", ["logs", "tail", "app", "--filter-pattern", "GET"]],
    ["a group that does not exist", ["logs", "tail", "nope"]],
    ["no group", ["logs", "tail"]],
    ["a --since that is no time", ["logs", "tail", "app", "--since", "yesterdayish"]],
    ["a format that does not exist", ["logs", "tail", "app", "--format", "xml"]],
  ];
  for (const [name, args] of cases) {
    test(name, async () => {
      const [aws, kumo] = await Promise.all([runAws([...args, ...endpoint()]), runKumo([...args, ...endpoint()])]);
      assert.equal(kumo.code, aws.code, `exit code; kumo: ${kumo.stderr}`);
      assert.equal(kumo.stdout, aws.stdout);
      assert.equal(kumo.stderr.replace(/\bkumo\b/g, "aws"), aws.stderr);
      if (name === "json") assert.match(kumo.stdout, /"latency": 2\.0,/);
    });
  }

  test("--follow shows new events once, and an interrupt ends it with exit 0", async () => {
    const home = sandboxHome();
    const env = { ...baseEnv(home), NODE_OPTIONS: `--import ${GUARD}` };
    const child = spawn(process.execPath, [KUMO_BIN, "logs", "tail", "app", "--follow", "--format", "short", ...endpoint()], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (err += d.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    const until = async (pred: () => boolean, what: string) => {
      for (let i = 0; i < 150 && !pred(); i++) await new Promise((r) => setTimeout(r, 100));
      assert.ok(pred(), `${what}; stdout so far:\n${out}\nstderr:\n${err}`);
    };
    try {
      await until(() => out.includes("connection accepted"), "the events already there");
      const put = await runKumo([
        "logs", "put-log-events", "--log-group-name", "app", "--log-stream-name", "web-2",
        "--log-events", `timestamp=${Date.now()},message=fresh-event`, ...endpoint(),
      ], { home });
      assert.equal(put.code, 0, put.stderr);
      await until(() => out.includes("fresh-event"), "the new event (next poll within 5 seconds)");
      // One more poll: nothing is shown twice.
      await new Promise((r) => setTimeout(r, 5500));
      assert.equal(out.split("fresh-event").length - 1, 1, out);
      assert.equal(out.split("connection accepted").length - 1, 1, out);
      child.kill("SIGINT");
      assert.equal(await exited, 0, err);
      assert.equal(err, "");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
