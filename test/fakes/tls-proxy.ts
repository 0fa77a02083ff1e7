// An HTTPS proxy on 127.0.0.1 that lets the reference AWS CLI (2.9, which has
// no per-service endpoint settings) reach local fakes for the calls it makes
// on its own behalf: STS AssumeRole for a role profile, SSO GetRoleCredentials.
// Run the CLI with HTTPS_PROXY=<proxy url> and AWS_CA_BUNDLE=<ca file>; a
// CONNECT to a host listed in `routes` is answered with TLS (a certificate for
// that host, signed by a CA made for the test) and each request is passed on,
// unchanged, to the local server the route names. Any other host is refused, so
// nothing leaves the machine.
import { spawnSync } from "node:child_process";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TLSSocket } from "node:tls";
import type { Socket } from "node:net";
import { readBody, type RecordedRequest } from "./http-util.ts";

export interface ProxiedRequest extends RecordedRequest {
  host: string;
}

export interface TlsProxy {
  url: string;
  requests: ProxiedRequest[];
  /** CONNECT targets that were refused (host:port). */
  refused: string[];
  stop(): Promise<void>;
}

export interface Certificates {
  caFile: string;
  key: string;
  cert: string;
}

export const hasOpenssl = spawnSync("openssl", ["version"]).status === 0;

function openssl(args: string[]): void {
  const r = spawnSync("openssl", args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
}

/** A test CA and one certificate for all `hosts`, written into `dir`. */
export function makeCertificates(dir: string, hosts: string[]): Certificates {
  const caKey = join(dir, "ca.key");
  const caFile = join(dir, "ca.pem");
  const key = join(dir, "host.key");
  const csr = join(dir, "host.csr");
  const cert = join(dir, "host.pem");
  const ext = join(dir, "host.ext");
  openssl([
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey, "-out", caFile, "-days", "2",
    "-subj", "/CN=kumo test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
  ]);
  openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", `/CN=${hosts[0]}`]);
  writeFileSync(
    ext,
    [
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature,keyEncipherment",
      "extendedKeyUsage=serverAuth",
      "authorityKeyIdentifier=keyid",
      "subjectKeyIdentifier=hash",
      `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(",")}`,
      "",
    ].join("\n"),
  );
  openssl(["x509", "-req", "-in", csr, "-CA", caFile, "-CAkey", caKey, "-CAcreateserial", "-out", cert, "-days", "2", "-extfile", ext]);
  return { caFile, key: readFileSync(key, "utf8"), cert: readFileSync(cert, "utf8") };
}

/** Starts the proxy; `routes` maps a host name to the base URL of the local server that answers for it. */
export function startTlsProxy(certs: Certificates, routes: Record<string, string>): Promise<TlsProxy> {
  const requests: ProxiedRequest[] = [];
  const refused: string[] = [];

  const forward = (host: string) => async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    requests.push({ host, method: req.method ?? "", url: req.url ?? "/", headers: { ...req.headers }, body });
    const target = new URL(routes[host]!);
    const out = httpRequest(
      { host: "127.0.0.1", port: target.port, method: req.method, path: req.url, headers: req.headers },
      (upstream) => {
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(res);
      },
    );
    out.on("error", (e) => {
      res.writeHead(502);
      res.end(String(e));
    });
    out.end(body);
  };

  const inner = new Map<string, ReturnType<typeof createServer>>();
  const proxy = createServer((_req, res) => {
    res.writeHead(403);
    res.end("only CONNECT is served");
  });
  const sockets = new Set<Socket>();
  proxy.on("connect", (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    const target = req.url ?? "";
    const host = target.replace(/:\d+$/, "");
    if (!Object.hasOwn(routes, host)) {
      refused.push(target);
      client.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    if (head.length) client.unshift(head);
    const tls = new TLSSocket(client, { isServer: true, key: certs.key, cert: certs.cert });
    tls.on("error", () => client.destroy());
    let server = inner.get(host);
    if (!server) {
      server = createServer(forward(host));
      inner.set(host, server);
    }
    server.emit("connection", tls);
  });

  return new Promise((resolve, reject) => {
    proxy.on("error", reject);
    proxy.listen(0, "127.0.0.1", () => {
      const addr = proxy.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        refused,
        stop: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            proxy.close(() => r());
          }),
      });
    });
  });
}
