// Which proxy a request goes through, from HTTPS_PROXY / HTTP_PROXY /
// NO_PROXY (lower-case names win, as in Python's urllib, which the CLI uses):
// https:// endpoints use HTTPS_PROXY, http:// ones HTTP_PROXY. A proxy given
// without a scheme is taken as http:// (as botocore does). NO_PROXY is a
// comma-separated list: `*` (everything), host names matched at the end
// (`example.com`, `.example.com`), optionally with a port, IP addresses and
// CIDR blocks.
import { isIP } from "node:net";

export interface ProxyChoice {
  /** The proxy's URL (credentials included, for the Proxy-Authorization header). */
  url: URL;
  /** The proxy's URL as shown in messages, with user and password masked. */
  display: string;
}

function envValue(env: Record<string, string | undefined>, name: string): string | undefined {
  const lower = env[name.toLowerCase()];
  if (lower !== undefined && lower !== "") return lower;
  const upper = env[name.toUpperCase()];
  return upper !== undefined && upper !== "" ? upper : undefined;
}

/**
 * The proxy URL as shown in messages: user name and password replaced by
 * `***` (botocore's mask_proxy_url). botocore replaces the first occurrence
 * of each in the whole URL, so with `http://u:p@host` it prints
 * `htt***://***:p@host`, password and all; kumo masks the user info itself.
 */
export function maskProxyUrl(raw: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i.exec(raw);
  if (!m) return raw;
  const userinfo = m[2]!;
  const masked = userinfo.includes(":") ? (userinfo.startsWith(":") ? ":***" : "***:***") : "***";
  return `${m[1]}${masked}@${raw.slice(m[0].length)}`;
}

function ipv4ToInt(ip: string): number {
  return ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

function inCidr(ip: string, cidr: string): boolean {
  const [net, bitsText] = cidr.split("/");
  const bits = Number(bitsText);
  if (!net || isIP(net) !== 4 || isIP(ip) !== 4 || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  if (bits === 0) return true;
  const mask = bits === 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0;
  return ((ipv4ToInt(ip) & mask) >>> 0) === ((ipv4ToInt(net) & mask) >>> 0);
}

/** True when NO_PROXY says `host:port` is reached directly. */
export function bypassesProxy(host: string, port: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const hostname = host.replace(/^\[|\]$/g, "").toLowerCase();
  const withPort = `${hostname}:${port}`;
  for (const raw of noProxy.split(",")) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === "*") return true;
    if (isIP(hostname)) {
      if (entry.includes("/") ? inCidr(hostname, entry) : entry === hostname || entry === withPort) return true;
      continue;
    }
    const name = entry.replace(/^\*?\./, "");
    if (hostname === name || hostname.endsWith(`.${name}`) || withPort === name || withPort.endsWith(`.${name}`)) return true;
    if (hostname.endsWith(entry) || withPort.endsWith(entry)) return true;
  }
  return false;
}

/** The proxy for a request to `target`, or undefined to connect directly. */
export function proxyFor(target: URL, env: Record<string, string | undefined>): ProxyChoice | undefined {
  const https = target.protocol === "https:";
  const raw = envValue(env, https ? "https_proxy" : "http_proxy");
  if (raw === undefined) return undefined;
  const port = target.port || (https ? "443" : "80");
  if (bypassesProxy(target.hostname, port, envValue(env, "no_proxy"))) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  return { url, display: maskProxyUrl(withScheme) };
}

/** The Proxy-Authorization header value for a proxy URL with credentials. */
export function proxyAuthorization(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  return `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
}
