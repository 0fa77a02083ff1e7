// Rough monthly prices (USD, us-east-1 list prices) for the cost estimates in
// the report. Estimates only: regional prices differ by a few percent, and
// provisioned IOPS and throughput are not counted.

/** EBS storage per GB-month by volume type. */
export const EBS_GB_MONTH: Record<string, number> = {
  gp2: 0.1,
  gp3: 0.08,
  io1: 0.125,
  io2: 0.125,
  st1: 0.045,
  sc1: 0.015,
  standard: 0.05,
};

/** An Elastic IP address that is not associated: $0.005 per hour, 730 hours a month. */
export const IDLE_EIP_MONTH = 0.005 * 730;

/** Monthly cost of a volume's storage, rounded to cents; null for an unknown type. */
export function volumeMonthlyCost(sizeGb: number, volumeType: string): number | null {
  const rate = EBS_GB_MONTH[volumeType];
  if (rate === undefined || !Number.isFinite(sizeGb)) return null;
  return Math.round(sizeGb * rate * 100) / 100;
}
