// A small EC2 instance metadata service (IMDS) on 127.0.0.1 that behaves as
// the real one does for what credential lookups use:
//
//   PUT /latest/api/token                       needs x-aws-ec2-metadata-token-ttl-seconds
//                                               (1..21600, else 400); a request carrying
//                                               X-Forwarded-For is refused (403); any other
//                                               method is 405
//   GET /latest/meta-data/iam/security-credentials/         the role name
//   GET /latest/meta-data/iam/security-credentials/<role>   the role's credentials (JSON)
//   GET /latest/meta-data/placement/availability-zone       e.g. us-east-1a
//
// With `tokens: "required"` (the default, an instance with HttpTokens=required)
// every GET needs a valid x-aws-ec2-metadata-token header, else 401.
// `"optional"` also serves requests without a token (IMDSv1). `"v1-only"`
// answers the token PUT with `v1Status` (an IMDS that predates IMDSv2, or a
// proxy in front of it) and serves GETs without a token. `"hang"` accepts
// connections and never answers (for timeouts). `failures` makes the next
// metadata GETs fail with 500.
import { randomBytes } from "node:crypto";
import { isoIn, listenLoopback, readBody, sendText, type RecordedRequest } from "./http-util.ts";

export interface ImdsCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  Token: string;
  Expiration: string;
}

export interface ImdsOptions {
  tokens?: "required" | "optional" | "v1-only" | "hang";
  /** Status of the token PUT in "v1-only" mode (403, 404 or 405). */
  v1Status?: number;
  roleName?: string;
  /** Credentials for each request of the role's document; default: fixed test keys valid for 6 hours. */
  credentials?: () => ImdsCredentials;
  availabilityZone?: string;
  /** Answer this many metadata GETs with 500 before serving (for retries). */
  failures?: number;
}

export interface ImdsFake {
  /** Base URL with a trailing slash, as ec2_metadata_service_endpoint wants it. */
  endpoint: string;
  requests: RecordedRequest[];
  options: ImdsOptions;
  stop(): Promise<void>;
}

const NOT_FOUND = `<?xml version="1.0" encoding="iso-8859-1"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
         "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
 <head>
  <title>404 - Not Found</title>
 </head>
 <body>
  <h1>404 - Not Found</h1>
 </body>
</html>
`;

export function defaultImdsCredentials(): ImdsCredentials {
  return {
    AccessKeyId: "ASIAIMDSFAKEEXAMPLE1",
    SecretAccessKey: "imds/fake/secret/key/EXAMPLEKEY",
    Token: "imds-fake-session-token",
    Expiration: isoIn(6 * 3600),
  };
}

export async function startImds(options: ImdsOptions = {}): Promise<ImdsFake> {
  const tokens = new Map<string, number>(); // token → expiry (ms)
  const requests: RecordedRequest[] = [];
  const fake: ImdsFake = { endpoint: "", requests, options, stop: async () => {} };
  const listening = await listenLoopback(async (req, res) => {
    const body = await readBody(req);
    const url = req.url ?? "/";
    requests.push({ method: req.method ?? "", url, headers: { ...req.headers }, body });
    const opts = fake.options;
    const mode = opts.tokens ?? "required";
    if (mode === "hang") return; // never answer
    const path = url.split("?")[0]!;

    if (path === "/latest/api/token") {
      if (req.method !== "PUT") return sendText(res, 405, "");
      if (mode === "v1-only") return sendText(res, opts.v1Status ?? 404, "");
      if (req.headers["x-forwarded-for"] !== undefined) return sendText(res, 403, "");
      const ttlRaw = req.headers["x-aws-ec2-metadata-token-ttl-seconds"];
      const ttl = typeof ttlRaw === "string" && /^\d+$/.test(ttlRaw) ? Number(ttlRaw) : NaN;
      if (!(ttl >= 1 && ttl <= 21600)) return sendText(res, 400, "");
      const token = randomBytes(24).toString("base64url");
      tokens.set(token, Date.now() + ttl * 1000);
      res.setHeader("x-aws-ec2-metadata-token-ttl-seconds", String(ttl));
      return sendText(res, 200, token);
    }

    if (req.method !== "GET") return sendText(res, 405, "");
    const token = req.headers["x-aws-ec2-metadata-token"];
    if (token !== undefined) {
      const exp = typeof token === "string" ? tokens.get(token) : undefined;
      if (exp === undefined || exp < Date.now()) return sendText(res, 401, "");
    } else if (mode === "required") {
      return sendText(res, 401, "");
    }

    if ((opts.failures ?? 0) > 0) {
      opts.failures = opts.failures! - 1;
      return sendText(res, 500, "");
    }
    const role = opts.roleName ?? "kumo-instance-role";
    const prefix = "/latest/meta-data/iam/security-credentials/";
    if (path === prefix) return sendText(res, 200, role);
    if (path === prefix + role) {
      const c = (opts.credentials ?? defaultImdsCredentials)();
      const doc = {
        Code: "Success",
        LastUpdated: isoIn(0),
        Type: "AWS-HMAC",
        AccessKeyId: c.AccessKeyId,
        SecretAccessKey: c.SecretAccessKey,
        Token: c.Token,
        Expiration: c.Expiration,
      };
      return sendText(res, 200, JSON.stringify(doc, null, 2));
    }
    if (path === "/latest/meta-data/placement/availability-zone") return sendText(res, 200, opts.availabilityZone ?? "us-east-1a");
    return sendText(res, 404, NOT_FOUND, "text/html");
  });
  fake.endpoint = `${listening.url}/`;
  fake.stop = listening.stop;
  return fake;
}
