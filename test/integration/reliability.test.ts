// Retries, timeouts and proxies end to end, kumo beside the reference AWS CLI:
// each case runs both through their own fault-injecting proxy (same faults,
// same moto behind) and compares exit codes, stdout, the error message and
// the number of attempts. kumo may add a hint after the message on stderr.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { AWS_V2, runAws, runKumo, sandboxHome, type RunResult } from "../helpers/run.ts";
import { startFaultProxy, type Fault, type FaultProxy } from "../fakes/fault-proxy.ts";
import { hasOpenssl, makeCertificates, startTlsProxy } from "../fakes/tls-proxy.ts";

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto?.stop();
});

const hasAws = existsSync(AWS_V2);

const ROLE_CONFIG = "[profile r]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = base\n[profile base]\naws_access_key_id = AKIABASEEXAMPLE00001\naws_secret_access_key = base-secret-key\n";

interface Case {
  name: string;
  faults?: Fault[];
  args?: string[];
  env?: Record<string, string | undefined>;
  config?: string;
  code: number;
  /** The CLI's message (kumo's names kumo where the CLI names itself). */
  message?: string | ((url: string) => string);
  attempts: number;
  /** A hint kumo prints after the message. */
  hint?: RegExp;
}

const T = (code: string): Fault => ({ kind: "error", status: 400, code, message: "Rate exceeded" });

const CASES: Case[] = [
  {
    name: "throttled to the end",
    faults: [T("Throttling"), T("Throttling")],
    env: { AWS_MAX_ATTEMPTS: "2" },
    code: 254,
    message: "An error occurred (Throttling) when calling the GetCallerIdentity operation (reached max retries: 1): Rate exceeded",
    attempts: 2,
    hint: /Hint: sts throttled all 2 attempts\. With retry_mode = adaptive/,
  },
  {
    name: "HTTP 500 without a body",
    faults: [{ kind: "status", status: 500 }, { kind: "status", status: 500 }],
    env: { AWS_MAX_ATTEMPTS: "2" },
    code: 254,
    message: "An error occurred (500) when calling the GetCallerIdentity operation (reached max retries: 1): Internal Server Error",
    attempts: 2,
  },
  {
    name: "a throttle, then success",
    faults: [T("RequestLimitExceeded")],
    env: { AWS_MAX_ATTEMPTS: "2" },
    code: 0,
    attempts: 2,
  },
  {
    name: "HTTP 503 with a body that is not XML: not retried",
    faults: [{ kind: "status", status: 503, body: "busy" }],
    code: 255,
    message: "Unable to parse response (syntax error: line 1, column 0), invalid XML received. Further retries may succeed:\nb'busy'",
    attempts: 1,
  },
  {
    name: "connection reset on every attempt",
    faults: [{ kind: "reset" }, { kind: "reset" }],
    env: { AWS_MAX_ATTEMPTS: "2" },
    code: 255,
    message: (url) => `Connection was closed before we received a valid response from endpoint URL: "${url}/".`,
    attempts: 2,
    hint: /Hint: the connection to http:\/\/127\.0\.0\.1:\d+\/ was closed before an answer came/,
  },
  {
    name: "a stall past --cli-read-timeout",
    faults: [{ kind: "stall" }],
    args: ["--cli-read-timeout", "1"],
    env: { AWS_MAX_ATTEMPTS: "1" },
    code: 255,
    message: (url) => `Read timeout on endpoint URL: "${url}/"`,
    attempts: 1,
    hint: /did not answer within --cli-read-timeout/,
  },
  {
    name: "access denied",
    faults: [{ kind: "error", status: 403, code: "AccessDenied", message: "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: sts:GetCallerIdentity" }],
    code: 254,
    message: "An error occurred (AccessDenied) when calling the GetCallerIdentity operation: User: arn:aws:iam::123456789012:user/bob is not authorized to perform: sts:GetCallerIdentity",
    attempts: 1,
    hint: /Hint: arn:aws:iam::123456789012:user\/bob is not allowed to call sts:GetCallerIdentity/,
  },
  {
    name: "retry_mode = legacy in the profile",
    config: "[default]\nretry_mode = legacy\n",
    code: 255,
    message: 'Invalid value provided to "mode": "legacy" must be one of: "standard" or "adaptive"',
    attempts: 0,
  },
  {
    name: "AWS_MAX_ATTEMPTS=0",
    env: { AWS_MAX_ATTEMPTS: "0" },
    code: 255,
    message: 'Value provided to "max_attempts": 0 must be an integer greater than or equal to one.',
    attempts: 0,
  },
  {
    name: "--cli-connect-timeout that is not a number",
    args: ["--cli-connect-timeout", "soon"],
    code: 255,
    message: "invalid literal for int() with base 10: 'soon'",
    attempts: 0,
  },
];

