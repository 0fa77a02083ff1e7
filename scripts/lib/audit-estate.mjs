// Seeds a running moto server with resources spread over several regions for
// `kumo audit`, its tests and its benchmark: instances (running, stopped and
// terminated), unattached and attached EBS volumes, idle and associated
// Elastic IPs, self-owned AMIs, IAM users with and without MFA and access
// keys, and one public and one private S3 bucket. Uses the AWS SDK for
// JavaScript directly (no kumo code), loopback endpoints only.
//
//   import { seedAuditEstate, AUDIT_REGIONS } from "./scripts/lib/audit-estate.mjs";
//   const estate = await seedAuditEstate("http://127.0.0.1:5000", { regions: AUDIT_REGIONS });
import {
  EC2Client,
  RunInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  CreateVolumeCommand,
  AttachVolumeCommand,
  AllocateAddressCommand,
  AssociateAddressCommand,
  CreateImageCommand,
} from "@aws-sdk/client-ec2";
import {
  IAMClient,
  CreateUserCommand,
  CreateAccessKeyCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  CreateLoginProfileCommand,
} from "@aws-sdk/client-iam";
import { S3Client, CreateBucketCommand, PutBucketAclCommand, PutBucketPolicyCommand } from "@aws-sdk/client-s3";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** Regions that hold resources by default, in the order EC2 lists regions. */
export const AUDIT_REGIONS = ["ap-southeast-2", "eu-central-1", "eu-west-1", "us-east-1", "us-west-2"];

/** An Amazon-owned image moto preloads in every region. */
const BASE_IMAGE_ID = "ami-1e749f67";
const CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" };
const TYPES = ["t3.micro", "t3.small", "m5.large", "c5.large"];
const VOLUME_TYPES = ["gp3", "gp2", "st1", "standard", "io1"];

function cfg(endpoint, region, credentials = CREDENTIALS) {
  return { endpoint, region, credentials, maxAttempts: 3 };
}

const tags = (type, obj) => [{ ResourceType: type, Tags: Object.entries(obj).map(([Key, Value]) => ({ Key, Value })) }];

/**
 * One region: `n` = instances + 1 of which a third are stopped and one is
 * terminated; n unattached volumes, one attached; n-1 idle addresses, one
 * associated; and in the first region two AMIs.
 */
async function seedRegion(endpoint, region, n, withImages, credentials) {
  const ec2 = new EC2Client(cfg(endpoint, region, credentials));
  const out = { region, instances: [], volumes: [], addresses: [], images: [] };
  try {
    const ids = [];
    for (let i = 0; i < n + 1; i++) {
      const r = await ec2.send(
        new RunInstancesCommand({
          ImageId: BASE_IMAGE_ID,
          InstanceType: TYPES[i % TYPES.length],
          MinCount: 1,
          MaxCount: 1,
          TagSpecifications: tags("instance", { Name: `${region}-app-${i + 1}` }),
        }),
      );
      ids.push(r.Instances[0].InstanceId);
    }
    const terminated = ids.pop();
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [terminated] }));
    const stopped = ids.filter((_, i) => i % 3 === 1);
    if (stopped.length) await ec2.send(new StopInstancesCommand({ InstanceIds: stopped }));
    for (const id of ids) out.instances.push({ id, state: stopped.includes(id) ? "stopped" : "running" });

    const az = `${region}a`;
    for (let i = 0; i < n; i++) {
      const v = await ec2.send(
        new CreateVolumeCommand({ AvailabilityZone: az, Size: 10 * (i + 1), VolumeType: VOLUME_TYPES[i % VOLUME_TYPES.length], ...(VOLUME_TYPES[i % VOLUME_TYPES.length] === "io1" ? { Iops: 100 } : {}), TagSpecifications: tags("volume", { Name: `${region}-spare-${i + 1}` }) }),
      );
      out.volumes.push({ id: v.VolumeId, state: "available" });
    }
    const attached = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: az, Size: 100, VolumeType: "gp3" }));
    await ec2.send(new AttachVolumeCommand({ VolumeId: attached.VolumeId, InstanceId: ids[0], Device: "/dev/sdf" }));
    out.volumes.push({ id: attached.VolumeId, state: "in-use" });

    for (let i = 0; i < Math.max(1, n); i++) {
      const a = await ec2.send(new AllocateAddressCommand({ Domain: "vpc" }));
      if (i === 0) await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, InstanceId: ids[0] }));
      out.addresses.push({ allocationId: a.AllocationId, associated: i === 0 });
    }
    if (withImages) {
      for (const name of ["golden-2023", "golden-2024"]) {
        const img = await ec2.send(new CreateImageCommand({ InstanceId: ids[0], Name: name }));
        out.images.push({ id: img.ImageId, name });
      }
    }
    return out;
  } finally {
    ec2.destroy();
  }
}

