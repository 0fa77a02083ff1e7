// --debug: a trace of the request lifecycle on stderr, in the AWS CLI's line
// format. Secrets never appear in it: the signature in Authorization, session
// tokens and anything that looks like a secret key are redacted.
import type { IO } from "../io.ts";

export type DebugLog = (source: string, message: string) => void;

function stamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())},${p(d.getMilliseconds(), 3)}`;
}

export function debugLogger(io: IO, enabled: boolean): DebugLog | undefined {
  if (!enabled) return undefined;
  return (source, message) => io.stderr.write(`${stamp(io.now())} - MainThread - ${source} - DEBUG - ${message}\n`);
}

const SECRET_HEADERS = new Set(["x-amz-security-token", "x-amz-sso_bearer_token", "cookie", "set-cookie"]);

/** Headers as printed in the trace: signatures and tokens replaced by "<redacted>". */
export function redactHeaders(headers: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const lower = k.toLowerCase();
    if (lower === "authorization") out[k] = v.replace(/Signature=[0-9a-f]+/i, "Signature=<redacted>").replace(/^Bearer .*/i, "Bearer <redacted>");
    else if (SECRET_HEADERS.has(lower)) out[k] = "<redacted>";
    else out[k] = v;
  }
  return out;
}

/** Body text for the trace, with values of secret-looking keys redacted (query and JSON bodies). */
export function redactBody(body: string): string {
  return body
    .replace(/((?:SecretAccessKey|SessionToken|secretAccessKey|sessionToken|accessToken|refreshToken|clientSecret|Password|SecretString|TokenCode)["']?\s*[:=]\s*["']?)[^"'&,}\s]+/g, "$1<redacted>")
    .replace(/(<(?:SecretAccessKey|SessionToken)>)[^<]*(<\/)/g, "$1<redacted>$2");
}
