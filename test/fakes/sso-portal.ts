// IAM Identity Center on 127.0.0.1: the SSO portal API (what
// portal.sso.<region>.amazonaws.com serves) and the SSO OIDC API
// (oidc.<region>.amazonaws.com) on one port, with the published request and
// response shapes (restJson1).
//
// Portal (bearer token in the x-amz-sso_bearer_token header):
//   GET  /federation/credentials?role_name=&account_id=   GetRoleCredentials → {"roleCredentials": {..., "expiration": <ms>}}
//   GET  /assignment/accounts                             ListAccounts → {"accountList": [...]}
//   GET  /assignment/roles?account_id=                    ListAccountRoles → {"roleList": [...]}
//   POST /logout                                          Logout
// OIDC (JSON bodies):
//   POST /client/register                                 RegisterClient
//   POST /token  grantType=refresh_token                  CreateToken
//
// Errors are sent as the services send them: the x-amzn-ErrorType header, a
// JSON body with `message` (portal) or `error`/`error_description` (OIDC).
// Tests set up sessions with issueAccessToken / registerClient /
// issueRefreshToken and read `requests` to see what was called.
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
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
}

export interface SsoPortalFake {
  url: string;
  requests: RecordedRequest[];
  options: SsoPortalOptions;
  /** Makes `token` a valid bearer token for `seconds` (default an hour); returns it. */
  issueAccessToken(token?: string, seconds?: number): string;
  registerClient(): { clientId: string; clientSecret: string };
  /** A refresh token that CreateToken accepts from this client. */
  issueRefreshToken(clientId: string, token?: string): string;
  /** Invalidates an access or refresh token. */
  revoke(token: string): void;
  /** The requests made to one operation, by its API name (GetRoleCredentials, CreateToken, ...). */
  calls(operation: string): RecordedRequest[];
  stop(): Promise<void>;
}

export const DEFAULT_SSO_ACCOUNT: SsoAccount = {
  accountId: "123456789012",
  accountName: "kumo-dev",
  emailAddress: "dev@example.com",
  roles: ["Admin", "ReadOnly"],
};

function portalError(res: ServerResponse, status: number, type: string, message: string): void {
  sendJson(res, status, { message }, { "x-amzn-errortype": `${type}:http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/` });
}

function oidcError(res: ServerResponse, status: number, type: string, error: string, description: string): void {
  sendJson(res, status, { error, error_description: description }, { "x-amzn-errortype": `${type}:http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/` });
}

const token = (prefix: string) => `${prefix}${randomBytes(18).toString("base64url")}`;

function operationOf(method: string, path: string): string {
  if (method === "GET" && path === "/federation/credentials") return "GetRoleCredentials";
  if (method === "GET" && path === "/assignment/accounts") return "ListAccounts";
  if (method === "GET" && path === "/assignment/roles") return "ListAccountRoles";
  if (method === "POST" && path === "/logout") return "Logout";
  if (method === "POST" && path === "/client/register") return "RegisterClient";
  if (method === "POST" && path === "/token") return "CreateToken";
  return "Unknown";
}

export async function startSsoPortal(options: SsoPortalOptions = {}): Promise<SsoPortalFake> {
  const accessTokens = new Map<string, number>(); // token → expiry (ms)
  const clients = new Map<string, string>(); // clientId → clientSecret
  const refreshTokens = new Map<string, string>(); // refresh token → clientId
  const requests: RecordedRequest[] = [];

  const fake: SsoPortalFake = {
    url: "",
    requests,
    options,
    issueAccessToken(t = token("aoa"), seconds = 3600) {
      accessTokens.set(t, Date.now() + seconds * 1000);
      return t;
    },
    registerClient() {
      const clientId = token("client-");
      const clientSecret = token("secret-");
      clients.set(clientId, clientSecret);
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
    calls(operation) {
      return requests.filter((r) => operationOf(r.method, r.url.split("?")[0]!) === operation);
    },
    stop: async () => {},
  };

  const bearerValid = (value: string | string[] | undefined): boolean => {
    if (typeof value !== "string") return false;
    const exp = accessTokens.get(value);
    return exp !== undefined && exp > Date.now();
  };

  const listening = await listenLoopback(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", "http://localhost");
    requests.push({ method: req.method ?? "", url: req.url ?? "/", headers: { ...req.headers }, body });
    const accounts = fake.options.accounts ?? [DEFAULT_SSO_ACCOUNT];
    const op = operationOf(req.method ?? "", url.pathname);

    switch (op) {
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
          const accountList = accounts.map(({ accountId, accountName, emailAddress }) => ({ accountId, accountName, emailAddress }));
          return sendJson(res, 200, { accountList });
        }
        const accountId = url.searchParams.get("account_id") ?? "";
        const account = accounts.find((a) => a.accountId === accountId);
        if (op === "ListAccountRoles") {
          if (!account) return portalError(res, 403, "ForbiddenException", "No access");
          return sendJson(res, 200, { roleList: account.roles.map((roleName) => ({ roleName, accountId })) });
        }
        const roleName = url.searchParams.get("role_name") ?? "";
        if (!account || !account.roles.includes(roleName)) return portalError(res, 403, "ForbiddenException", "No access");
        const make =
          fake.options.roleCredentials ??
          (() => ({
            accessKeyId: "ASIASSOFAKEEXAMPLE01",
            secretAccessKey: "sso/fake/secret/EXAMPLEKEY",
            sessionToken: "sso-fake-session-token",
            expiration: Date.now() + 3600 * 1000,
          }));
        return sendJson(res, 200, { roleCredentials: await make(accountId, roleName) });
      }
      case "RegisterClient": {
        const input = JSON.parse(body || "{}") as { clientName?: string; clientType?: string };
        if (!input.clientName || !input.clientType) return oidcError(res, 400, "InvalidRequestException", "invalid_request", "clientName and clientType are required");
        const c = fake.registerClient();
        const now = Math.floor(Date.now() / 1000);
        return sendJson(res, 200, {
          clientId: c.clientId,
          clientSecret: c.clientSecret,
          clientIdIssuedAt: now,
          clientSecretExpiresAt: now + 90 * 86400,
        });
      }
      case "CreateToken": {
        const input = JSON.parse(body || "{}") as { clientId?: string; clientSecret?: string; grantType?: string; refreshToken?: string };
        if (!input.clientId || clients.get(input.clientId) !== input.clientSecret) {
          return oidcError(res, 401, "InvalidClientException", "invalid_client", "Invalid client provided");
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
        const refreshToken = fake.issueRefreshToken(input.clientId);
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
