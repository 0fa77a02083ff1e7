// Signing in to IAM Identity Center and caching the access token where the
// AWS CLI keeps it (~/.aws/sso/cache/<sha1(session name or start URL)>.json),
// so that kumo and aws share sign-ins.
//
// Two OAuth 2.0 flows, as in the AWS CLI:
//   - authorization code with PKCE (the default for an sso-session): a
//     listener on 127.0.0.1 receives the browser at /oauth/callback; the
//     client is registered for authorization_code and refresh_token with the
//     loopback redirect URI and the start URL as issuer.
//   - device authorization (--use-device-code, and always for a legacy
//     profile): the user types a code on a page; kumo polls CreateToken at
//     the interval the service gives, 5 seconds longer after each slow_down.
import { randomUUID } from "node:crypto";
import type { Settings } from "../config/settings.ts";
import { GeneralError, ServiceError } from "../errors/index.ts";
import { loadSsoToken, saveSsoToken, TOKEN_REFRESH_WINDOW_SECONDS, type SsoToken } from "../credentials/sso-token.ts";
import { parseExpiry, secondsUntil, utcSeconds } from "../credentials/time.ts";
import { sdkSsoApi, type ApiDoc, type SsoApi } from "./api.ts";
import { openBrowser } from "../util/browser.ts";
import type { SsoLoginTarget } from "./config.ts";
import { REDIRECT_URI_WITHOUT_PORT, startCallbackListener } from "./loopback.ts";
import { noBrowserMessage, openingBrowserMessage, PENDING_EXPIRED, type PendingAuthorization } from "./messages.ts";
import { codeChallenge, makeCodeVerifier } from "./pkce.ts";
import { readRegistration, registrationCacheKey, registrationUsable, saveRegistration, type Registration } from "./registration-cache.ts";
import { percentEncodeQuery } from "../util/percent-encode.ts";

export const DEFAULT_SCOPE = "sso:account:access";
const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const DEFAULT_INTERVAL = 5;
const SLOW_DOWN_DELAY = 5;

export interface LoginOptions {
  useDeviceCode?: boolean;
  noBrowser?: boolean;
  /** Sign in even when the cached token is still good (what `sso login` does). */
  forceRefresh?: boolean;
  api?: SsoApi;
  /** Opens a URL in the browser; default: BROWSER or the desktop's opener. */
  openBrowser?: (url: string) => Promise<boolean>;
  callbackTimeoutMs?: number;
}

/** Which flow signs in to `target`. */
export function usesAuthorizationCode(target: SsoLoginTarget, useDeviceCode: boolean | undefined): boolean {
  return target.sessionName !== undefined && !useDeviceCode;
}

class Flow {
  readonly api: SsoApi;
  constructor(
    readonly settings: Settings,
    readonly target: SsoLoginTarget,
    readonly opts: LoginOptions,
  ) {
    this.api = opts.api ?? sdkSsoApi(settings);
  }

  get home(): string {
    return this.settings.io.home;
  }

  now(): Date {
    return this.settings.io.now();
  }

  oidc(operation: string, input: ApiDoc): Promise<ApiDoc> {
    return this.api.call("sso-oidc", operation, input, this.target.region);
  }

  clientName(): string {
    return `botocore-client-${this.target.sessionName ?? Math.floor(this.now().getTime() / 1000)}`;
  }

  async registration(authCode: boolean, extra: ApiDoc): Promise<Registration> {
    const { target } = this;
    const key = registrationCacheKey({ startUrl: target.startUrl, region: target.region, scopes: target.scopes, sessionName: target.sessionName });
    const cached = readRegistration(this.home, key);
    if (cached && registrationUsable(cached, authCode, this.now())) return cached;
    const input: ApiDoc = { clientName: this.clientName(), clientType: "public", ...extra };
    if (!authCode && target.scopes?.length) input.scopes = target.scopes;
    const doc = await this.oidc("RegisterClient", input);
    const reg: Registration = {
      clientId: String(doc.clientId),
      clientSecret: String(doc.clientSecret),
      expiresAt: utcSeconds(new Date(Number(doc.clientSecretExpiresAt) * 1000)),
    };
    if (authCode) {
      reg.scopes = input.scopes as string[];
      reg.grantTypes = input.grantTypes as string[];
    } else if (target.scopes?.length) {
      reg.scopes = target.scopes;
    }
    try {
      saveRegistration(this.home, key, reg);
    } catch {
      // not cached: the next sign-in registers again
    }
    return reg;
  }

  token(doc: ApiDoc, reg: Registration): SsoToken {
    const token: SsoToken = {
      startUrl: this.target.startUrl,
      region: this.target.region,
      accessToken: String(doc.accessToken),
      expiresAt: utcSeconds(new Date(this.now().getTime() + Number(doc.expiresIn) * 1000)),
      clientId: reg.clientId,
      clientSecret: reg.clientSecret,
      registrationExpiresAt: reg.expiresAt,
    };
    if (doc.refreshToken !== undefined) token.refreshToken = doc.refreshToken;
    return token;
  }

