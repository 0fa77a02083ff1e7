// Middleware kumo adds to every SDK client: the --debug trace of each call
// (the call, the endpoint, every attempt with its status, time and the wait
// before the next, the outcome) and, when a call fails, the context its hint
// is made from.
//
//   kumoCall      initialize step, outermost: one per call (all attempts)
//   kumoAttempt   finalizeRequest step, after signing: one per attempt
import type { Settings } from "../config/settings.ts";
import type { HintContext } from "../errors/hints.ts";
import type { LoadedService, SdkClient } from "../services/load.ts";
import type { SharedHandler } from "./connection.ts";
import { redactBody, redactHeaders, type DebugLog } from "./debug.ts";
import { attachHintContext } from "./hint-context.ts";
import type { RetrySettings } from "./retry-config.ts";
import { describeFailure, type CliRetryStrategy } from "./retry-strategy.ts";

/** What a client learns while it works, shared with client.ts. */
export interface CallState {
  /** URL of the last request sent (for "Could not connect to the endpoint URL"). */
  lastUrl: string | undefined;
  credentialMethod: string | undefined;
  credentialLocation: string | undefined;
  accessKeyId: string | undefined;
  /** Set when getting the credentials failed. */
  credentialError?: unknown;
}

export interface LifecycleOptions {
  settings: Settings;
  service: LoadedService;
  region: string;
  endpoint: string | undefined;
  retry: RetrySettings;
  strategy: CliRetryStrategy;
  handler: SharedHandler;
  state: CallState;
  debug: DebugLog | undefined;
  /** False when --no-hints or cli_hints = false. */
  hints: boolean;
  onInsecureHost(hostname: string): void;
}

interface Req {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, unknown>;
  headers: Record<string, string>;
  body?: unknown;
}

interface Out {
  response?: { statusCode?: number; headers?: Record<string, string> };
  output?: { $metadata?: { attempts?: number; totalRetryDelay?: number; httpStatusCode?: number; requestId?: string } };
}

type Next = (args: { request?: Req; input?: unknown }) => Promise<Out>;
type Context = { commandName?: string; endpointV2?: { url?: URL } };

function operationName(context: Context): string {
  return (context.commandName ?? "").replace(/Command$/, "") || "unknown";
}

/** Seconds the server's clock is ahead of ours, from a response's Date header. */
export function measuredSkewSeconds(headers: Record<string, string> | undefined, now: number): number | undefined {
  const date = headers?.date ?? headers?.Date;
  if (!date) return undefined;
  const t = Date.parse(date);
  return Number.isNaN(t) ? undefined : (t - now) / 1000;
}

function stringSetting(settings: Settings, key: string): string | undefined {
  try {
    return settings.profileValue(key);
  } catch {
    return undefined;
  }
}

function hintContext(o: LifecycleOptions, client: SdkClient, operation: string, err: unknown): HintContext {
  const { settings, state } = o;
  const e = err as { $response?: { headers?: Record<string, string> } };
  const proxy = state.lastUrl ? o.handler.proxyFor(state.lastUrl) : undefined;
  const cfg = client.config as { signingName?: string; defaultSigningName?: string };
  return {
    service: o.service.name,
    actionPrefix: cfg.signingName ?? cfg.defaultSigningName ?? o.service.name,
    operation,
    region: o.region,
    profile: settings.profileName.value,
    credentialMethod: state.credentialMethod,
    credentialLocation: state.credentialLocation,
    accessKeyId: state.accessKeyId,
    ssoSession: stringSetting(settings, "sso_session"),
    ssoProfile: stringSetting(settings, "sso_account_id") !== undefined || stringSetting(settings, "sso_role_name") !== undefined,
    roleArn: stringSetting(settings, "role_arn"),
    sourceProfile: stringSetting(settings, "source_profile"),
    credentialProcess: stringSetting(settings, "credential_process"),
    webIdentityTokenFile: stringSetting(settings, "web_identity_token_file") ?? settings.env.AWS_WEB_IDENTITY_TOKEN_FILE,
    url: state.lastUrl,
    proxy: proxy?.display,
    endpointFromConfig: o.endpoint !== undefined,
    retryMode: o.retry.mode,
    maxAttempts: o.retry.maxAttempts,
    skewSeconds: measuredSkewSeconds(e.$response?.headers, Date.now()),
    skewCorrected: o.strategy.history.some((r) => r.reason === "skew"),
    metadataDisabled: (settings.env.AWS_EC2_METADATA_DISABLED ?? "").toLowerCase() === "true",
    metadataEndpoint: settings.env.AWS_EC2_METADATA_SERVICE_ENDPOINT ?? stringSetting(settings, "ec2_metadata_service_endpoint"),
    assumed: settings.env.KUMO_ASSUMED || undefined,
    vaultProfile: settings.env.KUMO_VAULT || undefined,
    credentialError: state.credentialError !== undefined && state.credentialError === err,
  };
}

