// Retries, timeouts, clock skew, hints and the --debug trace of kumo's
// request layer with a real SDK client, through the fault-injecting proxy in
// front of moto. Sleeps go through the test's IO (recorded, never waited).
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { startMoto, type Moto } from "../../helpers/moto.ts";
import { startFaultProxy, type Fault, type FaultProxy } from "../../fakes/fault-proxy.ts";
import { callKumo } from "./harness.ts";
import { THROTTLING_CODES, TRANSIENT_CODES } from "../../../src/request/retry-rules.ts";

let moto: Moto;
let proxy: FaultProxy;
before(async () => {
  moto = await startMoto();
  proxy = await startFaultProxy(moto.endpoint);
});
after(async () => {
  await proxy?.stop();
  await moto?.stop();
});
beforeEach(() => proxy.reset());

const error = (code: string, message = "Rate exceeded", status = 400): Fault => ({ kind: "error", status, code, message });
const times = (n: number, f: Fault): Fault[] => Array.from({ length: n }, () => f);

test("each throttling and transient code the CLI retries is retried, then reported with (reached max retries: N)", async () => {
  for (const code of [...THROTTLING_CODES, ...TRANSIENT_CODES]) {
    proxy.reset();
    proxy.plan(...times(2, error(code)));
    const r = await callKumo({ endpoint: proxy.url, env: { AWS_MAX_ATTEMPTS: "2" } });
    assert.equal(proxy.requests.length, 2, code);
    assert.equal(r.code, 254, code);
    assert.equal(r.error?.message, `An error occurred (${code}) when calling the GetCallerIdentity operation (reached max retries: 1): Rate exceeded`);
    assert.equal(r.sleeps.length, 1);
    assert.ok(r.sleeps[0]! >= 0 && r.sleeps[0]! < 1000, `first backoff ${r.sleeps[0]} ms`);
  }
});