  async showPending(p: PendingAuthorization): Promise<void> {
    const out = this.settings.io.stdout;
    if (this.opts.noBrowser) {
      out.write(noBrowserMessage(p));
      return;
    }
    out.write(openingBrowserMessage(p));
    const open = this.opts.openBrowser ?? ((url: string) => openBrowser(url, this.settings.env));
    try {
      await open(p.verificationUriComplete);
    } catch {
      // the URL is on the screen
    }
  }

  async deviceCode(): Promise<SsoToken> {
    const reg = await this.registration(false, {});
    const auth = await this.oidc("StartDeviceAuthorization", { clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: this.target.startUrl });
    let interval = auth.interval !== undefined ? Number(auth.interval) : DEFAULT_INTERVAL;
    const attempt = async (): Promise<SsoToken | undefined> => {
      try {
        const doc = await this.oidc("CreateToken", { grantType: DEVICE_GRANT, clientId: reg.clientId, clientSecret: reg.clientSecret, deviceCode: auth.deviceCode });
        return this.token(doc, reg);
      } catch (e) {
        if (!(e instanceof ServiceError)) throw e;
        if (e.code === "SlowDownException") interval += SLOW_DOWN_DELAY;
        else if (e.code === "ExpiredTokenException") throw new GeneralError(PENDING_EXPIRED);
        else if (e.code !== "AuthorizationPendingException") throw e;
        return undefined;
      }
    };
    // A client may already be authorized: one attempt before asking the user.
    let token = await attempt();
    if (token) return token;
    await this.showPending({
      verificationUri: String(auth.verificationUri),
      verificationUriComplete: String(auth.verificationUriComplete),
      userCode: String(auth.userCode),
    });
    for (;;) {
      token = await attempt();
      if (token) return token;
      await this.settings.io.sleep(interval * 1000);
    }
  }

  async authorizationCode(): Promise<SsoToken> {
    const listener = await startCallbackListener(this.opts.callbackTimeoutMs === undefined ? {} : { timeoutMs: this.opts.callbackTimeoutMs });
    try {
      const scopes = this.target.scopes?.length ? this.target.scopes : [DEFAULT_SCOPE];
      const reg = await this.registration(true, {
        grantTypes: ["authorization_code", "refresh_token"],
        redirectUris: [REDIRECT_URI_WITHOUT_PORT],
        issuerUrl: this.target.startUrl,
        scopes,
      });
      const verifier = makeCodeVerifier();
      const state = randomUUID();
      const base = await this.api.oidcBaseUrl(this.target.region);
      const query = percentEncodeQuery([
        ["response_type", "code"],
        ["client_id", reg.clientId],
        ["redirect_uri", listener.redirectUri],
        ["state", state],
        ["code_challenge_method", "S256"],
        ["scopes", scopes.join(" ")],
      ]);
      const url = `${base}/authorize?${query}&code_challenge=${codeChallenge(verifier)}`;
      await this.showPending({ verificationUri: url, verificationUriComplete: url, userCode: undefined });
      const got = await listener.wait();
      if (got.code === undefined) throw new GeneralError("Error loading authorization code: Failed to retrieve an authorization code.");
      if (got.state !== state) throw new GeneralError("Error loading authorization code: State parameter does not match expected value.");
      try {
        const doc = await this.oidc("CreateToken", {
          grantType: "authorization_code",
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          redirectUri: listener.redirectUri,
          codeVerifier: verifier,
          code: got.code,
        });
        return this.token(doc, reg);
      } catch (e) {
        if (e instanceof ServiceError && e.code === "ExpiredTokenException") throw new GeneralError(PENDING_EXPIRED);
        throw e;
      }
    } finally {
      listener.close();
    }
  }
}

/** A cached token for `target` with more than 15 minutes left, or undefined. */
export function freshCachedToken(home: string, target: SsoLoginTarget, now: Date): SsoToken | undefined {
  try {
    const token = loadSsoToken(home, target.startUrl, target.sessionName);
    return secondsUntil(parseExpiry(token.expiresAt), now) >= TOKEN_REFRESH_WINDOW_SECONDS ? token : undefined;
  } catch {
    return undefined;
  }
}

/** Signs in to `target` and caches the token; returns it. */
export async function ssoLogin(settings: Settings, target: SsoLoginTarget, opts: LoginOptions = {}): Promise<SsoToken> {
  if (!opts.forceRefresh) {
    const cached = freshCachedToken(settings.io.home, target, settings.io.now());
    if (cached) return cached;
  }
  const flow = new Flow(settings, target, opts);
  const token = usesAuthorizationCode(target, opts.useDeviceCode) ? await flow.authorizationCode() : await flow.deviceCode();
  saveSsoToken(settings.io.home, target.startUrl, target.sessionName, token);
  return token;
}
