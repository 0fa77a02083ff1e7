// AWS CLI v2's retry modes as an SDK retry strategy (the SDK's retry
// middleware drives it; it decides and waits):
//
//   standard   up to max_attempts attempts in all (default 3); retries the
//              errors retry-rules.ts names; waits min(random() * 2^(n-1), 20)
//              seconds before retry n; a retry quota of 500 per client, a
//              retry costing 5 (10 after a connect or read timeout), a
//              success giving back what its retry cost, or 1.
//   adaptive   standard, plus the client-side rate limiter (rate-limiter.ts).
//
// The SDK's own StandardRetryStrategy/AdaptiveRetryStrategy
// (@smithy/core/retry) follow a newer retry specification than the CLI 2.9
// that kumo copies: base delays of 50 ms (1 s for throttling) instead of 1 s,
// a retry cost of 14 (5 for throttling) instead of 5/10, Retry-After hints,
// and they sleep with setTimeout. So kumo implements the RetryStrategyV2
// interface itself, with the CLI's numbers and an injectable clock.
//
// Where kumo differs from the CLI on purpose: when the SDK has measured a
// clock skew from a refused request (the service said the time was too
// skewed, or a signature failed while the response's Date is minutes away
// from ours) and corrected its signing clock, kumo retries that request once
// more, at once and free of quota. The CLI signs with the local clock and
// fails.
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from "@smithy/types";
import type { DebugLog } from "./debug.ts";
import { AdaptiveRateLimiter, type LimiterClock } from "./rate-limiter.ts";
import { classifyFailure, isSkewFailure, type AttemptFailure } from "./retry-rules.ts";

export type RetryMode = "standard" | "adaptive";

export interface RetryClock extends LimiterClock {
  /** A number in [0, 1). */
  random(): number;
}

export const QUOTA_CAPACITY = 500;
export const RETRY_COST = 5;
export const TIMEOUT_RETRY_COST = 10;
export const NO_RETRY_INCREMENT = 1;
export const MAX_BACKOFF_SECONDS = 20;

/** Seconds to wait before retrying after failed attempt `attempt` (1-based): U[0, 2^(attempt-1)), at most 20. */
export function backoffSeconds(attempt: number, random: number): number {
  return Math.min(random * 2 ** (attempt - 1), MAX_BACKOFF_SECONDS);
}

/** The retry quota of one client. */
export class RetryQuota {
  private capacity = QUOTA_CAPACITY;
  get available(): number {
    return this.capacity;
  }
  acquire(cost: number): boolean {
    if (cost > this.capacity) return false;
    this.capacity -= cost;
    return true;
  }
  release(amount: number): void {
    this.capacity = Math.min(QUOTA_CAPACITY, this.capacity + amount);
  }
}

class CliRetryToken implements RetryToken {
  readonly $retryLog = { acquisitionDelay: 0 };
  constructor(
    readonly count: number,
    /** Quota the last retry took; undefined when none was taken. */
    readonly cost: number | undefined,
    readonly skewRetried: boolean,
  ) {}
  getRetryCount(): number {
    return this.count;
  }
  /** Always 0: the strategy has waited already (so the middleware's own setTimeout does not). */
  getRetryDelay(): number {
    return 0;
  }
  getRetryCost(): number | undefined {
    return this.cost;
  }
}

export interface RetryStrategyOptions {
  mode: RetryMode;
  maxAttempts: number;
  clock: RetryClock;
  /** The service pack's protocol, for the CLI's unparsed-response rule. */
  protocol?: string | undefined;
  service?: string | undefined;
  debug?: DebugLog | undefined;
  /** The SDK's current signing clock offset in ms (for the trace). */
  clockOffset?: () => number | undefined;
}

/** What happened to one failed attempt, for callers who report it (the --debug trace, hints). */
export interface RetryRecord {
  attempt: number;
  failure: AttemptFailure;
  /** Milliseconds waited before the next attempt; undefined when there was no next attempt. */
  delayMs: number | undefined;
  reason: "retry" | "skew" | "not-retryable" | "max-attempts" | "quota";
}

export class CliRetryStrategy implements RetryStrategyV2 {
  readonly mode: RetryMode;
  readonly maxAttempts: number;
  readonly quota = new RetryQuota();
  readonly limiter: AdaptiveRateLimiter | undefined;
  /** Every failed attempt of this client, in order. */
  readonly history: RetryRecord[] = [];
  private readonly opts: RetryStrategyOptions;

