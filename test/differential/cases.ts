// The differential cases: each runs the same arguments through kumo and the
// reference AWS CLI v2 against one moto server seeded with the estate
// (scripts/lib/estate.mjs), and both must exit with the same code and print
// the same stdout. `--endpoint-url <moto>` is appended to every case's args.
//
// Every case is read-only with respect to the estate and avoids output that
// changes per call (fresh credentials, random ids made per request). A case
// that must create something does it in CREATE_REGION, which holds no part
// of the estate, and prints only what is the same for every resource it makes.
import type { Estate } from "../../scripts/lib/estate.d.mts";
import { BASE_IMAGE_ID } from "../../scripts/lib/estate.mjs";

export type Area =
  | "formats"
  | "query"
  | "pagination"
  | "parameters"
  | "skeleton"
  | "errors"
  | "globals"
  | "s3 ls"
  | "cli-input"
  | "waiters"
  | "customizations";

/**
 * exact: byte-for-byte stdout.
 * json-semantic: stdout parsed as JSON, key order ignored. Only where the
 *   CLI's older service models order an output shape's members differently
 *   from the current models kumo is built from.
 * text-lines: stdout compared as a multiset of lines. Only for text output
 *   whose columns or lines move because of that same member-order difference.
 */
export type Compare = "exact" | "json-semantic" | "text-lines";

export interface CaseContext {
  estate: Estate;
  /** A folder holding the files that file:// arguments refer to (see FILES). */
  dir: string;
  /** The NextToken printed by the case's `token` step, when it has one. */
  token?: string;
}

export interface Case {
  /** Unique; the test's name. */
  name: string;
  area: Area;
  args: string[] | ((ctx: CaseContext) => string[]);
  /** Exit code the reference CLI must give (default 0), so a case tests what it says. */
  code?: number;
  /** The reference CLI prints nothing on stdout (default: it must print something when code is 0). */
  emptyStdout?: boolean;
  compare?: Compare;
  /** Why a non-exact comparison is right for this case. */
  reason?: string;
  /** A kumo bug not fixed yet: the case runs and is reported as a TODO while it differs. */
  knownFailure?: string;
  /** Environment overrides (undefined removes a variable). */
  env?: Record<string, string | undefined>;
  /** "profiles": HOME holds the config and credentials files in PROFILES_CONFIG. */
  home?: "plain" | "profiles";
  /** Also compare stderr, with the program name (aws/kumo) made the same. */
  stderr?: boolean;
  /** Run this first with the given CLI (`--output json`) and pass its NextToken to args. */
  token?: { from: "aws" | "kumo"; args: string[] | ((ctx: CaseContext) => string[]) };
}

/** ~/.aws/config and ~/.aws/credentials for the "profiles" home. */
export const PROFILES_CONFIG = {
  config: [
    "[default]",
    "region = us-east-1",
    "",
    "[profile eu]",
    "region = eu-west-1",
    "output = text",
    "",
    "[profile syd]",
    "region = ap-southeast-2",
    "output = table",
    "",
    "[profile stream]",
    "region = us-east-1",
    "output = yaml-stream",
    "",
    "[profile wire]",
    "region = us-east-1",
    "cli_timestamp_format = wire",
    "",
    "[profile badoutput]",
    "region = us-east-1",
    "output = xml",
    "",
    "[profile noregion]",
    "output = json",
    "",
  ].join("\n"),
  credentials: ["default", "eu", "syd", "stream", "wire", "badoutput", "noregion"]
    .map((p) => `[${p}]\naws_access_key_id = testing\naws_secret_access_key = testing\n`)
    .join("\n"),
};

/** Files written into CaseContext.dir before the cases run. */
export const FILES: Record<string, (e: Estate) => string> = {
  "filters.json": () => JSON.stringify([{ Name: "instance-state-name", Values: ["stopped"] }]),
  "get-user.json": () => JSON.stringify({ UserName: "carol" }),
  "describe-instances.json": (e) => JSON.stringify({ InstanceIds: home(e).slice(0, 2).map((i) => i.id) }, null, 2),
  "get-user.yaml": () => "UserName: dave\n",
  "not-a-key.pem": () => "not a private key\n",
  "not-a-zip.zip": () => "print('hello')\n",
  // A zip archive with no entries: its end-of-directory record alone.
  "empty.zip": () => "PK\x05\x06" + "\0".repeat(18),
};

/** Where cases create resources: a region the estate leaves empty. */
export const CREATE_REGION = "us-west-2";

const FORMATS = ["json", "yaml", "yaml-stream", "text", "table"] as const;
type Format = (typeof FORMATS)[number];

const home = (e: Estate) => e.ec2["us-east-1"].instances;
const running = (e: Estate) => home(e).filter((i) => i.state === "running");
const stopped = (e: Estate) => home(e).filter((i) => i.state === "stopped");

const REASON_RESERVATION =
  "the current EC2 model orders Reservation as ReservationId, OwnerId, RequesterId, Groups, Instances (2.9.19: Groups, Instances, OwnerId, ...), and Instance's members differently";
const REASON_VOLUME = "the current EC2 model orders Volume and VolumeAttachment members differently (VolumeType, VolumeId, Size first)";
const REASON_ADDRESS = "the current EC2 model orders Address members differently (AllocationId first)";
const REASON_KEYPAIR = "the current EC2 model orders KeyPairInfo members differently (KeyPairId, KeyType, Tags first)";
const REASON_AZ = "the current EC2 model orders AvailabilityZone members differently (State last)";
const NEWER_MODEL = (member: string) =>
  `newer model: the SDK's current model has ${member}, which AWS CLI 2.9.19's model lacks, so the CLI drops it and kumo prints it`;

/** One case per output format; `extra` adds fields (a comparison, a known failure) to some formats. */
function inFormats(
  area: Area,
  name: string,
  args: Case["args"],
  formats: readonly Format[] = FORMATS,
  extra: Partial<Record<Format, Partial<Case>>> = {},
): Case[] {
  return formats.map((f) => ({
    name: `${name} --output ${f}`,
    area,
    args: (ctx: CaseContext) => [...(typeof args === "function" ? args(ctx) : args), "--output", f],
    ...extra[f],
  }));
}

const semantic = (reason: string): Partial<Case> => ({ compare: "json-semantic", reason });

// ---------------------------------------------------------------------------
// Output formats on nested data
// ---------------------------------------------------------------------------
const fmt = (name: string, args: Case["args"], formats: readonly Format[] = FORMATS, extra: Partial<Record<Format, Partial<Case>>> = {}) =>
  inFormats("formats", name, args, formats, extra);

