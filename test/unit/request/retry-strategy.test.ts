// The retry strategy, rules, quota and adaptive limiter, driven by a fake clock.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CliRetryStrategy, backoffSeconds, RetryQuota, type RetryClock } from "../../../src/request/retry-strategy.ts";
import { AdaptiveRateLimiter } from "../../../src/request/rate-limiter.ts";
import { classifyFailure, THROTTLING_CODES } from "../../../src/request/retry-rules.ts";
import { retrySettings } from "../../../src/request/retry-config.ts";
import { GeneralError } from "../../../src/errors/index.ts";

function fakeClock(randoms: number[] = []): RetryClock & { t: number; sleeps: number[] } {
  const c = {
    t: 1_800_000_000_000,
    sleeps: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.sleeps.push(ms);
      c.t += ms;
    },
    random: () => (randoms.length ? randoms.shift()! : 0.5),
  };
  return c;
}

function serviceError(code: string, status = 400, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error("boom"), { name: code, Code: code, $metadata: { httpStatusCode: status }, $fault: "client", ...extra });
}

function nodeError(code: string, name = "Error") {
  return Object.assign(new Error(code), { code, name });
}

test("backoff is U[0, 2^(n-1)) seconds, capped at 20", () => {
  assert.equal(backoffSeconds(1, 0.999), 0.999);
  assert.equal(backoffSeconds(2, 0.5), 1);
  assert.equal(backoffSeconds(3, 0.75), 3);
  assert.equal(backoffSeconds(10, 0.5), 20);
  assert.equal(backoffSeconds(6, 0), 0);
});

test("every throttling code, 5xx, transient code and connection error is retried; others are not", () => {
  for (const code of THROTTLING_CODES) {
    const f = classifyFailure(serviceError(code));
    assert.equal(f.retryable, true, code);
    assert.equal(f.throttling, true, code);
  }
  for (const status of [500, 502, 503, 504]) assert.equal(classifyFailure(serviceError("InternalError", status)).retryable, true);
  for (const code of ["RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"]) {
    assert.equal(classifyFailure(serviceError(code)).retryable, true, code);
  }
  for (const code of ["ECONNREFUSED", "ECONNRESET", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]) {
    const f = classifyFailure(nodeError(code));
    assert.equal(f.retryable, true, code);
    assert.equal(f.timeout, false, code);
  }
  // NodeHttpHandler names a reset "TimeoutError"; it costs as a connection error, not a timeout.
  assert.equal(classifyFailure(nodeError("ECONNRESET", "TimeoutError")).timeout, false);
  assert.equal(classifyFailure(Object.assign(new Error("socket timed out"), { name: "TimeoutError" })).timeout, true);
  // Not retried by the CLI: 429 without a throttling code, 4xx codes, kumo's own errors.
  assert.equal(classifyFailure(serviceError("429", 429)).retryable, false);
  assert.equal(classifyFailure(serviceError("AccessDenied", 403)).retryable, false);
  assert.equal(classifyFailure(serviceError("RequestTimeTooSkewed", 403)).retryable, false);
  assert.equal(classifyFailure(new GeneralError("Partial credentials found in env")).retryable, false);
  // Modelled retryable errors, STS IDPCommunicationError.
  assert.equal(classifyFailure(serviceError("SomethingBusy", 400, { $retryable: {} })).retryable, true);
  assert.equal(classifyFailure(serviceError("IDPCommunicationError"), { service: "sts" }).retryable, true);
  assert.equal(classifyFailure(serviceError("IDPCommunicationError"), { service: "iam" }).retryable, false);
  // A query-protocol error body that is not XML is a parse failure: never retried.
  const unparsed = Object.assign(new Error("Deserialization error: ..."), { $metadata: { httpStatusCode: 503 }, $responseBodyText: "busy" });
  assert.equal(classifyFailure(unparsed, { protocol: "AwsQueryProtocol" }).retryable, false);
  assert.equal(classifyFailure(unparsed, { protocol: "AwsJson1_1Protocol" }).retryable, true);
  const html = Object.assign(new Error("Deserialization error: ..."), { $metadata: { httpStatusCode: 503 }, $responseBodyText: "<html>x</html>" });
  assert.equal(classifyFailure(html, { protocol: "AwsQueryProtocol" }).retryable, true);
});

