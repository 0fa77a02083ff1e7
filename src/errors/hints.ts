// What to do next, printed on stderr after the CLI-compatible message (never
// on stdout, and the exit code stays the CLI's). Pure: an error and what the
// request layer knew about the call go in, the hint text comes out.
//
// Off with --no-hints, or `cli_hints = false` in the profile (see
// configureHints / hintsAllowed below).
import { GeneralError, KumoError, NoCredentialsError, ServiceError } from "./index.ts";
import { THROTTLING_CODES } from "../request/retry-rules.ts";

export interface HintContext {
  /** kumo's service name (`sts`, `ec2`) and the IAM action prefix (the signing name). */
  service: string;
  actionPrefix: string;
  operation: string;
  region: string;
  profile: string;
  /** The chain link that supplied the credentials (env, sso, assume-role, ...), when known. */
  credentialMethod?: string | undefined;
  credentialLocation?: string | undefined;
  accessKeyId?: string | undefined;
  /** Profile settings that decide which command renews credentials. */
  ssoSession?: string | undefined;
  ssoProfile?: boolean | undefined;
  roleArn?: string | undefined;
  sourceProfile?: string | undefined;
  credentialProcess?: string | undefined;
  webIdentityTokenFile?: string | undefined;
  /** The URL of the last attempt, and the proxy it went through. */
  url?: string | undefined;
  proxy?: string | undefined;
  endpointFromConfig?: boolean | undefined;
  retryMode: string;
  maxAttempts: number;
  /** Seconds the service's clock is ahead of ours (negative: behind), from the response's Date. */
  skewSeconds?: number | undefined;
  /** The SDK corrected its signing clock and retried. */
  skewCorrected?: boolean | undefined;
  metadataDisabled?: boolean | undefined;
  /** The instance metadata endpoint in use (ec2_metadata_service_endpoint or its variable). */
  metadataEndpoint?: string | undefined;
  /** KUMO_ASSUMED / KUMO_VAULT: the environment's credentials came from `kumo assume` / `kumo exec`. */
  assumed?: string | undefined;
  vaultProfile?: string | undefined;
  /** The error was raised while kumo was getting credentials (not by the call itself). */
  credentialError?: boolean | undefined;
}

const ACCESS_DENIED = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "UnauthorizedAccess",
  "AuthorizationError",
  "AuthorizationErrorException",
  "Forbidden",
]);
const EXPIRED = new Set(["ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired", "RequestExpiredException"]);
const BAD_SIGNATURE = new Set(["SignatureDoesNotMatch", "InvalidSignatureException", "IncompleteSignature", "AuthFailure"]);
const UNKNOWN_KEY = new Set(["InvalidClientTokenId", "UnrecognizedClientException", "InvalidAccessKeyId", "InvalidToken"]);
const SKEW = new Set(["RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture"]);

function lines(...parts: (string | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === "string" && p !== "").join("\n");
}

/** `AKIA…WXYZ`: enough to recognise a key, as `configure list` shows it. */
export function maskKeyId(id: string | undefined): string | undefined {
  if (!id) return undefined;
  return id.length > 8 ? `${id.slice(0, 4)}…${id.slice(-4)}` : id;
}

function credentialsDescription(ctx: HintContext): string {
  const where = ctx.credentialMethod ? ` from ${ctx.credentialMethod}${ctx.credentialLocation ? ` (${ctx.credentialLocation})` : ""}` : "";
  const key = maskKeyId(ctx.accessKeyId);
  return `the credentials of profile "${ctx.profile}"${where}${key ? `, access key ${key}` : ""}`;
}

function profileFlag(ctx: HintContext): string {
  return ctx.profile === "default" ? "" : ` --profile ${ctx.profile}`;
}

/** The command that gets fresh credentials for this profile, when kumo knows one. */
export function renewCommand(ctx: HintContext): string | undefined {
  if (ctx.credentialMethod === "sso" || ctx.ssoProfile) {
    return ctx.ssoSession !== undefined ? `kumo sso login --sso-session ${ctx.ssoSession}` : `kumo sso login --profile ${ctx.profile}`;
  }
  if (ctx.credentialMethod === "assume-role" || ctx.roleArn) return `kumo assume ${ctx.profile}`;
  return undefined;
}

