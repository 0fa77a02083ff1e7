// Which failed attempts AWS CLI v2 retries (botocore's "standard" retry
// conditions), decided from what the SDK throws. The SDK has its own lists
// (@smithy/core/retry service-error-classification); they differ from the
// CLI's (the SDK retries HTTP 429 and every Node network error code by name,
// reads the error's modelled name rather than the code on the wire, and
// retries some clock-skew errors), so kumo decides with the CLI's rules.
import { KumoError } from "../errors/index.ts";

/** Error codes the CLI treats as throttling (retried, and they slow the adaptive limiter). */
export const THROTTLING_CODES = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestThrottledException",
  "TooManyRequestsException",
  "ProvisionedThroughputExceededException",
  "TransactionInProgressException",
  "RequestLimitExceeded",
  "BandwidthLimitExceeded",
  "LimitExceededException",
  "RequestThrottled",
  "SlowDown",
  "PriorRequestNotComplete",
  "EC2ThrottledException",
]);

/** Error codes the CLI treats as transient. */
export const TRANSIENT_CODES = new Set(["RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"]);

export const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);

/** Codes a service answers with when the request's time is too far from its own. */
export const SKEW_CODES = new Set(["RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture"]);

/** Codes of a failed signature check, which may also be a skewed clock. */
export const SIGNATURE_CODES = new Set(["SignatureDoesNotMatch", "InvalidSignatureException", "AuthFailure"]);

/** Node.js errors of the connection itself: botocore's ConnectionError / HTTPClientError family. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNABORTED",
  "EPROTO",
  "ERR_SSL_WRONG_VERSION_NUMBER",
  "KUMO_PROXY",
]);

/** Node's certificate errors (botocore's SSLError is a ConnectionError, so retried too). */
const TLS_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** Protocols whose error responses botocore parses as XML without a fallback. */
const QUERY_PROTOCOLS = new Set(["AwsQueryProtocol", "AwsEc2QueryProtocol"]);

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  Error?: { Code?: string };
  cause?: unknown;
  $metadata?: { httpStatusCode?: number; clockSkewCorrected?: boolean };
  $response?: { statusCode?: number; headers?: Record<string, string> };
  $responseBodyText?: string;
  $retryable?: { throttling?: boolean };
}

export interface AttemptFailure {
  /** The CLI would retry this (attempts and quota allowing). */
  retryable: boolean;
  /** A throttling answer (also what the adaptive limiter reacts to). */
  throttling: boolean;
  /** A connect or read timeout (costs twice as much retry quota). */
  timeout: boolean;
  /** No HTTP response at all (connection refused, reset, timeout, TLS). */
  connection: boolean;
  /** The SDK measured a clock skew from the response's Date and corrected its signing clock. */
  skewCorrected: boolean;
  /** The service's error code as sent, or the HTTP status when there was none. */
  code: string | undefined;
  status: number | undefined;
}

/** The error code on the wire: query/XML `<Code>`, JSON `__type`; the SDK keeps it in Code, else names the error after it. */
export function wireCode(e: SdkErrorLike): string | undefined {
  if (typeof e.Code === "string") return e.Code;
  if (typeof e.Error?.Code === "string") return e.Error.Code;
  const name = e.name;
  if (!name || name === "Error" || name === "Unknown" || name === "UnknownError") return undefined;
  return name;
}

function nodeCode(e: SdkErrorLike): string | undefined {
  const own = typeof e.code === "string" ? e.code : undefined;
  if (own) return own;
  const cause = e.cause as SdkErrorLike | undefined;
  return cause && typeof cause.code === "string" ? cause.code : undefined;
}

/**
 * A response botocore cannot parse and so never retries: a query/ec2 error
 * body that is not XML (anything but an empty or `<html>` 5xx body).
 */
export function isUnparsedQueryResponse(e: SdkErrorLike, protocol: string | undefined): boolean {
  if (protocol === undefined || !QUERY_PROTOCOLS.has(protocol)) return false;
  if (!(e.$metadata && typeof e.message === "string" && e.message.includes("Deserialization error"))) return false;
  const status = e.$metadata.httpStatusCode ?? e.$response?.statusCode ?? 0;
  const body = (e.$responseBodyText ?? "").trim();
  return !(status >= 500 && (body === "" || body.startsWith("<html>")));
}

/** Timeouts of the HTTP handler (connect or read). */
export function isTimeout(e: SdkErrorLike): boolean {
  const code = nodeCode(e);
  // NodeHttpHandler also names ECONNRESET and EPIPE "TimeoutError"; they are not timeouts.
  if (code === "ECONNRESET" || code === "EPIPE") return false;
  return e.name === "TimeoutError" || code === "ETIMEDOUT";
}

/** How the CLI would treat one failed attempt. `service` is kumo's service name (e.g. "sts"). */
export function classifyFailure(err: unknown, opts: { protocol?: string | undefined; service?: string | undefined } = {}): AttemptFailure {
  const none: AttemptFailure = {
    retryable: false,
    throttling: false,
    timeout: false,
    connection: false,
    skewCorrected: false,
    code: undefined,
    status: undefined,
  };
  // kumo's own failures (credentials, configuration) are final.
  if (err instanceof KumoError || err === null || typeof err !== "object") return none;
  const e = err as SdkErrorLike;
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  if (status === undefined) {
    const code = nodeCode(e);
    const timeout = isTimeout(e);
    const connection =
      timeout ||
      (code !== undefined && (CONNECTION_CODES.has(code) || TLS_CODES.has(code))) ||
      /socket hang up|ECONNRESET|Client network socket disconnected/i.test(e.message ?? "");
    return { ...none, retryable: connection, timeout, connection, code };
  }
  const code = wireCode(e);
  const skewCorrected = e.$metadata?.clockSkewCorrected === true;
  if (isUnparsedQueryResponse(e, opts.protocol)) return { ...none, status, code, skewCorrected };
  const throttling = (code !== undefined && THROTTLING_CODES.has(code)) || e.$retryable?.throttling === true;
  const transient =
    (code !== undefined && TRANSIENT_CODES.has(code)) ||
    TRANSIENT_STATUS.has(status) ||
    e.$retryable !== undefined ||
    (opts.service === "sts" && code === "IDPCommunicationError");
  return { ...none, retryable: throttling || transient, throttling, code, status, skewCorrected };
}

/** A failure the SDK's clock-skew correction applies to: the service refused the request's time or its signature. */
export function isSkewFailure(f: AttemptFailure): boolean {
  return f.skewCorrected && f.code !== undefined && (SKEW_CODES.has(f.code) || SIGNATURE_CODES.has(f.code));
}