const formats: Case[] = [
  ...fmt("ec2 describe-instances", ["ec2", "describe-instances"], FORMATS, { json: semantic(REASON_RESERVATION) }),
  ...fmt("ec2 describe-instances eu-west-1", ["ec2", "describe-instances", "--region", "eu-west-1"], ["table"]),
  ...fmt("ec2 describe-volumes", ["ec2", "describe-volumes"], ["json", "text"], { json: semantic(REASON_VOLUME) }),
  ...fmt("ec2 describe-addresses", ["ec2", "describe-addresses"], ["json", "table"], { json: semantic(REASON_ADDRESS) }),
  ...fmt("ec2 describe-key-pairs", ["ec2", "describe-key-pairs"], ["json"], { json: semantic(REASON_KEYPAIR) }),
  ...fmt("ec2 describe-images self", ["ec2", "describe-images", "--owners", "self"], ["json"], { json: { knownFailure: NEWER_MODEL("Image.SourceInstanceId") } }),
  ...fmt("ec2 describe-security-groups web", ["ec2", "describe-security-groups", "--group-names", "web"], ["json"], {
    json: { knownFailure: NEWER_MODEL("SecurityGroup.SecurityGroupArn") },
  }),
  ...fmt("iam list-users", ["iam", "list-users"], ["json", "yaml-stream", "text", "table"]),
  ...fmt("iam get-role app-server", ["iam", "get-role", "--role-name", "app-server"], ["json", "text", "table"]),
  ...fmt("iam get-user alice", ["iam", "get-user", "--user-name", "alice"], ["table"]),
  ...fmt("iam list-access-keys alice", ["iam", "list-access-keys", "--user-name", "alice"], ["text"]),
  ...fmt("iam list-virtual-mfa-devices", ["iam", "list-virtual-mfa-devices"], ["json"]),
  ...fmt("iam get-group developers", ["iam", "get-group", "--group-name", "developers"], ["text"]),
  ...fmt("iam list-policies local", ["iam", "list-policies", "--scope", "Local"], ["table"]),
  ...fmt("iam get-policy-version", (c) => ["iam", "get-policy-version", "--policy-arn", c.estate.iam.policies[0]!, "--version-id", "v1"], ["text"]),
  ...fmt("iam list-roles", ["iam", "list-roles"], ["yaml"]),
  ...fmt("s3api list-objects-v2 assets", ["s3api", "list-objects-v2", "--bucket", "estate-assets"]),
  ...fmt("s3api list-buckets", ["s3api", "list-buckets"], ["table"]),
  ...fmt("s3api list-object-versions", ["s3api", "list-object-versions", "--bucket", "estate-assets", "--prefix", "docs/"], ["json"]),
  ...fmt("s3api get-bucket-tagging", ["s3api", "get-bucket-tagging", "--bucket", "estate-assets"], ["table"]),
  ...fmt("s3api get-bucket-location eu", ["s3api", "get-bucket-location", "--bucket", "estate-reports-eu"], ["text"]),
  // us-east-1: an empty LocationConstraint, which the CLI prints as null.
  ...fmt("s3api get-bucket-location us-east-1", ["s3api", "get-bucket-location", "--bucket", "estate-assets"], ["json", "text", "table", "yaml"]),
  ...fmt("s3api head-object", ["s3api", "head-object", "--bucket", "estate-assets", "--key", "index.html"], ["json"]),
  ...fmt("dynamodb scan customers", ["dynamodb", "scan", "--table-name", "customers"], ["json", "text", "table"]),
  ...fmt("dynamodb get-item", ["dynamodb", "get-item", "--table-name", "customers", "--key", '{"id": {"S": "c-001"}}'], ["table"]),
  ...fmt("dynamodb describe-table", ["dynamodb", "describe-table", "--table-name", "orders"], ["json"], {
    json: { knownFailure: NEWER_MODEL("TableDescription.DeletionProtectionEnabled and WarmThroughput") },
  }),
  ...fmt("sqs list-queues", ["sqs", "list-queues"], ["text"]),
  ...fmt("sqs get-queue-attributes", (c) => ["sqs", "get-queue-attributes", "--queue-url", c.estate.queues.orders, "--attribute-names", "All"], ["json", "table"]),
  ...fmt("sns list-topics", ["sns", "list-topics"], ["text"]),
  ...fmt("sns get-topic-attributes", (c) => ["sns", "get-topic-attributes", "--topic-arn", c.estate.topics.alerts], ["json"]),
  ...fmt("sns list-subscriptions", ["sns", "list-subscriptions"], ["table"]),
  ...fmt("logs describe-log-groups", ["logs", "describe-log-groups"], ["json"], { json: { knownFailure: NEWER_MODEL("LogGroup.logGroupArn") } }),
  ...fmt("logs get-log-events", ["logs", "get-log-events", "--log-group-name", "/app/web", "--log-stream-name", "web-1"], ["json"]),
  ...fmt("ssm get-parameter", ["ssm", "get-parameter", "--name", "/app/db/port"], ["yaml", "table"]),
  ...fmt("ssm get-parameters", ["ssm", "get-parameters", "--names", "/app/db/host", "/app/feature-flags", "/app/missing"], ["text"]),
  ...fmt("ssm get-parameters-by-path", ["ssm", "get-parameters-by-path", "--path", "/app", "--recursive"], ["json"]),
  ...fmt("kms list-keys", ["kms", "list-keys"], ["text"]),
  ...fmt("kms describe-key", (c) => ["kms", "describe-key", "--key-id", c.estate.kmsAlias], ["json"]),
  ...fmt("secretsmanager list-secrets", ["secretsmanager", "list-secrets"], ["table"]),
  ...fmt("secretsmanager describe-secret", ["secretsmanager", "describe-secret", "--secret-id", "prod/db/credentials"], ["yaml"]),
  ...fmt("sts get-caller-identity", ["sts", "get-caller-identity"], ["text", "table"]),
  ...fmt("cloudformation describe-stacks", ["cloudformation", "describe-stacks"], ["json", "table"]),
  // A JSON TemplateBody is an OrderedDict in the CLI: yaml writes it as !!omap.
  ...fmt("cloudformation get-template json body", ["cloudformation", "get-template", "--stack-name", "estate-release"], ["json", "yaml", "yaml-stream"]),
  ...fmt("cloudformation get-template yaml body", ["cloudformation", "get-template", "--stack-name", "estate-canary"], ["json", "yaml"]),
  ...fmt("cloudformation list-stack-resources", ["cloudformation", "list-stack-resources", "--stack-name", "estate-release"], ["json", "table"]),
  ...fmt("ec2 describe-availability-zones", ["ec2", "describe-availability-zones"], ["json", "text"], { json: semantic(REASON_AZ) }),
  ...fmt("iam get-account-summary", ["iam", "get-account-summary"], ["json", "table"]),
  // The SDK pages this operation; the CLI does not.
  // (moto dates the versions at the time of the call, so the dates are left out.)
  ...fmt("secretsmanager list-secret-version-ids", ["secretsmanager", "list-secret-version-ids", "--secret-id", "prod/db/credentials", "--query", "{versions: Versions[].[VersionId, VersionStages], next: NextToken, name: Name}"], ["json"]),
  ...fmt("ssm get-parameter-history", ["ssm", "get-parameter-history", "--name", "/app/db/host"], ["text"]),
];

// ---------------------------------------------------------------------------
// --query
// ---------------------------------------------------------------------------
const q = (name: string, args: Case["args"], query: string, output: Format = "json", extra: Partial<Case> = {}): Case => ({
  name: `query: ${name}`,
  area: "query",
  args: (ctx) => [...(typeof args === "function" ? args(ctx) : args), "--query", query, "--output", output],
  ...extra,
});

