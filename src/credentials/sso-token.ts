// SSO access tokens in ~/.aws/sso/cache, shared with the AWS CLI: the file of
// an sso-session is named after sha1(session name), a legacy profile's after
// sha1(start URL). A token file holds startUrl, region, accessToken,
// expiresAt and, from an sso-session login, clientId, clientSecret,
// registrationExpiresAt and refreshToken, with which an expiring token is
// renewed (SSO OIDC CreateToken) and written back.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { GeneralError, ServiceError } from "../errors/index.ts";
import type { Settings } from "../config/settings.ts";
import { writeFileAtomic } from "../util/atomic-write.ts";
import { pyJsonDumps } from "./pyjson.ts";
import { parseExpiry, secondsUntil, utcSeconds } from "./time.ts";

/** A token is renewed when fewer than this many seconds remain. */
export const TOKEN_REFRESH_WINDOW_SECONDS = 15 * 60;

export type SsoToken = Record<string, unknown> & { accessToken: string; expiresAt: string };

export interface SsoSessionConfig {
  /** The sso-session's name. */
  name: string;
  startUrl: string;
  region: string;
}

export function ssoCacheDir(home: string): string {
  return join(home, ".aws", "sso", "cache");
}

/** The token file's name without `.json`: sha1 of the session name, or of the start URL for a legacy profile. */
export function ssoTokenKey(startUrl: string, sessionName?: string): string {
  return createHash("sha1")
    .update(sessionName ?? startUrl, "utf8")
    .digest("hex");
}

export function ssoTokenPath(home: string, startUrl: string, sessionName?: string): string {
  return join(ssoCacheDir(home), `${ssoTokenKey(startUrl, sessionName)}.json`);
}

/** Reads a token file, failing with the CLI's messages when there is none or it is not usable. */
export function loadSsoToken(home: string, startUrl: string, sessionName?: string): SsoToken {
  const key = ssoTokenKey(startUrl, sessionName);
  const path = join(ssoCacheDir(home), `${key}.json`);
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) throw new GeneralError(`Error loading SSO Token: Token for ${sessionName ?? startUrl} does not exist`);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    // The CLI fails with the bare cache key here.
    throw new GeneralError(`'${key}'`);
  }
  const token = (doc !== null && typeof doc === "object" ? doc : {}) as Record<string, unknown>;
  if (!("accessToken" in token) || !("expiresAt" in token)) {
    throw new GeneralError(`Error loading SSO Token: Token for ${startUrl} is invalid`);
  }
  return token as SsoToken;
}

/** Writes a token file (atomic, mode 0600) as the CLI writes it. */
export function saveSsoToken(home: string, startUrl: string, sessionName: string | undefined, token: Record<string, unknown>): void {
  writeFileAtomic(ssoTokenPath(home, startUrl, sessionName), pyJsonDumps(token), { mode: 0o600, forceMode: true, dirMode: 0o700 });
}

const REFRESH_KEYS = ["refreshToken", "clientId", "clientSecret", "registrationExpiresAt"];

/** A renewed token, or undefined when the token cannot be renewed or the service refuses. */
async function renewToken(settings: Settings, session: SsoSessionConfig, token: SsoToken): Promise<SsoToken | undefined> {
  if (REFRESH_KEYS.some((k) => !(k in token))) return undefined;
  const now = settings.io.now();
  if (secondsUntil(parseExpiry(token.registrationExpiresAt), now) <= 0) return undefined;
  const { callAws } = await import("./aws-calls.ts");
  let doc: Record<string, unknown>;
  try {
    ({ doc } = await callAws(
      settings,
      "sso-oidc",
      "CreateToken",
      { grantType: "refresh_token", clientId: token.clientId, clientSecret: token.clientSecret, refreshToken: token.refreshToken },
      { region: session.region },
    ));
  } catch (e) {
    // The service said no (an expired refresh token...): the token is not renewed.
    if (e instanceof ServiceError) return undefined;
    throw e;
  }
  const renewed: SsoToken = {
    startUrl: session.startUrl,
    region: session.region,
    accessToken: String(doc.accessToken),
    expiresAt: utcSeconds(new Date(now.getTime() + Number(doc.expiresIn) * 1000)),
    clientId: token.clientId,
    clientSecret: token.clientSecret,
    registrationExpiresAt: token.registrationExpiresAt,
  };
  if (doc.refreshToken !== undefined) renewed.refreshToken = doc.refreshToken;
  return renewed;
}

/**
 * The access token of an sso-session, renewed (and saved) when fewer than 15
 * minutes remain and the token file allows it. An expired token that could
 * not be renewed is an error.
 */
export async function ssoSessionAccessToken(settings: Settings, session: SsoSessionConfig, hint?: string): Promise<string> {
  const home = settings.io.home;
  let token = loadSsoToken(home, session.startUrl, session.name);
  const now = settings.io.now();
  let remaining = secondsUntil(parseExpiry(token.expiresAt), now);
  if (remaining < TOKEN_REFRESH_WINDOW_SECONDS) {
    const renewed = await renewToken(settings, session, token);
    if (renewed) {
      token = renewed;
      remaining = secondsUntil(parseExpiry(renewed.expiresAt), now);
      saveSsoToken(home, session.startUrl, session.name, renewed);
    }
  }
  if (remaining <= 0) {
    throw new GeneralError("Error when retrieving token from sso: Token has expired and refresh failed", hint === undefined ? undefined : { hint });
  }
  return token.accessToken;
}
