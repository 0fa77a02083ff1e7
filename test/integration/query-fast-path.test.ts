// The query protocols' fast path (src/request/query-fast-path.ts) against
// real responses: moto, seeded with the estate (scripts/lib/estate.mjs) plus
// a database, an Auto Scaling group and a load balancer, answers every
// Describe*/List*/Get* operation of ec2, iam, sts, rds, cloudformation,
// autoscaling, elbv2 and sns that needs no input. For each successful answer
// the one-pass reader must give exactly the document of the SDK's
// deserializer followed by normalizeResponse (key order and float marks
// included, both timestamp formats), and must read it itself rather than
// leave it to the SDK. Then the hook itself: a client with the fast path
// returns that document, keeps the SDK's output members, and fails on
// service errors as before.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import * as ec2 from "@aws-sdk/client-ec2";
import * as iam from "@aws-sdk/client-iam";
import * as sts from "@aws-sdk/client-sts";
import * as rds from "@aws-sdk/client-rds";
import * as cloudformation from "@aws-sdk/client-cloudformation";
import * as autoscaling from "@aws-sdk/client-auto-scaling";
import * as elbv2 from "@aws-sdk/client-elastic-load-balancing-v2";
import * as sns from "@aws-sdk/client-sns";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { ROOT } from "../helpers/run.ts";
import { Pack } from "../../src/services/pack.ts";
import { operationShapes } from "../../src/services/shape.ts";
import { installQueryFastPath } from "../../src/request/query-fast-path.ts";
import { installWireValueCapture } from "../../src/request/wire-values.ts";
import { normalizeResponse } from "../../src/output/normalize.ts";
import { comparePaths, dump, sdkDocument, type OperationTuple, type QueryProtocolName } from "../unit/request/query-paths.ts";

const skip = spawnSync("python3", ["-c", "import moto.server"]).status !== 0 ? 'moto is not installed (pip install "moto[server]")' : false;

type SdkModule = Record<string, unknown>;
interface Service {
  /** kumo's name (its pack in dist/packs). */
  name: string;
  sdk: SdkModule;
  client: string;
  protocol: QueryProtocolName;
}

const SERVICES: Service[] = [
  { name: "ec2", sdk: ec2, client: "EC2Client", protocol: "ec2Query" },
  { name: "iam", sdk: iam, client: "IAMClient", protocol: "awsQuery" },
  { name: "sts", sdk: sts, client: "STSClient", protocol: "awsQuery" },
  { name: "rds", sdk: rds, client: "RDSClient", protocol: "awsQuery" },
  { name: "cloudformation", sdk: cloudformation, client: "CloudFormationClient", protocol: "awsQuery" },
  { name: "autoscaling", sdk: autoscaling, client: "AutoScalingClient", protocol: "awsQuery" },
  { name: "elbv2", sdk: elbv2, client: "ElasticLoadBalancingV2Client", protocol: "awsQuery" },
  { name: "sns", sdk: sns, client: "SNSClient", protocol: "awsQuery" },
];

type Command = new (input: unknown) => unknown;
interface SdkClient {
  send(command: unknown): Promise<Record<string, unknown>>;
  destroy(): void;
  config: Record<string, unknown>;
}

/** The operation schema kumo runs (its pack, when built), else the SDK client's own. */
function operationSchema(service: Service, op: string): OperationTuple {
  const packFile = join(ROOT, "dist", "packs", `${service.name}.pack`);
  if (existsSync(packFile)) {
    packs[service.name] ??= Pack.load(packFile);
    const schema = packs[service.name]!.operation(op);
    if (schema) return schema as OperationTuple;
  }
  return service.sdk[`${op}$`] as OperationTuple;
}
const packs: Record<string, Pack> = {};

interface Recorded {
  status: number;
  body: Uint8Array;
}

