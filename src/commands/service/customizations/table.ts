// What AWS CLI v2 (2.9.19) adds to or changes in operations, as a table:
// one entry per customization, in the order the CLI registers its handlers
// (awscli/handlers.py), botocore's own handlers first. The mechanisms are in
// apply.ts; the values and handlers an entry names are in the modules beside
// this one.
import type { CustomOption, Customization } from "./types.ts";
import { exclusiveGroups, notWith } from "./apply.ts";
import { ARGUMENT_RENAMES, HIDDEN_ALIASES } from "./renames.ts";
import { bucketLocation, decodeConsoleOutput, decodeTemplateBody, encodeUserData, iamPolicyDocuments, s3UrlEncodedKeys } from "./responses.ts";
import {
  FIRST_INTERFACE,
  cidrMembers,
  countMembers,
  decryptPassword,
  defaultCount,
  groupOwnerMembers,
  launchKeyPath,
  moveIntoNetworkInterface,
  portMembers,
  protocolMembers,
  protocolNumber,
  sourceGroupMembers,
} from "./ec2.ts";
import { BOOTSTRAP_METHODS, saveBootstrap, writableOutfile } from "./iam.ts";
import { metricMembers } from "./cloudwatch.ts";
import { requireZip, withoutZipFile, zipFileMembers } from "./lambda.ts";

/** An added option that takes one value. */
function option(name: string, help: string, more: Partial<CustomOption> = {}): CustomOption {
  return { name, takes: "value", type: "string", required: false, help, ...more };
}

// ---------------------------------------------------------------------------
// botocore's handlers
// ---------------------------------------------------------------------------
const S3_LISTS: Record<string, Parameters<typeof s3UrlEncodedKeys>[0]> = {
  "list-objects": { top: ["Delimiter", "Marker", "NextMarker"], nested: [["Contents", "Key"], ["CommonPrefixes", "Prefix"]] },
  "list-objects-v2": { top: ["Delimiter", "Prefix", "StartAfter"], nested: [["Contents", "Key"], ["CommonPrefixes", "Prefix"]] },
  "list-object-versions": {
    top: ["KeyMarker", "NextKeyMarker", "Prefix", "Delimiter"],
    nested: [["Versions", "Key"], ["DeleteMarkers", "Key"], ["CommonPrefixes", "Prefix"]],
  },
};

const botocore: Customization[] = [
  ...Object.entries(S3_LISTS).map(([op, keys]): Customization => ({ on: `s3api.${op}`, call: s3UrlEncodedKeys(keys) })),
  { on: "iam.*", call: iamPolicyDocuments },
  { on: "cloudformation.get-template", call: () => ({ after: decodeTemplateBody }) },
  { on: "ec2.get-console-output", call: () => ({ after: decodeConsoleOutput }) },
  { on: "s3api.get-bucket-location", call: () => ({ after: bucketLocation }) },
  { on: "ec2.run-instances", call: () => ({ before: encodeUserData }) },
  { on: "autoscaling.create-launch-configuration", call: () => ({ before: encodeUserData }) },
];

// ---------------------------------------------------------------------------
// EC2
// ---------------------------------------------------------------------------
const runInstancesCount: Customization = {
  on: "ec2.run-instances",
  remove: ["min-count", "max-count"],
  options: [
    option(
      "count",
      "Number of instances to launch. If a single number is provided, it is assumed to be the minimum to launch (defaults to 1). " +
        "If a range is provided in the form min:max then the first number is interpreted as the minimum number of instances to launch " +
        "and the second is interpreted as the maximum number of instances to launch.",
      { into: { path: "", members: countMembers } },
    ),
  ],
  beforeBuild: defaultCount,
};

const getPasswordData: Customization = {
  on: "ec2.get-password-data",
  options: [
    option(
      "priv-launch-key",
      "The file that contains the private key used to launch the instance (e.g. windows-keypair.pem). " +
        "If this is supplied, the password data sent from EC2 will be decrypted before display.",
      { keep: launchKeyPath },
    ),
  ],
  call: decryptPassword,
};

