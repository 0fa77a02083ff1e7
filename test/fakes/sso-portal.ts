// IAM Identity Center on 127.0.0.1: the SSO portal API (what
// portal.sso.<region>.amazonaws.com serves), the SSO OIDC API
// (oidc.<region>.amazonaws.com) and the pages a user signs in on, all on one
// port, with the published request and response shapes (restJson1).
//
// Portal (bearer token in the x-amz-sso_bearer_token header):
//   GET  /federation/credentials?role_name=&account_id=   GetRoleCredentials → {"roleCredentials": {..., "expiration": <ms>}}
//   GET  /assignment/accounts?max_result=&next_token=     ListAccounts → {"accountList": [...], "nextToken"?}
//   GET  /assignment/roles?account_id=&max_result=&next_token=  ListAccountRoles → {"roleList": [...], "nextToken"?}
//   POST /logout                                          Logout
// OIDC (JSON bodies):
//   POST /client/register                                 RegisterClient (public clients; authorization_code
//                                                         registrations need redirectUris and issuerUrl)
//   POST /device_authorization                            StartDeviceAuthorization
//   POST /token                                           CreateToken: device_code, authorization_code (PKCE,
//                                                         S256), refresh_token
//   GET  /authorize?response_type=code&...                the authorization endpoint: a sign-in page, then a
//                                                         consent page, then a redirect to the loopback
//                                                         redirect_uri with code and state
// Device verification (what device.sso.<region>.amazonaws.com serves):
//   GET  /device[?user_code=]                             enter the code, sign in, allow
//
// It rejects what the service rejects: unknown clients and wrong secrets,
// redirect URIs that were not registered (a loopback URI matches whatever
// its port), authorization codes that are expired, already used (the tokens
// issued from a reused code are revoked, as RFC 6749 asks) or presented
// with the wrong code_verifier or redirect_uri, device codes that expired or
// were used, and polling before the user approved (authorization_pending)
// or faster than the interval (slow_down, when `enforceInterval` is set).
//
// Errors are sent as the services send them: the x-amzn-ErrorType header, a
// JSON body with `message` (portal) or `error`/`error_description` (OIDC).
// Tests set up sessions with issueAccessToken / registerClient /
// issueRefreshToken, approve device codes with approveDevice, move the
// fake's clock with advance, and read `requests` to see what was called.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { listenLoopback, readBody, sendJson, type RecordedRequest } from "./http-util.ts";

export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Milliseconds since the epoch. */
  expiration: number;
}

export interface SsoAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: string[];
}

export interface SsoPortalOptions {
  accounts?: SsoAccount[];
  /** Credentials handed out by GetRoleCredentials; default: fixed test keys valid for an hour. */
  roleCredentials?: (accountId: string, roleName: string) => RoleCredentials | Promise<RoleCredentials>;
  /** Lifetime of access tokens issued by CreateToken. */
  accessTokenSeconds?: number;
  /** Lifetime of client registrations (clientSecretExpiresAt); default 90 days. */
  registrationSeconds?: number;
  /** Lifetime of device codes; default 600. */
  deviceCodeSeconds?: number;
  /** Lifetime of authorization codes; default 300. */
  authCodeSeconds?: number;
  /** The polling interval StartDeviceAuthorization returns; default 1. */
  deviceInterval?: number;
  /** Answer polls that come sooner than the interval with slow_down. */
  enforceInterval?: boolean;
  /** Answer this many device-code polls with slow_down before anything else. */
  slowDownPolls?: number;
  /** Users who may sign in: name → password. Default {alice: "wonderland"}. */
  users?: Record<string, string>;
  /** Page size of ListAccounts / ListAccountRoles when the caller gives none; default 100. */
  pageSize?: number;
}

export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  clientName: string;
  clientType: string;
  scopes: string[];
  grantTypes: string[];
  redirectUris: string[];
  issuerUrl: string | undefined;
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  clientId: string;
  startUrl: string;
  expiresAt: number;
  status: "pending" | "approved" | "denied" | "used";
  lastPoll: number | undefined;
  interval: number;
  polls: number;
}

