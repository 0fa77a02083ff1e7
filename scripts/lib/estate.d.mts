// Types for estate.mjs (a plain JavaScript module, so that scripts can use it without tsx).

export declare const ESTATE_REGIONS: string[];
export declare const BASE_IMAGE_ID: string;

export interface EstateInstance {
  id: string;
  region: string;
  /** Absent for the instances seeded without a Name tag. */
  name?: string;
  env: string;
  type: string;
  state: "running" | "stopped";
}

export interface EstateRegion {
  instances: EstateInstance[];
  volumes: { available: string[]; attached: { volumeId: string; instanceId: string }[] };
  addresses: {
    associated: { allocationId: string; publicIp: string; instanceId: string; associationId: string }[];
    unassociated: { allocationId: string; publicIp: string }[];
  };
  securityGroups: { id: string; name: string }[];
  keyPairs: string[];
}

export interface Estate {
  endpoint: string;
  account: string;
  regions: string[];
  instances: EstateInstance[];
  running: string[];
  stopped: string[];
  ec2: Record<string, EstateRegion>;
  /** Self-owned AMIs in us-east-1, oldest first. */
  images: { id: string; name: string }[];
  iam: {
    users: { name: string; arn: string; path: string }[];
    groups: string[];
    roles: string[];
    policies: string[];
    mfaUsers: string[];
    usersWithoutMfa: string[];
    accessKeys: Record<string, string[]>;
    mfaDevices: string[];
    instanceProfiles: string[];
  };
  /** Bucket name → object keys. */
  buckets: Record<string, string[]>;
  queues: { orders: string; dlq: string; fifo: string };
  topics: { alerts: string; audit: string };
  subscriptions: string[];
  tables: string[];
  customers: string[];
  logGroups: string[];
  logStreams: Record<string, string[]>;
  parameters: string[];
  kmsKeyId: string;
  kmsKeyArn: string;
  kmsAlias: string;
  secrets: { name: string; arn: string }[];
  /** CloudFormation stacks in us-east-1: estate-release (JSON template), estate-canary (YAML). */
  stacks: { name: string; id: string }[];
  /** How long seeding took. */
  seconds: number;
}

export interface SeedOptions {
  /** Instances in us-east-1 (default 8); eu-west-1 and ap-southeast-2 always get 3 and 2. */
  instances?: number;
  /** Pause between self-owned AMIs so their CreationDate differs (default 1100 ms). */
  imageSpacingMs?: number;
}

export declare function seedEstate(endpoint: string, opts?: SeedOptions): Promise<Estate>;
