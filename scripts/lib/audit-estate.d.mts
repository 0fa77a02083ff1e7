export declare const AUDIT_REGIONS: string[];
export interface AuditEstate {
  regions: string[];
  ec2: Record<string, { region: string; instances: { id: string; state: string }[]; volumes: { id: string; state: string }[]; addresses: { allocationId: string; associated: boolean }[]; images: { id: string; name: string }[] }>;
  iam: { users: string[]; withoutMfa: string[]; accessKeys: { user: string; id: string }[] };
  buckets: { public: string[]; private: string[] };
}
export declare function seedAuditEstate(
  endpoint: string,
  opts?: { regions?: string[]; perRegion?: number; credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }; bucketSuffix?: string },
): Promise<AuditEstate>;
