// Credentials that expire, refreshed the way the AWS CLI refreshes them:
// with fewer than 15 minutes left a refresh is tried and a failure ignored
// (the current credentials are still good); with fewer than 10 minutes left
// the refresh must succeed. Refreshed credentials that are already expired
// are an error.
//
// Unlike the CLI, which tries again on every request once inside the window,
// kumo tries at most once a minute until the credentials have actually
// expired: a source that keeps handing out short-lived credentials (a
// credential_process, a 15-minute role session) is not asked again for every
// request.
import { GeneralError } from "../errors/index.ts";
import type { CredentialSource, Credentials } from "./types.ts";

export const ADVISORY_REFRESH_SECONDS = 15 * 60;
export const MANDATORY_REFRESH_SECONDS = 10 * 60;
const RETRY_PAUSE_MS = 60_000;

export const STILL_EXPIRED = "Credentials were refreshed, but the refreshed credentials are still expired.";

export interface RefreshingOptions {
  now: () => Date;
  location?: string | undefined;
  /** Credentials already fetched; without them the first get() fetches. */
  initial?: Credentials | undefined;
}

export class RefreshingSource implements CredentialSource {
  readonly method: string;
  readonly location: string | undefined;
  private current: Credentials | undefined;
  private lastAttempt = 0;
  private pending: Promise<Credentials> | undefined;
  private readonly fetch: () => Promise<Credentials>;
  private readonly now: () => Date;

  constructor(method: string, fetch: () => Promise<Credentials>, opts: RefreshingOptions) {
    this.method = method;
    this.fetch = fetch;
    this.now = opts.now;
    this.location = opts.location;
    this.current = opts.initial;
    if (opts.initial) this.lastAttempt = opts.now().getTime();
  }

  private remaining(c: Credentials): number {
    return c.expiration ? (c.expiration.getTime() - this.now().getTime()) / 1000 : Infinity;
  }

  get(): Promise<Credentials> {
    const c = this.current;
    if (c) {
      const left = this.remaining(c);
      if (left >= ADVISORY_REFRESH_SECONDS) return Promise.resolve(c);
      if (left > 0 && this.now().getTime() - this.lastAttempt < RETRY_PAUSE_MS) return Promise.resolve(c);
    }
    if (!this.pending) {
      this.pending = this.refresh().finally(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  private async refresh(): Promise<Credentials> {
    const old = this.current;
    const mandatory = old === undefined || this.remaining(old) < MANDATORY_REFRESH_SECONDS;
    this.lastAttempt = this.now().getTime();
    let next: Credentials;
    try {
      next = await this.fetch();
    } catch (e) {
      if (mandatory || old === undefined) throw e;
      return old;
    }
    this.current = next;
    if (this.remaining(next) <= 0) throw new GeneralError(STILL_EXPIRED);
    return next;
  }
}

/** Credentials that never change (static keys). */
export function fixedSource(method: string, credentials: Credentials, location?: string): CredentialSource {
  return { method, location, get: () => Promise.resolve(credentials) };
}
