// container-role: credentials from the container credentials endpoint of
// ECS (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, under http://169.254.170.2) or
// of EKS Pod Identity and others (AWS_CONTAINER_CREDENTIALS_FULL_URI), with an
// Authorization header from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read for
// each request: it is rotated) or AWS_CONTAINER_AUTHORIZATION_TOKEN.
//
// A full URI must be https, a loopback address or one of the link-local
// container hosts (the current CLI's rule; 2.9 allowed only 169.254.170.2,
// localhost and 127.0.0.1, and had no token file). Each fetch waits 2 s,
// is tried 3 times with a 1 s pause after each failure, and fails with the
// CLI's (2.9) messages. Kumo does this itself rather than with the SDK's
// fromHttp, whose timeouts, host rule and messages differ.
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { GeneralError } from "../errors/index.ts";
import type { Settings } from "../config/settings.ts";
import { HttpFailure, metadataRequest } from "./metadata-http.ts";
import { osErrorMessage } from "./os-errors.ts";
import { RefreshingSource } from "./refreshing.ts";
import { expiryFields, parseExpiry } from "./time.ts";
import type { CredentialSource, Credentials } from "./types.ts";

const METHOD = "container-role";
const ECS_HOST = "169.254.170.2";
const ALLOWED_HOSTS = [ECS_HOST, "169.254.170.23", "fd00:ec2::23", "localhost"];
const TIMEOUT_MS = 2000;
const ATTEMPTS = 3;
const PAUSE_MS = 1000;

function isLoopback(host: string): boolean {
  const kind = isIP(host);
  if (kind === 4) return host.startsWith("127.");
  if (kind === 6) return new URL(`http://[${host}]/`).hostname === "[::1]";
  return false;
}

/** Python's urlparse(...).hostname: lower-cased, without brackets. */
function hostnameOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
}

export function checkContainerUrl(url: URL): void {
  if (url.protocol === "https:") return;
  const host = hostnameOf(url);
  if (isLoopback(host) || ALLOWED_HOSTS.includes(host)) return;
  throw new GeneralError(
    `Unsupported host '${host}'.  Can only retrieve metadata from a loopback address or one of these hosts: ${ALLOWED_HOSTS.join(", ")}`,
  );
}

function authorization(env: Record<string, string | undefined>): string | undefined {
  let token: string | undefined;
  const file = env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE;
  if (file !== undefined) {
    try {
      token = readFileSync(file, "utf8");
    } catch (e) {
      throw new GeneralError(osErrorMessage(e, file));
    }
  } else {
    token = env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
  }
  if (token !== undefined && (token.includes("\r") || token.includes("\n"))) {
    throw new GeneralError("Auth token value is not a legal header value");
  }
  return token;
}

async function getOnce(url: URL, headers: Record<string, string>): Promise<unknown> {
  let res;
  try {
    res = await metadataRequest(url, { headers, timeoutMs: TIMEOUT_MS });
  } catch (e) {
    if (e instanceof HttpFailure) throw new Error(`Received error when attempting to retrieve ECS metadata: ${e.message}`);
    throw e;
  }
  if (res.status !== 200) throw new Error(`Received non 200 response (${res.status}) from ECS metadata: ${res.body}`);
  try {
    return JSON.parse(res.body) as unknown;
  } catch {
    throw new Error("Unable to parse JSON returned from ECS metadata services");
  }
}

async function fetchContainerCredentials(settings: Settings, url: URL): Promise<Credentials> {
  checkContainerUrl(url);
  const headers: Record<string, string> = { Accept: "application/json" };
  const token = authorization(settings.env);
  if (token !== undefined) headers.Authorization = token;
  let doc: unknown;
  for (let attempt = 1; ; attempt++) {
    try {
      doc = await getOnce(url, headers);
      break;
    } catch (e) {
      await settings.io.sleep(PAUSE_MS);
      if (attempt >= ATTEMPTS) {
        throw new GeneralError(`Error when retrieving credentials from ${METHOD}: Error retrieving metadata: ${(e as Error).message}`);
      }
    }
  }
  const c = (doc !== null && typeof doc === "object" ? doc : {}) as Record<string, unknown>;
  for (const key of ["AccessKeyId", "SecretAccessKey", "Token", "Expiration"]) {
    if (!Object.hasOwn(c, key)) throw new GeneralError(`'${key}'`);
  }
  return {
    accessKeyId: String(c.AccessKeyId),
    secretAccessKey: String(c.SecretAccessKey),
    sessionToken: String(c.Token),
    ...expiryFields(parseExpiry(c.Expiration)),
    accountId: typeof c.AccountId === "string" ? c.AccountId : undefined,
  };
}

/** The endpoint's URL: the relative URI (under the ECS host) wins over the full URI. */
export function containerUrl(env: Record<string, string | undefined>): string {
  const relative = env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
  return relative !== undefined ? `http://${ECS_HOST}${relative}` : env.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? "";
}

/** The container-role link (the chain calls it only when one of the URI variables is set). */
export async function containerSource(settings: Settings): Promise<CredentialSource> {
  const raw = containerUrl(settings.env);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new GeneralError(`Error when retrieving credentials from ${METHOD}: Error retrieving metadata: Invalid URL: ${raw}`);
  }
  const initial = await fetchContainerCredentials(settings, url);
  return new RefreshingSource(METHOD, () => fetchContainerCredentials(settings, url), { now: () => settings.io.now(), initial });
}
