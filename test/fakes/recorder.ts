// A pass-through HTTP server on 127.0.0.1 in front of another local server
// (moto): every request is recorded, then forwarded unchanged. Tests point an
// endpoint setting (AWS_ENDPOINT_URL_STS) at it to see which calls were made,
// e.g. that a cached role session saved an AssumeRole call.
import { request as httpRequest } from "node:http";
import { listenLoopback, readBody, type RecordedRequest } from "./http-util.ts";

export interface Recorder {
  url: string;
  requests: RecordedRequest[];
  /** Recorded query-protocol calls of one action (`Action=AssumeRole` in the form body). */
  calls(action: string): RecordedRequest[];
  stop(): Promise<void>;
}

/** The form fields of a query-protocol request body. */
export function formFields(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

export async function startRecorder(target: string): Promise<Recorder> {
  const requests: RecordedRequest[] = [];
  const to = new URL(target);
  const listening = await listenLoopback(async (req, res) => {
    const body = await readBody(req);
    requests.push({ method: req.method ?? "", url: req.url ?? "/", headers: { ...req.headers }, body });
    await new Promise<void>((resolve) => {
      const out = httpRequest(
        { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
        (upstream) => {
          res.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(res);
          upstream.on("end", resolve);
        },
      );
      out.on("error", (e) => {
        res.writeHead(502);
        res.end(String(e));
        resolve();
      });
      out.end(body);
    });
  });
  return {
    url: listening.url,
    requests,
    calls: (action) => requests.filter((r) => formFields(r.body).Action === action),
    stop: listening.stop,
  };
}