async function runAttempts(strategy: CliRetryStrategy, errors: unknown[]): Promise<{ attempts: number; error?: unknown }> {
  let token = await strategy.acquireInitialRetryToken("");
  let attempts = 0;
  for (;;) {
    const e = errors[attempts++];
    if (e === undefined) {
      strategy.recordSuccess(token);
      return { attempts };
    }
    try {
      token = await strategy.refreshRetryTokenForRetry(token, { error: e as never, errorType: "TRANSIENT" });
    } catch (err) {
      return { attempts, error: err };
    }
  }
}

test("standard mode: max_attempts attempts in all, backoff within bounds, the last error surfaces", async () => {
  const clock = fakeClock([0.25, 0.9, 0.1]);
  const s = new CliRetryStrategy({ mode: "standard", maxAttempts: 3, clock });
  const err = serviceError("Throttling");
  const r = await runAttempts(s, [err, err, err, err]);
  assert.equal(r.attempts, 3);
  assert.equal(r.error, err);
  assert.deepEqual(clock.sleeps, [250, 1800]);
  assert.deepEqual(
    s.history.map((h) => h.reason),
    ["retry", "retry", "max-attempts"],
  );
});

test("the retry quota: 500, 5 per retry, 10 after a timeout, refunded on success, +1 for a first-try success", async () => {
  const q = new RetryQuota();
  assert.equal(q.available, 500);
  const clock = fakeClock();
  const s = new CliRetryStrategy({ mode: "standard", maxAttempts: 5, clock });
  await runAttempts(s, [serviceError("InternalError", 500)]);
  assert.equal(s.quota.available, 500); // 495 after the retry, 5 back on success
  const timeout = Object.assign(new Error("socket timed out"), { name: "TimeoutError" });
  const r = await runAttempts(s, [timeout, timeout, timeout, timeout, timeout]);
  assert.equal(r.attempts, 5);
  assert.equal(s.quota.available, 460); // four retries at 10
  await runAttempts(s, []);
  assert.equal(s.quota.available, 461);

  // An empty quota stops retries before max_attempts.
  const drained = new CliRetryStrategy({ mode: "standard", maxAttempts: 1000, clock: fakeClock() });
  const busy = serviceError("ServiceUnavailable", 503);
  const out = await runAttempts(drained, Array(200).fill(busy));
  assert.equal(out.attempts, 101); // 100 retries x 5 = 500
  assert.equal(drained.history.at(-1)?.reason, "quota");
  assert.equal(drained.quota.available, 0);
});

test("non-retryable errors end at once, and a corrected clock skew gets exactly one immediate retry", async () => {
  const clock = fakeClock();
  const s = new CliRetryStrategy({ mode: "standard", maxAttempts: 3, clock, clockOffset: () => 3_600_000 });
  const denied = serviceError("AccessDenied", 403);
  assert.equal((await runAttempts(s, [denied])).attempts, 1);
  const skewed = serviceError("SignatureDoesNotMatch", 403);
  skewed.$metadata = { httpStatusCode: 403, clockSkewCorrected: true } as never;
  assert.equal((await runAttempts(s, [skewed])).attempts, 2);
  assert.deepEqual(clock.sleeps, []);
  const r = await runAttempts(s, [skewed, skewed, skewed]);
  assert.equal(r.attempts, 2); // once only: the second skew failure is final (not retryable)
  // Even with max_attempts = 1.
  const one = new CliRetryStrategy({ mode: "standard", maxAttempts: 1, clock });
  assert.equal((await runAttempts(one, [skewed])).attempts, 2);
});

