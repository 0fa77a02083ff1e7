// The AWS console federation sign-in, as a custom identity broker does it:
//
//   1. GET <signin>/federation?Action=getSigninToken&Session=<json>
//        [&SessionDuration=<seconds>]   ->  {"SigninToken": "..."}
//      where <json> is {"sessionId": key ID, "sessionKey": secret, "sessionToken": token};
//   2. the login URL <signin>/federation?Action=login&Issuer=<issuer>
//        &Destination=<console URL>&SigninToken=<token>.
//
// The sign-in and console hosts depend on the partition of the region. The
// federation endpoint can be replaced with KUMO_FEDERATION_ENDPOINT (a full
// URL, e.g. http://127.0.0.1:8080/federation), for tests and private
// endpoints.

export interface Partition {
  name: string;
  signinDomain: string;
  consoleHost: string;
}

const PARTITIONS: { prefix: RegExp; partition: Partition }[] = [
  { prefix: /^cn-/, partition: { name: "aws-cn", signinDomain: "signin.amazonaws.cn", consoleHost: "console.amazonaws.cn" } },
  { prefix: /^us-gov-/, partition: { name: "aws-us-gov", signinDomain: "signin.amazonaws-us-gov.com", consoleHost: "console.amazonaws-us-gov.com" } },
  { prefix: /^us-isob-/, partition: { name: "aws-iso-b", signinDomain: "signin.sc2shome.sgov.gov", consoleHost: "console.sc2shome.sgov.gov" } },
  { prefix: /^us-isof-/, partition: { name: "aws-iso-f", signinDomain: "signin.csphome.hci.ic.gov", consoleHost: "console.csphome.hci.ic.gov" } },
  { prefix: /^us-iso-/, partition: { name: "aws-iso", signinDomain: "signin.c2shome.ic.gov", consoleHost: "console.c2shome.ic.gov" } },
  { prefix: /^eu-isoe-/, partition: { name: "aws-iso-e", signinDomain: "signin.csphome.adc-e.uk", consoleHost: "console.csphome.adc-e.uk" } },
  { prefix: /^eusc-/, partition: { name: "aws-eusc", signinDomain: "signin.amazonaws-eusc.eu", consoleHost: "console.amazonaws-eusc.eu" } },
];

const AWS: Partition = { name: "aws", signinDomain: "signin.aws.amazon.com", consoleHost: "console.aws.amazon.com" };

export function partitionOf(region: string): Partition {
  return PARTITIONS.find((p) => p.prefix.test(region))?.partition ?? AWS;
}

/** The federation endpoint for `region`, or the override. */
export function federationEndpoint(region: string, override?: string): string {
  if (override) return override;
  return `https://${region}.${partitionOf(region).signinDomain}/federation`;
}

/**
 * The console page to land on: a full https URL as given; a path (`/ec2/home`)
 * on the partition's console host; a service name (`ec2`, `s3`) as its home
 * page; nothing: the console home. The region is added as ?region= when the
 * URL does not name one.
 */
export function consoleDestination(region: string, destination?: string): string {
  const host = `https://${partitionOf(region).consoleHost}`;
  let url: string;
  if (destination === undefined || destination === "") url = `${host}/console/home`;
  else if (/^https:\/\//i.test(destination)) return destination;
  else if (destination.startsWith("/")) url = `${host}${destination}`;
  else if (/^[a-z0-9-]+$/i.test(destination)) url = `${host}/${destination.toLowerCase()}/home`;
  else url = `${host}/${destination}`;
  const u = new URL(url);
  if (!u.searchParams.has("region")) u.searchParams.set("region", region);
  return u.toString();
}

export interface SessionKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export function signinTokenUrl(endpoint: string, keys: SessionKeys, sessionDuration?: number): string {
  const session = JSON.stringify({ sessionId: keys.accessKeyId, sessionKey: keys.secretAccessKey, sessionToken: keys.sessionToken });
  const q = new URLSearchParams({ Action: "getSigninToken" });
  if (sessionDuration !== undefined) q.set("SessionDuration", String(sessionDuration));
  q.set("Session", session);
  return `${endpoint}?${q.toString()}`;
}

export function loginUrl(endpoint: string, signinToken: string, destination: string, issuer: string): string {
  const q = new URLSearchParams({ Action: "login", Issuer: issuer, Destination: destination, SigninToken: signinToken });
  return `${endpoint}?${q.toString()}`;
}
