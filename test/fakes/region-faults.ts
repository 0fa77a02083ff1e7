// A loopback proxy in front of moto that makes one account look like a real
// one with trouble in some regions: EC2 calls signed for a "faulty" region
// get an error (AccessDenied, throttling, a disabled region) instead of
// moto's answer, and DescribeRegions can be cut down to the regions the
// account has enabled. Everything else passes through unchanged. The region
// of a request is the one in its SigV4 credential scope. (fault-proxy.ts is
// the other fault injector: a queue of faults per request, for retries; the
// error bodies come from there.)
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorBody } from "./fault-proxy.ts";
import { listenLoopback, readBody, type Listening } from "./http-util.ts";

export interface RegionFault {
  status: number;
  code: string;
  message: string;
  /** Fail only this many times, then pass through (default: always). */
  times?: number;
}

export interface RegionFaultOptions {
  /** moto's endpoint (loopback). */
  target: string;
  /** EC2 faults by region. */
  faults?: Record<string, RegionFault>;
  /** When set, DescribeRegions lists only these regions (in moto's order). */
  enabledRegions?: string[];
}

export interface RegionFaultProxy extends Listening {
  /** Requests seen per region and service, "eu-west-2/ec2" → count. */
  counts: Map<string, number>;
  /** Faults answered per region. */
  faulted: Map<string, number>;
}

/** Region and service of a SigV4-signed request, from its Authorization header. */
export function signedScope(req: IncomingMessage): { region: string; service: string } | undefined {
  const auth = req.headers.authorization;
  const m = typeof auth === "string" ? /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth) : null;
  return m ? { region: m[1]!, service: m[2]! } : undefined;
}

function ec2Error(res: ServerResponse, f: RegionFault): void {
  const body = errorBody("ec2", f.code, f.message);
  res.writeHead(f.status, { "content-type": `${body.type};charset=UTF-8`, "content-length": Buffer.byteLength(body.text) });
  res.end(body.text);
}

/** Keeps only the enabled regions' <item> blocks of a DescribeRegions answer. */
export function filterRegions(xml: string, enabled: readonly string[]): string {
  return xml.replace(/<item>(?:(?!<\/item>)[\s\S])*<\/item>\s*/g, (block) => {
    const name = /<regionName>([^<]*)<\/regionName>/.exec(block)?.[1];
    return name === undefined || enabled.includes(name) ? block : "";
  });
}

export async function startRegionFaultProxy(opts: RegionFaultOptions): Promise<RegionFaultProxy> {
  const counts = new Map<string, number>();
  const faulted = new Map<string, number>();
  const target = new URL(opts.target);
  if (target.hostname !== "127.0.0.1") throw new Error("the fault proxy forwards to loopback only");
  const listening = await listenLoopback(async (req, res) => {
    const body = await readBody(req);
    const scope = signedScope(req);
    if (scope) counts.set(`${scope.region}/${scope.service}`, (counts.get(`${scope.region}/${scope.service}`) ?? 0) + 1);
    const fault = scope?.service === "ec2" ? opts.faults?.[scope.region] : undefined;
    if (fault) {
      const n = faulted.get(scope!.region) ?? 0;
      if (fault.times === undefined || n < fault.times) {
        faulted.set(scope!.region, n + 1);
        ec2Error(res, fault);
        return;
      }
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string" && k !== "host" && k !== "connection") headers[k] = v;
    const upstream = await fetch(new URL(req.url ?? "/", target), {
      method: req.method ?? "GET",
      headers,
      ...(req.method === "GET" || req.method === "HEAD" ? {} : { body }),
    });
    let out = Buffer.from(await upstream.arrayBuffer());
    if (opts.enabledRegions && scope?.service === "ec2" && /(^|&)Action=DescribeRegions(&|$)/.test(body)) {
      out = Buffer.from(filterRegions(out.toString("utf8"), opts.enabledRegions), "utf8");
    }
    const outHeaders: Record<string, string> = {};
    upstream.headers.forEach((v, k) => {
      if (!["content-length", "content-encoding", "transfer-encoding", "connection"].includes(k)) outHeaders[k] = v;
    });
    outHeaders["content-length"] = String(out.length);
    res.writeHead(upstream.status, outHeaders);
    res.end(out);
  });
  return { ...listening, counts, faulted };
}