test("500, 502, 503 and 504 are retried up to max_attempts with backoff in [0, 2^(n-1)) s", async () => {
  const reasons: Record<number, string> = { 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout" };
  for (const status of [500, 502, 503, 504]) {
    proxy.reset();
    // (each status with an empty body, as load balancers send them)
    proxy.plan(...times(3, { kind: "status", status }));
    const r = await callKumo({ endpoint: proxy.url });
    assert.equal(proxy.requests.length, 3, String(status));
    assert.equal(r.error?.message, `An error occurred (${status}) when calling the GetCallerIdentity operation (reached max retries: 2): ${reasons[status]}`);
    assert.equal(r.code, 254);
    assert.equal(r.sleeps.length, 2);
    assert.ok(r.sleeps[0]! < 1000 && r.sleeps[1]! < 2000, `backoffs ${r.sleeps}`);
  }
  // max_attempts from the profile; a success after failures prints normally.
  proxy.reset();
  proxy.plan(...times(4, { kind: "status", status: 503 }));
  const ok = await callKumo({ endpoint: proxy.url, config: "[default]\nmax_attempts = 5\n" });
  assert.equal(ok.code, 0);
  assert.equal(proxy.requests.length, 5);
  assert.deepEqual(
    ok.sleeps.map((s, i) => s < 1000 * 2 ** i),
    [true, true, true, true],
  );
});

test("a query-protocol error body that is not XML is not retried (as the CLI)", async () => {
  proxy.plan({ kind: "status", status: 503, body: "busy" });
  const r = await callKumo({ endpoint: proxy.url });
  assert.equal(proxy.requests.length, 1);
  assert.equal(r.code, 255);
  assert.equal(r.error?.message, "Unable to parse response (syntax error: line 1, column 0), invalid XML received. Further retries may succeed:\nb'busy'");
});

test("JSON protocols: throttling retried with the service's code", async () => {
  proxy.plan(error("ProvisionedThroughputExceededException", "slow down"), error("ThrottlingException", "slow down"));
  const r = await callKumo({ service: "dynamodb", endpoint: proxy.url });
  assert.equal(r.code, 0, r.printed);
  assert.equal(proxy.requests.length, 3);
});

test("connection resets are retried; after max_attempts the CLI's closed-connection message", async () => {
  proxy.plan({ kind: "reset" });
  const ok = await callKumo({ endpoint: proxy.url });
  assert.equal(ok.code, 0);
  assert.equal(proxy.requests.length, 2);
  proxy.reset();
  proxy.plan(...times(3, { kind: "reset" }));
  const r = await callKumo({ endpoint: proxy.url, globals: { hints: false } });
  assert.equal(proxy.requests.length, 3);
  assert.equal(r.code, 255);
  assert.equal(r.printed, `\nConnection was closed before we received a valid response from endpoint URL: "${proxy.url}/".\n`);
});

test("a stall past --cli-read-timeout is a read timeout, retried at the timeout cost", async () => {
  proxy.plan(...times(2, { kind: "stall" }));
  const started = Date.now();
  const r = await callKumo({ endpoint: proxy.url, env: { AWS_MAX_ATTEMPTS: "2" }, globals: { readTimeout: "1" } });
  assert.equal(proxy.requests.length, 2);
  assert.equal(r.code, 255);
  assert.equal(r.error?.message, `Read timeout on endpoint URL: "${proxy.url}/"`);
  assert.ok(Date.now() - started < 8000);
  assert.match(r.printed, /did not answer within --cli-read-timeout/);
});

test("a refused connection: Could not connect, after every attempt, with the URL in the hint", async () => {
  const r = await callKumo({ endpoint: "http://127.0.0.1:9", env: { AWS_MAX_ATTEMPTS: "2" } });
  assert.equal(r.code, 255);
  assert.equal(r.error?.message, 'Could not connect to the endpoint URL: "http://127.0.0.1:9/"');
  assert.equal(r.sleeps.length, 1);
  assert.match(r.printed, /Hint: kumo could not reach http:\/\/127\.0\.0\.1:9\/ \(after 2 attempts\)/);
  assert.match(r.printed, /Proxy: none is set/);
});

test("clock skew: the signing clock is corrected from the response's Date and the request retried once", async () => {
  proxy.serverSkewSeconds = 3600;
  const r = await callKumo({ endpoint: proxy.url, env: { AWS_MAX_ATTEMPTS: "1" }, globals: { debug: true } });
  assert.equal(r.code, 0, r.printed);
  assert.deepEqual(
    proxy.requests.map((q) => q.fault),
    ["skew", "pass"],
  );
  const second = String(proxy.requests[1]!.headers["x-amz-date"]);
  const signedAt = Date.UTC(+second.slice(0, 4), +second.slice(4, 6) - 1, +second.slice(6, 8), +second.slice(9, 11), +second.slice(11, 13), +second.slice(13, 15));
  assert.ok(Math.abs(signedAt - (Date.now() + 3_600_000)) < 120_000, "second attempt signed with the service's time");
  // (the Date header has whole seconds)
  assert.match(r.stderr, /Clock skew detected: the service's clock is 3(599|600|601) s ahead/);
  assert.deepEqual(r.sleeps, []);
});

test("SignatureDoesNotMatch: the hint measures the skew, or blames the secret key when the clocks agree", async () => {
  const now = Date.now();
  proxy.plan({ kind: "error", status: 403, code: "SignatureDoesNotMatch", message: "The request signature we calculated does not match.", headers: { date: new Date(now + 150_000).toUTCString() } });
  const skewed = await callKumo({ endpoint: proxy.url });
  assert.equal(skewed.code, 254);
  assert.equal(proxy.requests.length, 1);
  assert.match(skewed.printed, /Hint: this machine's clock is (2|3) minutes behind the service's/);
  proxy.reset();
  proxy.plan(error("SignatureDoesNotMatch", "The request signature we calculated does not match.", 403));
  const key = await callKumo({ endpoint: proxy.url, env: { AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE" } });
  assert.match(key.printed, /the secret access key does not belong to access key AKIA…MPLE/);
});

test("AccessDenied: the hint names the principal and the action and mentions SCPs and boundaries", async () => {
  proxy.plan(
    error(
      "AccessDenied",
      "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: sts:GetCallerIdentity because no identity-based policy allows the sts:GetCallerIdentity action",
      403,
    ),
  );
  const r = await callKumo({ endpoint: proxy.url });
  assert.equal(r.code, 254);
  const [message, hint] = r.printed.split("\n\n");
  assert.equal(message, `\nAn error occurred (AccessDenied) when calling the GetCallerIdentity operation: User: arn:aws:iam::123456789012:user/bob is not authorized to perform: sts:GetCallerIdentity because no identity-based policy allows the sts:GetCallerIdentity action`);
  assert.match(hint!, /^Hint: arn:aws:iam::123456789012:user\/bob is not allowed to call sts:GetCallerIdentity\./);
  assert.match(hint!, /service control policy \(SCP\).*permissions boundary/s);
  // Without a principal in the message: the credentials in use and the action from the operation.
  proxy.reset();
  proxy.plan(error("UnauthorizedOperation", "You are not authorized to perform this operation.", 403));
  const u = await callKumo({ endpoint: proxy.url, env: { AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE" } });
  assert.match(u.printed, /\nHint: the credentials of profile "default" from env, access key AKIA…MPLE is not allowed to call sts:GetCallerIdentity\./);
  assert.match(u.printed, /Check who you are with: kumo sts get-caller-identity\n$/);
});

test("throttled to the end: the hint suggests retry_mode = adaptive; --no-hints and cli_hints = false turn hints off", async () => {
  proxy.plan(...times(3, error("Throttling")));
  const r = await callKumo({ endpoint: proxy.url });
  assert.match(r.printed, /Hint: sts throttled all 3 attempts\. With retry_mode = adaptive/);
  assert.match(r.printed, /kumo configure set retry_mode adaptive/);
  const message = "\nAn error occurred (Throttling) when calling the GetCallerIdentity operation (reached max retries: 2): Rate exceeded\n";
  assert.ok(r.printed.startsWith(message));
  proxy.reset();
  proxy.plan(...times(3, error("Throttling")));
  const off = await callKumo({ endpoint: proxy.url, globals: { hints: false } });
  assert.equal(off.printed, message);
  assert.equal(off.code, r.code);
  proxy.reset();
  proxy.plan(...times(3, error("Throttling")));
  const cfg = await callKumo({ endpoint: proxy.url, config: "[default]\ncli_hints = false\n" });
  assert.equal(cfg.printed, message);
});

test("adaptive mode: after a throttle the client-side limiter paces later calls of the same client", async () => {
  proxy.plan(error("Throttling"));
  const r = await callKumo({ endpoint: proxy.url, env: { AWS_RETRY_MODE: "adaptive" }, calls: 6, globals: { debug: true } });
  assert.equal(r.code, 0, r.printed);
  assert.equal(proxy.requests.length, 7);
  assert.match(r.stderr, /Throttling response received, new send rate: 0\.500 requests\/s/);
  // The backoff, then token waits of about 1/0.5 s for the calls after it (the rate grows back slowly).
  const limiterWaits = r.sleeps.slice(1);
  assert.ok(limiterWaits.length >= 3, `limiter waits: ${r.sleeps}`);
  for (const w of limiterWaits) assert.ok(w > 0 && w <= 2000 + 1, `wait ${w}`);
  assert.match(r.stderr, /Client-side rate limiter: waited/);
});

test("--debug: the whole lifecycle, redacted", async () => {
  const token = "FwoGZXIvYXdzEXAMPLEsessionTOKENvalue0123456789";
  const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  proxy.plan({ kind: "status", status: 500 });
  const r = await callKumo({
    endpoint: proxy.url,
    env: { AWS_SESSION_TOKEN: token, AWS_SECRET_ACCESS_KEY: secret },
    globals: { debug: true },
  });
  assert.equal(r.code, 0);
  const log = r.stderr;
  assert.match(log, / - MainThread - kumo\.config - DEBUG - Profile: default \(from default\)/);
  assert.match(log, /Found credentials from env/);
  assert.match(log, /Retry mode: standard \(from default\), max attempts: 3 \(from default\)/);
  assert.match(log, /Endpoint provider result: http:\/\/127\.0\.0\.1:\d+\//);
  assert.match(log, /CanonicalRequest:\nPOST\n\/\n\n/);
  assert.match(log, /x-amz-security-token:<redacted>/);
  assert.match(log, /StringToSign:\nAWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/us-east-1\/sts\/aws4_request\n[0-9a-f]{64}/);
  assert.match(log, /Attempt 1 of 3: sending http request: method=POST/);
  assert.match(log, /Attempt 1: request failed after \d+ ms with status=500/);
  assert.match(log, /Retry needed \(HTTP 500\), retrying request after delay of: \d\.\d{3} s \(attempt 2 of 3, retry quota left: 495\)/);
  assert.match(log, /Attempt 2: response received: status=200/);
  assert.match(log, /GetCallerIdentity succeeded: HTTP 200, 2 attempt\(s\), \d+ ms in all/);
  assert.ok(!log.includes(token), "session token in the trace");
  assert.ok(!log.includes(secret), "secret key in the trace");
  assert.doesNotMatch(log, /Signature=[0-9a-f]{64}/);
});
