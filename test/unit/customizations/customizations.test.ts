// The customization table and its mechanisms: how they rearrange an
// operation's options, the input they build from the command line, the
// checks they make, and the handlers around the call. Option tables come from
// the built service packs (skipped when dist/ is missing); expected inputs
// are what AWS CLI 2.9.19 sends for the same arguments (its --debug output).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync, publicEncrypt, constants } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KumoError, ParamError, UsageError } from "../../../src/errors/index.ts";
import { Pack } from "../../../src/services/pack.ts";
import { operationShapes } from "../../../src/services/shape.ts";
import { buildArgTable, type ArgTable } from "../../../src/params/argtable.ts";
import type { CommandContext } from "../../../src/cli/run.ts";
import type { LoadedService } from "../../../src/services/load.ts";
import { prepareOperation } from "../../../src/commands/service/operation.ts";
import { printOperationHelp } from "../../../src/commands/help/index.ts";
import { commandTable, customizationsFor } from "../../../src/commands/service/customizations/index.ts";
import { customizationsOf, exclusiveGroups, matches, notWith, place } from "../../../src/commands/service/customizations/apply.ts";
import {
  countMembers,
  decryptPkcs1,
  moveIntoNetworkInterface,
  portMembers,
  protocolMembers,
  protocolNumber,
} from "../../../src/commands/service/customizations/ec2.ts";
import { isZipArchive, requireZip } from "../../../src/commands/service/customizations/lambda.ts";
import { splitOnCommas } from "../../../src/commands/service/customizations/cloudwatch.ts";
import { ARGUMENT_RENAMES, HIDDEN_ALIASES } from "../../../src/commands/service/customizations/renames.ts";
import { ROOT } from "../../helpers/run.ts";

const PACKS = join(ROOT, "dist", "packs");
const skip = existsSync(join(PACKS, "ec2.pack")) ? false : "dist/packs is missing (run npm run build)";

const packs = new Map<string, Pack>();
function service(name: string): LoadedService {
  if (!packs.has(name)) packs.set(name, Pack.load(join(PACKS, `${name}.pack`)));
  return { name, pack: packs.get(name)! } as unknown as LoadedService;
}

/** The operation's option table as the CLI arranges it. */
function table(svc: string, op: string, cli: string): ArgTable {
  const { input, output } = operationShapes(service(svc).pack.operation(op));
  const t = buildArgTable(input, output);
  customizationsFor(svc, cli).arrange(t);
  return t;
}

function context(out: string[] = [], cwd = tmpdir()): CommandContext {
  return {
    io: { stdout: { write: (s: string) => void out.push(s) }, stderr: { write: () => undefined }, env: {}, cwd, home: cwd },
    globals: { paginate: true },
    settings: { binaryFormat: "base64" },
  } as unknown as CommandContext;
}

/** The validated input kumo builds for `svc op args`. */
async function inputOf(svc: string, op: string, args: string[], cwd?: string): Promise<Record<string, unknown>> {
  const p = await prepareOperation(context([], cwd), service(svc), op, args);
  return p.input;
}

