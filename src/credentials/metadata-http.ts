// One small HTTP request to a metadata endpoint (container credentials,
// instance metadata), with a timeout for connecting and one for reading, and
// failures named as botocore names them in messages:
//   Could not connect to the endpoint URL: "<url>"
//   Connect timeout on endpoint URL: "<url>"
//   Read timeout on endpoint URL: "<url>"
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export interface HttpResponse {
  status: number;
  body: string;
}

export class HttpFailure extends Error {
  readonly kind: "connect" | "connect-timeout" | "read-timeout";
  constructor(kind: HttpFailure["kind"], url: string) {
    const what = kind === "connect" ? "Could not connect to the endpoint URL" : kind === "connect-timeout" ? "Connect timeout on endpoint URL" : "Read timeout on endpoint URL";
    super(`${what}: "${url}"`);
    this.kind = kind;
  }
}

export function metadataRequest(
  url: URL,
  opts: { method?: string; headers?: Record<string, string>; timeoutMs: number },
): Promise<HttpResponse> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  const href = url.href;
  return new Promise((resolve, reject) => {
    let connected = false;
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      req.destroy();
      reject(e);
    };
    const req = send(url, { method: opts.method ?? "GET", headers: opts.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        if (settled) return;
        settled = true;
        clearTimeout(connectTimer);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", () => fail(new HttpFailure("read-timeout", href)));
    });
    const connectTimer = setTimeout(() => {
      if (!connected) fail(new HttpFailure("connect-timeout", href));
    }, opts.timeoutMs);
    req.on("socket", (socket) => {
      socket.once("connect", () => {
        connected = true;
        clearTimeout(connectTimer);
        socket.setTimeout(opts.timeoutMs, () => fail(new HttpFailure("read-timeout", href)));
      });
    });
    req.on("error", () => fail(new HttpFailure(connected ? "read-timeout" : "connect", href)));
    req.end();
  });
}