async function runCase(c: Case, who: "kumo" | "aws", proxy: FaultProxy): Promise<RunResult> {
  proxy.reset();
  proxy.plan(...(c.faults ?? []));
  const home = sandboxHome(c.config !== undefined ? { config: c.config } : undefined);
  const args = ["sts", "get-caller-identity", "--endpoint-url", proxy.url, ...(c.args ?? [])];
  return (who === "kumo" ? runKumo : runAws)(args, { home, env: c.env ?? {} });
}

test("final messages, exit codes and attempts match the AWS CLI", { concurrency: 2 }, async (t) => {
  const runs = CASES.map((c) =>
    t.test(c.name, async () => {
      const kp = await startFaultProxy(moto.endpoint);
      const ap = await startFaultProxy(moto.endpoint);
      try {
        const [k, a] = await Promise.all([runCase(c, "kumo", kp), hasAws ? runCase(c, "aws", ap) : undefined]);
        assert.equal(k.code, c.code, k.stderr);
        assert.equal(kp.requests.length, c.attempts, "kumo's attempts");
        if (c.message !== undefined) {
          const kmsg = typeof c.message === "function" ? c.message(kp.url) : c.message;
          assert.ok(k.stderr.startsWith(`\n${kmsg}\n`), JSON.stringify(k.stderr));
        } else {
          assert.equal(k.stderr, "");
        }
        if (c.hint) assert.match(k.stderr, c.hint);
        if (a) {
          assert.equal(a.code, k.code, a.stderr);
          assert.equal(a.stdout, k.stdout);
          assert.equal(ap.requests.length, kp.requests.length, "the CLI's attempts");
          if (c.message !== undefined) {
            const amsg = typeof c.message === "function" ? c.message(ap.url) : c.message;
            assert.equal(a.stderr, `\n${amsg}\n`);
          }
        }
      } finally {
        await Promise.all([kp.stop(), ap.stop()]);
      }
    }),
  );
  await Promise.all(runs);
});

test("--no-hints and cli_hints = false leave the CLI's stderr exactly", async () => {
  const p = await startFaultProxy(moto.endpoint);
  try {
    const message = "\nAn error occurred (Throttling) when calling the GetCallerIdentity operation: Rate exceeded\n";
    p.plan(T("Throttling"));
    const off = await runKumo(["sts", "get-caller-identity", "--endpoint-url", p.url, "--no-hints"], { env: { AWS_MAX_ATTEMPTS: "1" } });
    assert.equal(off.stderr, message);
    assert.equal(off.code, 254);
    p.reset();
    p.plan({ kind: "error", status: 403, code: "AccessDenied", message: "no" });
    const home = sandboxHome({ config: "[default]\ncli_hints = false\n" });
    const cfg = await runKumo(["sts", "get-caller-identity", "--endpoint-url", p.url], { home });
    assert.equal(cfg.stderr, "\nAn error occurred (AccessDenied) when calling the GetCallerIdentity operation: no\n");
  } finally {
    await p.stop();
  }
});

