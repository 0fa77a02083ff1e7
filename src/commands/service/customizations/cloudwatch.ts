// cloudwatch put-metric-data's single-metric options (--metric-name,
// --value, --unit, --timestamp, --dimensions, --statistic-values,
// --storage-resolution): each sets a member of the first MetricData item
// (awscli/customizations/putmetricdata.py).
import { GeneralError } from "../../../errors/index.ts";
import { pyFloatOf, pyIntOf } from "../../../params/python-values.ts";
import { parseTimestampInput } from "../../../params/timestamp-input.ts";

/** The CLI's split_on_commas: a comma list where `\,` and quoted parts keep their commas. */
export function splitOnCommas(value: string): string[] {
  const parts: string[] = [];
  let cur = "";
  let quote: string | undefined;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === "\\" && i + 1 < value.length) cur += value[++i];
    else if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ",") {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** A decimal number (the CLI keeps these as Python Decimals). */
function decimal(text: string): number {
  const n = pyFloatOf(text);
  if (n === undefined) throw new GeneralError(`Invalid decimal value: '${text}'`);
  return n;
}

/** `Name=Value` pairs separated by commas. */
function pairs(text: string): [string, string][] {
  return splitOnCommas(text).map((pair) => {
    const kv = pair.split("=");
    if (kv.length !== 2) throw new GeneralError(`${kv.length < 2 ? "not enough" : "too many"} values to unpack (expected 2, got ${kv.length})`);
    return [kv[0]!, kv[1]!];
  });
}

export const metricMembers = {
  metricName: (v: unknown) => ({ MetricName: v }),
  unit: (v: unknown) => ({ Unit: v }),
  timestamp: (v: unknown) => ({ Timestamp: typeof v === "string" ? (parseTimestampInput(v) ?? v) : v }),
  value: (v: unknown) => ({ Value: decimal(String(v)) }),
  dimensions: (v: unknown) => ({ Dimensions: pairs(String(v)).map(([Name, Value]) => ({ Name, Value })) }),
  statisticValues: (v: unknown) => ({ StatisticValues: Object.fromEntries(pairs(String(v)).map(([k, x]) => [k, decimal(x)])) }),
  storageResolution: (v: unknown) => {
    const n = pyIntOf(String(v));
    if (n === undefined) throw new GeneralError(`invalid literal for int() with base 10: '${String(v)}'`);
    return { StorageResolution: n };
  },
};
