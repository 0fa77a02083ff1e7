// iam-role: the instance role's credentials from the EC2 instance metadata
// service, as the CLI (2.9) fetches them:
//
//   PUT latest/api/token (x-aws-ec2-metadata-token-ttl-seconds: 21600)
//       200 → token; 403/404/405 or a read timeout → go on without one (IMDSv1);
//       400 → no credentials
//   GET latest/meta-data/iam/security-credentials/         → role name
//   GET latest/meta-data/iam/security-credentials/<role>   → AccessKeyId, SecretAccessKey, Token, Expiration
//
// (with x-aws-ec2-metadata-token when there is a token). Each request may take
// metadata_service_timeout seconds (1) and is tried metadata_service_num_attempts
// times (1); a non-200 or empty answer counts as a failure. Any failure means
// "no credentials here", never an error. The base URL is
// ec2_metadata_service_endpoint / AWS_EC2_METADATA_SERVICE_ENDPOINT as given
// (paths are appended to it, so it needs its trailing slash), else
// http://169.254.169.254/ or, in ipv6 mode, http://[fd00:ec2::254]/.
//
// Credentials close to their expiry are given a later one (15 minutes plus
// 2-10 random minutes), so that an instance keeps working while the metadata
// service cannot hand out new ones, as the CLI does. Kumo does this itself
// rather than with @smithy/credential-provider-imds, which reads its settings
// from the process environment and the SDK's own profile (not --profile) and
// fails where the CLI moves on.
import { GeneralError } from "../errors/index.ts";
import type { Settings } from "../config/settings.ts";
import { pyIntOf } from "../params/python-values.ts";
import { HttpFailure, metadataRequest } from "./metadata-http.ts";
import { RefreshingSource } from "./refreshing.ts";
import { expiryFields, parseExpiry, utcSeconds } from "./time.ts";
import type { CredentialSource, Credentials } from "./types.ts";

const METHOD = "iam-role";
const BASE_IPV4 = "http://169.254.169.254/";
const BASE_IPV6 = "http://[fd00:ec2::254]/";
const TOKEN_PATH = "latest/api/token";
const ROLE_PATH = "latest/meta-data/iam/security-credentials/";
const REFRESH_WINDOW_SECONDS = 15 * 60;

export interface ImdsConfig {
  baseUrl: string;
  timeoutMs: number;
  attempts: number;
}

/** The metadata settings: environment variable, else the profile's key. */
function setting(settings: Settings, envName: string, key: string): string | undefined {
  const env = settings.env;
  if (Object.hasOwn(env, envName) && env[envName] !== undefined) return env[envName];
  return settings.profileValue(key);
}

function intSetting(settings: Settings, envName: string, key: string, fallback: number): number {
  const raw = setting(settings, envName, key);
  if (raw === undefined) return fallback;
  const n = pyIntOf(raw);
  if (n === undefined) throw new GeneralError(`invalid literal for int() with base 10: '${raw}'`);
  return n;
}

const HOST_LABELS = /^((?!-)[a-z\d-]{1,63}(?<!-)\.)*((?!-)[a-z\d-]{1,63}(?<!-))$/i;

/** botocore's is_valid_uri: a scheme and a host name or address. */
function isValidUri(text: string): boolean {
  if (/[\t\r\n]/.test(text)) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  let host = url.hostname;
  if (!host) return false;
  if (host.startsWith("[")) return true;
  if (host.endsWith(".")) host = host.slice(0, -1);
  return host.length <= 255 && HOST_LABELS.test(host);
}

function invalidEndpoint(endpoint: string): GeneralError {
  return new GeneralError(`Invalid endpoint EC2 Instance Metadata endpoint: ${endpoint}`);
}

/** The metadata settings, checked as the CLI checks them when it builds its chain. */
export function imdsConfig(settings: Settings): ImdsConfig {
  const timeout = intSetting(settings, "AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout", 1);
  const attempts = intSetting(settings, "AWS_METADATA_SERVICE_NUM_ATTEMPTS", "metadata_service_num_attempts", 1);
  const modeRaw = setting(settings, "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode");
  let ipv6 = false;
  if (modeRaw !== undefined) {
    const mode = modeRaw.toLowerCase();
    if (mode !== "ipv4" && mode !== "ipv6") {
      throw new GeneralError(`Invalid EC2 Instance Metadata endpoint mode: ${modeRaw} Valid endpoint modes (case-insensitive): ('ipv4', 'ipv6').`);
    }
    ipv6 = mode === "ipv6";
  } else {
    ipv6 = (setting(settings, "AWS_IMDS_USE_IPV6", "imds_use_ipv6") ?? "").toLowerCase() === "true";
  }
  const endpoint = setting(settings, "AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint");
  const baseUrl = endpoint || (ipv6 ? BASE_IPV6 : BASE_IPV4);
  if (!isValidUri(baseUrl)) throw invalidEndpoint(baseUrl);
  return { baseUrl, timeoutMs: timeout * 1000, attempts };
}