const RULE = "IpPermissions[0]";
const RULE_GROUP = "IpPermissions[0].UserIdGroupPairs[0]";
const securityGroupRule = (op: string): Customization => ({
  on: `ec2.${op}`,
  hide: ["ip-protocol", "from-port", "to-port", "cidr-ip", "source-security-group-name", "source-security-group-owner-id"],
  options: [
    option(
      "protocol",
      "The IP protocol: tcp | udp | icmp. (VPC only) Use all to specify all protocols. " +
        "If this argument is provided without also providing the port argument, then it will be applied to all ports for the specified protocol.",
      { into: { path: RULE, members: protocolMembers } },
    ),
    option(
      "port",
      "For TCP or UDP: The range of ports to allow. A single integer or a range (min-max). " +
        "For ICMP: A single integer or a range (type-code) representing the ICMP type number and the ICMP code number respectively. " +
        "A value of -1 indicates all ICMP codes for all ICMP types. A value of -1 just for type indicates all ICMP codes for the specified ICMP type.",
      { into: { path: RULE, members: portMembers } },
    ),
    option("cidr", "The IPv4 address range, in CIDR format.", { into: { path: RULE, members: cidrMembers } }),
    option("source-group", "The name or ID of the source security group.", { into: { path: RULE_GROUP, members: sourceGroupMembers } }),
    option("group-owner", "The AWS account ID that owns the source security group. Cannot be used when specifying a CIDR IP address.", {
      into: { path: RULE_GROUP, members: groupOwnerMembers },
    }),
  ],
  checks: [
    notWith(
      "ip-permissions",
      ["protocol", "port", "cidr", "source-group", "group-owner"],
      (o) => `The --${o.replace(/-/g, "_")} option is not compatible with the --ip-permissions option `,
    ),
  ],
});

const NIC = { path: "NetworkInterfaces[0]", start: FIRST_INTERFACE };
const runInstancesNetwork: Customization = {
  on: "ec2.run-instances",
  options: [
    option(
      "secondary-private-ip-addresses",
      "[EC2-VPC] A secondary private IP address for the network interface or instance. You can specify this multiple times to assign multiple " +
        "secondary IP addresses. If you want additional private IP addresses but do not need a specific address, use the " +
        "--secondary-private-ip-address-count option.",
      {
        takes: "list",
        type: "list",
        into: { ...NIC, keep: true, members: (v) => (Array.isArray(v) && v.length ? { PrivateIpAddresses: v.map((ip) => ({ PrivateIpAddress: ip, Primary: false })) } : undefined) },
      },
    ),
    option("secondary-private-ip-address-count", "[EC2-VPC] The number of secondary IP addresses to assign to the network interface or instance.", {
      integer: true,
      type: "integer",
      into: { ...NIC, members: (v) => (v ? { SecondaryPrivateIpAddressCount: v } : undefined) },
    }),
    option("associate-public-ip-address", "[EC2-VPC] If specified a public IP address will be assigned to the new instance in a VPC.", {
      takes: "flag",
      flag: true,
      type: "boolean",
      into: { ...NIC, members: (v) => (v === true ? { AssociatePublicIpAddress: true } : undefined) },
    }),
    option("no-associate-public-ip-address", "[EC2-VPC] If specified a public IP address will be assigned to the new instance in a VPC.", {
      takes: "flag",
      flag: false,
      type: "boolean",
      pairedWith: "associate-public-ip-address",
      into: { ...NIC, members: (v) => (v === false ? { AssociatePublicIpAddress: false } : undefined) },
    }),
  ],
  checks: [
    notWith(
      "network-interfaces",
      ["secondary-private-ip-addresses", "secondary-private-ip-address-count", "associate-public-ip-address"],
      () => "Mixing the --network-interfaces option with the simple, scalar options is not supported.",
    ),
  ],
  beforeBuild: moveIntoNetworkInterface,
};

// ---------------------------------------------------------------------------
// CloudWatch, IAM
// ---------------------------------------------------------------------------
const METRIC = "MetricData[0]";
const putMetricData: Customization = {
  on: "cloudwatch.put-metric-data",
  optional: ["metric-data"],
  options: [
    option("metric-name", "The name of the metric.", { into: { path: METRIC, members: metricMembers.metricName } }),
    option("timestamp", "The time stamp used for the metric. If not specified, the default value is set to the time the metric data was received.", {
      into: { path: METRIC, members: metricMembers.timestamp },
    }),
    option("unit", "The unit of metric.", { into: { path: METRIC, members: metricMembers.unit } }),
    option("value", "The value for the metric.", { into: { path: METRIC, members: metricMembers.value } }),
    option(
      "dimensions",
      "Name=Value pairs, separated by commas, that further identify the metric, for example: --dimensions InstanceID=1-23456789,InstanceType=m1.small",
      { into: { path: METRIC, members: metricMembers.dimensions } },
    ),
    option("statistic-values", "A set of statistical values describing the metric: Sum=...,Minimum=...,Maximum=...,SampleCount=...", {
      into: { path: METRIC, members: metricMembers.statisticValues },
    }),
    option("storage-resolution", "1 for a high-resolution metric, 60 for standard resolution.", {
      into: { path: METRIC, members: metricMembers.storageResolution },
    }),
  ],
  checks: [exclusiveGroups(["metric-data"], ["metric-name", "timestamp", "unit", "value", "dimensions", "statistic-values"])],
};