async function seedIam(endpoint, credentials) {
  const iam = new IAMClient(cfg(endpoint, "us-east-1", credentials));
  const users = [
    { name: "auditor-alice", mfa: true, keys: 1, console: true },
    { name: "auditor-bob", mfa: false, keys: 2, console: true },
    { name: "auditor-ci", mfa: false, keys: 1, console: false },
  ];
  const out = { users: [], withoutMfa: [], accessKeys: [] };
  try {
    for (const u of users) {
      await iam.send(new CreateUserCommand({ UserName: u.name }));
      out.users.push(u.name);
      if (u.console) await iam.send(new CreateLoginProfileCommand({ UserName: u.name, Password: "Not-a-real-pa55word!" }));
      for (let k = 0; k < u.keys; k++) {
        const key = await iam.send(new CreateAccessKeyCommand({ UserName: u.name }));
        out.accessKeys.push({ user: u.name, id: key.AccessKey.AccessKeyId });
      }
      if (u.mfa) {
        const dev = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: u.name }));
        await iam.send(
          new EnableMFADeviceCommand({ UserName: u.name, SerialNumber: dev.VirtualMFADevice.SerialNumber, AuthenticationCode1: "123456", AuthenticationCode2: "654321" }),
        );
      } else out.withoutMfa.push(u.name);
    }
    return out;
  } finally {
    iam.destroy();
  }
}

async function seedBuckets(endpoint, credentials, suffix) {
  const s3 = new S3Client({ ...cfg(endpoint, "us-east-1", credentials), forcePathStyle: true });
  const open = `audit-public-site${suffix}`;
  const closed = `audit-private-data${suffix}`;
  const policyOpen = `audit-public-policy${suffix}`;
  try {
    for (const b of [open, closed, policyOpen]) await s3.send(new CreateBucketCommand({ Bucket: b }));
    await s3.send(new PutBucketAclCommand({ Bucket: open, ACL: "public-read" }));
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: policyOpen,
        Policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${policyOpen}/*` }] }),
      }),
    );
    return { public: [open, policyOpen], private: [closed] };
  } finally {
    s3.destroy();
  }
}

/**
 * Seeds the audit estate. opts.regions: regions with resources (default
 * AUDIT_REGIONS); opts.perRegion: instances per region (default 3; region i
 * gets perRegion + (i % 3)); opts.credentials: whose account to seed (moto
 * keeps one estate per account); opts.bucketSuffix: appended to bucket names
 * (they are global). Returns what was created.
 */
export async function seedAuditEstate(endpoint, opts = {}) {
  const url = new URL(endpoint);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) throw new Error(`seedAuditEstate only seeds a local emulator, not ${endpoint}`);
  const regions = opts.regions ?? AUDIT_REGIONS;
  const per = opts.perRegion ?? 3;
  const credentials = opts.credentials ?? CREDENTIALS;
  const [iam, buckets, ...perRegion] = await Promise.all([
    seedIam(endpoint, credentials),
    seedBuckets(endpoint, credentials, opts.bucketSuffix ?? ""),
    ...regions.map((r, i) => seedRegion(endpoint, r, per + (i % 3), i === 0, credentials)),
  ]);
  return { regions, ec2: Object.fromEntries(perRegion.map((r) => [r.region, r])), iam, buckets };
}