/** A client for moto whose HTTP handler keeps the last response body. */
function recordingClient(service: Service, endpoint: string, region = "us-east-1"): { client: SdkClient; last: () => Recorded | undefined } {
  const inner = new NodeHttpHandler();
  let last: Recorded | undefined;
  const handler = {
    async handle(request: unknown, options?: unknown) {
      const out = (await inner.handle(request as never, options as never)) as { response: { statusCode: number; body: unknown } };
      const chunks: Buffer[] = [];
      for await (const chunk of out.response.body as AsyncIterable<Buffer>) chunks.push(chunk);
      const body = new Uint8Array(Buffer.concat(chunks));
      out.response.body = body;
      last = { status: out.response.statusCode, body };
      return out;
    },
    updateHttpClientConfig: () => {},
    httpHandlerConfigs: () => ({}),
    destroy: () => inner.destroy(),
  };
  const Client = service.sdk[service.client] as new (config: unknown) => SdkClient;
  const client = new Client({
    region,
    endpoint,
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    requestHandler: handler,
    maxAttempts: 1,
  });
  return { client, last: () => last };
}

/** Operations that read and need no input. */
function readOperations(service: Service): string[] {
  return Object.keys(service.sdk)
    .filter((k) => k.endsWith("Command") && /^(Describe|List|Get)/.test(k))
    .map((k) => k.slice(0, -"Command".length))
    .filter((op) => service.sdk[`${op}$`] !== undefined && operationShapes(operationSchema(service, op)).input.required.size === 0)
    .sort();
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

/** A database, an Auto Scaling group, a load balancer and SNS topics, which the estate does not have. */
async function seedMore(endpoint: string): Promise<void> {
  const c = (s: Service) => recordingClient(s, endpoint).client;
  const [ec2c, rdsc, asc, elbc, snsc] = [c(SERVICES[0]!), c(SERVICES[3]!), c(SERVICES[5]!), c(SERVICES[6]!), c(SERVICES[7]!)];
  try {
    for (let i = 0; i < 12; i++) {
      const topic = (await snsc.send(new sns.CreateTopicCommand({ Name: `estate-alerts-${i}`, Tags: [{ Key: "env", Value: "prod" }] }))) as { TopicArn?: string };
      await snsc.send(new sns.SubscribeCommand({ TopicArn: topic.TopicArn, Protocol: "email", Endpoint: `ops-${i}@example.com` }));
    }
    await rdsc.send(new rds.CreateDBInstanceCommand({
      DBInstanceIdentifier: "estate-db",
      DBInstanceClass: "db.t3.micro",
      Engine: "postgres",
      MasterUsername: "admin",
      MasterUserPassword: "correct-horse-battery",
      AllocatedStorage: 20,
      Tags: [{ Key: "env", Value: "prod" }],
    }));
    await rdsc.send(new rds.CreateDBSnapshotCommand({ DBInstanceIdentifier: "estate-db", DBSnapshotIdentifier: "estate-db-snap" }));
    await asc.send(new autoscaling.CreateLaunchConfigurationCommand({ LaunchConfigurationName: "estate-lc", ImageId: "ami-1e749f67", InstanceType: "t3.micro" }));
    await asc.send(new autoscaling.CreateAutoScalingGroupCommand({
      AutoScalingGroupName: "estate-asg",
      LaunchConfigurationName: "estate-lc",
      MinSize: 1,
      MaxSize: 3,
      DesiredCapacity: 2,
      AvailabilityZones: ["us-east-1a"],
      Tags: [{ Key: "env", Value: "prod", PropagateAtLaunch: true, ResourceId: "estate-asg", ResourceType: "auto-scaling-group" }],
    }));
    const subnets = (await ec2c.send(new ec2.DescribeSubnetsCommand({}))) as { Subnets?: { SubnetId?: string; VpcId?: string; AvailabilityZone?: string }[] };
    const byZone = new Map<string, { SubnetId?: string; VpcId?: string }>();
    for (const s of subnets.Subnets ?? []) if (s.AvailabilityZone && !byZone.has(s.AvailabilityZone)) byZone.set(s.AvailabilityZone, s);
    const picked = [...byZone.values()].slice(0, 2);
    const lb = (await elbc.send(new elbv2.CreateLoadBalancerCommand({ Name: "estate-alb", Subnets: picked.map((s) => s.SubnetId!) }))) as {
      LoadBalancers?: { LoadBalancerArn?: string }[];
    };
    const tg = (await elbc.send(new elbv2.CreateTargetGroupCommand({ Name: "estate-tg", Protocol: "HTTP", Port: 80, VpcId: picked[0]!.VpcId }))) as {
      TargetGroups?: { TargetGroupArn?: string }[];
    };
    await elbc.send(new elbv2.CreateListenerCommand({
      LoadBalancerArn: lb.LoadBalancers![0]!.LoadBalancerArn,
      Protocol: "HTTP",
      Port: 80,
      DefaultActions: [{ Type: "forward", TargetGroupArn: tg.TargetGroups![0]!.TargetGroupArn }],
    }));
  } finally {
    for (const x of [ec2c, rdsc, asc, elbc, snsc]) x.destroy();
  }
}

describe("the query protocols' fast path on moto's responses", { skip }, () => {
  let moto: Moto;

  before(async () => {
    moto = await startMoto();
    const { seedEstate } = await import("../../scripts/lib/estate.mjs");
    await seedEstate(moto.endpoint, { instances: 12, imageSpacingMs: 0 });
    await seedMore(moto.endpoint);
    installWireValueCapture();
  });
  after(async () => {
    await moto?.stop();
  });

  for (const service of SERVICES) {
    test(`${service.name}: every read operation without input gives the SDK path's document`, async () => {
      const ops = readOperations(service);
      const results: { op: string; bytes: number; result: string }[] = [];
      await pool(ops, 4, async (op) => {
        const { client, last } = recordingClient(service, moto.endpoint);
        try {
          await client.send(new (service.sdk[`${op}Command`] as Command)({}));
        } catch {
          // Operations moto does not implement, or that need a resource the estate lacks.
        } finally {
          client.destroy();
        }
        const r = last();
        if (!r || r.status >= 300) return;
        results.push({ op, bytes: r.body.byteLength, result: await comparePaths(service.protocol, operationSchema(service, op), r.body) });
      });
      const bad = results.filter((r) => r.result !== "same");
      assert.deepEqual(bad.map((r) => `${r.op}: ${r.result}`), [], `${bad.length} of ${results.length} responses`);
      // Enough real answers to mean something: most services answer dozens of these.
      assert.ok(results.length >= (service.name === "sts" ? 1 : 3), `only ${results.length} responses of ${ops.length} operations`);
      assert.ok(results.some((r) => r.bytes > 1000) || service.name === "sts", "no response of any size");
    });
  }

  test("the hook: a client with the fast path prints the same, keeps the SDK's members, and fails as before", async () => {
    const service = SERVICES[0]!;
    const fast = recordingClient(service, moto.endpoint);
    const plain = recordingClient(service, moto.endpoint);
    installQueryFastPath(fast.client);
    installQueryFastPath(fast.client); // once per protocol object
    try {
      const op = operationSchema(service, "DescribeInstances");
      const shape = operationShapes(op).output;
      const out = await fast.client.send(new ec2.DescribeInstancesCommand({}));
      const sdkOut = await plain.client.send(new ec2.DescribeInstancesCommand({}));
      const expected = await sdkDocument("ec2Query", op, fast.last()!.body, "iso8601");
      assert.ok("doc" in expected);
      // The document rides on the output; normalizeResponse hands it on.
      assert.equal(dump(normalizeResponse(out, shape, "iso8601")), dump(expected.doc));
      assert.equal(dump(normalizeResponse(out, shape, "wire")), dump(normalizeResponse(sdkOut, shape, "wire")));
      assert.equal(dump(normalizeResponse(out, shape, "iso8601")), dump(normalizeResponse(sdkOut, shape, "iso8601")));
      // The SDK's own output is still there for whoever reads it.
      assert.deepEqual(Object.keys(out).sort(), Object.keys(sdkOut).sort());
      assert.deepEqual(out.Reservations, sdkOut.Reservations);
      assert.equal((out.$metadata as { httpStatusCode?: number }).httpStatusCode, 200);

      const bad = { InstanceIds: ["i-00000000000000000"] };
      const e1 = await fast.client.send(new ec2.DescribeInstancesCommand(bad)).then(() => undefined, (e: unknown) => e as Error);
      const e2 = await plain.client.send(new ec2.DescribeInstancesCommand(bad)).then(() => undefined, (e: unknown) => e as Error);
      assert.ok(e1 && e2, "moto answers an unknown instance id with an error");
      assert.equal(e1.name, e2.name);
      assert.equal(e1.message, e2.message);
    } finally {
      fast.client.destroy();
      plain.client.destroy();
    }
  });
});