const DI = ["ec2", "describe-instances"];
const query: Case[] = [
  q("running instances with Name tag, table", DI, "Reservations[].Instances[?State.Name=='running'][].[InstanceId, InstanceType, Tags[?Key=='Name']|[0].Value]", "table"),
  q("instances as hashes with env", DI, "Reservations[].Instances[].{Id: InstanceId, Type: InstanceType, State: State.Name, Env: Tags[?Key=='env']|[0].Value, Name: Tags[?Key=='Name']|[0].Value}", "table"),
  q("instances without a Name tag", DI, "Reservations[].Instances[?!not_null(Tags[?Key=='Name']|[0])][].InstanceId"),
  q("unattached volumes, table", ["ec2", "describe-volumes"], "Volumes[?State=='available'].{ID: VolumeId, Size: Size, Type: VolumeType, AZ: AvailabilityZone}", "table"),
  q("unattached volumes through filters, text", ["ec2", "describe-volumes", "--filters", "Name=status,Values=available"], "Volumes[].[VolumeId, Size]", "text"),
  q("five oldest self-owned AMIs, table", ["ec2", "describe-images", "--owners", "self"], "sort_by(Images, &CreationDate)[:5].[ImageId, Name, CreationDate]", "table"),
  q("newest AMI name", ["ec2", "describe-images", "--owners", "self"], "max_by(Images, &CreationDate).Name", "text"),
  q("users with MFA", ["iam", "list-virtual-mfa-devices", "--assignment-status", "Assigned"], "VirtualMFADevices[].User.UserName"),
  q("bob has no MFA device", ["iam", "list-mfa-devices", "--user-name", "bob"], "length(MFADevices)"),
  q("user names joined", ["iam", "list-users"], "join(', ', Users[].UserName)", "text"),
  q("engineering users", ["iam", "list-users"], "Users[?starts_with(Path, '/engineering/')].UserName", "text"),
  q("largest volume", ["ec2", "describe-volumes"], "max_by(Volumes, &Size).[VolumeId, Size]"),
  q("total and average volume size", ["ec2", "describe-volumes"], "{total: sum(Volumes[].Size), average: avg(Volumes[].Size), count: length(Volumes)}", "yaml"),
  q("all instance tags flattened", DI, "Reservations[].Instances[].Tags[]", "text"),
  q("nested projections without flatten", DI, "Reservations[*].Instances[*].State.Name"),
  q("multiselect list of lists, text", DI, "Reservations[].Instances[].[InstanceId, [Placement.AvailabilityZone, State.Name]]", "text"),
  q("literal document as table", ["sts", "get-caller-identity"], '{"a": `[1, 2.5, "x"]`, "b": `{"c": null, "d": true}`, "e": Account}', "table"),
  q("literal document as yaml", ["sts", "get-caller-identity"], '{"list": `[1, 2.5, "x", [], {}]`, "nested": {"n": `null`, "t": `true`, "f": `false`}}', "yaml"),
  q("active customers by seats", ["dynamodb", "scan", "--table-name", "customers"], "sort_by(Items[?active.BOOL], &to_number(seats.N))[].[id.S, name.S, seats.N]", "table"),
  q("null result", ["iam", "list-users"], "Users[0].NoSuchMember", "json"),
  q("null result as text", ["iam", "list-users"], "Users[0].NoSuchMember", "text"),
  q("empty list as table", ["iam", "list-users"], "Users[?UserName=='nobody']", "table", { emptyStdout: true }),
  q("queue attributes subset", (c) => ["sqs", "get-queue-attributes", "--queue-url", c.estate.queues.orders, "--attribute-names", "All"], "Attributes.{visibility: VisibilityTimeout, delay: DelaySeconds, wait: ReceiveMessageWaitTimeSeconds}", "table"),
  q("parameter values by path", ["ssm", "get-parameters-by-path", "--path", "/app/db"], "Parameters[].{N: Name, V: Value}", "yaml-stream"),
  q("log messages", ["logs", "get-log-events", "--log-group-name", "/app/web", "--log-stream-name", "web-1"], "events[?contains(message, '200')].message", "text"),
  q("objects ending in .svg", ["s3api", "list-objects-v2", "--bucket", "estate-assets"], "Contents[?ends_with(Key, '.svg')].[Key, Size]", "table"),
  q("to_string and abs", ["ec2", "describe-volumes"], "[to_string(length(Volumes)), abs(`-3`), ceil(`2.5`), floor(`2.5`)]"),
  q("merge and not_null", ["iam", "get-user", "--user-name", "alice"], "merge(User, {Extra: not_null(User.Missing, 'fallback')})", "yaml"),
  q("image projection as yaml", ["ec2", "describe-images", "--owners", "self"], "Images[].{Name: Name, Id: ImageId, Root: RootDeviceName, Devices: BlockDeviceMappings[].DeviceName, Tags: Tags}", "yaml"),
  q("security group rules as table", ["ec2", "describe-security-groups", "--group-names", "web"], "SecurityGroups[].IpPermissions[].{From: FromPort, To: ToPort, Protocol: IpProtocol, Ranges: IpRanges}", "table"),
  q("log groups as yaml-stream", ["logs", "describe-log-groups"], "logGroups[].{name: logGroupName, retention: retentionInDays, bytes: storedBytes}", "yaml-stream"),
  q("describe-table summary as table", ["dynamodb", "describe-table", "--table-name", "orders"], "Table.{Name: TableName, Keys: KeySchema, Status: TableStatus, Items: ItemCount, Throughput: ProvisionedThroughput}", "table"),
  q("template parameters as yaml", ["cloudformation", "get-template", "--stack-name", "estate-release"], "TemplateBody.Parameters", "yaml"),
  q("template pieces in a list as yaml", ["cloudformation", "get-template", "--stack-name", "estate-release"], "[TemplateBody.Resources, TemplateBody.Outputs.Env, TemplateBody.Metadata]", "yaml"),
  q("decoded console output", (c) => ["ec2", "get-console-output", "--instance-id", running(c.estate)[0]!.id], "Output", "text"),
  q("current node in filter", ["iam", "list-users"], "Users[].UserName[?@ != 'erin']"),
];