class NoCredentialsHere extends Error {}

function urlFor(config: ImdsConfig, path: string): URL {
  const text = config.baseUrl + path;
  try {
    const url = new URL(text);
    if (url.port !== "" && !/^\d+$/.test(url.port)) throw new Error();
    return url;
  } catch {
    throw invalidEndpoint(text);
  }
}

async function fetchToken(config: ImdsConfig): Promise<string | undefined> {
  const url = urlFor(config, TOKEN_PATH);
  for (let i = 0; i < config.attempts; i++) {
    try {
      const res = await metadataRequest(url, {
        method: "PUT",
        headers: { "x-aws-ec2-metadata-token-ttl-seconds": "21600" },
        timeoutMs: config.timeoutMs,
      });
      if (res.status === 200) return res.body;
      if (res.status === 403 || res.status === 404 || res.status === 405) return undefined;
      if (res.status === 400) throw new NoCredentialsHere();
    } catch (e) {
      if (e instanceof HttpFailure && e.kind === "read-timeout") return undefined;
      if (!(e instanceof HttpFailure)) throw e;
    }
  }
  return undefined;
}

async function getText(config: ImdsConfig, path: string, token: string | undefined, isJson: boolean): Promise<string> {
  const url = urlFor(config, path);
  const headers: Record<string, string> = token !== undefined ? { "x-aws-ec2-metadata-token": token } : {};
  for (let i = 0; i < config.attempts; i++) {
    try {
      const res = await metadataRequest(url, { headers, timeoutMs: config.timeoutMs });
      if (res.status !== 200 || res.body === "") continue;
      if (isJson) {
        try {
          JSON.parse(res.body);
        } catch {
          continue;
        }
      }
      return res.body;
    } catch (e) {
      if (!(e instanceof HttpFailure)) throw e;
    }
  }
  throw new NoCredentialsHere();
}

/** The role's credentials, or undefined when the metadata service has none for us. */
export async function fetchInstanceCredentials(settings: Settings, config: ImdsConfig): Promise<Credentials | undefined> {
  let doc: Record<string, unknown>;
  try {
    const token = await fetchToken(config);
    const role = await getText(config, ROLE_PATH, token, false);
    doc = JSON.parse(await getText(config, ROLE_PATH + role, token, true)) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof NoCredentialsHere) return undefined;
    throw e;
  }
  if (doc === null || typeof doc !== "object") return undefined;
  for (const key of ["AccessKeyId", "SecretAccessKey", "Token", "Expiration"]) if (!Object.hasOwn(doc, key)) return undefined;
  let expiry = expiryFields(parseExpiry(doc.Expiration));
  if (typeof doc.Expiration === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(doc.Expiration)) {
    // Static stability: credentials about to expire are used for a while longer.
    const offsetMs = (REFRESH_WINDOW_SECONDS + 120 + Math.floor(Math.random() * 481)) * 1000;
    const now = settings.io.now().getTime();
    if (now >= expiry.expiration.getTime() - offsetMs) expiry = expiryFields(parseExpiry(utcSeconds(new Date(now + offsetMs))));
  }
  return {
    accessKeyId: String(doc.AccessKeyId),
    secretAccessKey: String(doc.SecretAccessKey),
    sessionToken: String(doc.Token),
    ...expiry,
  };
}

/** The iam-role link: undefined when the metadata service gives nothing. */
export async function imdsSource(settings: Settings): Promise<CredentialSource | undefined> {
  const config = imdsConfig(settings);
  const initial = await fetchInstanceCredentials(settings, config);
  if (!initial) return undefined;
  const refresh = async () => {
    const c = await fetchInstanceCredentials(settings, config);
    if (!c) {
      throw new GeneralError(
        `Error when retrieving credentials from ${METHOD}: Credential refresh failed, response did not contain: access_key, secret_key, token, expiry_time`,
      );
    }
    return c;
  };
  return new RefreshingSource(METHOD, refresh, { now: () => settings.io.now(), initial });
}
