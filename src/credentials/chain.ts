// The credential provider chain, in the AWS CLI's order. Each provider either
// returns credentials, returns undefined (not configured), or throws (configured
// but broken). Resolution is lazy (only when a request must be signed) and
// happens once per process.
import { ConfigError, NoCredentialsError } from "../errors/index.ts";
import type { Settings } from "../config/settings.ts";
import type { ResolvedCredentials } from "./types.ts";

export type Provider = (settings: Settings) => Promise<ResolvedCredentials | undefined> | ResolvedCredentials | undefined;

export function fromEnv(settings: Settings): ResolvedCredentials | undefined {
  // --profile on the command line turns environment credentials off.
  if (settings.globals.profile !== undefined) return undefined;
  const env = settings.env;
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  if (!accessKeyId) return undefined;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!secretAccessKey) throw new ConfigError("Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY");
  const sessionToken = env.AWS_SECURITY_TOKEN || env.AWS_SESSION_TOKEN || undefined;
  const exp = env.AWS_CREDENTIAL_EXPIRATION;
  return {
    credentials: { accessKeyId, secretAccessKey, sessionToken, expiration: exp ? new Date(exp) : undefined },
    method: "env",
  };
}

function fromProfileKeys(settings: Settings, fromCredentialsFile: boolean): ResolvedCredentials | undefined {
  const profile = settings.profile;
  if (!profile) return undefined;
  const name = settings.profileName.value;
  const sources = settings.files.sources[name] ?? {};
  const want = fromCredentialsFile ? "credentials-file" : "config-file";
  const key = (k: string): string | undefined => {
    const v = profile[k];
    return typeof v === "string" && (sources[k] ?? "config-file") === want ? v : undefined;
  };
  const accessKeyId = key("aws_access_key_id");
  const secretAccessKey = key("aws_secret_access_key");
  const method = fromCredentialsFile ? "shared-credentials-file" : "config-file";
  if (!accessKeyId && !secretAccessKey) return undefined;
  if (!accessKeyId) throw new ConfigError(`Partial credentials found in ${method}, missing: aws_access_key_id`);
  if (!secretAccessKey) throw new ConfigError(`Partial credentials found in ${method}, missing: aws_secret_access_key`);
  return {
    credentials: { accessKeyId, secretAccessKey, sessionToken: key("aws_session_token") ?? key("aws_security_token") },
    method,
    location: fromCredentialsFile ? settings.files.credentialsPath : settings.files.configPath,
  };
}

export const fromSharedCredentialsFile: Provider = (s) => fromProfileKeys(s, true);
export const fromConfigFile: Provider = (s) => fromProfileKeys(s, false);

export const DEFAULT_CHAIN: Provider[] = [fromEnv, fromSharedCredentialsFile, fromConfigFile];

const cache = new WeakMap<Settings, Promise<ResolvedCredentials>>();

export function resolveCredentials(settings: Settings, chain: Provider[] = DEFAULT_CHAIN): Promise<ResolvedCredentials> {
  let p = cache.get(settings);
  if (!p) {
    p = (async () => {
      settings.requireProfile();
      for (const provider of chain) {
        const r = await provider(settings);
        if (r) return r;
      }
      throw new NoCredentialsError();
    })();
    cache.set(settings, p);
  }
  return p;
}
