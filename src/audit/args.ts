// `kumo audit` options: parsed from the words after `audit` (global options
// such as --profile and --region are taken out before).
import { UsageError } from "../errors/index.ts";
import { CHECKS, checkNamed } from "./checks/index.ts";
import type { AuditCheck } from "./types.ts";

export const FORMATS = ["csv", "json", "html"] as const;
export type ReportFormat = (typeof FORMATS)[number];

export interface AuditArgs {
  help: boolean;
  regions: string[] | undefined;
  checks: AuditCheck[];
  format: ReportFormat;
  out: string | undefined;
  concurrency: number;
  profiles: string[];
  ssoSession: string | undefined;
  orgRole: string | undefined;
}

export const DEFAULT_CONCURRENCY = 16;

const VALUE_OPTIONS = new Set(["--regions", "--checks", "--format", "--out", "--concurrency", "--profiles", "--sso-session", "--org-role"]);

/** Other spellings of an option. */
const ALIASES: Record<string, string> = { "-o": "--out", "--out-file": "--out" };

function commaList(option: string, v: string): string[] {
  const items = v.split(",").map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new UsageError(`argument ${option}: expected a comma-separated list`);
  return items;
}

export function parseAuditArgs(args: string[]): AuditArgs {
  const values = new Map<string, string>();
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "help") {
      help = true;
      continue;
    }
    const eq = a.indexOf("=");
    const given = a.startsWith("--") && eq > 0 ? a.slice(0, eq) : a;
    const name = ALIASES[given] ?? given;
    if (!VALUE_OPTIONS.has(name)) throw new UsageError(`Unknown options: ${a}`, { bare: true });
    let value: string | undefined;
    if (given !== a) value = a.slice(eq + 1);
    else {
      value = args[++i];
      if (value === undefined || (value.startsWith("--") && value.length > 2)) throw new UsageError(`argument ${name}: expected one argument`);
    }
    values.set(name, value);
  }
  const checkNames = values.has("--checks") ? commaList("--checks", values.get("--checks")!) : CHECKS.map((c) => c.name);
  const checks = checkNames.map((n) => {
    const c = checkNamed(n);
    if (!c) throw new UsageError(`argument --checks: unknown check '${n}' (choose from ${CHECKS.map((x) => x.name).join(", ")})`);
    return c;
  });
  const format = (values.get("--format") ?? "csv") as ReportFormat;
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`argument --format: invalid choice: '${format}' (choose from 'csv', 'json', 'html')`);
  }
  const rawConcurrency = values.get("--concurrency");
  const concurrency = rawConcurrency === undefined ? DEFAULT_CONCURRENCY : Number(rawConcurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
    throw new UsageError(`argument --concurrency: expected a whole number from 1 to 256, got '${rawConcurrency}'`);
  }
  return {
    help,
    regions: values.has("--regions") ? commaList("--regions", values.get("--regions")!) : undefined,
    checks: [...new Map(checks.map((c) => [c.name, c])).values()],
    format,
    out: values.get("--out"),
    concurrency,
    profiles: values.has("--profiles") ? commaList("--profiles", values.get("--profiles")!) : [],
    ssoSession: values.get("--sso-session"),
    orgRole: values.get("--org-role"),
  };
}

