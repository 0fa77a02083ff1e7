// Expected names recorded from botocore 1.43.11: xform_name(name, '-') over
// operation and member names of every service, a sample of the tricky ones.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cliName } from "../../../src/services/naming.ts";

const cases: [string, string][] = [
  ["DescribeInstances", "describe-instances"],
  ["DescribeDBInstances", "describe-db-instances"],
  ["ListObjectsV2", "list-objects-v2"],
  ["GetAPIKey", "get-api-key"],
  ["PutBucketACL", "put-bucket-acl"],
  ["DescribeCACertificates", "describe-ca-certificates"],
  ["ListIPSets", "list-ip-sets"],
  ["GetMLModel", "get-ml-model"],
  ["GatewayARNs", "gateway-arns"],
  ["ListWebACLs", "list-web-acls"],
  ["CreateCachediSCSIVolume", "create-cached-iscsi-volume"],
  ["ExecutePartiQLStatement", "execute-partiql-statement"],
  ["GetOTelEnrichment", "get-otel-enrichment"],
  ["AssociateWhatsAppBusinessAccount", "associate-whatsapp-business-account"],
  ["ACLs", "-acls"],
  ["VPCs", "-vpcs"],
  ["DryRun", "dry-run"],
  ["InstanceIds", "instance-ids"],
  ["MaxResults", "max-results"],
  ["IPv6CidrBlock", "i-pv6-cidr-block"],
  ["Ipv6CidrBlock", "ipv6-cidr-block"],
  ["SSESpecification", "sse-specification"],
];

for (const [name, expected] of cases) {
  test(`${name} -> ${expected}`, () => assert.equal(cliName(name), expected));
}