export interface SsoPortalFake {
  url: string;
  requests: RecordedRequest[];
  options: SsoPortalOptions;
  clients: Map<string, RegisteredClient>;
  devices: Map<string, DeviceAuthorization>;
  /** Makes `token` a valid bearer token for `seconds` (default an hour); returns it. */
  issueAccessToken(token?: string, seconds?: number): string;
  registerClient(input?: Partial<RegisteredClient>): { clientId: string; clientSecret: string };
  /** A refresh token that CreateToken accepts from this client. */
  issueRefreshToken(clientId: string, token?: string): string;
  /** Invalidates an access or refresh token. */
  revoke(token: string): void;
  /** Whether an access token is currently valid. */
  isValid(token: string): boolean;
  /** Approves the pending device authorization with this user code (the newest one when omitted). */
  approveDevice(userCode?: string): DeviceAuthorization;
  /** Refuses the pending device authorization with this user code. */
  denyDevice(userCode: string): void;
  /** Moves the fake's clock forward. */
  advance(seconds: number): void;
  /** The requests made to one operation, by its API name (GetRoleCredentials, CreateToken, Authorize, ...). */
  calls(operation: string): RecordedRequest[];
  stop(): Promise<void>;
}

export const DEFAULT_SSO_ACCOUNT: SsoAccount = {
  accountId: "123456789012",
  accountName: "kumo-dev",
  emailAddress: "dev@example.com",
  roles: ["Admin", "ReadOnly"],
};

const PORTAL_TYPE = "http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/";
const OIDC_TYPE = "http://internal.amazon.com/coral/com.amazonaws.ssooidc/";

function portalError(res: ServerResponse, status: number, type: string, message: string): void {
  sendJson(res, status, { message }, { "x-amzn-errortype": `${type}:${PORTAL_TYPE}` });
}

function oidcError(res: ServerResponse, status: number, type: string, error: string, description: string): void {
  sendJson(res, status, { error, error_description: description }, { "x-amzn-errortype": `${type}:${OIDC_TYPE}` });
}

const token = (prefix: string) => `${prefix}${randomBytes(18).toString("base64url")}`;

function userCode(): string {
  const letters = "BCDFGHJKLMNPQRSTVWXZ";
  const bytes = randomBytes(8);
  const pick = (i: number) => letters[bytes[i]! % letters.length];
  return `${pick(0)}${pick(1)}${pick(2)}${pick(3)}-${pick(4)}${pick(5)}${pick(6)}${pick(7)}`;
}

function operationOf(method: string, path: string): string {
  if (method === "GET" && path === "/federation/credentials") return "GetRoleCredentials";
  if (method === "GET" && path === "/assignment/accounts") return "ListAccounts";
  if (method === "GET" && path === "/assignment/roles") return "ListAccountRoles";
  if (method === "POST" && path === "/logout") return "Logout";
  if (method === "POST" && path === "/client/register") return "RegisterClient";
  if (method === "POST" && path === "/device_authorization") return "StartDeviceAuthorization";
  if (method === "POST" && path === "/token") return "CreateToken";
  if (path === "/authorize" || path.startsWith("/authorize/")) return "Authorize";
  if (path === "/device" || path.startsWith("/device/")) return "Device";
  return "Unknown";
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, title: string, body: string): void {
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(html) });
  res.end(html);
}

function signInForm(action: string, hidden: Record<string, string>, error?: string): string {
  const fields = Object.entries(hidden)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join("");
  return (
    (error ? `<p id="error" role="alert">${escapeHtml(error)}</p>` : "") +
    `<form method="post" action="${escapeHtml(action)}">${fields}` +
    `<label>Username <input id="username" name="username" autocomplete="username"></label>` +
    `<label>Password <input id="password" name="password" type="password" autocomplete="current-password"></label>` +
    `<button id="sign-in" type="submit">Sign in</button></form>`
  );
}

function consentForm(action: string, hidden: Record<string, string>, what: string): string {
  const fields = Object.entries(hidden)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join("");
  return (
    `<p>${escapeHtml(what)}</p>` +
    `<form method="post" action="${escapeHtml(action)}">${fields}` +
    `<button id="allow" name="decision" value="allow" type="submit">Allow access</button>` +
    `<button id="deny" name="decision" value="deny" type="submit">Deny access</button></form>`
  );
}

/** True when `uri` is what the client registered; a loopback redirect matches whatever its port. */
function redirectAllowed(registered: string[], uri: string): boolean {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return false;
  }
  return registered.some((r) => {
    let reg: URL;
    try {
      reg = new URL(r);
    } catch {
      return false;
    }
    if (reg.hostname === "127.0.0.1" && reg.port === "") {
      return u.protocol === reg.protocol && u.hostname === reg.hostname && u.pathname === reg.pathname && u.search === reg.search;
    }
    return u.href === reg.href;
  });
}

