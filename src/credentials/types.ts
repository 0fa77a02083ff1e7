export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
  expiration?: Date | undefined;
  /**
   * The expiry as the CLI prints it: Python's isoformat() of the time as the
   * source wrote it, keeping its microseconds and zone offset, which a Date
   * cannot hold. Absent when the source gave a Date.
   */
  expirationIso?: string | undefined;
  accountId?: string | undefined;
}

/** Which link of the chain supplied credentials (shown by `configure list` and --debug). */
export interface ResolvedCredentials {
  credentials: Credentials;
  /**
   * The CLI's provider name: env, assume-role, assume-role-with-web-identity,
   * sso, shared-credentials-file, custom-process, config-file,
   * ec2-credentials-file, boto-config, container-role, iam-role.
   */
  method: string;
  /** Where they were read from (file path), for display. */
  location?: string | undefined;
}

/**
 * What one link of the chain found: credentials fetched already (static keys,
 * a process, a metadata service) or fetched on first use (assume-role, web
 * identity, SSO), refreshed as they near their expiry.
 */
export interface CredentialSource {
  method: string;
  location?: string | undefined;
  /** The credentials to sign with now. */
  get(): Promise<Credentials>;
}
