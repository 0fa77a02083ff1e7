// EBS volumes attached to nothing (status "available"), with their size and
// an estimate of what they cost a month (the classic auditor's EBSVolume rows).
import { list, tagValue, text, type AuditCheck } from "../types.ts";
import { volumeMonthlyCost } from "../pricing.ts";

export const check: AuditCheck = {
  name: "unattached-volumes",
  title: "Unattached EBS volumes, with size and monthly cost",
  scope: "regional",
  async run({ api }) {
    const found = [];
    const input = { Filters: [{ Name: "status", Values: ["available"] }] };
    for await (const page of api.pages("ec2", "DescribeVolumes", input)) {
      for (const v of list(page.Volumes)) {
        const size = typeof v.Size === "number" ? v.Size : Number(text(v.Size));
        const type = text(v.VolumeType);
        found.push({
          resourceType: "EBSVolume",
          resourceId: text(v.VolumeId),
          status: "available",
          details: `${text(v.Size)}GB ${type}`,
          data: {
            name: tagValue(v.Tags, "Name") ?? null,
            sizeGiB: size,
            volumeType: type,
            availabilityZone: text(v.AvailabilityZone) || null,
            createTime: text(v.CreateTime) || null,
            monthlyCostUsd: volumeMonthlyCost(size, type),
          },
        });
      }
    }
    return found;
  },
};