function accessDeniedHint(err: ServiceError, ctx: HintContext): string {
  const m = /(?:User|Principal):? (\S+) is not authorized to perform: (\S+?)(?: on resource: (\S+?))?(?: because|\.?$| with)/.exec(err.serviceMessage);
  const principal = m?.[1] ?? credentialsDescription(ctx);
  const action = m?.[2] ?? `${ctx.actionPrefix}:${ctx.operation}`;
  const resource = m?.[3];
  const encoded = /Encoded authorization failure message: (\S+)/.exec(err.serviceMessage)?.[1];
  const explicit = /explicit deny in a (service control policy|permissions boundary|resource-based policy|identity-based policy|session policy)/i.exec(
    err.serviceMessage,
  )?.[1];
  return lines(
    `Hint: ${principal} is not allowed to call ${action}${resource ? ` on ${resource}` : ""}.`,
    explicit
      ? `      The message names an explicit deny in a ${explicit}; an Allow elsewhere cannot override it.`
      : "      If an identity policy allows it, a service control policy (SCP) of the organization, a permissions boundary, a session policy or the resource's own policy may still deny it.",
    encoded && `      Details: kumo sts decode-authorization-message --encoded-message ${encoded}`,
    !m && `      Check who you are with: kumo sts get-caller-identity${profileFlag(ctx)}`,
  );
}

function expiredHint(ctx: HintContext): string {
  if (ctx.credentialMethod === "env") {
    if (ctx.assumed) {
      return lines(`Hint: the session kumo assume set in this shell (${ctx.assumed}) has expired. Assume it again:`, `      eval "$(kumo assume ${ctx.assumed})"`);
    }
    if (ctx.vaultProfile) {
      return lines(
        `Hint: the session kumo exec gave this command (profile ${ctx.vaultProfile}) has expired. Run it again under kumo exec,`,
        `      or with kumo exec ${ctx.vaultProfile} --server -- <command> for sessions that renew themselves.`,
      );
    }
    return lines(
      "Hint: the session token in AWS_SESSION_TOKEN has expired. Get fresh credentials for the environment,",
      '      for example: eval "$(kumo assume <profile>)", or run the command with: kumo exec <profile> -- <command>',
    );
  }
  const renew = renewCommand(ctx);
  if (renew && (ctx.credentialMethod === "sso" || ctx.ssoProfile)) {
    return lines(`Hint: the SSO session of profile "${ctx.profile}" has expired. Sign in again with:`, `      ${renew}`);
  }
  if (renew) {
    return lines(
      `Hint: the role session of profile "${ctx.profile}" was refused as expired while kumo still counted it as valid; check this machine's clock.`,
      `      A new session for your shell: eval "$(${renew})"; kumo's own commands assume the role again once the session cached in ~/.aws/cli/cache runs out.`,
    );
  }
  if (ctx.credentialMethod === "custom-process") {
    return `Hint: the credentials printed by credential_process (profile "${ctx.profile}") have expired; the program must print an Expiration in the future.`;
  }
  if (ctx.credentialMethod === "assume-role-with-web-identity") {
    return `Hint: the web identity token${ctx.webIdentityTokenFile ? ` in ${ctx.webIdentityTokenFile}` : ""} has expired; whatever writes that file must renew it.`;
  }
  return `Hint: the session token of ${credentialsDescription(ctx)} has expired; replace it with a fresh one.`;
}

function skewText(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  const amount = s >= 120 ? `${Math.round(s / 60)} minutes` : `${s} seconds`;
  return `this machine's clock is ${amount} ${seconds > 0 ? "behind" : "ahead of"} the service's`;
}

function signatureHint(ctx: HintContext): string {
  if (ctx.skewSeconds !== undefined && Math.abs(ctx.skewSeconds) >= 60) {
    return lines(
      `Hint: ${skewText(ctx.skewSeconds)} (measured from the response's Date header).`,
      "      Requests are signed with the local time and refused when it is more than 5 minutes off: set the clock right (NTP, e.g. timedatectl set-ntp true).",
    );
  }
  const key = maskKeyId(ctx.accessKeyId);
  return lines(
    `Hint: the signature did not match, and the clocks agree${ctx.skewSeconds !== undefined ? ` (${Math.round(ctx.skewSeconds)} s apart)` : ""}: the secret access key does not belong to access key ${key ?? "in use"}.`,
    `      Check the secret key ${ctx.credentialMethod ? `from ${ctx.credentialMethod}${ctx.credentialLocation ? ` (${ctx.credentialLocation})` : ""}` : ""} for a typo, stray whitespace or a rotated key.`,
  );
}

function attemptsText(n: number): string {
  return n === 1 ? "after 1 attempt" : `after ${n} attempts`;
}

