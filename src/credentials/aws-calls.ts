// The calls kumo makes on its own behalf while finding credentials: STS
// AssumeRole / AssumeRoleWithWebIdentity, SSO GetRoleCredentials, SSO OIDC
// CreateToken. As in the CLI these clients ignore --endpoint-url (endpoint
// settings from AWS_ENDPOINT_URL_<SERVICE> or [services] sections still
// apply), sign with the credentials given (or not at all) rather than the
// profile's, and use the region given by the caller.
import type { Settings } from "../config/settings.ts";
import type { DocObject } from "../output/document.ts";
import type { Credentials } from "./types.ts";

export interface AwsCallOptions {
  region: string;
  /** Sign with these; when absent the request is sent unsigned. */
  credentials?: Credentials | undefined;
}

export interface AwsCallResult {
  /** The response as the CLI parses it (timestamps as ISO 8601 text), plus ResponseMetadata. */
  doc: DocObject;
}

/** Calls `operation` of `serviceName` ("sts", "sso", "sso-oidc"); errors are kumo's (ServiceError for the service's own). */
export async function callAws(
  settings: Settings,
  serviceName: string,
  operation: string,
  input: Record<string, unknown>,
  opts: AwsCallOptions,
): Promise<AwsCallResult> {
  const [{ loadService }, { makeClient }, { toKumoError }, { operationShapes }, { normalizeResponse }] = await Promise.all([
    import("../services/load.ts"),
    import("../request/client.ts"),
    import("../request/errors.ts"),
    import("../services/shape.ts"),
    import("../output/normalize.ts"),
  ]);
  const service = await loadService(serviceName);
  const handle = await makeClient(settings, service, {
    region: opts.region,
    ignoreCliEndpoint: true,
    credentials: opts.credentials ?? "anonymous",
  });
  let headers: Record<string, string> = {};
  handle.client.middlewareStack.add(
    (next: (a: unknown) => Promise<{ response?: { headers?: Record<string, string> } }>) => async (args: unknown) => {
      const out = await next(args);
      headers = out.response?.headers ?? {};
      return out;
    },
    { step: "deserialize", name: "kumoResponseHeaders", priority: "low" },
  );
  const Cmd = service.commandClass(operation);
  let output: Record<string, unknown>;
  try {
    output = await handle.client.send(new Cmd(input));
  } catch (e) {
    throw toKumoError(e, operation, handle.lastUrl(), service.pack.header.protocol);
  } finally {
    handle.client.destroy();
  }
  const meta = (output.$metadata ?? {}) as { requestId?: string; httpStatusCode?: number; attempts?: number };
  const doc = normalizeResponse(output, operationShapes(service.pack.operation(operation)).output, "iso8601");
  doc.ResponseMetadata = {
    RequestId: meta.requestId ?? "",
    HTTPStatusCode: meta.httpStatusCode ?? 200,
    HTTPHeaders: headers,
    RetryAttempts: Math.max(0, (meta.attempts ?? 1) - 1),
  };
  return { doc };
}
