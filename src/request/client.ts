// Builds the SDK client for one service from the resolved settings: region,
// endpoint, credentials, retries, timeouts and TLS. The SDK does the wire
// work; this decides what to ask of it.
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { NoAuthSigner } from "@smithy/core";
import { Agent as HttpsAgent } from "node:https";
import { Agent as HttpAgent } from "node:http";
import { readFileSync } from "node:fs";
import type { Settings } from "../config/settings.ts";
import { resolveConfiguredEndpointUrl } from "../config/endpoint-url.ts";
import { GeneralError, NoRegionError } from "../errors/index.ts";
import type { Credentials } from "../credentials/types.ts";
import type { LoadedService, SdkClient } from "../services/load.ts";
import { installWireValueCapture } from "./wire-values.ts";
import { installQueryFastPath } from "./query-fast-path.ts";
import { debugLogger, redactBody, redactHeaders } from "./debug.ts";

export interface ClientOptions {
  /** Region override (e.g. a region loop in `kumo audit`). */
  region?: string;
  /** The AWS CLI ignores --endpoint-url for clients it makes on its own behalf (STS for assume-role, SSO). */
  ignoreCliEndpoint?: boolean;
  /**
   * Sign with these credentials instead of the profile's (kumo's own STS
   * calls), or send requests unsigned ("anonymous": web identity, SSO).
   */
  credentials?: Credentials | "anonymous";
}

export interface ClientHandle {
  client: SdkClient;
  region: string;
  endpoint: string | undefined;
  /** URL of the last request sent (for "Could not connect to the endpoint URL"). */
  lastUrl(): string | undefined;
}

function parseTimeout(raw: string | undefined, fallbackSeconds: number): number {
  if (raw === undefined) return fallbackSeconds * 1000;
  const t = raw.trim();
  if (!/^[-+]?\d+$/.test(t)) throw new GeneralError(`invalid literal for int() with base 10: '${raw}'`);
  const n = Number.parseInt(t, 10);
  return n === 0 ? 0 : n * 1000;
}

let warnedNodeVersion = false;
const warnedHosts = new Set<string>();

/** botocore's validate_region_name: a host label (Python's `$` also matches before a final newline). */
const VALID_REGION = /^(?![0-9]+\n?$)(?!-)[a-zA-Z0-9-]{0,63}(?<!-)\n?$/;

