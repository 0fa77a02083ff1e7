// The endpoint URL a service client should use when one is configured
// (AWS CLI v2 ≥ 2.13), first non-empty wins:
//
//   1. --endpoint-url
//   2. AWS_ENDPOINT_URL_<SERVICE_ID>       e.g. AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2
//   3. AWS_ENDPOINT_URL
//   4. <service_id>.endpoint_url in the [services NAME] section named by the
//      profile's `services` key         e.g. elastic_load_balancing_v2 =
//                                                endpoint_url = http://...
//   5. the profile's endpoint_url
//
// Sources 2-5 are skipped when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, or else the
// profile's ignore_configured_endpoint_urls, is "true" (any case). The
// environment variable wins over the profile even when it says "false" or is
// empty.
//
// SERVICE_ID is the service's id (`DynamoDB`, `Elastic Load Balancing v2`)
// with spaces and hyphens turned into underscores: upper-cased for the
// environment variable, lower-cased in the services section.

import { GeneralError } from "../errors/index.ts";
import type { ConfigFiles, Profile } from "./files.ts";

export interface ConfiguredEndpointUrlOptions {
  /** The service id (`S3`, `DynamoDB`, `Elastic Load Balancing v2`) or its hyphenated form (`elastic-load-balancing-v2`). */
  serviceId: string;
  /** The active profile, undefined when it has no settings. */
  profile: Profile | undefined;
  services: ConfigFiles["services"];
  env: Record<string, string | undefined>;
  /** The --endpoint-url option. */
  cliEndpointUrl?: string | undefined;
  /**
   * Overrides both AWS_IGNORE_CONFIGURED_ENDPOINT_URLS and the profile
   * setting, as an SDK client's own configuration does. The CLI has no
   * option for it.
   */
  ignoreConfiguredEndpointUrls?: boolean | undefined;
}

/** `Elastic Load Balancing v2` → `elastic_load_balancing_v2` (the key in a services section). */
export function endpointServiceKey(serviceId: string): string {
  return serviceId.replace(/[ -]/g, "_").toLowerCase();
}

/** `Elastic Load Balancing v2` → `AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2`. */
export function endpointUrlEnvName(serviceId: string): string {
  return `AWS_ENDPOINT_URL_${serviceId.replace(/[ -]/g, "_").toUpperCase()}`;
}

function isTrue(value: unknown): boolean {
  return typeof value === "string" && value.toLowerCase() === "true";
}

function envValue(env: Record<string, string | undefined>, name: string): string | undefined {
  return Object.hasOwn(env, name) ? env[name] : undefined;
}

/** Whether configured endpoint URLs (environment and config files) are to be ignored. */
export function ignoresConfiguredEndpointUrls(
  env: Record<string, string | undefined>,
  profile: Profile | undefined,
): boolean {
  const fromEnv = envValue(env, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  if (fromEnv !== undefined) return isTrue(fromEnv);
  return profile !== undefined && Object.hasOwn(profile, "ignore_configured_endpoint_urls")
    ? isTrue(profile.ignore_configured_endpoint_urls)
    : false;
}

/**
 * The endpoint URL configured for a service, or undefined to use the one the
 * SDK resolves from the region. Throws GeneralError when the profile names a
 * services section that does not exist (or is empty) and no environment
 * variable has already decided the endpoint.
 */
export function resolveConfiguredEndpointUrl(opts: ConfiguredEndpointUrlOptions): string | undefined {
  if (opts.cliEndpointUrl !== undefined) return opts.cliEndpointUrl;
  const { env, profile } = opts;
  const ignore = opts.ignoreConfiguredEndpointUrls ?? ignoresConfiguredEndpointUrls(env, profile);
  if (ignore) return undefined;

  const fromServiceEnv = envValue(env, endpointUrlEnvName(opts.serviceId));
  if (fromServiceEnv) return fromServiceEnv;
  const fromGlobalEnv = envValue(env, "AWS_ENDPOINT_URL");
  if (fromGlobalEnv) return fromGlobalEnv;
  if (profile === undefined) return undefined;

  if (Object.hasOwn(profile, "services")) {
    const name = profile.services;
    if (typeof name !== "string") throw new GeneralError("unhashable type: 'dict'");
    const section = Object.hasOwn(opts.services, name) ? opts.services[name] : undefined;
    if (section === undefined || Object.keys(section).length === 0) {
      throw new GeneralError(
        `The profile is configured to use the services section but the "${name}" services configuration does not exist.`,
      );
    }
    const key = endpointServiceKey(opts.serviceId);
    const settings = Object.hasOwn(section, key) ? section[key] : undefined;
    const fromSection = settings !== undefined && Object.hasOwn(settings, "endpoint_url") ? settings.endpoint_url : undefined;
    if (fromSection) return fromSection;
  }

  const fromProfile = Object.hasOwn(profile, "endpoint_url") ? profile.endpoint_url : undefined;
  return typeof fromProfile === "string" && fromProfile !== "" ? fromProfile : undefined;
}