const createVirtualMfaDevice: Customization = {
  on: "iam.create-virtual-mfa-device",
  options: [
    option("outfile", "The output path and file name where the bootstrap information will be stored.", { required: true, keep: writableOutfile }),
    option("bootstrap-method", `Method to use to seed the virtual MFA. Valid values are: ${BOOTSTRAP_METHODS.join(" | ")}`, {
      required: true,
      choices: BOOTSTRAP_METHODS,
      keep: (v) => v,
    }),
  ],
  call: saveBootstrap,
};

// ---------------------------------------------------------------------------
// Renamed options and hidden aliases (argrename.py), grouped by operation pattern
// ---------------------------------------------------------------------------
function byOperation(data: Readonly<Record<string, string>>, field: "rename" | "alias"): Customization[] {
  const out = new Map<string, Record<string, string>>();
  for (const [key, to] of Object.entries(data)) {
    const at = key.lastIndexOf(".");
    const on = key.slice(0, at);
    if (!out.has(on)) out.set(on, {});
    out.get(on)![key.slice(at + 1)] = to;
  }
  return [...out].map(([on, names]) => ({ on, [field]: names }));
}

// ---------------------------------------------------------------------------
// Lambda
// ---------------------------------------------------------------------------
const zipFile = (on: string, member: "Code" | "Content"): Customization => {
  const name = member.toLowerCase();
  return {
    on,
    optional: [name],
    options: [
      option("zip-file", `The path to the zip file of the ${name} you are uploading. Specify --zip-file or --${name}, but not both. Example: fileb://${name}.zip`, {
        type: "blob",
        into: { path: member, members: zipFileMembers },
      }),
    ],
    valueChecks: { [name]: { loaded: withoutZipFile(name) } },
  };
};

// ---------------------------------------------------------------------------
// RDS: modify-option-group is split into two commands, one per direction
// (awscli/customizations/rds.py).
// ---------------------------------------------------------------------------
const rdsOptionGroups: Customization[] = [
  { on: "rds.add-option-to-option-group", rename: { "options-to-include": "options" }, remove: ["options-to-remove"] },
  { on: "rds.remove-option-from-option-group", rename: { "options-to-remove": "options" }, remove: ["options-to-include"] },
];

/**
 * Commands the CLI names other than after their operation, by service:
 * command name to operation name, or null where an operation's own command
 * is taken away.
 */
export const COMMAND_NAMES: Readonly<Record<string, Readonly<Record<string, string | null>>>> = {
  rds: {
    "modify-option-group": null,
    "add-option-to-option-group": "ModifyOptionGroup",
    "remove-option-from-option-group": "ModifyOptionGroup",
  },
  // Deprecated or not supported by the CLI (awscli/customizations/removals.py).
  // The CLI also takes away emr's job-flow operations, which its own emr
  // commands (create-cluster, ...) replace; kumo has not got those, so it
  // keeps the operations.
  ec2: { "import-instance": null, "import-volume": null },
  ses: { "delete-verified-email-address": null, "list-verified-email-addresses": null, "verify-email-address": null },
  kinesis: { "subscribe-to-shard": null },
  "lexv2-runtime": { "start-conversation": null },
};

/** Every customization, in the CLI's order. */
export const CUSTOMIZATIONS: readonly Customization[] = [
  ...botocore,
  runInstancesCount,
  getPasswordData,
  ...["authorize-security-group-ingress", "authorize-security-group-egress", "revoke-security-group-ingress", "revoke-security-group-egress"].map(
    securityGroupRule,
  ),
  runInstancesNetwork,
  putMetricData,
  createVirtualMfaDevice,
  ...rdsOptionGroups,
  ...byOperation(ARGUMENT_RENAMES, "rename"),
  ...byOperation(HIDDEN_ALIASES, "alias"),
  { on: "ec2.*", pullUpBooleans: true },
  { on: "ec2.create-network-acl-entry", beforeBuild: protocolNumber },
  { on: "ec2.replace-network-acl-entry", beforeBuild: protocolNumber },
  zipFile("lambda.create-function", "Code"),
  zipFile("lambda.publish-layer-version", "Content"),
  { on: "lambda.update-function-code", valueChecks: { "zip-file": { loaded: requireZip } } },
  { on: "ec2.describe-volumes", pageSize: { size: 1000, allow: ["NextToken", "DryRun", "PaginationConfig"] } },
  { on: "ec2.describe-snapshots", pageSize: { size: 1000, allow: ["OwnerIds", "RestorableByUserIds", "NextToken", "DryRun", "PaginationConfig"] } },
];