function connectionHint(err: KumoError, ctx: HintContext): string | undefined {
  const msg = err.message;
  if (msg.startsWith("Failed to connect to proxy URL")) {
    return lines(
      `Hint: the proxy${ctx.proxy ? ` ${ctx.proxy}` : ""} (from HTTPS_PROXY / HTTP_PROXY) did not accept the connection${ctx.url ? ` to ${ctx.url}` : ""}.`,
      "      Check its host and port, or list the endpoint's host in NO_PROXY to connect directly.",
    );
  }
  const connect = msg.startsWith("Could not connect to the endpoint URL");
  const timeout = /^(Connect|Read) timeout on endpoint URL/.exec(msg)?.[1];
  const closed = msg.startsWith("Connection was closed before we received a valid response");
  if (!connect && !timeout && !closed) return undefined;
  let host = "";
  try {
    host = ctx.url ? new URL(ctx.url).hostname : "";
  } catch {
    host = "";
  }
  const tried = ctx.url ? ` ${ctx.url}` : "";
  const out: string[] = [];
  if (timeout === "Read") {
    out.push(`Hint: ${tried.trim() || "the endpoint"} accepted the connection but did not answer within --cli-read-timeout (default 60 s).`);
    out.push("      A slow operation may need a longer --cli-read-timeout (0 waits forever).");
  } else if (closed) {
    out.push(`Hint: the connection to${tried} was closed before an answer came (${attemptsText(ctx.maxAttempts)}).`);
    out.push("      A proxy, firewall or load balancer in the way may be dropping it.");
  } else {
    out.push(`Hint: kumo could not reach${tried} (${attemptsText(ctx.maxAttempts)}).`);
  }
  if (host && !ctx.proxy && !/^[\d.]+$|:/.test(host)) out.push(`      DNS: does the name resolve here? (getent hosts ${host})`);
  if (ctx.proxy) out.push(`      Proxy: the request went through ${ctx.proxy}; check it, or add ${host || "the host"} to NO_PROXY.`);
  else out.push("      Proxy: none is set; if your network requires one, set HTTPS_PROXY (and NO_PROXY for hosts to reach directly).");
  if (host.endsWith(".amazonaws.com") || host.endsWith(".api.aws")) {
    out.push(
      `      In a VPC without internet access, reach ${ctx.service} through an interface VPC endpoint with private DNS, or give its URL with --endpoint-url.`,
    );
    out.push(`      Region in use: ${ctx.region}; a wrong region gives a wrong host name.`);
  } else if (ctx.endpointFromConfig !== false) {
    out.push("      The URL comes from --endpoint-url or endpoint_url settings: check it.");
  }
  return out.join("\n");
}

function throttlingHint(ctx: HintContext, retries: number): string | undefined {
  if (retries === 0) return undefined;
  if (ctx.retryMode === "adaptive") {
    return lines(
      `Hint: ${ctx.service} throttled all ${retries + 1} attempts, even with retry_mode = adaptive.`,
      `      Allow more attempts (max_attempts or AWS_MAX_ATTEMPTS, now ${ctx.maxAttempts}), or make fewer calls in parallel.`,
    );
  }
  return lines(
    `Hint: ${ctx.service} throttled all ${retries + 1} attempts. With retry_mode = adaptive kumo slows down before the service throttles:`,
    `      kumo configure set retry_mode adaptive${profileFlag(ctx)}   (or AWS_RETRY_MODE=adaptive); max_attempts (now ${ctx.maxAttempts}) allows more attempts.`,
  );
}

