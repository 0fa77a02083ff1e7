// A fault-injecting HTTP server on 127.0.0.1 in front of moto (or any local
// upstream). Every request takes the next planned fault from a queue; when
// the queue is empty the request is passed on to the upstream unchanged.
//
//   { kind: "error", status, code, message }   an error in the request's protocol
//                                              (query XML, EC2 XML, JSON, REST-XML)
//   { kind: "status", status, body? }           a bare status (500/502/503/504 ...)
//   { kind: "reset" }                           the connection is destroyed unanswered
//   { kind: "stall" }                           headers never come (past the read timeout)
//   { kind: "pass", date? }                     forwarded; `date` replaces the Date header
//
// `serverSkewSeconds` gives the server its own clock: a request whose
// X-Amz-Date is more than 5 minutes from it is refused the way STS/IAM refuse
// one (SignatureDoesNotMatch "Signature expired", or the code given in
// `skewCode`), and every response carries the server's Date.
//
// It also serves as a forwarding proxy for plain HTTP (absolute-form request
// targets, as HTTP_PROXY clients send them) and records that it did.
import { request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { listenLoopback, readBody } from "./http-util.ts";

export type Fault =
  | { kind: "error"; status: number; code: string; message: string; headers?: Record<string, string> }
  | { kind: "status"; status: number; body?: string }
  | { kind: "reset" }
  | { kind: "stall" }
  | { kind: "pass"; date?: string };

export interface FaultRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Date.now() when the request arrived. */
  at: number;
  /** The fault applied ("pass" when forwarded). */
  fault: Fault["kind"] | "skew";
  /** True when the request line carried an absolute URL (sent through a forwarding proxy). */
  absoluteForm: boolean;
  /** Local port of the client's socket (tells reused connections apart). */
  clientPort: number;
}

export interface FaultProxy {
  url: string;
  port: number;
  requests: FaultRequest[];
  /** Queue faults for the next requests, in order. */
  plan(...faults: Fault[]): void;
  /** Every request from now on gets this fault (until cleared with undefined). */
  always(fault: Fault | undefined): void;
  serverSkewSeconds: number;
  skewCode: string | undefined;
  reset(): void;
  stop(): Promise<void>;
}

type Protocol = "query" | "ec2" | "json" | "rest-xml";

function protocolOf(req: IncomingMessage, body: string): Protocol {
  const type = String(req.headers["content-type"] ?? "");
  if (type.includes("x-amz-json")) return "json";
  if (type.includes("x-www-form-urlencoded")) return /(^|&)Version=2016-11-15(&|$)/.test(body) ? "ec2" : "query";
  return "rest-xml";
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function errorBody(protocol: Protocol, code: string, message: string): { type: string; text: string } {
  const m = escapeXml(message);
  switch (protocol) {
    case "json":
      return { type: "application/x-amz-json-1.1", text: JSON.stringify({ __type: code, message }) };
    case "ec2":
      return {
        type: "text/xml",
        text: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${m}</Message></Error></Errors><RequestID>fault-proxy-request</RequestID></Response>`,
      };
    case "query":
      return {
        type: "text/xml",
        text: `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${m}</Message></Error><RequestId>fault-proxy-request</RequestId></ErrorResponse>`,
      };
    default:
      return { type: "application/xml", text: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${m}</Message><RequestId>fault-proxy-request</RequestId></Error>` };
  }
}

/** `20261126T043742Z` → epoch ms. */
function amzDateMs(v: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  if (!m) return undefined;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const queue: Fault[] = [];
  let standing: Fault | undefined;
  const requests: FaultRequest[] = [];
  const stalled = new Set<ServerResponse>();
  const target = new URL(upstream);

  const proxy: FaultProxy = {
    url: "",
    port: 0,
    requests,
    plan: (...faults) => void queue.push(...faults),
    always: (fault) => void (standing = fault),
    serverSkewSeconds: 0,
    skewCode: undefined,
    reset() {
      queue.length = 0;
      standing = undefined;
      requests.length = 0;
      proxy.serverSkewSeconds = 0;
      proxy.skewCode = undefined;
    },
    stop: async () => {},
  };

  const serverNow = () => Date.now() + proxy.serverSkewSeconds * 1000;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const absoluteForm = /^https?:\/\//.test(req.url ?? "");
    const path = absoluteForm ? new URL(req.url!).pathname + new URL(req.url!).search : (req.url ?? "/");
    const fault = queue.shift() ?? standing ?? { kind: "pass" };
    const record: FaultRequest = {
      method: req.method ?? "",
      url: path,
      headers: { ...req.headers },
      body,
      at: Date.now(),
      fault: fault.kind,
      absoluteForm,
      clientPort: (req.socket as Socket).remotePort ?? 0,
    };
    requests.push(record);
    const protocol = protocolOf(req, body);
    const date = new Date(serverNow()).toUTCString();

    if (fault.kind === "pass" && proxy.serverSkewSeconds !== 0) {
      const sent = amzDateMs(String(req.headers["x-amz-date"] ?? ""));
      if (sent !== undefined && Math.abs(sent - serverNow()) > 5 * 60_000) {
        record.fault = "skew";
        const code = proxy.skewCode ?? "SignatureDoesNotMatch";
        const message =
          code === "RequestTimeTooSkewed"
            ? "The difference between the request time and the current time is too large."
            : `Signature expired: ${amzDate(sent)} is now earlier than ${amzDate(serverNow() - 5 * 60_000)} (${amzDate(serverNow())} - 5 min.)`;
        const e = errorBody(protocol, code, message);
        res.writeHead(403, { "content-type": e.type, "content-length": Buffer.byteLength(e.text), date });
        res.end(e.text);
        return;
      }
    }

    switch (fault.kind) {
      case "reset":
        req.socket.destroy();
        return;
      case "stall":
        stalled.add(res);
        res.on("close", () => stalled.delete(res));
        return;
      case "status": {
        const text = fault.body ?? "";
        res.writeHead(fault.status, { "content-type": "text/plain", "content-length": Buffer.byteLength(text), date });
        res.end(text);
        return;
      }
      case "error": {
        const e = errorBody(protocol, fault.code, fault.message);
        res.writeHead(fault.status, { "content-type": e.type, "content-length": Buffer.byteLength(e.text), date, ...fault.headers });
        res.end(e.text);
        return;
      }
      case "pass": {
        const headers = { ...req.headers, host: req.headers.host ?? target.host };
        const out = httpRequest({ host: target.hostname, port: target.port, method: req.method, path, headers }, (up) => {
          const h = { ...up.headers };
          // Hop-by-hop: moto closes every connection; the client's to this server stays open.
          delete h.connection;
          delete h["keep-alive"];
          if (fault.date !== undefined) h.date = fault.date;
          else if (proxy.serverSkewSeconds !== 0) h.date = date;
          res.writeHead(up.statusCode ?? 502, h);
          up.pipe(res);
        });
        out.on("error", (e) => {
          res.writeHead(502, { "content-type": "text/plain" });
          res.end(String(e));
        });
        out.end(body);
        return;
      }
    }
  };

  const l = await listenLoopback(handle);
  proxy.url = l.url;
  proxy.port = l.port;
  proxy.stop = async () => {
    for (const r of stalled) r.destroy();
    await l.stop();
  };
  return proxy;
}
