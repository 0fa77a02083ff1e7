// --debug: a trace of the request lifecycle on stderr, in the AWS CLI's line
// format (`<time> - MainThread - <source> - DEBUG - <message>`). Unlike the
// CLI's, it never shows a secret: the signature in Authorization and query
// strings, session and security tokens, bearer tokens, secret keys, MFA
// codes, SSO and OIDC tokens are replaced by <redacted>; and every line is
// also scrubbed of each secret value kumo has handled in this process (the
// keys and tokens of the credentials it signed with), wherever it appears.
import type { IO } from "../io.ts";

export type DebugLog = (source: string, message: string) => void;

export const REDACTED = "<redacted>";

function stamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())},${p(d.getMilliseconds(), 3)}`;
}

const secrets = new Set<string>();

/** A value that must never appear in the trace (ignored when too short to be a secret). */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 8) secrets.add(value);
}

/** Replaces every registered secret value in `text`. */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}

export function debugLogger(io: IO, enabled: boolean): DebugLog | undefined {
  if (!enabled) return undefined;
  return (source, message) => io.stderr.write(scrubSecrets(`${stamp(io.now())} - MainThread - ${source} - DEBUG - ${redactText(message)}\n`));
}

const SECRET_HEADERS = new Set([
  "x-amz-security-token",
  "x-amz-sso_bearer_token",
  "x-aws-ec2-metadata-token",
  "cookie",
  "set-cookie",
  "proxy-authorization",
]);

/** Headers as printed in the trace: signatures and tokens replaced by "<redacted>". */
export function redactHeaders(headers: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const lower = k.toLowerCase();
    if (lower === "authorization") {
      out[k] = /^AWS4-/.test(v) ? v.replace(/Signature=[^,\s]*/i, `Signature=${REDACTED}`) : REDACTED;
    } else if (SECRET_HEADERS.has(lower)) out[k] = REDACTED;
    else out[k] = v;
  }
  return out;
}

/** Names of request/response members whose values are secrets (in query, JSON and XML bodies). */
const SECRET_KEY =
  /(secret|password|passwd|passphrase|privatekey|private_key|sessiontoken|session_token|securitytoken|accesstoken|access_token|refreshtoken|refresh_token|idtoken|id_token|webidentitytoken|samlassertion|tokencode|codeverifier|code_verifier|devicecode|device_code|authcode|^code$|^token$|clientsecret)/i;

function isSecretKey(key: string): boolean {
  // Query members are dotted paths (`Credentials.SessionToken`); the last part names the value.
  const last = key.split(".").pop() ?? key;
  return SECRET_KEY.test(last);
}

function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) && v !== null && typeof v !== "object" ? REDACTED : redactJson(v);
    return out;
  }
  return value;
}

/** Body text for the trace, with the values of secret members redacted (query, JSON and XML bodies). */
export function redactBody(body: string): string {
  const t = body.trim();
  if (t.startsWith("{") || t.startsWith("[")) {
    try {
      return JSON.stringify(redactJson(JSON.parse(t)));
    } catch {
      // not JSON after all: fall through to the text rules
    }
  }
  if (/^[^<{\s][^\s]*=/.test(t) && !t.includes("\n")) {
    return t
      .split("&")
      .map((pair) => {
        const eq = pair.indexOf("=");
        if (eq === -1) return pair;
        let key = pair.slice(0, eq);
        try {
          key = decodeURIComponent(key.replace(/\+/g, " "));
        } catch {
          // keep the raw key
        }
        return isSecretKey(key) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
      })
      .join("&");
  }
  return redactText(body);
}

/**
 * Secrets in free text: XML elements, `key=value` / `"key": "value"` pairs,
 * presigned query parameters, and canonical-request header lines.
 */
export function redactText(text: string): string {
  return text
    .replace(/<([A-Za-z_]*(?:Secret|Password|Token|TokenCode|SAMLAssertion)[A-Za-z_]*)>[^<]*<\/\1>/g, `<$1>${REDACTED}</$1>`)
    .replace(/(X-Amz-Signature|X-Amz-Security-Token|X-Amz-Credential-Token)=[^&\s"]*/gi, `$1=${REDACTED}`)
    .replace(/(Signature=)[0-9a-f]{16,}/gi, `$1${REDACTED}`)
    .replace(/^(x-amz-security-token|x-amz-sso_bearer_token|authorization|proxy-authorization|cookie):.*$/gim, `$1:${REDACTED}`)
    .replace(
      /("?(?:[A-Za-z_]*(?:[Ss]ecret|[Pp]assword|[Ss]essionToken|[Aa]ccessToken|[Rr]efreshToken|TokenCode|tokenCode|WebIdentityToken|codeVerifier|deviceCode)[A-Za-z_]*)"?\s*[:=]\s*"?)([^"&,}\s]+)/g,
      (_m, k: string) => `${k}${REDACTED}`,
    );
}

interface SignerInternals {
  createCanonicalRequest?: (...args: unknown[]) => string;
  createStringToSign?: (...args: unknown[]) => Promise<string>;
  sigv4Signer?: SignerInternals;
}

/**
 * Wraps a SigV4 signer instance (one per signing) so that the canonical
 * request and the string to sign are written to the trace, redacted. The SDK
 * makes these inside SignatureV4 and offers no hook; the methods exist on
 * every SignatureV4 (and on the SigV4 signer inside S3's multi-region one).
 */
export function traceSigner(signer: unknown, debug: DebugLog): void {
  const target = ((signer as SignerInternals).sigv4Signer ?? signer) as SignerInternals;
  const canonical = target.createCanonicalRequest;
  const toSign = target.createStringToSign;
  if (typeof canonical !== "function" || typeof toSign !== "function") return;
  target.createCanonicalRequest = function (this: unknown, ...args: unknown[]) {
    const text = canonical.apply(this, args);
    debug("kumo.auth", `CanonicalRequest:\n${redactText(text)}`);
    return text;
  };
  target.createStringToSign = async function (this: unknown, ...args: unknown[]) {
    const text = await toSign.apply(this, args);
    debug("kumo.auth", `StringToSign:\n${text}`);
    debug("kumo.auth", `Signature:\n${REDACTED}`);
    return text;
  };
}
