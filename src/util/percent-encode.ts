// botocore's percent_encode_sequence (urllib.parse.quote with safe="-_.~"):
// key=value pairs joined by "&", everything but A-Z a-z 0-9 - _ . ~ escaped,
// spaces as %20. Used where kumo must write a query string byte for byte as
// the CLI does (SSO sign-in, presigned URLs).
export function percentEncodeQuery(params: ReadonlyArray<readonly [string, string]>): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return params.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");
}