test("adaptive limiter: off until throttled, then CUBIC: 0.7 x the measured rate, tokens at that rate", async () => {
  const clock = fakeClock();
  const limiter = new AdaptiveRateLimiter(clock);
  // 10 requests per second for 3 seconds: no waiting while not throttled.
  for (let i = 0; i < 30; i++) {
    assert.equal(await limiter.acquire(), 0);
    limiter.update(false);
    clock.t += 100;
  }
  const measured = limiter.state().measuredRate;
  assert.ok(measured > 8 && measured <= 10.5, `measured ${measured}`);
  assert.equal(limiter.state().enabled, false);
  const rate = limiter.update(true);
  assert.ok(Math.abs(rate - 0.7 * limiter.state().measuredRate) < 1e-9, `rate ${rate}`);
  assert.equal(limiter.state().enabled, true);
  // Sending flat out now empties the bucket, then each request waits 1/rate seconds.
  clock.sleeps.length = 0;
  while (clock.sleeps.length === 0) await limiter.acquire();
  clock.sleeps.length = 0;
  for (let i = 0; i < 5; i++) await limiter.acquire();
  const waited = clock.sleeps.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(waited - (5 * 1000) / rate) < 1, `waited ${waited} ms for 5 requests at ${rate}/s`);
  // Repeated throttling never drops the rate below 0.5 per second.
  for (let i = 0; i < 20; i++) limiter.update(true);
  assert.equal(limiter.state().fillRate, 0.5);
  // Successes grow it back (cubic in the time since the last throttle).
  clock.t += 10_000;
  const grown = limiter.update(false);
  assert.ok(grown >= 0.5);
});

test("adaptive strategy: a throttled answer enables the limiter and later attempts wait for tokens", async () => {
  const clock = fakeClock();
  const s = new CliRetryStrategy({ mode: "adaptive", maxAttempts: 5, clock });
  for (let i = 0; i < 4; i++) {
    await runAttempts(s, []);
    clock.t += 50;
  }
  assert.equal(s.limiter?.state().enabled, false);
  await runAttempts(s, [serviceError("ThrottlingException")]);
  assert.equal(s.limiter?.state().enabled, true);
  clock.sleeps.length = 0;
  for (let i = 0; i < 3; i++) await runAttempts(s, []);
  assert.ok(clock.sleeps.length > 0, "sending after a throttle waits for tokens");
});

test("retry settings: environment over profile, the CLI's messages for bad values", () => {
  const none = () => undefined;
  assert.deepEqual(
    { ...retrySettings({}, none) },
    { mode: "standard", maxAttempts: 3, modeSource: "default", maxAttemptsSource: "default" },
  );
  const profile = (k: string) => ({ retry_mode: "adaptive", max_attempts: "7" })[k];
  assert.equal(retrySettings({}, profile).mode, "adaptive");
  assert.equal(retrySettings({}, profile).maxAttempts, 7);
  assert.equal(retrySettings({ AWS_MAX_ATTEMPTS: " 2 ", AWS_RETRY_MODE: "standard" }, profile).maxAttempts, 2);
  assert.equal(retrySettings({ AWS_RETRY_MODE: "standard" }, profile).mode, "standard");
  assert.throws(() => retrySettings({ AWS_RETRY_MODE: "legacy" }, none), {
    message: 'Invalid value provided to "mode": "legacy" must be one of: "standard" or "adaptive"',
  });
  assert.throws(() => retrySettings({}, (k) => (k === "retry_mode" ? "ADAPTIVE" : undefined)), /"ADAPTIVE" must be one of/);
  assert.throws(() => retrySettings({ AWS_MAX_ATTEMPTS: "abc" }, none), { message: "invalid literal for int() with base 10: 'abc'" });
  assert.throws(() => retrySettings({ AWS_MAX_ATTEMPTS: "0" }, none), {
    message: 'Value provided to "max_attempts": 0 must be an integer greater than or equal to one.',
  });
});
