// Seeds a small, realistic enterprise estate into a running moto server, with
// the AWS SDK for JavaScript v3 clients (no kumo code involved), for the demo,
// the benchmarks and the differential tests.
//
//   import { seedEstate } from "./scripts/lib/estate.mjs";
//   const estate = await seedEstate("http://127.0.0.1:5000", { instances: 100 });
//
// Names, tags, sizes, object keys and bodies, item values and the order in
// which things are created are fixed; ids, ARNs of random form and timestamps
// are whatever moto gives. The self-owned AMIs are created at least a second
// apart (moto's CreationDate has one-second resolution), so "oldest first" is
// a well-defined order.
import {
  EC2Client,
  RunInstancesCommand,
  StopInstancesCommand,
  CreateVolumeCommand,
  AttachVolumeCommand,
  CreateImageCommand,
  AllocateAddressCommand,
  AssociateAddressCommand,
  CreateSecurityGroupCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateKeyPairCommand,
} from "@aws-sdk/client-ec2";
import {
  IAMClient,
  CreateUserCommand,
  CreateGroupCommand,
  AddUserToGroupCommand,
  CreateRoleCommand,
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  AttachGroupPolicyCommand,
  CreateAccessKeyCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  CreateInstanceProfileCommand,
  AddRoleToInstanceProfileCommand,
} from "@aws-sdk/client-iam";
import { S3Client, CreateBucketCommand, PutObjectCommand, PutBucketTaggingCommand } from "@aws-sdk/client-s3";
import { SQSClient, CreateQueueCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { SNSClient, CreateTopicCommand, SubscribeCommand } from "@aws-sdk/client-sns";
import { DynamoDBClient, CreateTableCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { SSMClient, PutParameterCommand } from "@aws-sdk/client-ssm";
import { KMSClient, CreateKeyCommand, CreateAliasCommand } from "@aws-sdk/client-kms";
import { SecretsManagerClient, CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { CloudFormationClient, CreateStackCommand } from "@aws-sdk/client-cloudformation";

/** Regions that hold EC2 resources, home region first. */
export const ESTATE_REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"];

/** An Amazon-owned image that moto preloads in every region (Ubuntu 14.04). */
export const BASE_IMAGE_ID = "ami-1e749f67";

// The SDK warns about Node.js 20 on every first client; the seeder's callers
// (demo, benchmarks, tests) do not want that on their stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" };

// Instances outside us-east-1; us-east-1 gets `opts.instances` of them.
const REGIONAL_INSTANCES = {
  "eu-west-1": [
    { name: "eu-web-1", env: "prod", type: "t3.small", stopped: false },
    { name: "eu-web-2", env: "prod", type: "t3.small", stopped: true },
    { name: undefined, env: "dev", type: "t3.micro", stopped: false },
  ],
  "ap-southeast-2": [
    { name: "syd-batch-1", env: "staging", type: "c5.large", stopped: false },
    { name: "syd-batch-2", env: "staging", type: "c5.large", stopped: true },
  ],
};

const ROLES = ["web", "api", "worker", "db"];
const ENVS = ["prod", "staging", "dev"];
const TYPES = { web: "t3.micro", api: "t3.small", worker: "m5.large", db: "r5.large" };

/** The us-east-1 instance plan: a role-named fleet, every 5th without a Name, every 3rd stopped. */
function homeInstancePlan(count) {
  const plan = [];
  for (let i = 0; i < count; i++) {
    const role = ROLES[i % ROLES.length];
    const n = Math.floor(i / ROLES.length) + 1;
    plan.push({
      name: i % 5 === 4 ? undefined : `${role}-${n}`,
      env: ENVS[i % ENVS.length],
      type: TYPES[role],
      stopped: i % 3 === 2,
    });
  }
  return plan;
}

const USERS = [
  { name: "alice", path: "/engineering/", team: "platform", mfa: true, keys: 2, groups: ["developers", "admins"] },
  { name: "bob", path: "/engineering/", team: "platform", mfa: false, keys: 1, groups: ["developers"] },
  { name: "carol", path: "/security/", team: "security", mfa: true, keys: 1, groups: ["admins"] },
  { name: "dave", path: "/engineering/", team: "data", mfa: false, keys: 0, groups: ["developers"] },
  { name: "erin", path: "/", team: "finance", mfa: false, keys: 1, groups: [] },
  { name: "ci-deploy", path: "/service/", team: "platform", mfa: false, keys: 2, groups: [] },
];

const IMAGES = [
  { name: "base-ubuntu-2022-01", description: "Base Ubuntu image, January 2022" },
  { name: "base-ubuntu-2022-06", description: "Base Ubuntu image, June 2022" },
  { name: "web-server-v1", description: "Web tier v1" },
  { name: "web-server-v2", description: "Web tier v2" },
  { name: "api-server-v1", description: "API tier v1" },
  { name: "worker-v1", description: "Batch worker v1" },
  { name: "web-server-v3", description: "Web tier v3" },
];

const BUCKETS = {
  "estate-assets": {
    region: "us-east-1",
    tags: { env: "prod", team: "web" },
    objects: {
      "index.html": "<html><body>Estate</body></html>\n",
      "robots.txt": "User-agent: *\nDisallow:\n",
      "css/site.css": "body { margin: 0; }\n",
      "css/print.css": "body { color: black; }\n",
      "img/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>\n",
      "img/icons/alert.svg": "<svg/>\n",
      "img/icons/check.svg": "<svg/>\n",
      "js/app.js": "console.log('estate');\n",
      // Keys S3 lists URL-encoded: a space, a plus sign, non-ASCII letters.
      "docs/annual report 2023.txt": "Annual report\n",
      "docs/q&a+notes.txt": "Q&A\n",
      "docs/über/café.txt": "menu\n",
    },
  },
  "estate-logs": {
    region: "us-east-1",
    tags: { env: "prod", team: "platform" },
    objects: Object.fromEntries(
      Array.from({ length: 24 }, (_, i) => {
        const day = String(Math.floor(i / 4) + 1).padStart(2, "0");
        const key = `app/2024/01/${day}/web-${(i % 4) + 1}.log`;
        return [key, `2024-01-${day} request ${i} ok\n`.repeat(i + 1)];
      }),
    ),
  },
  "estate-reports-eu": {
    region: "eu-west-1",
    tags: { env: "prod", team: "finance" },
    objects: {
      "2023/q4/summary.csv": "quarter,revenue\nQ4,1200\n",
      "2024/q1/summary.csv": "quarter,revenue\nQ1,1350\n",
      "2024/q1/detail/north.csv": "region,revenue\nnorth,700\n",
      "2024/q1/detail/south.csv": "region,revenue\nsouth,650\n",
    },
  },
  "estate-empty": { region: "us-east-1", tags: undefined, objects: {} },
};

const CUSTOMERS = [
  { id: "c-001", name: "Acme Corp", tier: "gold", seats: 120, active: true, tags: ["enterprise", "emea"], contact: { email: "ops@acme.example", phone: "+44 20 7946 0001" } },
  { id: "c-002", name: "Globex", tier: "silver", seats: 45, active: true, tags: ["smb"], contact: { email: "it@globex.example" } },
  { id: "c-003", name: "Initech", tier: "bronze", seats: 8, active: false, tags: [], contact: { email: "bill@initech.example" } },
  { id: "c-004", name: "Umbrella", tier: "gold", seats: 300, active: true, tags: ["enterprise", "apac"], contact: { email: "sec@umbrella.example", phone: "+61 2 5550 0004" } },
  { id: "c-005", name: "Hooli", tier: "silver", seats: 64.5, active: true, tags: ["enterprise"], contact: { email: "admin@hooli.example" } },
  { id: "c-006", name: "Stark Industries", tier: "gold", seats: 1000, active: true, tags: ["enterprise", "na"], contact: { email: "jarvis@stark.example" } },
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tagList(tags) {
  return Object.entries(tags)
    .filter(([, v]) => v !== undefined)
    .map(([Key, Value]) => ({ Key, Value }));
}

function clientConfig(endpoint, region) {
  return { endpoint, region, credentials: CREDENTIALS, maxAttempts: 3 };
}

/** DynamoDB attribute value for a plain JS value. */
function attr(v) {
  if (typeof v === "string") return { S: v };
  if (typeof v === "number") return { N: String(v) };
  if (typeof v === "boolean") return { BOOL: v };
  if (Array.isArray(v)) return { L: v.map(attr) };
  if (v && typeof v === "object") return { M: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, attr(x)])) };
  return { NULL: true };
}

async function seedRegionEc2(endpoint, region, plan, withExtras) {
  const ec2 = new EC2Client(clientConfig(endpoint, region));
  const out = { instances: [], volumes: { available: [], attached: [] }, addresses: { associated: [], unassociated: [] }, securityGroups: [], keyPairs: [] };
  try {
    const sg = await ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: "web",
        Description: "Web tier",
        TagSpecifications: [{ ResourceType: "security-group", Tags: tagList({ Name: "web", env: "prod" }) }],
      }),
    );
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: sg.GroupId,
        IpPermissions: [
          { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0", Description: "HTTPS" }] },
          { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "10.0.0.0/8", Description: "SSH from VPN" }] },
        ],
      }),
    );
    out.securityGroups.push({ id: sg.GroupId, name: "web" });
    const keyName = `estate-${region}`;
    await ec2.send(new CreateKeyPairCommand({ KeyName: keyName }));
    out.keyPairs.push(keyName);

    for (const spec of plan) {
      const r = await ec2.send(
        new RunInstancesCommand({
          ImageId: BASE_IMAGE_ID,
          InstanceType: spec.type,
          MinCount: 1,
          MaxCount: 1,
          KeyName: keyName,
          SecurityGroupIds: [sg.GroupId],
          TagSpecifications: [{ ResourceType: "instance", Tags: tagList({ Name: spec.name, env: spec.env }) }],
        }),
      );
      const id = r.Instances[0].InstanceId;
      out.instances.push({ id, region, name: spec.name, env: spec.env, type: spec.type, state: spec.stopped ? "stopped" : "running" });
    }
    const toStop = out.instances.filter((i) => i.state === "stopped").map((i) => i.id);
    if (toStop.length) await ec2.send(new StopInstancesCommand({ InstanceIds: toStop }));

    const running = out.instances.filter((i) => i.state === "running");
    const az = `${region}a`;
    // Unattached data volumes (one of them untagged), then attached ones.
    const spare = withExtras
      ? [{ size: 100, type: "gp3", name: "scratch-1" }, { size: 50, type: "gp2", name: "scratch-2" }, { size: 8, type: "standard", name: undefined }, { size: 500, type: "st1", name: "archive" }]
      : [{ size: 20, type: "gp3", name: `${region}-spare` }];
    for (const v of spare) {
      const vol = await ec2.send(
        new CreateVolumeCommand({
          AvailabilityZone: az,
          Size: v.size,
          VolumeType: v.type,
          TagSpecifications: v.name ? [{ ResourceType: "volume", Tags: tagList({ Name: v.name, env: "dev" }) }] : undefined,
        }),
      );
      out.volumes.available.push(vol.VolumeId);
    }
    const attachTo = withExtras ? running.slice(0, 2) : running.slice(0, 1);
    for (const [i, inst] of attachTo.entries()) {
      const vol = await ec2.send(
        new CreateVolumeCommand({
          AvailabilityZone: az,
          Size: 200 + i * 100,
          VolumeType: "gp3",
          TagSpecifications: [{ ResourceType: "volume", Tags: tagList({ Name: `${inst.name ?? inst.id}-data`, env: inst.env }) }],
        }),
      );
      await ec2.send(new AttachVolumeCommand({ VolumeId: vol.VolumeId, InstanceId: inst.id, Device: "/dev/sdf" }));
      out.volumes.attached.push({ volumeId: vol.VolumeId, instanceId: inst.id });
    }

    // Elastic IPs: one associated with the first running instance, the rest idle.
    const eips = withExtras ? ["web-public", "spare-1", "spare-2"] : [`${region}-spare`];
    for (const [i, name] of eips.entries()) {
      const a = await ec2.send(
        new AllocateAddressCommand({ Domain: "vpc", TagSpecifications: [{ ResourceType: "elastic-ip", Tags: tagList({ Name: name }) }] }),
      );
      if (i === 0 && withExtras && running[0]) {
        const assoc = await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, InstanceId: running[0].id }));
        out.addresses.associated.push({ allocationId: a.AllocationId, publicIp: a.PublicIp, instanceId: running[0].id, associationId: assoc.AssociationId });
      } else {
        out.addresses.unassociated.push({ allocationId: a.AllocationId, publicIp: a.PublicIp });
      }
    }
    return out;
  } finally {
    ec2.destroy();
  }
}

