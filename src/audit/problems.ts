// What an error that stopped a check becomes in the report: an AWS error code
// and message, or kumo's kind of error.
import { ConfigError, KumoError, NoCredentialsError, NoRegionError, ServiceError, UsageError, ParamError } from "../errors/index.ts";

/** A name for each kind of kumo error (class names do not survive bundling). */
function kind(e: KumoError): string {
  if (e instanceof NoCredentialsError) return "NoCredentials";
  if (e instanceof NoRegionError) return "NoRegion";
  if (e instanceof ConfigError) return "ConfigError";
  if (e instanceof UsageError || e instanceof ParamError) return "InvalidParameter";
  if (/Could not connect to the endpoint URL/.test(e.message)) return "EndpointConnectionError";
  if (/timed out|timeout/i.test(e.message)) return "Timeout";
  return "Error";
}

export function describeError(e: unknown): { code: string; message: string } {
  if (e instanceof ServiceError) return { code: e.code, message: e.serviceMessage || e.message };
  if (e instanceof KumoError) return { code: kind(e), message: e.message.trim() };
  if (e instanceof Error) return { code: e.name || "Error", message: e.message };
  return { code: "Error", message: String(e) };
}