async function rejects(svc: string, op: string, args: string[], kind: new (...a: never[]) => KumoError, message: string | RegExp): Promise<void> {
  await assert.rejects(prepareOperation(context(), service(svc), op, args), (e: unknown) => {
    assert.ok(e instanceof kind, `${String(e)} is not a ${kind.name}`);
    if (typeof message === "string") assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

// ---------------------------------------------------------------------------
// Mechanisms
// ---------------------------------------------------------------------------
describe("mechanisms", () => {
  test("patterns name operations as the CLI's event names do", () => {
    assert.ok(matches("ec2.*", "ec2", "run-instances"));
    assert.ok(matches("ec2.run-instances", "ec2", "run-instances"));
    assert.ok(matches("*.*", "iam", "get-user"));
    assert.ok(!matches("ec2.run-instances", "ec2", "run-instance"));
    assert.ok(!matches("ec2.*", "ecs", "run-task"));
  });

  test("place creates the path, starts its first member as told, and keeps members when asked", () => {
    const input: Record<string, unknown> = {};
    place(input, { path: "IpPermissions[0].UserIdGroupPairs[0]", members: () => undefined }, { GroupId: "sg-1" });
    place(input, { path: "IpPermissions[0]", members: () => undefined }, { IpProtocol: "tcp" });
    assert.deepEqual(input, { IpPermissions: [{ UserIdGroupPairs: [{ GroupId: "sg-1" }], IpProtocol: "tcp" }] });

    const nic: Record<string, unknown> = {};
    const at = { path: "NetworkInterfaces[0]", start: [{ DeviceIndex: 0 }], members: () => undefined };
    place(nic, at, { SecondaryPrivateIpAddressCount: 2 });
    place(nic, { ...at, keep: true }, { SecondaryPrivateIpAddressCount: 5, PrivateIpAddresses: [] });
    assert.deepEqual(nic, { NetworkInterfaces: [{ DeviceIndex: 0, SecondaryPrivateIpAddressCount: 2, PrivateIpAddresses: [] }] });

    const top: Record<string, unknown> = { ImageId: "ami-1" };
    place(top, { path: "", members: () => undefined }, { MinCount: 1, MaxCount: 3 });
    assert.deepEqual(top, { ImageId: "ami-1", MinCount: 1, MaxCount: 3 });
  });

  test("notWith reports the first option given with a true value", () => {
    const check = notWith("ip-permissions", ["protocol", "port", "source-group"], (o) => `--${o} clashes`);
    check([{ name: "port", value: "22" }]);
    check([{ name: "ip-permissions", value: "x" }, { name: "protocol", value: "" }]);
    assert.throws(
      () => check([{ name: "source-group", value: "g" }, { name: "ip-permissions", value: "x" }, { name: "port", value: "22" }]),
      (e: unknown) => e instanceof ParamError && e.message === "--port clashes",
    );
  });

  test("exclusiveGroups words the error with attribute names, in parse order", () => {
    const check = exclusiveGroups(["metric-data"], ["metric-name", "value"]);
    check([{ name: "metric-name", value: "a" }, { name: "value", value: "1" }]);
    assert.throws(
      () => check([{ name: "metric-data", value: "x" }, { name: "value", value: "1" }]),
      (e: unknown) =>
        e instanceof ParamError && e.message === 'The key "value" cannot be specified when one of the following keys are also specified: metric_data',
    );
  });

  test("the rename data is the CLI's: service.operation.option keys, no examples", () => {
    for (const [key, to] of Object.entries({ ...ARGUMENT_RENAMES, ...HIDDEN_ALIASES })) {
      assert.match(key, /^[a-z0-9-]+\.([a-z0-9-]+|\*)\.[a-z0-9-]+$/, key);
      assert.match(to, /^[a-z0-9-]+$/, to);
    }
    assert.equal(ARGUMENT_RENAMES["ec2.create-image.no-no-reboot"], "reboot");
    assert.equal(ARGUMENT_RENAMES["sns.subscribe.endpoint"], "notification-endpoint");
    assert.equal(HIDDEN_ALIASES["mgn.*.source-server-ids"], "source-server-i-ds");
  });
});

// ---------------------------------------------------------------------------
// Option tables
// ---------------------------------------------------------------------------
describe("option tables as the CLI arranges them", { skip }, () => {
  const names = (t: ArgTable) => [...t.members.map((m) => m.name), ...t.extras.map((x) => x.name)];

  test("run-instances: --count instead of --min-count/--max-count, the network shortcuts, --enable-api-termination", () => {
    const t = table("ec2", "RunInstances", "run-instances");
    assert.ok(!names(t).includes("min-count") && !names(t).includes("max-count"));
    for (const o of ["count", "secondary-private-ip-addresses", "secondary-private-ip-address-count", "associate-public-ip-address", "no-associate-public-ip-address"]) {
      assert.ok(names(t).includes(o), o);
    }
    assert.equal(t.members.find((m) => m.member === "DisableApiTermination")?.negName, "enable-api-termination");
  });

  test("EC2 structures of one boolean Value become --x [value] | --no-x; renames come first", () => {
    const t = table("ec2", "ModifyInstanceAttribute", "modify-instance-attribute");
    for (const member of ["SourceDestCheck", "DisableApiTermination", "EbsOptimized", "EnaSupport"]) {
      assert.ok(t.members.find((m) => m.member === member)?.boolPair, member);
    }
    // The rename of no-disable-api-termination runs before the pull-up, so it does not apply here.
    assert.equal(t.members.find((m) => m.member === "DisableApiTermination")?.negName, undefined);
    assert.ok(!t.members.find((m) => m.member === "InstanceId")?.boolPair);
  });

  test("renamed options: create-image --reboot, network ACL --ingress, sns --notification-endpoint", () => {
    assert.equal(table("ec2", "CreateImage", "create-image").members.find((m) => m.member === "NoReboot")?.negName, "reboot");
    assert.equal(table("ec2", "CreateNetworkAclEntry", "create-network-acl-entry").members.find((m) => m.member === "Egress")?.negName, "ingress");
    assert.equal(table("sns", "Subscribe", "subscribe").members.find((m) => m.member === "Endpoint")?.name, "notification-endpoint");
    assert.equal(table("eks", "CreateCluster", "create-cluster").members.find((m) => m.member === "version")?.name, "kubernetes-version");
  });

  test("security-group rules: the simple options added, the model's single-rule options hidden", () => {
    const t = table("ec2", "AuthorizeSecurityGroupIngress", "authorize-security-group-ingress");
    assert.deepEqual(
      t.members.filter((m) => m.hidden).map((m) => m.name).sort(),
      ["cidr-ip", "from-port", "ip-protocol", "source-security-group-name", "source-security-group-owner-id", "to-port"],
    );
    assert.deepEqual(t.extras.map((x) => x.name), ["protocol", "port", "cidr", "source-group", "group-owner"]);
  });

  test("a hidden alias accepts the option too, and neither is required at parse time", () => {
    const { input, output } = operationShapes(service("iam").pack.operation("GetRole"));
    const t = buildArgTable(input, output);
    customizationsOf([{ on: "iam.get-role", alias: { "role-name": "name-of-role" } }], "iam", "get-role").arrange(t);
    const [orig, alias] = [t.members.find((m) => m.name === "role-name")!, t.members.find((m) => m.name === "name-of-role")!];
    assert.equal(orig.required, false);
    assert.equal(orig.documentedRequired, true);
    assert.equal(alias.hidden, true);
    assert.equal(alias.required, false);
    assert.equal(alias.member, "RoleName");
  });

  test("help shows every customized option and hides the undocumented ones", () => {
    const help = (svc: string, op: string, cli: string) => {
      const out: string[] = [];
      printOperationHelp(context(out), service(svc), op, table(svc, op, cli));
      return out.join("");
    };
    const run = help("ec2", "RunInstances", "run-instances");
    assert.match(run, /^ {4}\[--count <value>\]$/m);
    assert.match(run, /^ {4}\[--associate-public-ip-address \| --no-associate-public-ip-address\]$/m);
    assert.match(run, /^ {4}\[--disable-api-termination \| --enable-api-termination\]$/m);
    assert.match(run, /^ {2}--count \(string\)\n {6}Number of instances to launch\./m);
    assert.doesNotMatch(run, /--min-count|--max-count/);
    const sg = help("ec2", "AuthorizeSecurityGroupIngress", "authorize-security-group-ingress");
    for (const o of ["protocol", "port", "cidr", "source-group", "group-owner"]) assert.match(sg, new RegExp(`^ {4}\\[--${o} <value>\\]$`, "m"));
    assert.doesNotMatch(sg, /--ip-protocol|--from-port|--cidr-ip/);
    assert.match(help("ec2", "ModifyInstanceAttribute", "modify-instance-attribute"), /^ {4}\[--source-dest-check \[<value>\] \| --no-source-dest-check\]$/m);
    const mfa = help("iam", "CreateVirtualMFADevice", "create-virtual-mfa-device");
    assert.match(mfa, /^ {4}--outfile <value>$/m);
    assert.match(mfa, /^ {6}Possible values: QRCodePNG, Base32StringSeed$/m);
    assert.match(help("ec2", "GetPasswordData", "get-password-data"), /^ {4}\[--priv-launch-key <value>\]$/m);
    assert.match(help("lambda", "CreateFunction", "create-function"), /^ {4}\[--zip-file <value>\]$/m);
    assert.match(help("cloudwatch", "PutMetricData", "put-metric-data"), /^ {4}\[--statistic-values <value>\]$/m);
  });
});

// ---------------------------------------------------------------------------
// Inputs built from the command line (what AWS CLI 2.9.19 sends)
// ---------------------------------------------------------------------------
describe("inputs", { skip }, () => {
  test("run-instances --count N, MIN:MAX, and one instance by default", async () => {
    assert.deepEqual(await inputOf("ec2", "RunInstances", ["--image-id", "ami-1", "--count", "2"]), { ImageId: "ami-1", MinCount: 2, MaxCount: 2 });
    assert.deepEqual(await inputOf("ec2", "RunInstances", ["--image-id", "ami-1", "--count", "1:3"]), { ImageId: "ami-1", MinCount: 1, MaxCount: 3 });
    assert.deepEqual(await inputOf("ec2", "RunInstances", ["--image-id", "ami-1"]), { ImageId: "ami-1", MaxCount: 1, MinCount: 1 });
    // Counts from --cli-input-json stand; --count on the command line wins over them.
    assert.deepEqual(await inputOf("ec2", "RunInstances", ["--cli-input-json", '{"MinCount": 2, "MaxCount": 4}']), { MinCount: 2, MaxCount: 4 });
    await rejects("ec2", "RunInstances", ["--count", "1:2:3"], KumoError, "count parameter should be of form min[:max] (e.g. 1 or 1:10)");
    await rejects("ec2", "RunInstances", ["--min-count", "1"], UsageError, "Unknown options: --min-count, 1");
  });

  test("run-instances network shortcuts build the first network interface and move the top-level options into it", async () => {
    assert.deepEqual(await inputOf("ec2", "RunInstances", ["--secondary-private-ip-addresses", "10.0.0.7", "10.0.0.8"]), {
      NetworkInterfaces: [
        {
          DeviceIndex: 0,
          PrivateIpAddresses: [
            { PrivateIpAddress: "10.0.0.7", Primary: false },
            { PrivateIpAddress: "10.0.0.8", Primary: false },
          ],
        },
      ],
      MaxCount: 1,
      MinCount: 1,
    });
    const input = await inputOf("ec2", "RunInstances", [
      "--subnet-id", "subnet-1", "--security-group-ids", "sg-1", "--private-ip-address", "10.0.0.5", "--ipv6-address-count", "1",
      "--secondary-private-ip-address-count", "2", "--associate-public-ip-address",
    ]);
    assert.deepEqual(input, {
      NetworkInterfaces: [
        {
          DeviceIndex: 0,
          SecondaryPrivateIpAddressCount: 2,
          AssociatePublicIpAddress: true,
          SubnetId: "subnet-1",
          Groups: ["sg-1"],
          PrivateIpAddresses: [{ PrivateIpAddress: "10.0.0.5", Primary: true }],
          Ipv6AddressCount: 1,
        },
      ],
      MaxCount: 1,
      MinCount: 1,
    });
    assert.deepEqual(await inputOf("ec2", "RunInstances", ["--network-interfaces", "DeviceIndex=0,SubnetId=s", "--no-associate-public-ip-address"]), {
      NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: "s", AssociatePublicIpAddress: false }],
      MaxCount: 1,
      MinCount: 1,
    });
    await rejects(
      "ec2", "RunInstances", ["--network-interfaces", "DeviceIndex=0", "--associate-public-ip-address"], ParamError,
      "Mixing the --network-interfaces option with the simple, scalar options is not supported.",
    );
    // Without addresses in it, the first interface leaves the top-level options alone.
    const plain: Record<string, unknown> = { SubnetId: "s", NetworkInterfaces: [{ DeviceIndex: 0 }] };
    moveIntoNetworkInterface(plain);
    assert.deepEqual(plain, { SubnetId: "s", NetworkInterfaces: [{ DeviceIndex: 0 }] });
  });

  test("security-group rule options build one IpPermissions rule", async () => {
    const op = "AuthorizeSecurityGroupIngress";
    assert.deepEqual(await inputOf("ec2", op, ["--group-name", "web", "--protocol", "tcp", "--port", "22", "--cidr", "10.0.0.0/8"]), {
      GroupName: "web",
      IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "10.0.0.0/8" }] }],
    });
    assert.deepEqual(await inputOf("ec2", op, ["--group-name", "web", "--protocol", "udp", "--port", "1000-2000", "--source-group", "default", "--group-owner", "123456789012"]), {
      GroupName: "web",
      IpPermissions: [{ IpProtocol: "udp", FromPort: 1000, ToPort: 2000, UserIdGroupPairs: [{ GroupName: "default", UserId: "123456789012" }] }],
    });
    assert.deepEqual(await inputOf("ec2", "RevokeSecurityGroupEgress", ["--group-id", "sg-9", "--protocol", "all", "--port", "all", "--source-group", "sg-1"]), {
      GroupId: "sg-9",
      IpPermissions: [{ IpProtocol: "-1", FromPort: -1, ToPort: -1, UserIdGroupPairs: [{ GroupId: "sg-1" }] }],
    });
    // The model's own single-rule options still work.
    assert.deepEqual(await inputOf("ec2", op, ["--group-name", "web", "--ip-protocol", "tcp", "--from-port", "80", "--to-port", "80", "--cidr-ip", "1.2.3.4/32"]), {
      GroupName: "web", IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIp: "1.2.3.4/32",
    });
    await rejects("ec2", op, ["--ip-permissions", "IpProtocol=tcp", "--source-group", "g"], ParamError, "The --source_group option is not compatible with the --ip-permissions option ");
  });

  test("protocol and port values", () => {
    assert.deepEqual(protocolMembers("6"), { IpProtocol: "6" });
    assert.deepEqual(protocolMembers("-1"), { IpProtocol: "-1" });
    assert.deepEqual(protocolMembers("all"), { IpProtocol: "-1" });
    assert.equal(protocolMembers(""), undefined);
    assert.throws(() => protocolMembers("256"), /protocol numbers must be in the range 0-255 or -1 to specify all protocols/);
    assert.throws(() => protocolMembers("gre"), /protocol parameter should be one of: tcp\|udp\|icmp\|all or any valid protocol number\./);
    assert.deepEqual(portMembers("8-0"), { FromPort: 8, ToPort: 0 });
    assert.deepEqual(portMembers("-1"), { FromPort: -1, ToPort: -1 });
    assert.throws(() => portMembers("-1-5"), /port parameter should be of the form <from\[-to\]>/);
    assert.throws(() => portMembers("http"), /port parameter should be of the form/);
    assert.deepEqual(countMembers(" 3 "), { MinCount: 3, MaxCount: 3 });
    assert.throws(() => countMembers(""), /count parameter should be of form min\[:max\]/);
    const acl: Record<string, unknown> = { Protocol: "udp" };
    protocolNumber(acl);
    assert.deepEqual(acl, { Protocol: "17" });
    const other: Record<string, unknown> = { Protocol: "47" };
    protocolNumber(other);
    assert.deepEqual(other, { Protocol: "47" });
  });

  test("network ACL entries send protocol numbers; --ingress is the negative of --egress", async () => {
    const args = ["--network-acl-id", "acl-1", "--rule-number", "100", "--rule-action", "allow", "--cidr-block", "10.0.0.0/8"];
    assert.deepEqual(await inputOf("ec2", "CreateNetworkAclEntry", [...args, "--protocol", "udp", "--ingress"]), {
      NetworkAclId: "acl-1", RuleNumber: 100, RuleAction: "allow", CidrBlock: "10.0.0.0/8", Protocol: "17", Egress: false,
    });
    assert.equal((await inputOf("ec2", "ReplaceNetworkAclEntry", [...args, "--protocol", "all", "--egress"])).Protocol, "-1");
  });

  test("--x [value] | --no-x for EC2's boolean attributes", async () => {
    const op = "ModifyInstanceAttribute";
    const base = ["--instance-id", "i-1"];
    assert.deepEqual(await inputOf("ec2", op, [...base, "--no-source-dest-check"]), { InstanceId: "i-1", SourceDestCheck: { Value: false } });
    assert.deepEqual(await inputOf("ec2", op, [...base, "--disable-api-termination"]), { InstanceId: "i-1", DisableApiTermination: { Value: true } });
    assert.deepEqual(await inputOf("ec2", op, [...base, "--ebs-optimized", "Value=false"]), { InstanceId: "i-1", EbsOptimized: { Value: false } });
    assert.deepEqual(await inputOf("ec2", op, [...base, "--ebs-optimized", '{"Value": true}']), { InstanceId: "i-1", EbsOptimized: { Value: true } });
    await rejects("ec2", op, [...base, "--ebs-optimized", "--no-ebs-optimized"], ParamError, 'Cannot specify both the "--ebs-optimized" option and the "--no-ebs-optimized" option.');
    assert.deepEqual(await inputOf("ec2", "CreateImage", ["--instance-id", "i-1", "--name", "nightly", "--reboot"]), { InstanceId: "i-1", Name: "nightly", NoReboot: false });
    assert.deepEqual(await inputOf("ec2", "RunInstances", ["--enable-api-termination"]), { DisableApiTermination: false, MaxCount: 1, MinCount: 1 });
    await rejects("ec2", "RunInstances", ["--no-disable-api-termination"], UsageError, "Unknown options: --no-disable-api-termination");
  });

  test("put-metric-data's single-metric options fill the first MetricData item", async () => {
    assert.deepEqual(
      await inputOf("cloudwatch", "PutMetricData", [
        "--namespace", "App", "--metric-name", "Latency", "--value", "12.5", "--unit", "Milliseconds",
        "--dimensions", "Host=a,Env=prod", "--statistic-values", "Sum=10,Minimum=1,Maximum=5,SampleCount=3", "--storage-resolution", "1",
        "--timestamp", "2024-01-01T00:00:00Z",
      ]),
      {
        Namespace: "App",
        MetricData: [
          {
            MetricName: "Latency", Value: 12.5, Unit: "Milliseconds", Timestamp: new Date("2024-01-01T00:00:00Z"),
            Dimensions: [{ Name: "Host", Value: "a" }, { Name: "Env", Value: "prod" }],
            StatisticValues: { Sum: 10, Minimum: 1, Maximum: 5, SampleCount: 3 }, StorageResolution: 1,
          },
        ],
      },
    );
    await rejects("cloudwatch", "PutMetricData", ["--namespace", "A", "--metric-data", "MetricName=x", "--metric-name", "y"], ParamError,
      'The key "metric_name" cannot be specified when one of the following keys are also specified: metric_data');
    await rejects("cloudwatch", "PutMetricData", ["--namespace", "A", "--metric-name", "y", "--dimensions", "a=b=c"], KumoError, "too many values to unpack (expected 2, got 3)");
    assert.deepEqual(splitOnCommas('a=1,b="x,y",c=z\\,w'), ["a=1", "b=x,y", "c=z,w"]);
  });

  test("lambda --zip-file: into Code.ZipFile / Content.ZipFile, and only zip archives", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kumo-zip-"));
    try {
      const zip = makeZip("index.py", "def handler(e, c):\n  return 1\n");
      writeFileSync(join(dir, "fn.zip"), zip);
      writeFileSync(join(dir, "index.py"), "print(1)\n");
      const role = ["--function-name", "f", "--role", "arn:aws:iam::123456789012:role/r", "--runtime", "python3.9", "--handler", "index.handler"];
      const input = await inputOf("lambda", "CreateFunction", [...role, "--code", "S3ObjectVersion=3", "--zip-file", "fileb://fn.zip"], dir);
      assert.deepEqual(input.Code, { S3ObjectVersion: "3", ZipFile: new Uint8Array(zip) });
      const layer = await inputOf("lambda", "PublishLayerVersion", ["--layer-name", "l", "--zip-file", "fileb://fn.zip"], dir);
      assert.deepEqual(layer.Content, { ZipFile: new Uint8Array(zip) });
      const notZip = "--zip-file must be a zip file with the fileb:// prefix.\nExample usage:  --zip-file fileb://path/to/file.zip";
      await assert.rejects(prepareOperation(context([], dir), service("lambda"), "CreateFunction", [...role, "--zip-file", "fileb://index.py"]), { message: notZip });
      await assert.rejects(prepareOperation(context([], dir), service("lambda"), "UpdateFunctionCode", ["--function-name", "f", "--zip-file", "fileb://index.py"]), { message: notZip });
      await assert.rejects(prepareOperation(context([], dir), service("lambda"), "CreateFunction", [...role, "--code", "ZipFile=abc"]), {
        message: "ZipFile cannot be provided as part of the --code argument.  Please use the '--zip-file' option instead to specify a zip file.",
      });
      // --code is no longer required on the command line; the service model still requires Code.
      await rejects("lambda", "CreateFunction", role, ParamError, /Missing required parameter in input: "Code"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.ok(isZipArchive(Buffer.concat([Buffer.from("#!/bin/sh\n"), makeZip("a", "b")])), "data before the archive");
    assert.ok(isZipArchive(Buffer.from("PK\x05\x06" + "\0".repeat(18), "latin1")), "an empty archive");
    assert.ok(!isZipArchive(Buffer.from("PK\x03\x04 not really")));
    assert.throws(() => requireZip("plain text"), ParamError);
  });
});

