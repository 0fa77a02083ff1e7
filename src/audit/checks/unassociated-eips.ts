// Elastic IP addresses associated with nothing: billed by the hour for nothing.
import { list, tagValue, text, type AuditCheck } from "../types.ts";
import { IDLE_EIP_MONTH } from "../pricing.ts";

export const check: AuditCheck = {
  name: "unassociated-eips",
  title: "Elastic IP addresses not associated with anything",
  scope: "regional",
  async run({ api }) {
    const doc = await api.call("ec2", "DescribeAddresses", {});
    return list(doc.Addresses)
      .filter((a) => !text(a.AssociationId) && !text(a.InstanceId) && !text(a.NetworkInterfaceId))
      .map((a) => ({
        resourceType: "ElasticIP",
        resourceId: text(a.AllocationId) || text(a.PublicIp),
        status: "unassociated",
        details: text(a.PublicIp),
        data: { name: tagValue(a.Tags, "Name") ?? null, publicIp: text(a.PublicIp), monthlyCostUsd: Math.round(IDLE_EIP_MONTH * 100) / 100 },
      }));
  },
};
