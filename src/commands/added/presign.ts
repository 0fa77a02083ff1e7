// A presigned GET URL (SigV4 in the query string), laid out as botocore lays
// it out: the operation's parameters first in the order given, then
// X-Amz-Algorithm, -Credential, -Date, -Expires, -SignedHeaders,
// -Security-Token, and the signature last. The SDK's SignatureV4 computes the
// signature (which does not depend on that order); the layout matters
// because tools compare and log these URLs, and the CLI's is the reference.
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@smithy/core/checksum";
import type { Credentials } from "../../credentials/types.ts";
import { percentEncodeQuery } from "../../util/percent-encode.ts";

export interface PresignRequest {
  /** `https://host[:port]` (no path). */
  origin: string;
  /** Operation parameters, in the order they go into the URL. */
  params: [string, string][];
  /** Headers signed besides `host`, e.g. `x-k8s-aws-id`. */
  headers?: Record<string, string>;
  service: string;
  region: string;
  credentials: Credentials;
  expiresIn: number;
  now: Date;
}

export async function presignGet(req: PresignRequest): Promise<string> {
  const url = new URL(req.origin);
  const signer = new SignatureV4({
    service: req.service,
    region: req.region,
    credentials: req.credentials,
    sha256: Sha256,
    uriEscapePath: true,
  });
  const query: Record<string, string> = Object.fromEntries(req.params);
  const signed = await signer.presign(
    {
      method: "GET",
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: "/",
      query,
      headers: { host: url.host, ...req.headers },
    },
    { expiresIn: req.expiresIn, signingDate: req.now },
  );
  const q = signed.query as Record<string, string>;
  const auth = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Security-Token"];
  const pairs = [...req.params, ...auth.filter((k) => q[k] !== undefined).map((k): [string, string] => [k, q[k]!])];
  return `${url.protocol}//${url.host}/?${percentEncodeQuery(pairs)}&X-Amz-Signature=${q["X-Amz-Signature"]}`;
}