// ---------------------------------------------------------------------------
// Around the call
// ---------------------------------------------------------------------------
describe("call handlers", { skip }, () => {
  test("create-virtual-mfa-device writes the chosen bootstrap data and drops both from the output", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kumo-mfa-"));
    try {
      const p = await prepareOperation(context([], dir), service("iam"), "CreateVirtualMFADevice", [
        "--virtual-mfa-device-name", "m", "--outfile", "qr.png", "--bootstrap-method", "QRCodePNG",
      ]);
      assert.deepEqual(p.input, { VirtualMFADeviceName: "m" });
      const h = p.custom.callHandlers({ outShape: p.outShape, options: p.options });
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
      const doc = h.after({ VirtualMFADevice: { SerialNumber: "arn:m", Base32StringSeed: "QUJD", QRCodePNG: png.toString("base64") } });
      assert.deepEqual(doc, { VirtualMFADevice: { SerialNumber: "arn:m" } });
      assert.deepEqual(readFileSync(join(dir, "qr.png")), png);
      await assert.rejects(
        prepareOperation(context([], dir), service("iam"), "CreateVirtualMFADevice", ["--virtual-mfa-device-name", "m", "--outfile", "no/such/dir/x", "--bootstrap-method", "QRCodePNG"]),
        { message: "Unable to write to file: no/such/dir/x" },
      );
      await assert.rejects(prepareOperation(context([], dir), service("iam"), "CreateVirtualMFADevice", ["--virtual-mfa-device-name", "m"]), {
        message: "the following arguments are required: --outfile, --bootstrap-method",
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("get-password-data --priv-launch-key decrypts PasswordData (RSA, PKCS #1 v1.5)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kumo-key-"));
    try {
      const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      writeFileSync(join(dir, "key.pem"), privateKey.export({ type: "pkcs1", format: "pem" }));
      const cipher = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from("Pässw0rd!"));
      assert.equal(decryptPkcs1(readFileSync(join(dir, "key.pem")), cipher), "Pässw0rd!");

      const p = await prepareOperation(context([], dir), service("ec2"), "GetPasswordData", ["--instance-id", "i-1", "--priv-launch-key", "key.pem"]);
      assert.deepEqual(p.input, { InstanceId: "i-1" });
      const h = p.custom.callHandlers({ outShape: p.outShape, options: p.options });
      assert.deepEqual(h.after({ InstanceId: "i-1", PasswordData: cipher.toString("base64") }), { InstanceId: "i-1", PasswordData: "Pässw0rd!" });
      assert.deepEqual(h.after({ InstanceId: "i-1", PasswordData: "" }), { InstanceId: "i-1", PasswordData: "" });
      assert.throws(() => h.after({ PasswordData: Buffer.from("random").toString("base64") }), { message: "Unable to decrypt password data using provided private key file." });
      await assert.rejects(prepareOperation(context([], dir), service("ec2"), "GetPasswordData", ["--instance-id", "i-1", "--priv-launch-key", "missing.pem"]), {
        message: "priv-launch-key should be a path to the local SSH private key file used to launch the instance.",
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("handlers of several entries compose in table order; describe-volumes asks for 1000 a page", async () => {
    const c = customizationsFor("ec2", "run-instances");
    const h = c.callHandlers({ outShape: operationShapes(service("ec2").pack.operation("RunInstances")).output, options: {} });
    assert.deepEqual(h.before({ UserData: "echo hi" }), { UserData: Buffer.from("echo hi").toString("base64") });
    const vols = customizationsFor("ec2", "describe-volumes");
    assert.equal(vols.pageSize({}), 1000);
    assert.equal(vols.pageSize({ Filters: [] }), undefined);
    assert.equal(customizationsFor("ec2", "describe-snapshots").pageSize({ OwnerIds: ["self"] }), 1000);
    const p = await prepareOperation(context(), service("ec2"), "DescribeVolumes", []);
    assert.equal(p.paging?.pageSize, 1000);
    const q = await prepareOperation(context(), service("ec2"), "DescribeVolumes", ["--page-size", "5"]);
    assert.equal(q.paging?.pageSize, 5);
  });
});

/** A zip archive of one stored file (CRC left 0: readers of the directory do not check it). */
function makeZip(name: string, content: string): Buffer {
  const n = Buffer.from(name);
  const data = Buffer.from(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(n.length, 28);
  const cdOffset = local.length + n.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + n.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, n, data, central, n, end]);
}

test("the command table: operations sorted, those the CLI takes away gone, its own names appended", () => {
  const ops: [string, string][] = [
    ["modify-option-group", "ModifyOptionGroup"],
    ["describe-db-instances", "DescribeDBInstances"],
    ["add-tags-to-resource", "AddTagsToResource"],
  ];
  assert.deepEqual([...commandTable("rds", ops)], [
    ["add-tags-to-resource", "AddTagsToResource"],
    ["describe-db-instances", "DescribeDBInstances"],
    ["add-option-to-option-group", "ModifyOptionGroup"],
    ["remove-option-from-option-group", "ModifyOptionGroup"],
  ]);
  assert.deepEqual([...commandTable("ec2", [["import-volume", "ImportVolume"], ["import-image", "ImportImage"], ["import-instance", "ImportInstance"]]).keys()], ["import-image"]);
  assert.deepEqual([...commandTable("sts", [["get-caller-identity", "GetCallerIdentity"]]).keys()], ["get-caller-identity"]);
});
