// Running and stopped EC2 instances, one row each (the classic auditor's
// EC2Instance rows: id, state, instance type).
import { list, tagValue, text, type AuditCheck, type CheckFinding } from "../types.ts";

export const check: AuditCheck = {
  name: "instances",
  title: "Running and stopped EC2 instances",
  scope: "regional",
  async run({ api }) {
    const found: CheckFinding[] = [];
    const input = { Filters: [{ Name: "instance-state-name", Values: ["running", "stopped"] }] };
    for await (const page of api.pages("ec2", "DescribeInstances", input)) {
      for (const reservation of list(page.Reservations)) {
        for (const i of list(reservation.Instances)) {
          const state = i.State !== null && typeof i.State === "object" && !Array.isArray(i.State) ? text(i.State.Name) : "";
          const placement = i.Placement !== null && typeof i.Placement === "object" && !Array.isArray(i.Placement) ? i.Placement : {};
          found.push({
            resourceType: "EC2Instance",
            resourceId: text(i.InstanceId),
            status: state,
            details: text(i.InstanceType),
            data: {
              name: tagValue(i.Tags, "Name") ?? null,
              instanceType: text(i.InstanceType),
              launchTime: text(i.LaunchTime) || null,
              availabilityZone: text(placement.AvailabilityZone) || null,
              privateIp: text(i.PrivateIpAddress) || null,
              publicIp: text(i.PublicIpAddress) || null,
            },
          });
        }
      }
    }
    return found;
  },
};