// ---------------------------------------------------------------------------
// Pagination
// ---------------------------------------------------------------------------
const USERS_PAGE = ["iam", "list-users", "--max-items", "2"];
const pagination: Case[] = [
  { name: "iam list-users --max-items 2", area: "pagination", args: [...USERS_PAGE] },
  { name: "iam list-users --max-items 2 text (NEXTTOKEN)", area: "pagination", args: [...USERS_PAGE, "--output", "text"] },
  { name: "iam list-users --max-items 2 --query", area: "pagination", args: [...USERS_PAGE, "--query", "Users[].UserName"] },
  // Text output runs --query on the closing {"NextToken": {"NextToken": ...}} too.
  { name: "text: --query on a truncated listing prints None for the token", area: "pagination", args: ["iam", "list-users", "--max-items", "3", "--query", "Users[0]", "--output", "text"] },
  { name: "text: --query NextToken prints the bare token", area: "pagination", args: [...USERS_PAGE, "--query", "NextToken", "--output", "text"] },
  { name: "text: --query per page with --page-size", area: "pagination", args: ["s3api", "list-objects-v2", "--bucket", "estate-logs", "--page-size", "5", "--max-items", "12", "--query", "Contents[-1].Key", "--output", "text"] },
  { name: "iam list-users --page-size 2", area: "pagination", args: ["iam", "list-users", "--page-size", "2", "--query", "Users[].UserName"] },
  {
    name: "iam list-users --starting-token from aws",
    area: "pagination",
    token: { from: "aws", args: USERS_PAGE },
    args: (c) => ["iam", "list-users", "--max-items", "2", "--starting-token", c.token!],
  },
  {
    name: "iam list-users --starting-token from kumo",
    area: "pagination",
    token: { from: "kumo", args: USERS_PAGE },
    args: (c) => ["iam", "list-users", "--max-items", "2", "--starting-token", c.token!],
  },
  {
    name: "iam list-users --starting-token to the end, text",
    area: "pagination",
    token: { from: "kumo", args: ["iam", "list-users", "--max-items", "4"] },
    args: (c) => ["iam", "list-users", "--starting-token", c.token!, "--output", "text"],
  },
  { name: "ec2 describe-instances --max-items 3", area: "pagination", args: ["ec2", "describe-instances", "--max-items", "3", "--query", "{ids: Reservations[].Instances[].InstanceId, next: NextToken}"] },
  { name: "ec2 describe-volumes --max-items 3 --page-size 2", area: "pagination", args: ["ec2", "describe-volumes", "--max-items", "3", "--page-size", "2", "--query", "{v: Volumes[].[VolumeId, Size], next: NextToken}"] },
  {
    name: "ec2 describe-volumes --starting-token from aws",
    area: "pagination",
    token: { from: "aws", args: ["ec2", "describe-volumes", "--max-items", "5", "--page-size", "3"] },
    args: (c) => ["ec2", "describe-volumes", "--starting-token", c.token!, "--page-size", "3", "--query", "Volumes[].VolumeId"],
  },
  { name: "s3api list-objects-v2 --max-items 5", area: "pagination", args: ["s3api", "list-objects-v2", "--bucket", "estate-logs", "--max-items", "5"] },
  { name: "s3api list-objects-v2 --page-size 7", area: "pagination", args: ["s3api", "list-objects-v2", "--bucket", "estate-logs", "--page-size", "7", "--query", "Contents[].Key", "--output", "text"] },
  {
    name: "s3api list-objects-v2 --starting-token from kumo",
    area: "pagination",
    token: { from: "kumo", args: ["s3api", "list-objects-v2", "--bucket", "estate-logs", "--max-items", "10", "--page-size", "4"] },
    args: (c) => ["s3api", "list-objects-v2", "--bucket", "estate-logs", "--starting-token", c.token!, "--max-items", "3", "--query", "[Contents[].Key, NextToken]"],
  },
  // ListObjects pages by marker: keys are URL-decoded before they go back as the next Marker.
  { name: "s3api list-objects pages by decoded marker", area: "pagination", args: ["s3api", "list-objects", "--bucket", "estate-assets", "--page-size", "2", "--max-items", "9", "--output", "text"] },
  { name: "s3api list-objects-v2 --no-paginate --max-keys 5", area: "pagination", args: ["s3api", "list-objects-v2", "--bucket", "estate-logs", "--no-paginate", "--max-keys", "5"] },
  { name: "s3api list-objects-v2 --no-paginate text", area: "pagination", args: ["s3api", "list-objects-v2", "--bucket", "estate-logs", "--no-paginate", "--max-keys", "3", "--output", "text"] },
  // IAM's own MaxItems is --max-items: with --no-paginate the value goes to the API.
  { name: "iam list-users --no-paginate --max-items 2", area: "pagination", args: ["iam", "list-users", "--no-paginate", "--max-items", "2"] },
  { name: "--no-paginate with --page-size fails", area: "pagination", args: ["iam", "list-users", "--no-paginate", "--page-size", "2"], code: 252, stderr: true },
  { name: "dynamodb scan --max-items 2", area: "pagination", args: ["dynamodb", "scan", "--table-name", "customers", "--max-items", "2"] },
  { name: "dynamodb scan --page-size 2 text", area: "pagination", args: ["dynamodb", "scan", "--table-name", "customers", "--page-size", "2", "--output", "text"] },
  { name: "logs describe-log-groups --max-items 1 yaml", area: "pagination", args: ["logs", "describe-log-groups", "--max-items", "1", "--query", "{groups: logGroups[].logGroupName, next: NextToken}", "--output", "yaml"] },
  // Not base64 JSON: the CLI takes it as an old-style token, the marker itself.
  { name: "--starting-token the CLI did not make", area: "pagination", args: ["iam", "list-users", "--starting-token", "not-a-token", "--query", "Users[].UserName"] },
  { name: "--max-items not a number", area: "pagination", args: ["iam", "list-users", "--max-items", "two"], code: 252 },
];

