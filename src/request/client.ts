// Builds the SDK client for one service from the resolved settings: region,
// endpoint, credentials, retries (retry-strategy.ts), the shared HTTP layer
// with timeouts, TLS and proxies (connection.ts), the --debug trace and the
// context of error hints (lifecycle.ts). The SDK does the wire work; this
// decides what to ask of it.
import { NoAuthSigner } from "@smithy/core";
import type { Settings } from "../config/settings.ts";
import { resolveConfiguredEndpointUrl } from "../config/endpoint-url.ts";
import { GeneralError, NoRegionError } from "../errors/index.ts";
import type { Credentials } from "../credentials/types.ts";
import type { LoadedService, SdkClient } from "../services/load.ts";
import { installWireValueCapture } from "./wire-values.ts";
import { installQueryFastPath } from "./query-fast-path.ts";
import { debugLogger, registerSecret, traceSigner } from "./debug.ts";
import { pyIntOf, pyStrRepr } from "../params/python-values.ts";
import { retrySettings } from "./retry-config.ts";
import { CliRetryStrategy } from "./retry-strategy.ts";
import { sharedHandler } from "./connection.ts";
import { installLifecycle, type CallState } from "./lifecycle.ts";
import { configureHints } from "../errors/hints.ts";

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

/** A --cli-*-timeout value in ms: Python's int() of the text, 0 for no limit. */
function parseTimeout(raw: string | undefined, fallbackSeconds: number): number {
  if (raw === undefined) return fallbackSeconds * 1000;
  const n = pyIntOf(raw);
  if (n === undefined) throw new GeneralError(`invalid literal for int() with base 10: ${pyStrRepr(raw)}`);
  return n <= 0 ? 0 : n * 1000;
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

  const io = settings.io;
  const retry = retrySettings(settings.env, (k) => settings.profileValue(k));
  const requestHandler = sharedHandler({
    connectTimeout: parseTimeout(g.connectTimeout, 60),
    readTimeout: parseTimeout(g.readTimeout, 60),
    verifySsl: g.verifySsl,
    caBundle: g.caBundle ?? settings.env.AWS_CA_BUNDLE ?? settings.profileValue("ca_bundle"),
    env: settings.env,
  });
  const hintsOn = configureHints(settings.env, settings.profileValue("cli_hints"));
  const debug = debugLogger(io, g.debug);

  const s3 = profile.s3;
  const s3cfg = typeof s3 === "object" ? s3 : {};
  const addressing = s3cfg.addressing_style ?? "auto";
  const truthy = (v: string | undefined) => v !== undefined && v.toLowerCase() === "true";

  const state: CallState = { lastUrl: undefined, credentialMethod: undefined, credentialLocation: undefined, accessKeyId: undefined };
  if (typeof opts.credentials === "object") {
    registerSecret(opts.credentials.secretAccessKey);
    registerSecret(opts.credentials.sessionToken);
    state.accessKeyId = opts.credentials.accessKeyId;
  }
  // The strategy reads the signing clock's offset from the client it serves.
  const made: { client?: SdkClient } = {};
  const strategy = new CliRetryStrategy({
    mode: retry.mode,
    maxAttempts: retry.maxAttempts,
    clock: { now: () => io.now().getTime(), sleep: (ms) => io.sleep(ms), random: Math.random },
    protocol: service.pack.header.protocol,
    service: service.name,
    debug,
    clockOffset: () => (made.client?.config as { systemClockOffset?: number } | undefined)?.systemClockOffset,
  });

  const config: Record<string, unknown> = {
    region,
    // Resolved on the first request to be signed, once per process; the
    // chain's code is loaded only then.
    credentials:
      typeof opts.credentials === "object"
        ? opts.credentials
        : async () => {
            const { credentialsForRequest, credentialSource } = await import("../credentials/chain.ts");
            try {
              const c = await credentialsForRequest(settings, { region, debug });
              registerSecret(c.secretAccessKey);
              registerSecret(c.sessionToken);
              const source = await credentialSource(settings, { region });
              state.credentialMethod = source.method;
              state.credentialLocation = source.location;
              state.accessKeyId = c.accessKeyId;
              return c;
            } catch (e) {
              state.credentialError = e;
              throw e;
            }
          },
    maxAttempts: retry.maxAttempts,
    retryStrategy: strategy,
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
  made.client = client;
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
  } else if (debug) {
    const cfg = client.config as { signer?: (authScheme?: unknown) => Promise<unknown> };
    const signer = cfg.signer;
    if (typeof signer === "function") {
      cfg.signer = async (authScheme?: unknown) => {
        const instance = await signer(authScheme);
        traceSigner(instance, debug);
        return instance;
      };
    }
  }

  installLifecycle(client, {
    settings,
    service,
    region,
    endpoint,
    retry,
    strategy,
    handler: requestHandler,
    state,
    debug,
    hints: hintsOn && g.hints,
    onInsecureHost: (hostname) => {
      if (g.verifySsl || warnedHosts.has(hostname)) return;
      warnedHosts.add(hostname);
      io.stderr.write(
        `InsecureRequestWarning: Unverified HTTPS request is being made to host '${hostname}'. Adding certificate verification is strongly advised.\n`,
      );
    },
  });
  if (debug) {
    debug("kumo.config", `Profile: ${settings.profileName.value} (from ${settings.profileName.source})`);
    debug("kumo.config", `Region: ${region} (from ${opts.region !== undefined ? "the caller" : (settings.region?.source ?? "default")})`);
    debug("kumo.endpoint", `Endpoint: ${endpoint ?? "resolved by the service's endpoint rules"}`);
    debug(
      "kumo.retry",
      `Retry mode: ${retry.mode} (from ${retry.modeSource}), max attempts: ${retry.maxAttempts} (from ${retry.maxAttemptsSource})`,
    );
  }
  return { client, region, endpoint, lastUrl: () => state.lastUrl };
}