export function installLifecycle(client: SdkClient, o: LifecycleOptions): void {
  const { debug, state } = o;

  client.middlewareStack.add(
    (next: Next, context: Context) => async (args: { input?: unknown }) => {
      const operation = operationName(context);
      const started = Date.now();
      const before = o.strategy.history.length;
      debug?.("kumo.call", `Calling ${o.service.name}.${operation} in ${o.region}`);
      try {
        const out = await next(args);
        const meta = out.output?.$metadata;
        debug?.(
          "kumo.call",
          `${operation} succeeded: HTTP ${meta?.httpStatusCode ?? "?"}, ${meta?.attempts ?? 1} attempt(s), ` +
            `${Date.now() - started} ms in all (${meta?.totalRetryDelay ?? 0} ms of it waiting to retry)` +
            (meta?.requestId ? `, RequestId: ${meta.requestId}` : ""),
        );
        return out;
      } catch (err) {
        const meta = (err as { $metadata?: { attempts?: number; totalRetryDelay?: number } }).$metadata;
        if (debug) {
          const failures = o.strategy.history.slice(before);
          const last = failures[failures.length - 1];
          debug(
            "kumo.call",
            `${operation} failed after ${meta?.attempts ?? 1} attempt(s) and ${Date.now() - started} ms ` +
              `(${meta?.totalRetryDelay ?? 0} ms of it waiting to retry)` +
              (last ? `: ${describeFailure(last.failure) || "error"}, ${reasonText(last.reason)}` : ""),
          );
        }
        attachHintContext(err, o.hints ? hintContext(o, client, operation, err) : null);
        throw err;
      }
    },
    { step: "initialize", name: "kumoCall", priority: "high" },
  );

  client.middlewareStack.add(
    (next: Next, context: Context) => async (args: { request?: Req }) => {
      const r = args.request;
      if (!r || !r.hostname) return next(args);
      state.lastUrl = `${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ""}${r.path}`;
      if (r.protocol === "https:") o.onInsecureHost(r.hostname);
      if (!debug) return next(args);
      const attempt = /attempt=(\d+)/.exec(r.headers["amz-sdk-request"] ?? "")?.[1] ?? "1";
      if (attempt === "1" && context.endpointV2?.url) debug("kumo.endpoint", `Endpoint provider result: ${context.endpointV2.url.href}`);
      const proxy = o.handler.proxyFor(state.lastUrl);
      const body = typeof r.body === "string" ? r.body : r.body instanceof Uint8Array ? Buffer.from(r.body).toString("utf8") : "";
      debug(
        "kumo.request",
        `Attempt ${attempt} of ${o.retry.maxAttempts}: sending http request: method=${r.method}, url=${state.lastUrl}` +
          (proxy ? ` (through proxy ${proxy.display})` : "") +
          `, headers=${JSON.stringify(redactHeaders(r.headers))}`,
      );
      if (body) debug("kumo.request", `Request body:\n${redactBody(body)}`);
      const started = Date.now();
      try {
        const out = await next(args);
        const skew = measuredSkewSeconds(out.response?.headers, Date.now());
        debug(
          "kumo.request",
          `Attempt ${attempt}: response received: status=${out.response?.statusCode} in ${Date.now() - started} ms` +
            (skew !== undefined && Math.abs(skew) >= 5 ? ` (the service's clock is ${Math.round(skew)} s from ours)` : "") +
            `, headers=${JSON.stringify(redactHeaders(out.response?.headers ?? {}))}`,
        );
        return out;
      } catch (e) {
        const err = e as Error & { $metadata?: { httpStatusCode?: number } };
        const status = err.$metadata?.httpStatusCode;
        debug(
          "kumo.request",
          `Attempt ${attempt}: request failed after ${Date.now() - started} ms${status ? ` with status=${status}` : ""}: ${err.name}: ${err.message}`,
        );
        throw e;
      }
    },
    { step: "finalizeRequest", name: "kumoAttempt", priority: "low" },
  );
}

function reasonText(reason: string): string {
  switch (reason) {
    case "max-attempts":
      return "max attempts reached";
    case "quota":
      return "retry quota exhausted";
    case "not-retryable":
      return "not retryable";
    default:
      return reason;
  }
}
