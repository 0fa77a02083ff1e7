// The AWS sign-in federation endpoint, as far as `kumo console` uses it:
//
//   GET /federation?Action=getSigninToken[&SessionDuration=N]&Session=<json>
//     -> {"SigninToken": "..."}
//
// It checks the request the way the real endpoint would refuse a bad one:
// GET only, Action=getSigninToken, a Session parameter holding JSON with
// exactly the string fields sessionId, sessionKey and sessionToken, and a
// SessionDuration (when given) between 900 and 43200. A bad request gets 400
// with a text reason. Point kumo at it with KUMO_FEDERATION_ENDPOINT.
import { listenLoopback, sendJson, sendText } from "./http-util.ts";

export interface FederationSession {
  sessionId: string;
  sessionKey: string;
  sessionToken: string;
}

export interface FederationRequest {
  url: string;
  session: FederationSession;
  sessionDuration: number | undefined;
}

export interface FederationFake {
  /** The endpoint URL (…/federation). */
  endpoint: string;
  /** Valid getSigninToken requests, in order. */
  requests: FederationRequest[];
  /** Reasons of refused requests, in order. */
  refused: string[];
  /** The token handed out for request n (1-based). */
  tokenFor(n: number): string;
  stop(): Promise<void>;
}

export async function startFederation(opts: { refuseAll?: string } = {}): Promise<FederationFake> {
  const requests: FederationRequest[] = [];
  const refused: string[] = [];
  const tokenFor = (n: number) => `signin-token-${n}`;
  const refuse = (res: import("node:http").ServerResponse, why: string) => {
    refused.push(why);
    sendText(res, 400, why);
  };
  const l = await listenLoopback((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method !== "GET") return refuse(res, `method ${req.method}`);
    if (url.pathname !== "/federation") return refuse(res, `path ${url.pathname}`);
    if (opts.refuseAll) return refuse(res, opts.refuseAll);
    if (url.searchParams.get("Action") !== "getSigninToken") return refuse(res, `Action ${url.searchParams.get("Action")}`);
    const text = url.searchParams.get("Session");
    if (text === null) return refuse(res, "no Session");
    let session: unknown;
    try {
      session = JSON.parse(text);
    } catch {
      return refuse(res, "Session is not JSON");
    }
    const s = session as Record<string, unknown>;
    const keys = Object.keys(s ?? {}).sort().join(",");
    if (keys !== "sessionId,sessionKey,sessionToken" || !["sessionId", "sessionKey", "sessionToken"].every((k) => typeof s[k] === "string" && s[k] !== "")) {
      return refuse(res, `Session fields ${keys}`);
    }
    const d = url.searchParams.get("SessionDuration");
    const duration = d === null ? undefined : Number(d);
    if (duration !== undefined && !(Number.isInteger(duration) && duration >= 900 && duration <= 43200)) return refuse(res, `SessionDuration ${d}`);
    requests.push({ url: req.url ?? "", session: s as unknown as FederationSession, sessionDuration: duration });
    sendJson(res, 200, { SigninToken: tokenFor(requests.length) });
  });
  return { endpoint: `${l.url}/federation`, requests, refused, tokenFor, stop: l.stop };
}