// ---------------------------------------------------------------------------
// Shorthand and JSON parameters
// ---------------------------------------------------------------------------
const IDS_TEXT = "Reservations[].Instances[].[InstanceId, State.Name, Tags[?Key=='Name']|[0].Value] | sort_by(@, &[0])";
const parameters: Case[] = [
  { name: "--filters with two groups", area: "parameters", args: ["ec2", "describe-instances", "--filters", "Name=instance-state-name,Values=running", "Name=tag:env,Values=prod", "--query", IDS_TEXT, "--output", "text"] },
  { name: "--filters Values list", area: "parameters", args: ["ec2", "describe-instances", "--filters", "Name=tag:Name,Values=web-1,api-1,db-2", "--query", IDS_TEXT, "--output", "text"] },
  { name: "--filters quoted value", area: "parameters", args: ["ec2", "describe-instances", "--filters", 'Name=tag:Name,Values="web-1"', "--query", IDS_TEXT, "--output", "text"] },
  { name: "--filters bracketed Values", area: "parameters", args: ["ec2", "describe-instances", "--filters", "Name=instance-type,Values=[t3.micro,r5.large]", "--query", IDS_TEXT, "--output", "text"] },
  { name: "--filters as a JSON list", area: "parameters", args: ["ec2", "describe-instances", "--filters", '[{"Name": "instance-type", "Values": ["t3.micro", "t3.small"]}, {"Name": "instance-state-name", "Values": ["running"]}]', "--query", IDS_TEXT, "--output", "text"] },
  { name: "--filters from file://", area: "parameters", args: (c) => ["ec2", "describe-instances", "--filters", `file://${c.dir}/filters.json`, "--query", IDS_TEXT, "--output", "text"] },
  { name: "--filters wildcard value", area: "parameters", args: ["ec2", "describe-images", "--owners", "self", "--filters", "Name=name,Values=web-server-*", "--query", "sort(Images[].Name)", "--output", "text"] },
  { name: "--instance-ids list", area: "parameters", args: (c) => ["ec2", "describe-instances", "--instance-ids", ...stopped(c.estate).map((i) => i.id), "--query", IDS_TEXT, "--output", "text"] },
  { name: "--instance-ids as JSON list", area: "parameters", args: (c) => ["ec2", "describe-instances", "--instance-ids", JSON.stringify(running(c.estate).slice(0, 2).map((i) => i.id)), "--query", IDS_TEXT, "--output", "text"] },
  { name: "dynamodb --key shorthand", area: "parameters", args: ["dynamodb", "get-item", "--table-name", "customers", "--key", "id={S=c-002}"] },
  { name: "dynamodb --projection-expression", area: "parameters", args: ["dynamodb", "get-item", "--table-name", "customers", "--key", '{"id": {"S": "c-006"}}', "--projection-expression", "#n, contact.email", "--expression-attribute-names", '{"#n": "name"}'] },
  { name: "dynamodb query with key condition", area: "parameters", args: ["dynamodb", "query", "--table-name", "orders", "--key-condition-expression", "customerId = :c", "--expression-attribute-values", '{":c": {"S": "c-004"}}', "--output", "table"] },
  { name: "dynamodb scan with filter expression", area: "parameters", args: ["dynamodb", "scan", "--table-name", "customers", "--filter-expression", "tier = :t", "--expression-attribute-values", '{":t": {"S": "gold"}}', "--query", "Items[].id.S | sort(@)"] },
  { name: "ssm --with-decryption", area: "parameters", args: ["ssm", "get-parameter", "--name", "/app/db/password", "--with-decryption", "--query", "Parameter.[Name, Type, Value]", "--output", "text"] },
  { name: "iam --path-prefix", area: "parameters", args: ["iam", "list-users", "--path-prefix", "/engineering/", "--query", "Users[].UserName"] },
  { name: "s3api non-ASCII --prefix", area: "parameters", args: ["s3api", "list-objects-v2", "--bucket", "estate-assets", "--prefix", "docs/über/", "--output", "text"] },
  { name: "s3api --encoding-type url keeps keys encoded", area: "parameters", args: ["s3api", "list-objects-v2", "--bucket", "estate-assets", "--prefix", "docs/", "--encoding-type", "url", "--query", "[EncodingType, Contents[].Key]"] },
  { name: "s3api --start-after with a space", area: "parameters", args: ["s3api", "list-objects-v2", "--bucket", "estate-assets", "--start-after", "docs/annual report 2023.txt", "--query", "[StartAfter, Contents[].Key]"] },
  { name: "s3api --prefix and --delimiter", area: "parameters", args: ["s3api", "list-objects-v2", "--bucket", "estate-assets", "--prefix", "img/", "--delimiter", "/"] },
  { name: "invalid shorthand", area: "parameters", args: ["ec2", "describe-instances", "--filters", "Name=foo,Values"], code: 252, stderr: true },
  { name: "invalid JSON", area: "parameters", args: ["dynamodb", "get-item", "--table-name", "customers", "--key", '{"id": '], code: 252, stderr: true },
  { name: "unknown shorthand key", area: "parameters", args: ["ec2", "describe-instances", "--filters", "Nme=foo,Values=bar"], code: 252, stderr: true },
  { name: "not an integer", area: "parameters", args: ["s3api", "list-objects-v2", "--bucket", "estate-assets", "--max-keys", "abc"], code: 255, stderr: true },
  { name: "wrong JSON type in structure", area: "parameters", args: ["dynamodb", "get-item", "--table-name", "customers", "--key", '{"id": {"X": "c-001"}}'], code: 252, stderr: true },
  { name: "missing file://", area: "parameters", args: (c) => ["ec2", "describe-instances", "--filters", `file://${c.dir}/no-such-file.json`], code: 252 },
];

// ---------------------------------------------------------------------------
// --generate-cli-skeleton
// ---------------------------------------------------------------------------
const skeleton: Case[] = [
  { name: "skeleton ec2 describe-instances", area: "skeleton", args: ["ec2", "describe-instances", "--generate-cli-skeleton"], knownFailure: NEWER_MODEL("DescribeInstancesRequest.IncludeManagedResources") },
  { name: "skeleton iam create-user, required options relaxed", area: "skeleton", args: ["iam", "create-user", "--generate-cli-skeleton", "input"] },
  { name: "skeleton ssm get-parameters", area: "skeleton", args: ["ssm", "get-parameters", "--generate-cli-skeleton"] },
  // Enums start at their first value, in a member and in a list of them.
  { name: "skeleton cloudwatch get-metric-statistics", area: "skeleton", args: ["cloudwatch", "get-metric-statistics", "--generate-cli-skeleton"] },
  { name: "skeleton cloudwatch set-alarm-state", area: "skeleton", args: ["cloudwatch", "set-alarm-state", "--generate-cli-skeleton"] },
  { name: "skeleton iam get-user yaml-input", area: "skeleton", args: ["iam", "get-user", "--generate-cli-skeleton", "yaml-input"], knownFailure: "the SDK's models carry no documentation, so yaml-input has no member descriptions in its comments" },
  { name: "skeleton ec2 describe-key-pairs output", area: "skeleton", args: ["ec2", "describe-key-pairs", "--generate-cli-skeleton", "output"], compare: "json-semantic", reason: REASON_KEYPAIR },
  { name: "skeleton sqs list-queues output", area: "skeleton", args: ["sqs", "list-queues", "--generate-cli-skeleton", "output"] },
  // The CLI validates its output skeleton like a request: names below a minimum length, blobs (None).
  { name: "skeleton output below minimum lengths", area: "skeleton", args: ["sts", "get-caller-identity", "--generate-cli-skeleton", "output"], code: 252, stderr: true },
  { name: "skeleton output with a blob", area: "skeleton", args: ["kms", "encrypt", "--key-id", "k", "--plaintext", "eA==", "--generate-cli-skeleton", "output"], code: 252, stderr: true },
  { name: "skeleton output still requires options", area: "skeleton", args: ["iam", "get-role", "--generate-cli-skeleton", "output"], code: 252, stderr: true },
];

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------
const err = (name: string, args: Case["args"], code: number, extra: Partial<Case> = {}): Case => ({ name: `error: ${name}`, area: "errors", args, code, stderr: true, ...extra });
const errors: Case[] = [
  // The lists of valid choices come from newer models than 2.9.19's, so stderr differs there.
  err("unknown service with close matches", ["ec3", "describe-instances"], 252, { stderr: false }),
  err("unknown operation with close matches", ["ec2", "describe-instance"], 252, { stderr: false }),
  err("unknown option", ["ec2", "describe-instances", "--no-such-option", "x"], 252),
  err("option prefix is accepted", ["ec2", "describe-instances", "--instance-id", "i-1"], 254),
  err("missing required argument", ["iam", "get-role"], 252),
  err("missing operation", ["ec2"], 252),
  err("bad --output", ["iam", "list-users", "--output", "xml"], 252),
  err("bad --query syntax", ["iam", "list-users", "--query", "Users[?"], 252),
  err("--query type error", ["iam", "list-users", "--query", "length(`1`)"], 255),
  err("NoSuchEntity", ["iam", "get-user", "--user-name", "nobody"], 254),
  err("InvalidInstanceID.NotFound", ["ec2", "describe-instances", "--instance-ids", "i-0123456789abcdef0"], 254),
  err("NoSuchBucket", ["s3api", "list-objects-v2", "--bucket", "no-such-bucket-estate"], 254),
  err("dynamodb ResourceNotFoundException", ["dynamodb", "describe-table", "--table-name", "nope"], 254),
  err("dynamodb ValidationException", ["dynamodb", "get-item", "--table-name", "customers", "--key", '{"nope": {"S": "x"}}'], 254),
  // 2.9.19 calls SQS with the query protocol, the SDK with JSON, and moto words the message per protocol.
  err("sqs QueueDoesNotExist", ["sqs", "get-queue-url", "--queue-name", "nope"], 254, { stderr: false }),
  err("ssm ParameterNotFound", ["ssm", "get-parameter", "--name", "/nope"], 254),
  err("secretsmanager ResourceNotFoundException", ["secretsmanager", "describe-secret", "--secret-id", "nope"], 254),
  err("unknown profile", ["iam", "list-users", "--profile", "nosuch"], 255),
  err("missing region", ["ec2", "describe-instances"], 253, { env: { AWS_DEFAULT_REGION: undefined } }),
  err("invalid region name", ["ec2", "describe-instances", "--region", "bad region"], 255),
  err("--no-paginate with --max-items", ["ec2", "describe-instances", "--no-paginate", "--max-items", "2"], 252),
  // moto answers a filter without Values with an HTML 500 page.
  err("unparsable error response", ["ec2", "describe-instances", "--filters", '{"Name": "x"}'], 255),
  err("cloudformation ValidationError", ["cloudformation", "describe-stacks", "--stack-name", "nope"], 254),
  err("no arguments", [], 252),
  err("s3api get-object without outfile", ["s3api", "get-object", "--bucket", "estate-assets", "--key", "index.html"], 252),
  err("--page-size below the model's minimum", ["iam", "list-users", "--page-size", "0"], 252),
  err("empty string below a minimum length", ["iam", "get-user", "--user-name", ""], 252),
  err("minimum lengths reported in the model's member order", ["iam", "create-user", "--user-name", "", "--path", ""], 252),
  err("a number below its minimum", ["logs", "describe-log-groups", "--limit", "0"], 252),
];

