// `kumo exec --server`: a container-credentials endpoint on 127.0.0.1 for
// the command it runs, as ECS provides one to a task. The SDKs and the AWS
// CLI find it through AWS_CONTAINER_CREDENTIALS_FULL_URI and send
// AWS_CONTAINER_AUTHORIZATION_TOKEN in the Authorization header; any other
// request gets 403. Each answer comes from a refreshing source, so a
// long-running command gets a new session when the current one nears its
// expiry, without ever holding long-lived keys.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { randomBytes, timingSafeEqual, createHash } from "node:crypto";
import type { CredentialSource } from "../../credentials/types.ts";
import { isoSeconds } from "./environment.ts";

export interface CredentialServer {
  url: string;
  token: string;
  /** Requests answered with credentials, and refused for a wrong token. */
  stats: { served: number; refused: number };
  close(): Promise<void>;
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Compares without leaking where the strings differ (both hashed to equal length first). */
export function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export function startCredentialServer(source: CredentialSource, token: string = newToken()): Promise<CredentialServer> {
  const stats = { served: 0, refused: 0 };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const auth = req.headers.authorization;
    if (!sameToken(Array.isArray(auth) ? auth[0] : auth, token)) {
      stats.refused++;
      return send(res, 403, { Message: "The authorization token is missing or wrong." });
    }
    if (req.method !== "GET") return send(res, 405, { Message: "Only GET is supported." });
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/") return send(res, 404, { Message: "Not found." });
    try {
      const c = await source.get();
      stats.served++;
      send(res, 200, {
        AccessKeyId: c.accessKeyId,
        SecretAccessKey: c.secretAccessKey,
        Token: c.sessionToken ?? "",
        ...(c.expiration ? { Expiration: isoSeconds(c.expiration) } : {}),
      });
    } catch (e) {
      send(res, 500, { Message: e instanceof Error ? e.message : String(e) });
    }
  };
  const server = createServer((req, res) => void handle(req, res));
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const addr = server.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      server.unref();
      resolve({
        url: `http://127.0.0.1:${port}/`,
        token,
        stats,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
