// The HTTP layer under every SDK client kumo makes: timeouts, TLS trust,
// proxies, and connections kept alive and shared by all the clients of one
// process (a paginated command, kumo's own STS/SSO calls and the command's
// client reuse the same sockets).
//
//   --cli-connect-timeout   seconds to connect (0 = no limit), default 60
//   --cli-read-timeout      seconds a socket may stay silent while a response
//                           is awaited or read (0 = no limit), default 60
//   --no-verify-ssl / --ca-bundle, AWS_CA_BUNDLE, ca_bundle
//   HTTPS_PROXY / HTTP_PROXY / NO_PROXY (proxy.ts): https:// requests go
//   through a CONNECT tunnel (tunnel-agent.ts), http:// ones are sent to the
//   proxy in absolute form, as a forwarding proxy expects.
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { readFileSync } from "node:fs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { HttpRequest } from "@smithy/core/protocols";
import { GeneralError } from "../errors/index.ts";
import { proxyAuthorization, proxyFor, type ProxyChoice } from "./proxy.ts";
import { ProxyConnectError, TunnelAgent } from "./tunnel-agent.ts";

export interface ConnectionSettings {
  /** Milliseconds; 0 = no limit. */
  connectTimeout: number;
  /** Milliseconds; 0 = no limit. */
  readTimeout: number;
  verifySsl: boolean;
  caBundle: string | undefined;
  env: Record<string, string | undefined>;
}

interface Request {
  protocol: string;
  hostname: string;
  port?: number | undefined;
  path: string;
  headers: Record<string, string>;
}

/** What the SDK's clients need of a request handler. */
export interface SharedHandler {
  handle(request: Request, options?: Record<string, unknown>): Promise<{ response: unknown }>;
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): Record<string, unknown>;
  destroy(): void;
  metadata: { handlerProtocol: string };
  /** The proxy a request to this URL goes through (for --debug and hints). */
  proxyFor(url: string): ProxyChoice | undefined;
}

const handlers = new Map<string, SharedHandler>();

function readCa(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    // botocore fails with the OS error when the bundle cannot be read.
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ENOENT") throw new GeneralError(`[Errno 2] No such file or directory: '${path}'`);
    throw new GeneralError(err.message);
  }
}

/** The process-wide handler for these settings (one per distinct combination). */
export function sharedHandler(s: ConnectionSettings): SharedHandler {
  const proxyKey = ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY"].map((k) => s.env[k] ?? "").join("|");
  const key = [s.connectTimeout, s.readTimeout, s.verifySsl, s.caBundle ?? "", proxyKey].join("\u0000");
  let h = handlers.get(key);
  if (!h) {
    h = makeHandler(s);
    handlers.set(key, h);
  }
  return h;
}

function makeHandler(s: ConnectionSettings): SharedHandler {
  // The bundle is read when the first HTTPS connection needs it (as in the
  // CLI, a bad path does not matter to http:// endpoints).
  let tlsOptions: { rejectUnauthorized: boolean; ca?: Buffer } | undefined;
  const tls = () => (tlsOptions ??= { rejectUnauthorized: s.verifySsl, ...(s.caBundle ? { ca: readCa(s.caBundle) } : {}) });
  const handlerOptions = {
    connectionTimeout: s.connectTimeout,
    // A read timeout is the time a socket may stay silent (botocore's
    // socket timeout), which is NodeHttpHandler's socketTimeout; its
    // requestTimeout is a limit on the whole request and only warns.
    socketTimeout: s.readTimeout,
  };
  const direct = new NodeHttpHandler({ ...handlerOptions, httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 50 }) });
  let directTls: NodeHttpHandler | undefined;
  const secure = () => (directTls ??= new NodeHttpHandler({ ...handlerOptions, httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 50, ...tls() }) }));
  const tunnels = new Map<string, NodeHttpHandler>();
  const tunneled = (proxy: ProxyChoice): NodeHttpHandler => {
    let t = tunnels.get(proxy.url.href);
    if (!t) {
      t = new NodeHttpHandler({
        ...handlerOptions,
        httpsAgent: new TunnelAgent({ keepAlive: true, maxSockets: 50, ...tls(), proxy: proxy.url, proxyDisplay: proxy.display, connectTimeout: s.connectTimeout }),
      });
      tunnels.set(proxy.url.href, t);
    }
    return t;
  };
  const urlOf = (r: Request) => `${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ""}`;

  return {
    metadata: { handlerProtocol: "http/1.1" },
    proxyFor: (url) => proxyFor(new URL(url), s.env),
    async handle(request, options) {
      const proxy = proxyFor(new URL(urlOf(request)), s.env);
      if (!proxy) return (request.protocol === "https:" ? secure() : direct).handle(request as never, options as never);
      if (request.protocol === "https:") return tunneled(proxy).handle(request as never, options as never);
      // Plain HTTP through a forwarding proxy: the request line carries the full URL.
      const forwarded = HttpRequest.clone(request as never) as unknown as Request;
      forwarded.path = `${urlOf(request)}${request.path}`;
      forwarded.hostname = proxy.url.hostname.replace(/^\[|\]$/g, "");
      forwarded.port = Number(proxy.url.port || 80);
      const auth = proxyAuthorization(proxy.url);
      if (auth) forwarded.headers = { ...forwarded.headers, "proxy-authorization": auth };
      try {
        return await direct.handle(forwarded as never, options as never);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EHOSTUNREACH") {
          throw new ProxyConnectError(proxy.display, (e as Error).message, { cause: e });
        }
        throw e;
      }
    },
    updateHttpClientConfig() {
      // Clients share this handler; per-client changes are not wanted.
    },
    httpHandlerConfigs: () => ({}),
    destroy() {
      // Shared by every client of the process: idle keep-alive sockets do not
      // keep the process alive (Node unrefs them), so nothing to close here.
    },
  };
}
