// The IAM Identity Center calls sign-in makes: SSO OIDC (RegisterClient,
// StartDeviceAuthorization, CreateToken) and the portal (ListAccounts,
// ListAccountRoles, Logout). All are unsigned; the portal takes the access
// token as a parameter. The default implementation goes through kumo's SDK
// clients (so AWS_ENDPOINT_URL_SSO_OIDC, AWS_ENDPOINT_URL_SSO and [services]
// sections apply); tests may give their own.
import type { Settings } from "../config/settings.ts";
import type { DocObject } from "../output/document.ts";
import { ServiceError } from "../errors/index.ts";

export type ApiDoc = Record<string, unknown>;

export interface SsoApi {
  /** Calls an operation of "sso-oidc" or "sso" in `region`; service errors are ServiceError. */
  call(service: "sso-oidc" | "sso", operation: string, input: ApiDoc, region: string): Promise<ApiDoc>;
  /** The base URL (scheme://host[:port]) of the OIDC service in `region`, for the authorize endpoint. */
  oidcBaseUrl(region: string): Promise<string>;
}

/**
 * SSO OIDC errors carry `error` and `error_description` rather than a
 * message; kumo's general mapping would report them by HTTP status. This
 * names them by their type again (AuthorizationPendingException, ...).
 */
export function oidcError(e: unknown, operation: string): unknown {
  if (!(e instanceof ServiceError)) return e;
  const sdk = e.cause as { name?: string; error?: unknown; error_description?: unknown } | undefined;
  if (!sdk || typeof sdk.name !== "string" || !sdk.name.endsWith("Exception") || sdk.name === e.code) return e;
  const message = typeof sdk.error_description === "string" ? sdk.error_description : e.serviceMessage;
  return new ServiceError({
    code: sdk.name,
    operation,
    message: message === "Bad Request" && typeof sdk.error === "string" ? sdk.error : message,
    ...(e.statusCode !== undefined ? { statusCode: e.statusCode } : {}),
    ...(e.requestId !== undefined ? { requestId: e.requestId } : {}),
    cause: e.cause,
  });
}

export function sdkSsoApi(settings: Settings): SsoApi {
  return {
    async call(service, operation, input, region) {
      const { callAws } = await import("../credentials/aws-calls.ts");
      let doc: DocObject;
      try {
        ({ doc } = await callAws(settings, service, operation, input, { region }));
      } catch (e) {
        throw oidcError(e, operation);
      }
      const out: DocObject = { ...doc };
      delete out.ResponseMetadata;
      return out;
    },
    async oidcBaseUrl(region) {
      const [{ loadService }, { makeClient }] = await Promise.all([import("../services/load.ts"), import("../request/client.ts")]);
      const handle = await makeClient(settings, await loadService("sso-oidc"), { region, ignoreCliEndpoint: true, credentials: "anonymous" });
      try {
        if (handle.endpoint) return handle.endpoint.replace(/\/+$/, "");
        const provider = (handle.client.config as { endpointProvider: (p: Record<string, unknown>) => { url: URL } }).endpointProvider;
        const cfg = handle.client.config as { useFipsEndpoint?: () => Promise<boolean>; useDualstackEndpoint?: () => Promise<boolean> };
        const url = provider({
          Region: region,
          UseFIPS: cfg.useFipsEndpoint ? await cfg.useFipsEndpoint() : false,
          UseDualStack: cfg.useDualstackEndpoint ? await cfg.useDualstackEndpoint() : false,
        }).url;
        return `${url.protocol}//${url.host}`;
      } finally {
        handle.client.destroy();
      }
    },
  };
}