// ---------------------------------------------------------------------------
// Global options, environment and profiles
// ---------------------------------------------------------------------------
const NAMES = "Reservations[].Instances[].Tags[?Key=='Name'][].Value | sort(@)";
const globals: Case[] = [
  { name: "--region eu-west-1", area: "globals", args: ["ec2", "describe-instances", "--region", "eu-west-1", "--query", NAMES] },
  { name: "AWS_DEFAULT_REGION", area: "globals", args: ["ec2", "describe-volumes", "--query", "Volumes[].Size"], env: { AWS_DEFAULT_REGION: "eu-west-1" } },
  { name: "--profile with region and output", area: "globals", home: "profiles", args: ["ec2", "describe-instances", "--profile", "eu", "--query", NAMES] },
  { name: "--profile table output", area: "globals", home: "profiles", args: ["ec2", "describe-instances", "--profile", "syd", "--query", "Reservations[].Instances[].[InstanceType, State.Name]"] },
  { name: "--output overrides profile output", area: "globals", home: "profiles", args: ["ec2", "describe-instances", "--profile", "syd", "--output", "json", "--query", NAMES] },
  { name: "AWS_PROFILE", area: "globals", home: "profiles", env: { AWS_PROFILE: "eu", AWS_DEFAULT_REGION: undefined }, args: ["ec2", "describe-addresses", "--query", "Addresses[].Tags"] },
  { name: "AWS_DEFAULT_REGION beats the profile's region", area: "globals", home: "profiles", env: { AWS_DEFAULT_REGION: "ap-southeast-2" }, args: ["ec2", "describe-volumes", "--profile", "eu", "--query", "Volumes[].AvailabilityZone"] },
  { name: "--profile beats AWS_PROFILE", area: "globals", home: "profiles", env: { AWS_PROFILE: "syd", AWS_DEFAULT_REGION: undefined }, args: ["ec2", "describe-volumes", "--profile", "eu", "--query", "Volumes[].Size"] },
  { name: "AWS_DEFAULT_OUTPUT beats the profile's output", area: "globals", home: "profiles", env: { AWS_DEFAULT_OUTPUT: "table" }, args: ["iam", "list-groups", "--profile", "eu"] },
  { name: "profile output yaml-stream", area: "globals", home: "profiles", args: ["iam", "list-groups", "--profile", "stream"] },
  { name: "AWS_DEFAULT_OUTPUT table", area: "globals", env: { AWS_DEFAULT_OUTPUT: "table" }, args: ["iam", "list-groups"] },
  { name: "--output overrides AWS_DEFAULT_OUTPUT", area: "globals", env: { AWS_DEFAULT_OUTPUT: "yaml" }, args: ["iam", "list-groups", "--output", "text"] },
  { name: "profile output invalid", area: "globals", home: "profiles", args: ["iam", "list-groups", "--profile", "badoutput"], code: 255 },
  { name: "profile without region", area: "globals", home: "profiles", env: { AWS_DEFAULT_REGION: undefined }, args: ["ec2", "describe-instances", "--profile", "noregion"], code: 253 },
  { name: "cli_timestamp_format wire, query protocol", area: "globals", home: "profiles", args: ["iam", "list-users", "--profile", "wire", "--query", "Users[0].CreateDate"] },
  { name: "cli_timestamp_format wire, JSON protocol", area: "globals", home: "profiles", args: ["dynamodb", "describe-table", "--table-name", "customers", "--profile", "wire", "--query", "Table.CreationDateTime"] },
  { name: "--color on table", area: "globals", args: ["iam", "list-groups", "--output", "table", "--color", "on"] },
  { name: "global options before the service", area: "globals", args: ["--output", "text", "--region", "eu-west-1", "ec2", "describe-volumes", "--query", "Volumes[].[Size, VolumeType]"] },
];

// ---------------------------------------------------------------------------
// s3 ls (dates are local time: fixed TZ)
// ---------------------------------------------------------------------------
const ls = (name: string, args: string[], code = 0, extra: Partial<Case> = {}): Case => ({
  name: `s3 ls ${name}`,
  area: "s3 ls",
  args: ["s3", "ls", ...args],
  code,
  env: { TZ: "Europe/London" },
  ...extra,
});
const s3ls: Case[] = [
  ls("buckets", []),
  ls("bucket root", ["s3://estate-assets"]),
  ls("prefix folder", ["s3://estate-assets/img/"]),
  ls("partial key prefix", ["s3://estate-assets/css/si"]),
  ls("recursive human-readable summarize", ["s3://estate-logs", "--recursive", "--human-readable", "--summarize"]),
  ls("empty bucket", ["s3://estate-empty"], 0, { emptyStdout: true }),
  ls("missing bucket", ["s3://no-such-bucket-estate"], 254),
];