  constructor(opts: RetryStrategyOptions) {
    this.opts = opts;
    this.mode = opts.mode;
    this.maxAttempts = opts.maxAttempts;
    this.limiter = opts.mode === "adaptive" ? new AdaptiveRateLimiter(opts.clock) : undefined;
  }

  private log(message: string): void {
    this.opts.debug?.("kumo.retry", message);
  }

  private async sendToken(): Promise<void> {
    if (!this.limiter) return;
    const waited = await this.limiter.acquire();
    if (waited > 0) this.log(`Client-side rate limiter: waited ${(waited / 1000).toFixed(3)} s for a send token`);
  }

  async acquireInitialRetryToken(_scope: string): Promise<RetryToken> {
    await this.sendToken();
    return new CliRetryToken(0, undefined, false);
  }

  async refreshRetryTokenForRetry(tokenToRenew: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    const token = tokenToRenew as CliRetryToken;
    const failure = classifyFailure(errorInfo.error, { protocol: this.opts.protocol, service: this.opts.service });
    const attempt = token.count + 1;
    if (this.limiter) {
      const before = this.limiter.state();
      const rate = this.limiter.update(failure.throttling);
      if (failure.throttling) {
        this.log(
          `Throttling response received, new send rate: ${rate.toFixed(3)} requests/s, measured rate: ${this.limiter.state().measuredRate.toFixed(3)}, token bucket capacity available: ${before.available.toFixed(3)}`,
        );
      }
    }
    const record = (reason: RetryRecord["reason"], delayMs?: number) => {
      this.history.push({ attempt, failure, delayMs, reason });
    };

    if (isSkewFailure(failure) && !token.skewRetried) {
      const offset = this.opts.clockOffset?.();
      this.log(
        `Clock skew detected: the service's clock is ${offset === undefined ? "unknown" : formatOffset(offset)} from the local clock; ` +
          "signing with the corrected time and retrying once",
      );
      record("skew", 0);
      await this.sendToken();
      return new CliRetryToken(token.count + 1, token.cost, true);
    }
    if (!failure.retryable) {
      this.log("Not retrying request.");
      record("not-retryable");
      throw errorInfo.error ?? new Error("not retryable");
    }
    if (attempt >= this.maxAttempts) {
      this.log(`Max attempts of ${this.maxAttempts} reached.`);
      record("max-attempts");
      throw errorInfo.error ?? new Error("max attempts");
    }
    const cost = failure.timeout ? TIMEOUT_RETRY_COST : RETRY_COST;
    if (!this.quota.acquire(cost)) {
      this.log("Retry needed but retry quota reached, not retrying request.");
      record("quota");
      throw errorInfo.error ?? new Error("retry quota");
    }
    const delayMs = backoffSeconds(attempt, this.opts.clock.random()) * 1000;
    this.log(
      `Retry needed (${describeFailure(failure)}), retrying request after delay of: ${(delayMs / 1000).toFixed(3)} s ` +
        `(attempt ${attempt + 1} of ${this.maxAttempts}, retry quota left: ${this.quota.available})`,
    );
    record("retry", delayMs);
    await this.opts.clock.sleep(delayMs);
    await this.sendToken();
    const next = new CliRetryToken(token.count + 1, cost, token.skewRetried);
    next.$retryLog.acquisitionDelay = delayMs;
    return next;
  }

  recordSuccess(token: RetryToken): void {
    this.limiter?.update(false);
    const cost = (token as CliRetryToken).cost;
    this.quota.release(cost ?? NO_RETRY_INCREMENT);
  }
}

function formatOffset(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  return `${s} s ${ms >= 0 ? "ahead" : "behind"}`;
}

export function describeFailure(f: AttemptFailure): string {
  if (f.connection) return f.timeout ? "timeout" : `connection error${f.code ? ` ${f.code}` : ""}`;
  const parts = [];
  if (f.status !== undefined) parts.push(`HTTP ${f.status}`);
  if (f.code !== undefined && f.code !== String(f.status)) parts.push(f.code);
  if (f.throttling) parts.push("throttled");
  return parts.join(" ");
}