function s256(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

interface PendingAuthorize {
  clientId: string;
  redirectUri: string;
  state: string;
  challenge: string;
  scopes: string[];
  signedIn: boolean;
}

interface AuthCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  expiresAt: number;
  used: boolean;
  /** Tokens issued for it, revoked when the code is presented again. */
  issued: string[];
}

export async function startSsoPortal(options: SsoPortalOptions = {}): Promise<SsoPortalFake> {
  let offsetMs = 0;
  const now = () => Date.now() + offsetMs;
  const accessTokens = new Map<string, number>(); // token → expiry (ms)
  const clients = new Map<string, RegisteredClient>();
  const refreshTokens = new Map<string, string>(); // refresh token → clientId
  const devices = new Map<string, DeviceAuthorization>(); // device code → authorization
  const pending = new Map<string, PendingAuthorize>(); // authorize request id → request
  const codes = new Map<string, AuthCode>();
  const requests: RecordedRequest[] = [];
  let slowDownsLeft = options.slowDownPolls ?? 0;

  const fake: SsoPortalFake = {
    url: "",
    requests,
    options,
    clients,
    devices,
    issueAccessToken(t = token("aoa"), seconds = 3600) {
      accessTokens.set(t, now() + seconds * 1000);
      return t;
    },
    registerClient(input = {}) {
      const clientId = token("client-");
      const clientSecret = token("secret-");
      clients.set(clientId, {
        clientId,
        clientSecret,
        clientName: input.clientName ?? "test",
        clientType: input.clientType ?? "public",
        scopes: input.scopes ?? [],
        grantTypes: input.grantTypes ?? [],
        redirectUris: input.redirectUris ?? [],
        issuerUrl: input.issuerUrl,
      });
      return { clientId, clientSecret };
    },
    issueRefreshToken(clientId, t = token("aor")) {
      refreshTokens.set(t, clientId);
      return t;
    },
    revoke(t) {
      accessTokens.delete(t);
      refreshTokens.delete(t);
    },
    isValid(t) {
      const exp = accessTokens.get(t);
      return exp !== undefined && exp > now();
    },
    approveDevice(code) {
      const list = [...devices.values()].filter((d) => d.status === "pending" && (code === undefined || d.userCode === code));
      const d = list[list.length - 1];
      if (!d) throw new Error(`no pending device authorization${code ? ` with code ${code}` : ""}`);
      d.status = "approved";
      return d;
    },
    denyDevice(code) {
      for (const d of devices.values()) if (d.userCode === code && d.status === "pending") d.status = "denied";
    },
    advance(seconds) {
      offsetMs += seconds * 1000;
    },
    calls(operation) {
      return requests.filter((r) => operationOf(r.method, r.url.split("?")[0]!) === operation);
    },
    stop: async () => {},
  };

  const bearerValid = (value: string | string[] | undefined): boolean => typeof value === "string" && fake.isValid(value);

  /** Tokens for a successful grant; a refresh token when the client registered scopes (an sso-session login). */
  const issueTokens = (client: RegisteredClient): Record<string, unknown> => {
    const seconds = fake.options.accessTokenSeconds ?? 3600;
    const accessToken = fake.issueAccessToken(undefined, seconds);
    const out: Record<string, unknown> = { accessToken, tokenType: "Bearer", expiresIn: seconds };
    if (client.scopes.length > 0 || client.grantTypes.includes("refresh_token")) out.refreshToken = fake.issueRefreshToken(client.clientId);
    return out;
  };

  const userOk = (form: URLSearchParams): boolean => {
    const users = fake.options.users ?? { alice: "wonderland" };
    const name = form.get("username") ?? "";
    return Object.hasOwn(users, name) && users[name] === form.get("password");
  };

  const authorizePages = (req: IncomingMessage, res: ServerResponse, url: URL, body: string): void => {
    const form = new URLSearchParams(body);
    if (req.method === "GET" && url.pathname === "/authorize") {
      const q = url.searchParams;
      const client = clients.get(q.get("client_id") ?? "");
      if (!client) return page(res, 400, "Error", "<p id=\"error\">invalid_client: unknown client_id</p>");
      const redirectUri = q.get("redirect_uri") ?? "";
      if (!redirectAllowed(client.redirectUris, redirectUri)) {
        return page(res, 400, "Error", "<p id=\"error\">invalid_request: redirect_uri was not registered for this client</p>");
      }
      const back = (error: string, description: string) => {
        const to = new URL(redirectUri);
        to.searchParams.set("error", error);
        to.searchParams.set("error_description", description);
        if (q.get("state") !== null) to.searchParams.set("state", q.get("state")!);
        res.writeHead(302, { location: to.href, "content-length": 0 });
        res.end();
      };
      if (q.get("response_type") !== "code") return back("unsupported_response_type", "response_type must be code");
      if (!client.grantTypes.includes("authorization_code")) return back("unauthorized_client", "client is not registered for authorization_code");
      if (q.get("code_challenge_method") !== "S256" || !/^[A-Za-z0-9_-]{43}$/.test(q.get("code_challenge") ?? "")) {
        return back("invalid_request", "a S256 code_challenge is required");
      }
      const id = randomUUID();
      pending.set(id, {
        clientId: client.clientId,
        redirectUri,
        state: q.get("state") ?? "",
        challenge: q.get("code_challenge")!,
        scopes: (q.get("scopes") ?? "").split(" ").filter(Boolean),
        signedIn: false,
      });
      return page(res, 200, "Sign in", signInForm("/authorize/sign-in", { request: id }));
    }
    const p = pending.get(form.get("request") ?? "");
    if (req.method !== "POST" || !p) return page(res, 400, "Error", "<p id=\"error\">This sign-in request is not known.</p>");
    const id = form.get("request")!;
    if (url.pathname === "/authorize/sign-in") {
      if (!userOk(form)) return page(res, 200, "Sign in", signInForm("/authorize/sign-in", { request: id }, "Incorrect username or password."));
      p.signedIn = true;
      const client = clients.get(p.clientId)!;
      return page(res, 200, "Allow access", consentForm("/authorize/decide", { request: id }, `Allow ${client.clientName} to access your data? Scopes: ${p.scopes.join(", ")}`));
    }
    if (url.pathname === "/authorize/decide" && p.signedIn) {
      pending.delete(id);
      const to = new URL(p.redirectUri);
      if (form.get("decision") === "allow") {
        const code = token("code-");
        codes.set(code, {
          clientId: p.clientId,
          redirectUri: p.redirectUri,
          challenge: p.challenge,
          expiresAt: now() + (fake.options.authCodeSeconds ?? 300) * 1000,
          used: false,
          issued: [],
        });
        to.searchParams.set("code", code);
      } else {
        to.searchParams.set("error", "access_denied");
      }
      to.searchParams.set("state", p.state);
      res.writeHead(302, { location: to.href, "content-length": 0 });
      res.end();
      return;
    }
    return page(res, 400, "Error", "<p id=\"error\">Sign in first.</p>");
  };

  const devicePages = (req: IncomingMessage, res: ServerResponse, url: URL, body: string): void => {
    const form = new URLSearchParams(body);
    const find = (code: string | null) => [...devices.values()].find((d) => d.userCode === (code ?? "").toUpperCase() && d.status === "pending");
    if (req.method === "GET") {
      const code = url.searchParams.get("user_code") ?? "";
      return page(
        res,
        200,
        "Authorize request",
        `<form method="post" action="/device/confirm"><label>Code <input id="user-code" name="user_code" value="${escapeHtml(code)}"></label><button id="confirm" type="submit">Confirm and continue</button></form>`,
      );
    }
    const d = find(form.get("user_code"));
    if (!d || d.expiresAt <= now()) return page(res, 400, "Error", "<p id=\"error\">The code is not valid or has expired.</p>");
    if (url.pathname === "/device/confirm") return page(res, 200, "Sign in", signInForm("/device/sign-in", { user_code: d.userCode }));
    if (url.pathname === "/device/sign-in") {
      if (!userOk(form)) return page(res, 200, "Sign in", signInForm("/device/sign-in", { user_code: d.userCode }, "Incorrect username or password."));
      return page(res, 200, "Allow access", consentForm("/device/decide", { user_code: d.userCode }, "Allow the command-line client to access your data?"));
    }
    if (url.pathname === "/device/decide") {
      d.status = form.get("decision") === "allow" ? "approved" : "denied";
      return page(res, 200, d.status === "approved" ? "Request approved" : "Request denied", "<p id=\"done\">You can close this window.</p>");
    }
    return page(res, 404, "Not found", "");
  };

  const listening = await listenLoopback(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", "http://localhost");
    requests.push({ method: req.method ?? "", url: req.url ?? "/", headers: { ...req.headers }, body });
    const accounts = fake.options.accounts ?? [DEFAULT_SSO_ACCOUNT];
    const op = operationOf(req.method ?? "", url.pathname);
    const pageOf = <T>(items: T[]): { items: T[]; nextToken?: string } => {
      const size = Number(url.searchParams.get("max_result") ?? fake.options.pageSize ?? 100);
      const start = Number(url.searchParams.get("next_token") ?? 0);
      const slice = items.slice(start, start + size);
      return start + size < items.length ? { items: slice, nextToken: String(start + size) } : { items: slice };
    };

    switch (op) {
      case "Authorize":
        return authorizePages(req, res, url, body);
      case "Device":
        return devicePages(req, res, url, body);
      case "GetRoleCredentials":
      case "ListAccounts":
      case "ListAccountRoles":
      case "Logout": {
        if (!bearerValid(req.headers["x-amz-sso_bearer_token"])) {
          return portalError(res, 401, "UnauthorizedException", "Session token not found or invalid");
        }
        if (op === "Logout") {
          accessTokens.delete(String(req.headers["x-amz-sso_bearer_token"]));
          res.writeHead(200, { "content-length": 0 });
          return res.end();
        }
        if (op === "ListAccounts") {
          const all = accounts.map(({ accountId, accountName, emailAddress }) => ({ accountId, accountName, emailAddress }));
          const { items, nextToken } = pageOf(all);
          return sendJson(res, 200, { accountList: items, ...(nextToken ? { nextToken } : {}) });
        }
        const accountId = url.searchParams.get("account_id") ?? "";
        const account = accounts.find((a) => a.accountId === accountId);
        if (op === "ListAccountRoles") {
          if (!account) return portalError(res, 403, "ForbiddenException", "No access");
          const { items, nextToken } = pageOf(account.roles.map((roleName) => ({ roleName, accountId })));
          return sendJson(res, 200, { roleList: items, ...(nextToken ? { nextToken } : {}) });
        }
        const roleName = url.searchParams.get("role_name") ?? "";
        if (!account || !account.roles.includes(roleName)) return portalError(res, 403, "ForbiddenException", "No access");
        const make =
          fake.options.roleCredentials ??
          (() => ({
            accessKeyId: "ASIASSOFAKEEXAMPLE01",
            secretAccessKey: "sso/fake/secret/EXAMPLEKEY",
            sessionToken: "sso-fake-session-token",
            expiration: now() + 3600 * 1000,
          }));
        return sendJson(res, 200, { roleCredentials: await make(accountId, roleName) });
      }
      case "RegisterClient": {
        const input = JSON.parse(body || "{}") as Partial<RegisteredClient>;
        if (!input.clientName || !input.clientType) return oidcError(res, 400, "InvalidRequestException", "invalid_request", "clientName and clientType are required");
        if (input.clientType !== "public") return oidcError(res, 400, "InvalidClientMetadataException", "invalid_client_metadata", "clientType must be public");
        const grantTypes = input.grantTypes ?? [];
        if (grantTypes.includes("authorization_code")) {
          if (!input.redirectUris?.length) return oidcError(res, 400, "InvalidRedirectUriException", "invalid_redirect_uri", "redirectUris is required for authorization_code");
          if (!input.issuerUrl) return oidcError(res, 400, "InvalidRequestException", "invalid_request", "issuerUrl is required for authorization_code");
        }
        const c = fake.registerClient({ ...input, grantTypes, scopes: input.scopes ?? [] });
        const secs = Math.floor(now() / 1000);
        return sendJson(res, 200, {
          clientId: c.clientId,
          clientSecret: c.clientSecret,
          clientIdIssuedAt: secs,
          clientSecretExpiresAt: secs + (fake.options.registrationSeconds ?? 90 * 86400),
        });
      }
      case "StartDeviceAuthorization": {
        const input = JSON.parse(body || "{}") as { clientId?: string; clientSecret?: string; startUrl?: string };
        const client = clients.get(input.clientId ?? "");
        if (!client || client.clientSecret !== input.clientSecret) return oidcError(res, 401, "InvalidClientException", "invalid_client", "Invalid client provided");
        if (!input.startUrl) return oidcError(res, 400, "InvalidRequestException", "invalid_request", "startUrl is required");
        const deviceCode = token("device-");
        const code = userCode();
        const interval = fake.options.deviceInterval ?? 1;
        const expiresIn = fake.options.deviceCodeSeconds ?? 600;
        devices.set(deviceCode, {
          deviceCode,
          userCode: code,
          clientId: client.clientId,
          startUrl: input.startUrl,
          expiresAt: now() + expiresIn * 1000,
          status: "pending",
          lastPoll: undefined,
          interval,
          polls: 0,
        });
        return sendJson(res, 200, {
          deviceCode,
          userCode: code,
          verificationUri: `${fake.url}/device`,
          verificationUriComplete: `${fake.url}/device?user_code=${code}`,
          expiresIn,
          interval,
        });
      }
      case "CreateToken": {
        const input = JSON.parse(body || "{}") as Record<string, string | undefined>;
        const client = clients.get(input.clientId ?? "");
        if (!client || client.clientSecret !== input.clientSecret) {
          return oidcError(res, 401, "InvalidClientException", "invalid_client", "Invalid client provided");
        }
        if (input.grantType === "urn:ietf:params:oauth:grant-type:device_code") {
          const d = devices.get(input.deviceCode ?? "");
          if (!d || d.clientId !== client.clientId) return oidcError(res, 400, "InvalidGrantException", "invalid_grant", "Invalid device code provided");
          d.polls++;
          const tooSoon = fake.options.enforceInterval && d.lastPoll !== undefined && now() - d.lastPoll < d.interval * 1000;
          d.lastPoll = now();
          if (d.status === "used") return oidcError(res, 400, "InvalidGrantException", "invalid_grant", "Device code has already been used");
          if (d.expiresAt <= now()) return oidcError(res, 400, "ExpiredTokenException", "expired_token", "Device code has expired");
          if (slowDownsLeft > 0 || tooSoon) {
            if (slowDownsLeft > 0) slowDownsLeft--;
            if (tooSoon) d.interval += 5;
            return oidcError(res, 400, "SlowDownException", "slow_down", "Client is polling too quickly");
          }
          if (d.status === "denied") return oidcError(res, 400, "AccessDeniedException", "access_denied", "The user denied the request");
          if (d.status === "pending") return oidcError(res, 400, "AuthorizationPendingException", "authorization_pending", "Authorization is still pending");
          d.status = "used";
          return sendJson(res, 200, issueTokens(client));
        }
        if (input.grantType === "authorization_code") {
          if (!client.grantTypes.includes("authorization_code")) {
            return oidcError(res, 400, "UnauthorizedClientException", "unauthorized_client", "Client is not registered for authorization_code");
          }
          const c = codes.get(input.code ?? "");
          if (!c || c.clientId !== client.clientId) return oidcError(res, 400, "InvalidGrantException", "invalid_grant", "Invalid authorization code provided");
          if (c.used) {
            for (const t of c.issued) fake.revoke(t);
            return oidcError(res, 400, "InvalidGrantException", "invalid_grant", "Authorization code has already been used");
          }
          c.used = true;
          if (c.expiresAt <= now()) return oidcError(res, 400, "InvalidGrantException", "invalid_grant", "Authorization code has expired");
          if (input.redirectUri !== c.redirectUri) return oidcError(res, 400, "InvalidGrantException", "invalid_grant", "redirectUri does not match the authorization request");
          if (!input.codeVerifier || !/^[A-Za-z0-9\-._~]{43,128}$/.test(input.codeVerifier) || s256(input.codeVerifier) !== c.challenge) {
            return oidcError(res, 400, "InvalidGrantException", "invalid_grant", "Code verifier does not match the code challenge");
          }
          const out = issueTokens(client);
          c.issued.push(String(out.accessToken), ...(out.refreshToken ? [String(out.refreshToken)] : []));
          return sendJson(res, 200, out);
        }
        if (input.grantType !== "refresh_token") {
          return oidcError(res, 400, "UnsupportedGrantTypeException", "unsupported_grant_type", `Unsupported grant type: ${input.grantType}`);
        }
        if (!input.refreshToken || refreshTokens.get(input.refreshToken) !== input.clientId) {
          return oidcError(res, 400, "InvalidGrantException", "invalid_grant", "Invalid refresh token provided");
        }
        const seconds = fake.options.accessTokenSeconds ?? 3600;
        const accessToken = fake.issueAccessToken(undefined, seconds);
        // Refresh tokens rotate: the old one stops working.
        refreshTokens.delete(input.refreshToken);
        const refreshToken = fake.issueRefreshToken(client.clientId);
        return sendJson(res, 200, { accessToken, tokenType: "Bearer", expiresIn: seconds, refreshToken });
      }
      default:
        return sendJson(res, 404, { message: "Not Found" });
    }
  });
  fake.url = listening.url;
  fake.stop = listening.stop;
  return fake;
}
