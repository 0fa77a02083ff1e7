// The oldest AMIs this account owns in the region (the ones most likely to be
// forgotten, still costing their snapshots), oldest first.
import { list, text, type AuditCheck } from "../types.ts";
import { ageDays } from "../age.ts";

/** How many of the oldest images each region reports. */
export const OLDEST_AMIS = 10;
/** Older than this many days: status "old", else "recent". */
export const OLD_AMI_DAYS = 180;

export const check: AuditCheck = {
  name: "old-amis",
  title: `The ${OLDEST_AMIS} oldest self-owned AMIs per region`,
  scope: "regional",
  async run({ api, now }) {
    const doc = await api.call("ec2", "DescribeImages", { Owners: ["self"] });
    const images = list(doc.Images).sort((a, b) => {
      const d = text(a.CreationDate).localeCompare(text(b.CreationDate));
      return d !== 0 ? d : text(a.ImageId).localeCompare(text(b.ImageId));
    });
    return images.slice(0, OLDEST_AMIS).map((img) => {
      const created = text(img.CreationDate);
      const age = ageDays(created, now);
      return {
        resourceType: "AMI",
        resourceId: text(img.ImageId),
        status: age !== null && age > OLD_AMI_DAYS ? "old" : "recent",
        details: `${text(img.Name)} created ${created}`,
        data: { name: text(img.Name) || null, creationDate: created || null, ageDays: age, state: text(img.State) || null },
      };
    });
  },
};