test("HTTP_PROXY: requests go to the proxy in absolute form; NO_PROXY bypasses it; a dead proxy is reported as the CLI does", async () => {
  const p = await startFaultProxy(moto.endpoint);
  try {
    const target = "http://sts.internal.example:4566";
    const args = ["sts", "get-caller-identity", "--endpoint-url", target, "--query", "Account", "--output", "text"];
    const [k, a] = await Promise.all([
      runKumo(args, { env: { HTTP_PROXY: p.url } }),
      hasAws ? runAws(args, { env: { HTTP_PROXY: p.url } }) : undefined,
    ]);
    assert.equal(k.code, 0, k.stderr);
    assert.equal(k.stdout, "123456789012\n");
    if (a) assert.equal(a.stdout, k.stdout);
    assert.ok(p.requests.length >= 1 && p.requests.every((r) => r.absoluteForm), "absolute-form requests");
    assert.ok(p.requests.every((r) => r.headers.host === "sts.internal.example:4566"));

    const direct = await runKumo(["sts", "get-caller-identity", "--endpoint-url", moto.endpoint], {
      env: { HTTP_PROXY: "http://127.0.0.1:9", NO_PROXY: "localhost,127.0.0.1" },
    });
    assert.equal(direct.code, 0, direct.stderr);

    const deadArgs = ["sts", "get-caller-identity", "--endpoint-url", "https://sts.internal.example"];
    const env = { HTTPS_PROXY: "http://user:pw@127.0.0.1:9", AWS_MAX_ATTEMPTS: "1" };
    const [dk, da] = await Promise.all([runKumo(deadArgs, { env }), hasAws ? runAws(deadArgs, { env }) : undefined]);
    assert.equal(dk.code, 255);
    assert.ok(dk.stderr.startsWith('\nFailed to connect to proxy URL: "http://***:***@127.0.0.1:9"\n'), dk.stderr);
    assert.doesNotMatch(dk.stderr, /user|pw@/);
    if (da) {
      assert.equal(da.code, 255);
      assert.match(da.stderr, /^\nFailed to connect to proxy URL: "/);
    }
  } finally {
    await p.stop();
  }
});

test("HTTPS_PROXY: a CONNECT tunnel to the real host name, trusted through AWS_CA_BUNDLE", { skip: hasOpenssl ? false : "openssl is not installed" }, async () => {
  const certs = makeCertificates(mkdtempSync(join(tmpdir(), "kumo-proxy-")), ["sts.us-east-1.amazonaws.com", "iam.amazonaws.com"]);
  const tls = await startTlsProxy(certs, { "sts.us-east-1.amazonaws.com": moto.endpoint, "iam.amazonaws.com": moto.endpoint });
  try {
    const env = { HTTPS_PROXY: tls.url, AWS_CA_BUNDLE: certs.caFile };
    const args = ["sts", "get-caller-identity", "--query", "Account", "--output", "text"];
    const [k, a] = await Promise.all([runKumo(args, { env }), hasAws ? runAws(args, { env }) : undefined]);
    assert.equal(k.code, 0, k.stderr);
    assert.equal(k.stdout, "123456789012\n");
    if (a) assert.equal(a.stdout, k.stdout);
    // kumo's own STS call (AssumeRole for a role profile) goes through the tunnel too.
    const home = sandboxHome({ config: ROLE_CONFIG });
    const role = await runKumo(["sts", "get-caller-identity", "--profile", "r", "--query", "Arn", "--output", "text"], { env, home });
    assert.equal(role.code, 0, role.stderr);
    assert.match(role.stdout, /^arn:aws:sts::123456789012:assumed-role\/r\//);
    assert.deepEqual(
      tls.requests.slice(-2).map((q) => q.host),
      ["sts.us-east-1.amazonaws.com", "sts.us-east-1.amazonaws.com"],
    );
    assert.deepEqual(tls.refused, []);
  } finally {
    await tls.stop();
  }
});

test("connections are kept alive and reused within one process, across clients", async () => {
  const p = await startFaultProxy(moto.endpoint);
  try {
    // AssumeRole (kumo's own STS client), then the command's call: one connection.
    const home = sandboxHome({ config: ROLE_CONFIG });
    const r = await runKumo(["sts", "get-caller-identity", "--profile", "r", "--query", "Arn", "--output", "text"], {
      home,
      env: { AWS_ENDPOINT_URL: p.url },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(p.requests.length, 2);
    assert.match(p.requests[0]!.body, /Action=AssumeRole/);
    assert.equal(new Set(p.requests.map((q) => q.clientPort)).size, 1, "one connection for both calls");
  } finally {
    await p.stop();
  }
});
