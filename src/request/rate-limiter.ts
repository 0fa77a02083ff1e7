// The adaptive retry mode's client-side rate limiter, as AWS CLI v2 has it
// (botocore retries/adaptive.py, bucket.py, throttling.py):
//
// - A token bucket guards every attempt once the first throttling answer has
//   been seen: fill rate at least 0.5 per second, capacity max(rate, 1), an
//   attempt without a token waits (needed - available) / rate seconds.
// - The send rate is measured in half-second buckets, smoothed
//   0.8 * current + 0.2 * previous.
// - CUBIC sets the rate: on a throttle w_max = the rate in use (the measured
//   rate, or min(measured, bucket rate) once enabled), K = cbrt(w_max *
//   (1 - 0.7) / 0.4), new rate = rate in use * 0.7; on any other answer
//   new rate = 0.4 * (t - last throttle - K)^3 + w_max. The bucket's rate
//   becomes min(new rate, 2 * measured rate).
//
// The SDK's DefaultRateLimiter (@smithy/core/retry) computes the same thing
// but reads Date.now() and waits with setTimeout, both private to it; kumo's
// limiter takes a clock so that tests can drive it without real time.

export interface LimiterClock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

const MIN_RATE = 0.5;
const SMOOTHING = 0.8;
const BUCKET_SECONDS = 0.5;
const SCALE = 0.4;
const BETA = 0.7;

export interface LimiterState {
  enabled: boolean;
  /** Requests per second the bucket allows (its fill rate). */
  fillRate: number;
  maxCapacity: number;
  available: number;
  measuredRate: number;
}

export class AdaptiveRateLimiter {
  private readonly clock: LimiterClock;
  private enabled = false;
  // token bucket
  private fillRate = 1;
  private maxCapacity = 1;
  private available = 0;
  private lastRefill: number | undefined;
  // rate clocker
  private measuredRate = 0;
  private lastBucket: number;
  private count = 0;
  // CUBIC
  private wMax = 0;
  private k = 0;
  private lastFail: number;

  constructor(clock: LimiterClock) {
    this.clock = clock;
    const t = this.seconds();
    this.lastBucket = Math.floor(t);
    this.lastFail = t;
    this.k = this.zeroPoint();
    this.setRate(1);
  }

  private seconds(): number {
    return this.clock.now() / 1000;
  }

  private zeroPoint(): number {
    return Math.cbrt((this.wMax * (1 - BETA)) / SCALE);
  }

  private refill(): void {
    const t = this.seconds();
    if (this.lastRefill === undefined) {
      this.lastRefill = t;
      return;
    }
    this.available = Math.min(this.maxCapacity, this.available + (t - this.lastRefill) * this.fillRate);
    this.lastRefill = t;
  }

  private setRate(rate: number): void {
    this.refill();
    this.fillRate = Math.max(rate, MIN_RATE);
    this.maxCapacity = rate >= 1 ? rate : 1;
    this.available = Math.min(this.available, this.maxCapacity);
  }

  /** Before each attempt: waits for a token once throttling has been seen. Returns the milliseconds waited. */
  async acquire(): Promise<number> {
    if (!this.enabled) return 0;
    let waited = 0;
    this.refill();
    // (1e-6: the refill after an exact wait can fall short by a rounding error)
    while (this.available < 1 - 1e-6) {
      const ms = ((1 - this.available) / this.fillRate) * 1000;
      waited += ms;
      await this.clock.sleep(ms);
      this.refill();
    }
    this.available = Math.max(0, this.available - 1);
    return waited;
  }

  private record(): number {
    const t = this.seconds();
    const bucket = Math.floor(t / BUCKET_SECONDS) * BUCKET_SECONDS;
    this.count += 1;
    if (bucket > this.lastBucket) {
      const current = this.count / (bucket - this.lastBucket);
      this.measuredRate = current * SMOOTHING + this.measuredRate * (1 - SMOOTHING);
      this.count = 0;
      this.lastBucket = bucket;
    }
    return this.measuredRate;
  }

  /** After each answer (success or failure). Returns the new send rate. */
  update(throttled: boolean): number {
    const measured = this.record();
    const t = this.seconds();
    let rate: number;
    if (!throttled) {
      rate = SCALE * (t - this.lastFail - this.k) ** 3 + this.wMax;
    } else {
      const inUse = this.enabled ? Math.min(measured, this.fillRate) : measured;
      this.wMax = inUse;
      this.k = this.zeroPoint();
      this.lastFail = t;
      rate = inUse * BETA;
      this.enabled = true;
    }
    this.setRate(Math.min(rate, 2 * measured));
    return this.fillRate;
  }

  state(): LimiterState {
    return {
      enabled: this.enabled,
      fillRate: this.fillRate,
      maxCapacity: this.maxCapacity,
      available: this.available,
      measuredRate: this.measuredRate,
    };
  }
}
