// retry_mode / AWS_RETRY_MODE and max_attempts / AWS_MAX_ATTEMPTS, read and
// checked as AWS CLI v2 reads them (environment over profile; only
// "standard" and "adaptive" exist in v2; an integer of at least one), with
// its messages (exit 255).
import { GeneralError } from "../errors/index.ts";
import { pyIntOf, pyStrRepr } from "../params/python-values.ts";
import type { RetryMode } from "./retry-strategy.ts";

export interface RetrySettings {
  mode: RetryMode;
  maxAttempts: number;
  /** Where each came from, for the --debug trace. */
  modeSource: string;
  maxAttemptsSource: string;
}

export function retrySettings(env: Record<string, string | undefined>, profileValue: (key: string) => string | undefined): RetrySettings {
  let maxAttemptsSource = "default";
  let rawAttempts: string | undefined;
  if (env.AWS_MAX_ATTEMPTS !== undefined) {
    rawAttempts = env.AWS_MAX_ATTEMPTS;
    maxAttemptsSource = "AWS_MAX_ATTEMPTS";
  } else if (profileValue("max_attempts") !== undefined) {
    rawAttempts = profileValue("max_attempts");
    maxAttemptsSource = "max_attempts in the profile";
  }
  let maxAttempts = 3;
  if (rawAttempts !== undefined) {
    const n = pyIntOf(rawAttempts);
    if (n === undefined) throw new GeneralError(`invalid literal for int() with base 10: ${pyStrRepr(rawAttempts)}`);
    if (n < 1) throw new GeneralError(`Value provided to "max_attempts": ${n} must be an integer greater than or equal to one.`);
    maxAttempts = n;
  }
  let modeSource = "default";
  let mode = "standard";
  if (env.AWS_RETRY_MODE !== undefined) {
    mode = env.AWS_RETRY_MODE;
    modeSource = "AWS_RETRY_MODE";
  } else if (profileValue("retry_mode") !== undefined) {
    mode = profileValue("retry_mode")!;
    modeSource = "retry_mode in the profile";
  }
  if (mode !== "standard" && mode !== "adaptive") {
    throw new GeneralError(`Invalid value provided to "mode": "${mode}" must be one of: "standard" or "adaptive"`);
  }
  return { mode, maxAttempts, modeSource, maxAttemptsSource };
}