function credentialConfigHint(err: KumoError, ctx: HintContext): string | undefined {
  const msg = err.message;
  let m: RegExpExecArray | null;
  if ((m = /^The source_profile "([^"]*)" referenced in the profile "([^"]*)" does not exist\./.exec(msg))) {
    return lines(
      `Hint: profile "${m[2]}" takes its credentials from profile "${m[1]}", which is in neither ~/.aws/config nor ~/.aws/credentials.`,
      `      Fix source_profile in [profile ${m[2]}] (kumo configure list-profiles shows the profiles there are).`,
    );
  }
  if ((m = /^Infinite loop in credential configuration detected\. .* Visited profiles: \[(.*)\]$/.exec(msg))) {
    const chain = m[1]!.replace(/'/g, "").split(", ");
    return lines(
      `Hint: the source_profile settings form a loop: ${[...chain, chain[0]].join(" -> ")}.`,
      "      The last profile of a role chain needs credentials of its own (keys, SSO, credential_process) or a credential_source.",
    );
  }
  if ((m = /^The source profile "([^"]*)" must have credentials\./.exec(msg))) {
    return `Hint: profile "${m[1]}" is used as a source_profile but has no credentials (keys, sso_*, credential_process or a role of its own).`;
  }
  if (msg === "Credentials were refreshed, but the refreshed credentials are still expired.") {
    return ctx.credentialMethod === "custom-process" || ctx.credentialProcess
      ? `Hint: credential_process (profile "${ctx.profile}") printed an Expiration that has already passed; the program must print fresh credentials.`
      : `Hint: the credentials from ${ctx.credentialMethod ?? "the chain"} were renewed but are still expired; check this machine's clock.`;
  }
  if (msg.startsWith("Error when retrieving credentials from custom-process") || (ctx.credentialError && ctx.credentialProcess)) {
    return lines(
      `Hint: the credential_process of profile "${ctx.profile}" failed or printed something kumo cannot use.`,
      `      Run it yourself to see (its output holds secrets; paste it nowhere): ${ctx.credentialProcess ?? "the credential_process command"}`,
      '      It must exit 0 and print JSON: {"Version": 1, "AccessKeyId": ..., "SecretAccessKey": ..., "SessionToken": ..., "Expiration": "<ISO 8601 in the future>"}.',
    );
  }
  if (/Ec2InstanceMetadata|iam-role/.test(msg) || (err instanceof NoCredentialsError && !ctx.metadataDisabled)) {
    return lines(
      err instanceof NoCredentialsError
        ? `Hint: no credentials for profile "${ctx.profile}" in the environment, ~/.aws/credentials, ~/.aws/config, a container endpoint or instance metadata.`
        : undefined,
      `      Instance metadata (${ctx.metadataEndpoint ?? "http://169.254.169.254"}) did not answer: outside EC2 that is expected; on EC2 check that the instance has a role,`,
      "      and in a container that the IMDSv2 hop limit (HttpPutResponseHopLimit) is at least 2.",
      err instanceof NoCredentialsError ? `      Set credentials up with: kumo configure${profileFlag(ctx)}   (or kumo configure sso)` : undefined,
    );
  }
  if (err instanceof NoCredentialsError) {
    return `Hint: no credentials for profile "${ctx.profile}". Set them up with: kumo configure${profileFlag(ctx)}   (or kumo configure sso)`;
  }
  if (/SSO session associated with this profile has expired|Error loading SSO Token|Token has expired and refresh failed/.test(msg)) {
    const renew = renewCommand({ ...ctx, ssoProfile: true });
    return renew ? `Hint: sign in again with: ${renew}` : undefined;
  }
  return undefined;
}

/** The hint for an error, or undefined when there is nothing useful to add. */
export function hintFor(err: KumoError, ctx: HintContext): string | undefined {
  if (err instanceof ServiceError) {
    const code = err.code;
    const retries = /\(reached max retries: (\d+)\)/.exec(err.message)?.[1];
    if (ACCESS_DENIED.has(code) || /^(AccessDenied|Unauthorized)/.test(code)) return accessDeniedHint(err, ctx);
    if (EXPIRED.has(code) || (code === "InvalidClientTokenId" && /expired/i.test(err.serviceMessage))) return expiredHint(ctx);
    if (BAD_SIGNATURE.has(code) || SKEW.has(code)) return signatureHint(ctx);
    if (UNKNOWN_KEY.has(code)) {
      return lines(
        `Hint: AWS does not know access key ${maskKeyId(ctx.accessKeyId) ?? "in use"} (${credentialsDescription(ctx)}).`,
        "      It may have been deleted or deactivated, or belong to another partition (aws-cn, aws-us-gov) than the region's.",
      );
    }
    if (THROTTLING_CODES.has(code)) return throttlingHint(ctx, Number(retries ?? 0));
    return undefined;
  }
  if (err instanceof GeneralError || err instanceof KumoError) {
    return connectionHint(err, ctx) ?? credentialConfigHint(err, ctx);
  }
  return undefined;
}

// ---- on/off -------------------------------------------------------------

const configured = new WeakMap<object, boolean>();

/**
 * Records whether the profile allows hints (`cli_hints = false` turns them
 * off), for the run whose environment object is `env` (the IO's env, shared
 * by every view of one run's IO).
 */
export function configureHints(env: object, profileValue: string | undefined): boolean {
  const allowed = !(profileValue !== undefined && /^(false|off|no|0)$/i.test(profileValue.trim()));
  configured.set(env, allowed);
  return allowed;
}

/** False when the profile of the run with this environment turned hints off. */
export function hintsAllowed(env: object): boolean {
  return configured.get(env) ?? true;
}
