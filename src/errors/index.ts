// The few kinds of failure kumo reports, each mapped to the AWS CLI's exit
// code. Messages are built where the error is raised; the top level prints
// them the way AWS CLI v2 (2.9) does: a blank line, the message, a newline.

export const EXIT = {
  OK: 0,
  /** s3 high-level commands: a transfer failed; `s3 ls` matched nothing; `configure get` of an unset key. */
  GENERAL: 1,
  /** s3 high-level commands: files were skipped. */
  SKIPPED: 2,
  INTERRUPTED: 130,
  /** Usage: argument parsing, unknown options, shorthand/JSON errors, parameter validation. */
  USAGE: 252,
  /** Configuration: no credentials, no region, bad config values. */
  CONFIG: 253,
  /** The service answered with an error. */
  SERVICE: 254,
  /** Anything else: connection failures, unknown profile, bad values. */
  OTHER: 255,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class KumoError extends Error {
  readonly exitCode: number;
  /** Printed after the message on stderr; never part of stdout. */
  hint?: string | undefined;
  constructor(message: string, exitCode: number, options?: { cause?: unknown; hint?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = exitCode;
    this.hint = options?.hint;
  }
}

/** argparse-style errors: printed after the usage block as `kumo: error: <msg>`. */
export class UsageError extends KumoError {
  /** Usage text to print before the message; the generic one when undefined. */
  readonly usage: string | undefined;
  /** When true the message is printed bare (no `kumo: error:` prefix), as for unknown options. */
  readonly bare: boolean;
  constructor(message: string, options?: { usage?: string; bare?: boolean }) {
    super(message, EXIT.USAGE);
    this.usage = options?.usage;
    this.bare = options?.bare ?? false;
  }
}

/** Errors that are printed as a plain message with exit code 252 (validation, shorthand, JSON). */
export class ParamError extends KumoError {
  constructor(message: string) {
    super(message, EXIT.USAGE);
  }
}

export class ConfigError extends KumoError {
  constructor(message: string, options?: { hint?: string }) {
    super(message, EXIT.CONFIG, options);
  }
}

export class NoCredentialsError extends ConfigError {
  constructor(program = "kumo") {
    super(`Unable to locate credentials. You can configure credentials by running "${program} configure".`);
  }
}

export class NoRegionError extends ConfigError {
  constructor(program = "kumo") {
    super(`You must specify a region. You can also configure your region by running "${program} configure".`);
  }
}

export class ServiceError extends KumoError {
  readonly code: string;
  readonly operation: string;
  readonly serviceMessage: string;
  readonly statusCode: number | undefined;
  readonly requestId: string | undefined;
  constructor(init: {
    code: string;
    operation: string;
    message: string;
    retries?: number;
    statusCode?: number;
    requestId?: string;
    cause?: unknown;
  }) {
    const retried = init.retries ? ` (reached max retries: ${init.retries})` : "";
    super(
      `An error occurred (${init.code}) when calling the ${init.operation} operation${retried}: ${init.message}`,
      EXIT.SERVICE,
      { cause: init.cause },
    );
    this.code = init.code;
    this.operation = init.operation;
    this.serviceMessage = init.message;
    this.statusCode = init.statusCode;
    this.requestId = init.requestId;
  }
}

/** Everything else (exit 255): connection errors, unknown profiles, bad values. */
export class GeneralError extends KumoError {
  constructor(message: string, options?: { cause?: unknown; hint?: string }) {
    super(message, EXIT.OTHER, options);
  }
}

export class ProfileNotFoundError extends GeneralError {
  constructor(profile: string) {
    super(`The config profile (${profile}) could not be found`);
  }
}
