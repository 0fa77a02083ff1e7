// Maps what the SDK throws to kumo's typed errors, with the AWS CLI's messages.
import { GeneralError, KumoError, ServiceError } from "../errors/index.ts";
import { pyBytesRepr } from "../params/python-values.ts";
import { hintOf } from "./hint-context.ts";

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
  $response?: { statusCode?: number; reason?: string };
  $responseBodyText?: string;
  Code?: string;
  Error?: { Code?: string };
  cause?: unknown;
}

const CONNECT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EPROTO"]);

/** The connection broke after the request went out: botocore's ConnectionClosedError. */
const CLOSED_CODES = new Set(["ECONNRESET", "EPIPE"]);

/** Node's certificate errors, worded as OpenSSL words them in the CLI's message. */
const TLS_CODES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed certificate",
  SELF_SIGNED_CERT_IN_CHAIN: "self-signed certificate in certificate chain",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "unable to get local issuer certificate",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "unable to get local issuer certificate",
  CERT_HAS_EXPIRED: "certificate has expired",
  ERR_TLS_CERT_ALTNAME_INVALID: "Hostname mismatch, certificate is not valid for this host",
};

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  412: "Precondition Failed",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** Protocols whose error responses botocore parses as XML without a fallback (query, ec2). */
const QUERY_PROTOCOLS = new Set(["AwsQueryProtocol", "AwsEc2QueryProtocol"]);

/**
 * A response the SDK could not parse. botocore takes a 5xx whose body is
 * empty or starts with `<html>` as a bare HTTP error, and so does every
 * protocol but query/ec2 for any error body it cannot parse; query/ec2 fail
 * with ResponseParserError (exit 255).
 */
function unparsedResponse(e: SdkError, operation: string, protocol: string | undefined, err: unknown): KumoError {
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode ?? 0;
  const body = e.$responseBodyText ?? "";
  const trimmed = body.trim();
  const generic = status >= 500 && (trimmed === "" || trimmed.startsWith("<html>"));
  if (!generic && protocol !== undefined && QUERY_PROTOCOLS.has(protocol)) {
    // Python's XML parser names the fault; for text that is not XML at all it says this.
    return new GeneralError(
      `Unable to parse response (syntax error: line 1, column 0), invalid XML received. Further retries may succeed:\n${pyBytesRepr(Buffer.from(body, "utf8"))}`,
      { cause: err },
    );
  }
  const attempts = e.$metadata?.attempts ?? 1;
  return new ServiceError({
    code: String(status),
    operation,
    message: REASONS[status] ?? e.$response?.reason ?? "",
    retries: attempts > 1 ? attempts - 1 : 0,
    statusCode: status,
    cause: err,
  });
}

/**
 * The kumo error for what the SDK threw; `protocol` is the service pack's
 * (e.g. `AwsQueryProtocol`). When the client recorded what it knew about the
 * call (client.ts), the error also gets its hint.
 */
export function toKumoError(err: unknown, operation: string, url: string | undefined, protocol?: string): KumoError {
  const out = mapError(err, operation, url, protocol);
  const hint = hintOf(err, out);
  if (hint !== undefined && out.hint === undefined) out.hint = hint;
  return out;
}

function mapError(err: unknown, operation: string, url: string | undefined, protocol?: string): KumoError {
  if (err instanceof KumoError) return err;
  const e = (err ?? {}) as SdkError & { proxyDisplay?: string };
  const code = e.code ?? (e.cause as SdkError | undefined)?.code;
  if (code === "KUMO_PROXY") return new GeneralError(`Failed to connect to proxy URL: "${e.proxyDisplay ?? "unknown"}"`, { cause: err });
  // NodeHttpHandler names a reset connection "TimeoutError" too; botocore calls it closed.
  if ((code && CLOSED_CODES.has(code)) || (!e.$metadata?.httpStatusCode && /socket hang up/i.test(e.message ?? ""))) {
    return new GeneralError(`Connection was closed before we received a valid response from endpoint URL: "${url ?? "unknown"}".`, { cause: err });
  }
  if (e.name === "TimeoutError" || code === "ETIMEDOUT" || code === "ECONNABORTED") {
    const connect = /connect|socket hang up|connection timeout/i.test(e.message ?? "") && !/request timeout|socket timed out/i.test(e.message ?? "");
    return new GeneralError(`${connect ? "Connect" : "Read"} timeout on endpoint URL: "${url ?? "unknown"}"`, { cause: err });
  }
  if (code && TLS_CODES[code] !== undefined) {
    return new GeneralError(`SSL validation failed for ${url ?? "unknown"} [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${TLS_CODES[code]}`, {
      cause: err,
    });
  }
  if (code && CONNECT_CODES.has(code)) {
    return new GeneralError(`Could not connect to the endpoint URL: "${url ?? "unknown"}"`, { cause: err });
  }
  if (e.$metadata && typeof e.message === "string" && e.message.includes("Deserialization error")) {
    return unparsedResponse(e, operation, protocol, err);
  }
  if (e.$metadata && (e.$fault || e.$metadata.httpStatusCode)) {
    const status = e.$metadata.httpStatusCode ?? e.$response?.statusCode;
    // The CLI reports the code on the wire (query/XML <Code>, JSON __type);
    // the SDK names errors after their modelled shape, which can differ
    // (NoSuchEntity vs NoSuchEntityException), and keeps the wire code in Code.
    const wire = typeof e.Code === "string" ? e.Code : typeof e.Error?.Code === "string" ? e.Error.Code : undefined;
    let errCode = wire ?? (e.name && e.name !== "Error" ? e.name : undefined);
    let message = e.message ?? "";
    // query/ec2 errors are XML to botocore: an empty body below 500 does not parse.
    if (protocol !== undefined && QUERY_PROTOCOLS.has(protocol) && status !== undefined && status < 500 && !wire && (message === "UnknownError" || !message)) {
      const body = e.$responseBodyText ?? "";
      if (body.trim() === "") {
        return new GeneralError(
          `Unable to parse response (no element found: line 1, column 0), invalid XML received. Further retries may succeed:\n${pyBytesRepr(Buffer.from(body, "utf8"))}`,
          { cause: err },
        );
      }
    }
    // A response with no error body: the CLI reports the HTTP status and reason.
    if ((!errCode || message === "UnknownError" || errCode === "Unknown") && status !== undefined) {
      if (message === "UnknownError" || !message || errCode === "Unknown") {
        errCode = String(status);
        message = REASONS[status] ?? e.$response?.reason ?? "";
      }
    }
    const attempts = e.$metadata.attempts ?? 1;
    return new ServiceError({
      code: errCode ?? String(status ?? "Unknown"),
      operation,
      message,
      retries: attempts > 1 ? attempts - 1 : 0,
      ...(status !== undefined ? { statusCode: status } : {}),
      ...(e.$metadata.requestId ? { requestId: e.$metadata.requestId } : {}),
      cause: err,
    });
  }
  return new GeneralError(e.message ?? String(err), { cause: err });
}