// ---------------------------------------------------------------------------
// --cli-input-json / --cli-input-yaml
// ---------------------------------------------------------------------------
const cliInput: Case[] = [
  { name: "--cli-input-json inline", area: "cli-input", args: (c) => ["ec2", "describe-instances", "--cli-input-json", JSON.stringify({ InstanceIds: [running(c.estate)[0]!.id] }), "--query", IDS_TEXT, "--output", "text"] },
  { name: "--cli-input-json file://", area: "cli-input", args: (c) => ["iam", "get-user", "--cli-input-json", `file://${c.dir}/get-user.json`, "--query", "User.[UserName, Path]"] },
  { name: "--cli-input-yaml file://", area: "cli-input", args: (c) => ["iam", "get-user", "--cli-input-yaml", `file://${c.dir}/get-user.yaml`, "--query", "User.UserName"] },
  { name: "command line overrides --cli-input-json", area: "cli-input", args: ["iam", "get-user", "--cli-input-json", '{"UserName": "alice"}', "--user-name", "bob", "--query", "User.UserName"] },
  { name: "--cli-input-yaml inline", area: "cli-input", args: ["ec2", "describe-instances", "--cli-input-yaml", "Filters:\n  - Name: instance-state-name\n    Values: [stopped]\n", "--query", IDS_TEXT, "--output", "text"] },
  { name: "--cli-input-json=... does not relax required options", area: "cli-input", args: ["iam", "get-role", '--cli-input-json={"RoleName": "app-server"}'], code: 252, stderr: true },
  { name: "--cli-input-json invalid JSON", area: "cli-input", args: ["iam", "get-user", "--cli-input-json", '{"UserName": '], code: 252, stderr: true },
  { name: "--cli-input-json unknown member", area: "cli-input", args: ["iam", "get-user", "--cli-input-json", '{"UserNam": "alice"}'], code: 252, stderr: true },
];

// ---------------------------------------------------------------------------
// Waiters that succeed at once
// ---------------------------------------------------------------------------
const wait = (name: string, args: Case["args"]): Case => ({ name: `wait ${name}`, area: "waiters", args, emptyStdout: true });
const waiters: Case[] = [
  wait("ec2 instance-running", (c) => ["ec2", "wait", "instance-running", "--instance-ids", ...running(c.estate).slice(0, 3).map((i) => i.id)]),
  wait("ec2 instance-stopped", (c) => ["ec2", "wait", "instance-stopped", "--instance-ids", stopped(c.estate)[0]!.id]),
  wait("ec2 volume-available", (c) => ["ec2", "wait", "volume-available", "--volume-ids", c.estate.ec2["us-east-1"].volumes.available[0]!]),
  wait("iam user-exists", ["iam", "wait", "user-exists", "--user-name", "alice"]),
  wait("dynamodb table-exists", ["dynamodb", "wait", "table-exists", "--table-name", "customers"]),
  // The list of valid waiters comes from newer definitions than 2.9.19's, so stderr differs.
  { name: "wait unknown waiter", area: "waiters", args: ["ec2", "wait", "instance-sleeping"], code: 252 },
];

