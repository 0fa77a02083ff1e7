// HTTPS through a proxy: an https.Agent whose connections are CONNECT
// tunnels (HTTP/1.1 CONNECT host:port to the proxy, then TLS to the endpoint
// inside the tunnel), kept alive and reused like any other agent's.
//
// Why kumo has its own: Node.js 20 has no proxy support in its http/https
// agents, the SDK's NodeHttpHandler takes an agent but brings none, and no
// proxy agent (https-proxy-agent, proxy-agent, undici's ProxyAgent) is among
// kumo's installed packages. This is the small part of one that kumo needs.
import { Agent as HttpsAgent, type AgentOptions } from "node:https";
import { connect as netConnect, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { RequestOptions } from "node:http";
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from "node:tls";
import { proxyAuthorization } from "./proxy.ts";

/** A failure to reach the proxy or to open a tunnel through it. */
export class ProxyConnectError extends Error {
  readonly code = "KUMO_PROXY";
  constructor(
    readonly proxyDisplay: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Failed to connect to proxy URL: "${proxyDisplay}" (${reason})`, options);
    this.name = "ProxyConnectError";
  }
}

export interface TunnelAgentOptions extends AgentOptions {
  proxy: URL;
  proxyDisplay: string;
  /** Milliseconds to reach the proxy and open the tunnel; 0 = no limit. */
  connectTimeout: number;
}

type Callback = (err: Error | null, socket: Duplex) => void;

export class TunnelAgent extends HttpsAgent {
  private readonly proxy: URL;
  private readonly proxyDisplay: string;
  private readonly tunnelTimeout: number;

  constructor(opts: TunnelAgentOptions) {
    const { proxy, proxyDisplay, connectTimeout, ...agentOptions } = opts;
    super(agentOptions);
    this.proxy = proxy;
    this.proxyDisplay = proxyDisplay;
    this.tunnelTimeout = connectTimeout;
  }

  // Node calls this with the request's options (host, port, servername, and
  // the agent's TLS options); a socket handed to the callback later is fine.
  override createConnection(requestOptions: RequestOptions, callback?: Callback): undefined {
    const options = requestOptions as ConnectionOptions & { host?: string; port?: number };
    const host = options.host ?? "localhost";
    const port = options.port ?? 443;
    const proxyPort = Number(this.proxy.port || (this.proxy.protocol === "https:" ? 443 : 80));
    const proxyHost = this.proxy.hostname.replace(/^\[|\]$/g, "");
    let done = false;
    const finish = (err: Error | null, socket?: Socket) => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      callback?.(err, socket as Duplex);
    };
    const fail = (reason: string, cause?: unknown) => {
      raw.destroy();
      finish(new ProxyConnectError(this.proxyDisplay, reason, { cause }));
    };
    const raw: Socket =
      this.proxy.protocol === "https:"
        ? tlsConnect({ host: proxyHost, port: proxyPort, servername: proxyHost, ca: options.ca, rejectUnauthorized: options.rejectUnauthorized })
        : netConnect({ host: proxyHost, port: proxyPort });
    const timer =
      this.tunnelTimeout > 0
        ? setTimeout(() => {
            raw.destroy();
            finish(Object.assign(new Error(`Connect timeout on proxy ${this.proxyDisplay}`), { name: "TimeoutError", code: "ETIMEDOUT" }));
          }, this.tunnelTimeout)
        : undefined;
    raw.once("error", (e) => fail(e.message, e));
    raw.once(this.proxy.protocol === "https:" ? "secureConnect" : "connect", () => {
      const target = `${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}`;
      const auth = proxyAuthorization(this.proxy);
      raw.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${auth ? `Proxy-Authorization: ${auth}\r\n` : ""}\r\n`);
    });
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end === -1) {
        if (head.length > 16384) fail("the proxy's answer to CONNECT is too long");
        return;
      }
      raw.removeListener("data", onData);
      const statusLine = head.subarray(0, head.indexOf("\r\n")).toString("latin1");
      const status = Number(/^HTTP\/\d(?:\.\d)? (\d{3})/.exec(statusLine)?.[1] ?? 0);
      if (status !== 200) {
        fail(`tunnel connection failed: ${statusLine.replace(/^HTTP\/\S+ /, "")}`);
        return;
      }
      const rest = head.subarray(end + 4);
      if (rest.length) raw.unshift(rest);
      // From here on the TLS socket reports failures; the raw one must not throw unheard.
      raw.removeAllListeners("error");
      raw.on("error", () => {});
      const secure: TLSSocket = tlsConnect({ ...options, socket: raw, servername: options.servername ?? host });
      finish(null, secure);
    };
    raw.on("data", onData);
    return undefined;
  }
}
