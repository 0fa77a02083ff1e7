export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
  expiration?: Date | undefined;
  accountId?: string | undefined;
}

/** Which link of the chain supplied credentials (shown by `configure list` and --debug). */
export interface ResolvedCredentials {
  credentials: Credentials;
  /** The CLI's provider name: env, shared-credentials-file, config-file, assume-role, sso, ... */
  method: string;
  /** Where they were read from (file path, env var names), for display. */
  location?: string | undefined;
}