export async function makeClient(settings: Settings, service: LoadedService, opts: ClientOptions = {}): Promise<ClientHandle> {
  const g = settings.globals;
  const profile = settings.requireProfile();
  // S3 is the one service the CLI calls without a region (us-east-1, the global endpoint).
  const region = opts.region ?? settings.region?.value ?? (service.name === "s3api" ? "us-east-1" : undefined);
  if (!region) throw new NoRegionError();
  if (!VALID_REGION.test(region)) throw new GeneralError(`Provided region_name '${region}' doesn't match a supported format.`);

  const serviceId = service.pack.header.serviceId;
  const endpoint = resolveConfiguredEndpointUrl({
    serviceId,
    profile,
    services: settings.files.services,
    env: settings.env,
    cliEndpointUrl: opts.ignoreCliEndpoint ? undefined : g.endpointUrl,
  });

  const connectTimeout = parseTimeout(g.connectTimeout, 60);
  const readTimeout = parseTimeout(g.readTimeout, 60);
  const caBundle = g.caBundle ?? settings.env.AWS_CA_BUNDLE ?? settings.profileValue("ca_bundle");
  const httpsAgent = new HttpsAgent({
    keepAlive: true,
    rejectUnauthorized: g.verifySsl,
    ...(caBundle ? { ca: readFileSync(caBundle) } : {}),
  });
  const requestHandler = new NodeHttpHandler({
    connectionTimeout: connectTimeout,
    requestTimeout: readTimeout,
    httpsAgent,
    httpAgent: new HttpAgent({ keepAlive: true }),
  });

  const maxAttemptsRaw = settings.env.AWS_MAX_ATTEMPTS ?? settings.profileValue("max_attempts");
  const retryMode = settings.env.AWS_RETRY_MODE ?? settings.profileValue("retry_mode") ?? "standard";
  if (retryMode !== "standard" && retryMode !== "adaptive") {
    throw new GeneralError(`Invalid value provided to "mode": "${retryMode}" must be one of: "standard" or "adaptive"`);
  }
  const maxAttempts = maxAttemptsRaw === undefined ? 3 : Number.parseInt(maxAttemptsRaw, 10);

  const s3 = profile.s3;
  const s3cfg = typeof s3 === "object" ? s3 : {};
  const addressing = s3cfg.addressing_style ?? "auto";
  const truthy = (v: string | undefined) => v !== undefined && v.toLowerCase() === "true";

  let lastUrl: string | undefined;
  const config: Record<string, unknown> = {
    region,
    // Resolved on the first request to be signed, once per process; the
    // chain's code is loaded only then.
    credentials:
      typeof opts.credentials === "object"
        ? opts.credentials
        : async () => {
            const { credentialsForRequest } = await import("../credentials/chain.ts");
            return credentialsForRequest(settings, { region, debug: g.debug ? debugLogger(settings.io, true) : undefined });
          },
    maxAttempts,
    retryMode,
    requestHandler,
    useFipsEndpoint: truthy(settings.env.AWS_USE_FIPS_ENDPOINT ?? settings.profileValue("use_fips_endpoint")),
    useDualstackEndpoint: truthy(settings.env.AWS_USE_DUALSTACK_ENDPOINT ?? settings.profileValue("use_dualstack_endpoint")),
    // The CLI (2.9) sends and checks checksums only where an operation requires them.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    userAgentAppId: settings.env.AWS_SDK_UA_APP_ID ?? settings.profileValue("sdk_ua_app_id"),
    customUserAgent: `kumo/0.1.0`,
  };
  if (endpoint) config.endpoint = endpoint;
  if (service.name === "s3api") {
    config.forcePathStyle = addressing === "path" || (endpoint !== undefined && addressing !== "virtual");
    config.useAccelerateEndpoint = truthy(s3cfg.use_accelerate_endpoint);
    config.followRegionRedirects = true;
  }

  if (!warnedNodeVersion) {
    // The SDK warns on every Node.js release it plans to stop supporting; the
    // warning is for SDK users, not for kumo's.
    warnedNodeVersion = true;
    if (settings.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
    }
  }
  installWireValueCapture();
  const client = new service.module.Client(config);
  installQueryFastPath(client);
  if (!g.signRequest || opts.credentials === "anonymous") {
    const cfg = client.config as { httpAuthSchemes: { schemeId: string }[]; httpAuthSchemeProvider: unknown };
    if (!cfg.httpAuthSchemes.some((s) => s.schemeId === "smithy.api#noAuth")) {
      cfg.httpAuthSchemes.push({
        schemeId: "smithy.api#noAuth",
        identityProvider: () => async () => ({}),
        signer: new NoAuthSigner(),
      } as never);
    }
    cfg.httpAuthSchemeProvider = () => [{ schemeId: "smithy.api#noAuth" }];
  }
  const debug = debugLogger(settings.io, g.debug);
  type Req = { method: string; protocol: string; hostname: string; port?: number; path: string; query?: Record<string, unknown>; headers: Record<string, string>; body?: unknown };
  client.middlewareStack.add(
    (next: (a: { request: Req }) => Promise<{ response?: { statusCode?: number; headers?: Record<string, string> } }>) =>
      async (args: { request: Req }) => {
        const r = args.request;
        if (r && r.hostname) lastUrl = `${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ""}${r.path}`;
        if (!g.verifySsl && r.protocol === "https:" && !warnedHosts.has(r.hostname)) {
          warnedHosts.add(r.hostname);
          settings.io.stderr.write(
            `InsecureRequestWarning: Unverified HTTPS request is being made to host '${r.hostname}'. Adding certificate verification is strongly advised.\n`,
          );
        }
        if (!debug) return next(args);
        const body = typeof r.body === "string" ? r.body : r.body instanceof Uint8Array ? Buffer.from(r.body).toString("utf8") : "";
        debug("kumo.request", `Sending http request: method=${r.method}, url=${lastUrl}, headers=${JSON.stringify(redactHeaders(r.headers))}`);
        if (body) debug("kumo.request", `Request body:\n${redactBody(body)}`);
        const started = Date.now();
        try {
          const out = await next(args);
          debug("kumo.request", `Response received: status=${out.response?.statusCode} in ${Date.now() - started} ms, headers=${JSON.stringify(out.response?.headers ?? {})}`);
          return out;
        } catch (e) {
          debug("kumo.request", `Request failed after ${Date.now() - started} ms: ${(e as Error).name}: ${(e as Error).message}`);
          throw e;
        }
      },
    { step: "finalizeRequest", name: "kumoRecordRequest", priority: "low" },
  );
  if (debug) {
    debug("kumo.config", `Profile: ${settings.profileName.value} (from ${settings.profileName.source})`);
    debug("kumo.config", `Region: ${region} (from ${settings.region?.source ?? "default"})`);
    debug("kumo.endpoint", `Endpoint: ${endpoint ?? "resolved by the service's endpoint rules"}`);
    debug("kumo.retry", `Retry mode: ${retryMode}, max attempts: ${maxAttempts}`);
  }
  return { client, region, endpoint, lastUrl: () => lastUrl };
}