async function seedImages(endpoint, sourceInstanceId, spacingMs) {
  const ec2 = new EC2Client(clientConfig(endpoint, "us-east-1"));
  const images = [];
  try {
    for (const [i, img] of IMAGES.entries()) {
      if (i > 0 && spacingMs > 0) await sleep(spacingMs);
      const r = await ec2.send(
        new CreateImageCommand({
          InstanceId: sourceInstanceId,
          Name: img.name,
          Description: img.description,
          TagSpecifications: [{ ResourceType: "image", Tags: tagList({ Name: img.name, release: String(i + 1) }) }],
        }),
      );
      images.push({ id: r.ImageId, name: img.name });
    }
    return images;
  } finally {
    ec2.destroy();
  }
}

async function seedIam(endpoint) {
  const iam = new IAMClient(clientConfig(endpoint, "us-east-1"));
  const out = { users: [], groups: ["admins", "developers"], roles: ["app-server", "ci-deployer"], policies: [], mfaUsers: [], usersWithoutMfa: [], accessKeys: {}, mfaDevices: [], instanceProfiles: ["app-server"] };
  try {
    for (const g of out.groups) await iam.send(new CreateGroupCommand({ GroupName: g, Path: "/" }));
    const policy = await iam.send(
      new CreatePolicyCommand({
        PolicyName: "estate-read-reports",
        Path: "/estate/",
        Description: "Read the finance reports bucket",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::estate-reports-eu", "arn:aws:s3:::estate-reports-eu/*"] }],
        }),
      }),
    );
    out.policies.push(policy.Policy.Arn);
    await iam.send(new AttachGroupPolicyCommand({ GroupName: "developers", PolicyArn: policy.Policy.Arn }));
    const admin = await iam.send(
      new CreatePolicyCommand({
        PolicyName: "estate-admin",
        Path: "/estate/",
        Description: "Full access for administrators",
        PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }),
      }),
    );
    out.policies.push(admin.Policy.Arn);
    await iam.send(new AttachGroupPolicyCommand({ GroupName: "admins", PolicyArn: admin.Policy.Arn }));

    for (const u of USERS) {
      const r = await iam.send(new CreateUserCommand({ UserName: u.name, Path: u.path, Tags: tagList({ team: u.team }) }));
      out.users.push({ name: u.name, arn: r.User.Arn, path: u.path });
      for (const g of u.groups) await iam.send(new AddUserToGroupCommand({ GroupName: g, UserName: u.name }));
      out.accessKeys[u.name] = [];
      for (let k = 0; k < u.keys; k++) {
        const key = await iam.send(new CreateAccessKeyCommand({ UserName: u.name }));
        out.accessKeys[u.name].push(key.AccessKey.AccessKeyId);
      }
      if (u.mfa) {
        const dev = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${u.name}-phone`, Path: "/" }));
        const serial = dev.VirtualMFADevice.SerialNumber;
        await iam.send(new EnableMFADeviceCommand({ UserName: u.name, SerialNumber: serial, AuthenticationCode1: "123456", AuthenticationCode2: "654321" }));
        out.mfaUsers.push(u.name);
        out.mfaDevices.push(serial);
      } else {
        out.usersWithoutMfa.push(u.name);
      }
    }
    // A virtual MFA device nobody has enabled yet.
    const spare = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "spare-token", Path: "/" }));
    out.mfaDevices.push(spare.VirtualMFADevice.SerialNumber);

    const ec2Trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] };
    await iam.send(
      new CreateRoleCommand({
        RoleName: "app-server",
        Path: "/",
        Description: "Instance role for the application tier",
        AssumeRolePolicyDocument: JSON.stringify(ec2Trust),
        Tags: tagList({ env: "prod" }),
      }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: "app-server", PolicyArn: policy.Policy.Arn }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: "app-server", Path: "/" }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: "app-server", RoleName: "app-server" }));
    const ciTrust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:user/service/ci-deploy" }, Action: "sts:AssumeRole" }] };
    await iam.send(
      new CreateRoleCommand({ RoleName: "ci-deployer", Path: "/service/", AssumeRolePolicyDocument: JSON.stringify(ciTrust), MaxSessionDuration: 7200 }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: "ci-deployer", PolicyArn: policy.Policy.Arn }));
    return out;
  } finally {
    iam.destroy();
  }
}

async function seedS3(endpoint) {
  const out = {};
  const clients = {};
  const client = (region) =>
    (clients[region] ??= new S3Client({
      ...clientConfig(endpoint, region),
      forcePathStyle: true,
      // Objects without the newer checksum fields, as older tools uploaded them.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    }));
  try {
    for (const [bucket, spec] of Object.entries(BUCKETS)) {
      const s3 = client(spec.region);
      await s3.send(
        new CreateBucketCommand({
          Bucket: bucket,
          CreateBucketConfiguration: spec.region === "us-east-1" ? undefined : { LocationConstraint: spec.region },
        }),
      );
      if (spec.tags) await s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: tagList(spec.tags) } }));
      for (const [key, body] of Object.entries(spec.objects)) {
        const contentType = key.endsWith(".html") ? "text/html" : key.endsWith(".css") ? "text/css" : key.endsWith(".csv") ? "text/csv" : "text/plain";
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
      }
      out[bucket] = Object.keys(spec.objects);
    }
    return out;
  } finally {
    for (const c of Object.values(clients)) c.destroy();
  }
}

async function seedMessaging(endpoint) {
  const sqs = new SQSClient(clientConfig(endpoint, "us-east-1"));
  const sns = new SNSClient(clientConfig(endpoint, "us-east-1"));
  try {
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: "orders-dlq", Attributes: { MessageRetentionPeriod: "1209600" }, tags: { env: "prod" } }));
    const q = await sqs.send(
      new CreateQueueCommand({
        QueueName: "orders",
        Attributes: { VisibilityTimeout: "60", DelaySeconds: "0", ReceiveMessageWaitTimeSeconds: "5" },
        tags: { env: "prod", team: "checkout" },
      }),
    );
    const fifo = await sqs.send(
      new CreateQueueCommand({ QueueName: "invoices.fifo", Attributes: { FifoQueue: "true", ContentBasedDeduplication: "true" } }),
    );
    for (let i = 1; i <= 3; i++) {
      await sqs.send(new SendMessageCommand({ QueueUrl: q.QueueUrl, MessageBody: JSON.stringify({ order: i, total: i * 10.5 }) }));
    }
    const topic = await sns.send(new CreateTopicCommand({ Name: "alerts", Attributes: { DisplayName: "Estate alerts" }, Tags: tagList({ env: "prod" }) }));
    const audit = await sns.send(new CreateTopicCommand({ Name: "audit-events" }));
    const accountQueueArn = "arn:aws:sqs:us-east-1:123456789012:orders";
    const sub = await sns.send(new SubscribeCommand({ TopicArn: topic.TopicArn, Protocol: "sqs", Endpoint: accountQueueArn }));
    const mail = await sns.send(new SubscribeCommand({ TopicArn: topic.TopicArn, Protocol: "email", Endpoint: "oncall@example.com" }));
    return {
      queues: { orders: q.QueueUrl, dlq: dlq.QueueUrl, fifo: fifo.QueueUrl },
      topics: { alerts: topic.TopicArn, audit: audit.TopicArn },
      subscriptions: [sub.SubscriptionArn, mail.SubscriptionArn],
    };
  } finally {
    sqs.destroy();
    sns.destroy();
  }
}

async function seedData(endpoint) {
  const ddb = new DynamoDBClient(clientConfig(endpoint, "us-east-1"));
  const logs = new CloudWatchLogsClient(clientConfig(endpoint, "us-east-1"));
  const ssm = new SSMClient(clientConfig(endpoint, "us-east-1"));
  const kms = new KMSClient(clientConfig(endpoint, "us-east-1"));
  const sm = new SecretsManagerClient(clientConfig(endpoint, "us-east-1"));
  try {
    await ddb.send(
      new CreateTableCommand({
        TableName: "customers",
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        BillingMode: "PAY_PER_REQUEST",
        Tags: tagList({ env: "prod" }),
      }),
    );
    await ddb.send(
      new CreateTableCommand({
        TableName: "orders",
        AttributeDefinitions: [
          { AttributeName: "customerId", AttributeType: "S" },
          { AttributeName: "orderId", AttributeType: "S" },
        ],
        KeySchema: [
          { AttributeName: "customerId", KeyType: "HASH" },
          { AttributeName: "orderId", KeyType: "RANGE" },
        ],
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      }),
    );
    for (const c of CUSTOMERS) {
      await ddb.send(new PutItemCommand({ TableName: "customers", Item: Object.fromEntries(Object.entries(c).map(([k, v]) => [k, attr(v)])) }));
    }
    for (const [i, cust] of ["c-001", "c-001", "c-002", "c-004", "c-004", "c-004"].entries()) {
      await ddb.send(
        new PutItemCommand({
          TableName: "orders",
          Item: { customerId: { S: cust }, orderId: { S: `o-${String(i + 1).padStart(4, "0")}` }, amount: { N: String(25 * (i + 1)) }, status: { S: i % 2 ? "shipped" : "open" } },
        }),
      );
    }

    const logGroups = ["/app/web", "/app/api", "/aws/lambda/nightly-report"];
    for (const g of logGroups) await logs.send(new CreateLogGroupCommand({ logGroupName: g, tags: { env: "prod" } }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: "/app/web", retentionInDays: 14 }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: "/app/web", logStreamName: "web-1" }));
    // Whole seconds a few minutes back, so events are recent enough for moto to accept.
    const base = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: "/app/web",
        logStreamName: "web-1",
        logEvents: ["GET / 200", "GET /health 200", "POST /login 302", "GET /missing 404"].map((message, i) => ({ timestamp: base + i * 1000, message })),
      }),
    );

    const parameters = [
      { Name: "/app/db/host", Type: "String", Value: "db.internal.example", Description: "Database host" },
      { Name: "/app/db/port", Type: "String", Value: "5432" },
      { Name: "/app/db/password", Type: "SecureString", Value: "s3cr3t-pa55" },
      { Name: "/app/feature-flags", Type: "StringList", Value: "new-ui,dark-mode,beta-api" },
      { Name: "/app/release", Type: "String", Value: "2024.01.3" },
    ];
    for (const p of parameters) await ssm.send(new PutParameterCommand(p));

    const key = await kms.send(new CreateKeyCommand({ Description: "Estate data key", KeyUsage: "ENCRYPT_DECRYPT", Tags: [{ TagKey: "env", TagValue: "prod" }] }));
    await kms.send(new CreateAliasCommand({ AliasName: "alias/estate-data", TargetKeyId: key.KeyMetadata.KeyId }));

    const secret = await sm.send(
      new CreateSecretCommand({
        Name: "prod/db/credentials",
        Description: "Primary database credentials",
        SecretString: JSON.stringify({ username: "app", password: "s3cr3t-pa55" }),
        Tags: tagList({ env: "prod" }),
      }),
    );
    const apiKey = await sm.send(new CreateSecretCommand({ Name: "prod/api/key", SecretString: "k-1234567890" }));
    return {
      tables: ["customers", "orders"],
      customers: CUSTOMERS.map((c) => c.id),
      logGroups,
      logStreams: { "/app/web": ["web-1"] },
      parameters: parameters.map((p) => p.Name),
      kmsKeyId: key.KeyMetadata.KeyId,
      kmsKeyArn: key.KeyMetadata.Arn,
      kmsAlias: "alias/estate-data",
      secrets: [
        { name: "prod/db/credentials", arn: secret.ARN },
        { name: "prod/api/key", arn: apiKey.ARN },
      ],
    };
  } finally {
    for (const c of [ddb, logs, ssm, kms, sm]) c.destroy();
  }
}

// Two stacks without side resources: a JSON template (the CLI prints its body
// as a document) and a YAML one (printed as text).
const STACK_TEMPLATE_JSON = JSON.stringify({
  AWSTemplateFormatVersion: "2010-09-09",
  Description: "Estate release markers",
  Metadata: {},
  Parameters: { Env: { Type: "String", Default: "prod", AllowedValues: ["prod", "staging"] }, Release: { Type: "String" } },
  Resources: { ReleaseHandle: { Type: "AWS::CloudFormation::WaitConditionHandle" } },
  Outputs: { Env: { Value: { Ref: "Env" }, Description: "Environment" }, Release: { Value: { Ref: "Release" } } },
});
const STACK_TEMPLATE_YAML = [
  "AWSTemplateFormatVersion: '2010-09-09'",
  "Description: Estate canary marker",
  "Resources:",
  "  CanaryHandle:",
  "    Type: AWS::CloudFormation::WaitConditionHandle",
  "",
].join("\n");

async function seedStacks(endpoint) {
  const cfn = new CloudFormationClient(clientConfig(endpoint, "us-east-1"));
  try {
    const release = await cfn.send(
      new CreateStackCommand({
        StackName: "estate-release",
        TemplateBody: STACK_TEMPLATE_JSON,
        Parameters: [{ ParameterKey: "Release", ParameterValue: "2024.01.3" }],
        Tags: tagList({ env: "prod" }),
      }),
    );
    const canary = await cfn.send(new CreateStackCommand({ StackName: "estate-canary", TemplateBody: STACK_TEMPLATE_YAML }));
    return { stacks: [{ name: "estate-release", id: release.StackId }, { name: "estate-canary", id: canary.StackId }] };
  } finally {
    cfn.destroy();
  }
}

/**
 * Seeds the estate into the moto server at `endpoint` (loopback only).
 *
 * opts.instances     instances in us-east-1 (default 8; eu-west-1 gets 3 and ap-southeast-2 2 more)
 * opts.imageSpacingMs pause between AMIs, so their CreationDate differs (default 1100; 0 for speed)
 *
 * Returns what was created: ids and names per resource kind, for assertions.
 */
export async function seedEstate(endpoint, opts = {}) {
  const url = new URL(endpoint);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) {
    throw new Error(`seedEstate only seeds a local emulator, not ${endpoint}`);
  }
  const homeCount = opts.instances ?? 8;
  if (!Number.isInteger(homeCount) || homeCount < 2) throw new Error("opts.instances must be an integer >= 2");
  const spacingMs = opts.imageSpacingMs ?? 1100;
  const started = Date.now();

  // EC2 regions, IAM, S3 and the rest do not depend on each other; the AMIs
  // need the first us-east-1 instance and are the slowest part, so they start
  // as soon as it exists.
  const home = seedRegionEc2(endpoint, "us-east-1", homeInstancePlan(homeCount), true);
  const images = home.then((h) => seedImages(endpoint, h.instances[0].id, spacingMs));
  const others = Object.entries(REGIONAL_INSTANCES).map(([region, plan]) => seedRegionEc2(endpoint, region, plan, false));
  const [homeEc2, imageList, iam, buckets, messaging, data, stacks, ...regional] = await Promise.all([
    home,
    images,
    seedIam(endpoint),
    seedS3(endpoint),
    seedMessaging(endpoint),
    seedData(endpoint),
    seedStacks(endpoint),
    ...others,
  ]);
  const ec2 = [homeEc2, ...regional];
  const regions = Object.fromEntries(ESTATE_REGIONS.map((r, i) => [r, ec2[i]]));
  const instances = ec2.flatMap((r) => r.instances);
  return {
    endpoint,
    account: "123456789012",
    regions: ESTATE_REGIONS,
    instances,
    running: instances.filter((i) => i.state === "running").map((i) => i.id),
    stopped: instances.filter((i) => i.state === "stopped").map((i) => i.id),
    ec2: regions,
    images: imageList,
    iam,
    buckets,
    ...messaging,
    ...data,
    ...stacks,
    seconds: (Date.now() - started) / 1000,
  };
}