// ---------------------------------------------------------------------------
// The CLI's per-operation customizations (added, renamed and hidden options)
// ---------------------------------------------------------------------------
const cust = (name: string, args: Case["args"], extra: Partial<Case> = {}): Case => ({ name: `customization: ${name}`, area: "customizations", args, ...extra });
const failsLike = (code: number): Partial<Case> => ({ code, stderr: true });
const RUN = ["ec2", "run-instances", "--image-id", BASE_IMAGE_ID, "--region", CREATE_REGION];
const webGroup = (c: CaseContext) => c.estate.ec2["us-east-1"].securityGroups.find((g) => g.name === "web")!.id;
const firstRunning = (c: CaseContext) => running(c.estate)[0]!.id;
const LAMBDA_FN = ["lambda", "create-function", "--function-name", "never-made", "--runtime", "python3.9", "--handler", "index.handler", "--role", "arn:aws:iam::123456789012:role/none"];
const customizations: Case[] = [
  // run-instances: --count replaces --min-count/--max-count (in a region of its own: these launch instances).
  cust("run-instances --count 2", [...RUN, "--count", "2", "--query", "Instances[].[ImageId, State.Name]", "--output", "text"]),
  cust("run-instances --count 1:3", [...RUN, "--count", "1:3", "--query", "length(Instances)"]),
  cust("run-instances launches one instance without --count", [...RUN, "--query", "Instances[].ImageId"]),
  cust("run-instances --count with --cli-input-json counts", [...RUN, "--cli-input-json", '{"MinCount": 2, "MaxCount": 2}', "--count", "1", "--query", "length(Instances)"]),
  cust("run-instances --count not a number", [...RUN, "--count", "two"], { code: 255 }),
  cust("run-instances --min-count is not an option", [...RUN, "--min-count", "1"], failsLike(252)),
  cust("run-instances --secondary-private-ip-addresses", [...RUN, "--secondary-private-ip-addresses", "10.0.0.7", "10.0.0.8", "--query", "length(Instances)"]),
  cust("run-instances --no-associate-public-ip-address with --network-interfaces", [...RUN, "--network-interfaces", "DeviceIndex=0", "--no-associate-public-ip-address", "--dry-run"], failsLike(254)),
  cust("run-instances --associate-public-ip-address with --network-interfaces", [...RUN, "--network-interfaces", "DeviceIndex=0", "--associate-public-ip-address"], failsLike(252)),
  cust("run-instances --secondary-private-ip-address-count not an integer", [...RUN, "--secondary-private-ip-address-count", "x"], failsLike(252)),
  cust("run-instances --secondary-private-ip-address is ambiguous", [...RUN, "--secondary-private-ip-address", "10.0.0.7"], failsLike(252)),
  // Renamed: --no-disable-api-termination is --enable-api-termination, --no-no-reboot is --reboot.
  cust("run-instances --enable-api-termination", [...RUN, "--enable-api-termination", "--dry-run"], failsLike(254)),
  cust("run-instances --no-disable-api-termination is not an option", [...RUN, "--no-disable-api-termination", "--dry-run"], failsLike(252)),
  cust("create-image --reboot", (c) => ["ec2", "create-image", "--instance-id", firstRunning(c), "--name", "never-made", "--reboot", "--dry-run"], failsLike(254)),
  cust("network ACL entry --ingress and protocol name", ["ec2", "create-network-acl-entry", "--network-acl-id", "acl-12345678", "--rule-number", "100", "--protocol", "udp", "--rule-action", "allow", "--ingress", "--cidr-block", "10.0.0.0/8", "--dry-run"], failsLike(254)),
  cust("network ACL entry needs --egress or --ingress", ["ec2", "create-network-acl-entry", "--network-acl-id", "acl-12345678", "--rule-number", "100", "--protocol", "tcp", "--rule-action", "allow", "--cidr-block", "10.0.0.0/8"], failsLike(252)),
  // EC2 attribute booleans: --x, --x <value>, --no-x. Each sets what the estate already has.
  cust("modify-instance-attribute --source-dest-check", (c) => ["ec2", "modify-instance-attribute", "--instance-id", firstRunning(c), "--source-dest-check"], { emptyStdout: true }),
  cust("modify-instance-attribute --no-disable-api-termination", (c) => ["ec2", "modify-instance-attribute", "--instance-id", firstRunning(c), "--no-disable-api-termination"], { emptyStdout: true }),
  cust("modify-instance-attribute --ebs-optimized Value=false", (c) => ["ec2", "modify-instance-attribute", "--instance-id", firstRunning(c), "--ebs-optimized", "Value=false"], { emptyStdout: true }),
  cust("modify-instance-attribute --x and --no-x together", (c) => ["ec2", "modify-instance-attribute", "--instance-id", firstRunning(c), "--ebs-optimized", "--no-ebs-optimized"], failsLike(252)),
  cust("modify-instance-attribute --enable-api-termination is not an option", (c) => ["ec2", "modify-instance-attribute", "--instance-id", firstRunning(c), "--enable-api-termination"], failsLike(252)),
  // Security-group rules from --protocol/--port/--cidr/--source-group/--group-owner. The web
  // group already has these rules, so the service refuses them as duplicates and nothing changes;
  // a rule built wrongly would be added instead and exit 0.
  cust("authorize-security-group-ingress --protocol --port --cidr", ["ec2", "authorize-security-group-ingress", "--group-name", "web", "--protocol", "tcp", "--port", "443", "--cidr", "0.0.0.0/0"], failsLike(254)),
  cust("authorize-security-group-egress --protocol all", (c) => ["ec2", "authorize-security-group-egress", "--group-id", webGroup(c), "--protocol", "all", "--port", "all", "--cidr", "0.0.0.0/0"], failsLike(254)),
  cust("authorize-security-group-ingress with the model's single-rule options", ["ec2", "authorize-security-group-ingress", "--group-name", "web", "--ip-protocol", "tcp", "--from-port", "22", "--to-port", "22", "--cidr-ip", "10.0.0.0/8"], failsLike(254)),
  cust("revoke-security-group-ingress --source-group --group-owner", (c) => ["ec2", "revoke-security-group-ingress", "--group-id", webGroup(c), "--protocol", "udp", "--port", "1000-2000", "--source-group", "web", "--group-owner", c.estate.account], failsLike(254)),
  cust("security-group --protocol out of range", ["ec2", "authorize-security-group-ingress", "--group-name", "web", "--protocol", "300"], failsLike(252)),
  cust("security-group --protocol unknown name", ["ec2", "revoke-security-group-egress", "--group-name", "web", "--protocol", "gre"], failsLike(252)),
  cust("security-group --port not a number", ["ec2", "authorize-security-group-ingress", "--group-name", "web", "--protocol", "icmp", "--port", "echo"], failsLike(252)),
  cust("security-group --ip-permissions with --source-group", ["ec2", "authorize-security-group-ingress", "--group-name", "web", "--ip-permissions", "IpProtocol=tcp,FromPort=1,ToPort=1", "--source-group", "web"], failsLike(252)),
  // get-password-data --priv-launch-key (moto's password data is no real ciphertext).
  cust("get-password-data --priv-launch-key missing file", (c) => ["ec2", "get-password-data", "--instance-id", firstRunning(c), "--priv-launch-key", `${c.dir}/no-such-key.pem`], failsLike(255)),
  // With no password data to decrypt, the key file is not read as a key.
  cust("get-password-data --priv-launch-key not a key, nothing to decrypt", (c) => ["ec2", "get-password-data", "--instance-id", firstRunning(c), "--priv-launch-key", `${c.dir}/not-a-key.pem`, "--query", "PasswordData"]),
  // iam create-virtual-mfa-device --outfile --bootstrap-method (checked before any call).
  cust("create-virtual-mfa-device needs --outfile and --bootstrap-method", ["iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "never-made"], failsLike(252)),
  cust("create-virtual-mfa-device --outfile in a missing folder", (c) => ["iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "never-made", "--outfile", `${c.dir}/no/such/qr.png`, "--bootstrap-method", "QRCodePNG"], failsLike(252)),
  cust("create-virtual-mfa-device --bootstrap-method choices", (c) => ["iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "never-made", "--outfile", `${c.dir}/qr.png`, "--bootstrap-method", "PNG"], failsLike(252)),
  // cloudwatch put-metric-data's single-metric options.
  cust("put-metric-data --metric-name --value --unit --dimensions", ["cloudwatch", "put-metric-data", "--region", CREATE_REGION, "--namespace", "App", "--metric-name", "Latency", "--value", "12.5", "--unit", "Milliseconds", "--dimensions", "Host=web-1,Env=prod", "--timestamp", "2024-01-01T00:00:00Z"], { emptyStdout: true }),
  cust("put-metric-data --statistic-values --storage-resolution", ["cloudwatch", "put-metric-data", "--region", CREATE_REGION, "--namespace", "App", "--metric-name", "Latency", "--statistic-values", "Sum=10,Minimum=1,Maximum=5,SampleCount=3", "--storage-resolution", "1"], { emptyStdout: true }),
  cust("put-metric-data --metric-data with --metric-name", ["cloudwatch", "put-metric-data", "--namespace", "App", "--metric-data", "MetricName=x,Value=1", "--metric-name", "y"], failsLike(252)),
  cust("put-metric-data --dimensions without =", ["cloudwatch", "put-metric-data", "--namespace", "App", "--metric-name", "y", "--value", "1", "--dimensions", "web-1"], failsLike(255)),
  // lambda --zip-file.
  cust("publish-layer-version --zip-file", (c) => ["lambda", "publish-layer-version", "--region", CREATE_REGION, "--layer-name", "empty", "--zip-file", `fileb://${c.dir}/empty.zip`, "--query", "Content.CodeSize"]),
  cust("create-function --zip-file not a zip", (c) => [...LAMBDA_FN, "--zip-file", `fileb://${c.dir}/not-a-zip.zip`], failsLike(252)),
  cust("create-function --code with ZipFile", [...LAMBDA_FN, "--code", "ZipFile=abc"], failsLike(252)),
  cust("update-function-code --zip-file not a zip", (c) => ["lambda", "update-function-code", "--function-name", "never-made", "--zip-file", `fileb://${c.dir}/not-a-zip.zip`], failsLike(252)),
  // Renamed options of other services.
  cust("sns subscribe --notification-endpoint", ["sns", "subscribe", "--region", CREATE_REGION, "--topic-arn", `arn:aws:sns:${CREATE_REGION}:123456789012:none`, "--protocol", "email", "--notification-endpoint", "ops@example.com"], failsLike(254)),
  cust("ecs update-service --disable-execute-command", ["ecs", "update-service", "--region", CREATE_REGION, "--service", "none", "--disable-execute-command"], failsLike(254)),
  cust("ecs update-service --no-enable-execute-command is not an option", ["ecs", "update-service", "--service", "none", "--no-enable-execute-command"], failsLike(252)),
];

export const CASES: Case[] = [...formats, ...query, ...pagination, ...parameters, ...skeleton, ...errors, ...globals, ...s3ls, ...cliInput, ...waiters, ...customizations];
