// --verify: asks STS who a found key pair belongs to. Opt-in only, since it
// sends the found key to AWS (signed, never in clear). Pairs are formed
// within one file (and one commit): every access key ID with every secret
// key found next to it, a few at most.
import type { Settings } from "../config/settings.ts";
import { ServiceError } from "../errors/index.ts";
import type { Finding } from "./finding.ts";

export type CallerIdentity = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) => Promise<string>;

const MAX_TRIES_PER_KEY = 5;
const SECRET_RULES = new Set(["aws-secret-access-key", "aws-known-secret"]);

/** GetCallerIdentity through kumo's own STS client (AWS_ENDPOINT_URL[_STS] and [services] apply). */
export function stsCallerIdentity(settings: Settings, region: string): CallerIdentity {
  return async (credentials) => {
    const { callAws } = await import("../credentials/aws-calls.ts");
    const r = await callAws(settings, "sts", "GetCallerIdentity", {}, { region, credentials });
    return String(r.doc.Arn ?? "");
  };
}

function verdict(e: unknown): { status: "invalid" | "error"; detail: string } {
  if (e instanceof ServiceError) {
    if (["InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken", "AccessDenied"].includes(e.code)) {
      return { status: "invalid", detail: e.code };
    }
    return { status: "error", detail: e.code };
  }
  return { status: "error", detail: (e as Error).message.split("\n")[0] ?? "failed" };
}

/** Sets `verification` on the key ID findings (and the secrets that made a valid pair). */
export async function verifyFindings(findings: Finding[], call: CallerIdentity): Promise<void> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = `${f.commit ?? ""}\0${f.path}`;
    const g = groups.get(k);
    if (g) g.push(f);
    else groups.set(k, [f]);
  }
  const cache = new Map<string, { status: "valid" | "invalid" | "error"; detail: string }>();
  for (const group of groups.values()) {
    const ids = group.filter((f) => f.rule === "aws-access-key-id" && /^(AKIA|ASIA)/.test(f.secret));
    const secrets = group.filter((f) => SECRET_RULES.has(f.rule));
    const token = group.find((f) => f.rule === "aws-session-token")?.secret;
    for (const id of ids) {
      if (secrets.length === 0) {
        id.verification = { status: "error", detail: "no secret key found beside it" };
        continue;
      }
      let last: { status: "valid" | "invalid" | "error"; detail: string } = { status: "invalid", detail: "" };
      for (const s of secrets.slice(0, MAX_TRIES_PER_KEY)) {
        const key = `${id.secret}\0${s.secret}\0${token ?? ""}`;
        let v = cache.get(key);
        if (!v) {
          try {
            const arn = await call({
              accessKeyId: id.secret,
              secretAccessKey: s.secret,
              ...(id.secret.startsWith("ASIA") && token ? { sessionToken: token } : {}),
            });
            v = { status: "valid", detail: arn };
          } catch (e) {
            v = verdict(e);
          }
          cache.set(key, v);
        }
        last = v;
        if (v.status === "valid") {
          s.verification = v;
          break;
        }
      }
      id.verification = last;
    }
  }
}
