// The table of `configure list`: four rows (profile, access_key,
// secret_key, region), each `%10s %24s %16s    %s` as the AWS CLI prints it,
// under a header. Secrets are masked to their last four characters.

export const NOT_SET = "<not set>";

/** One row: what a setting is, where it came from (Type) and which variable or file (Location). */
export interface ListRow {
  name: string;
  value: string;
  type: string;
  location: string;
}

/** The CLI's cells for a setting that is not set (Python's None). */
export function notSet(name: string): ListRow {
  return { name, value: NOT_SET, type: "None", location: "None" };
}

/** Python's `'%Ns' % s`: right-aligned in N characters (code points), never cut. */
function padLeft(s: string, width: number): string {
  let n = 0;
  for (const _ of s) n++;
  return n >= width ? s : " ".repeat(width - n) + s;
}

export function formatListRow(row: ListRow): string {
  return `${padLeft(row.name, 10)} ${padLeft(row.value, 24)} ${padLeft(row.type, 16)}    ${row.location}\n`;
}

/** The two header lines. */
export function listHeader(): string {
  return (
    formatListRow({ name: "Name", value: "Value", type: "Type", location: "Location" }) +
    formatListRow({ name: "----", value: "-----", type: "----", location: "--------" })
  );
}

/** Sixteen `*` and the last four characters of the value. */
export function maskValue(value: string): string {
  const chars = [...value];
  return "*".repeat(16) + chars.slice(Math.max(0, chars.length - 4)).join("");
}

/** Python's repr() of a list of strings, as the CLI shows a setting's environment variables. */
export function pyStringList(items: readonly string[]): string {
  return `[${items.map((s) => `'${s}'`).join(", ")}]`;
}

export const PROFILE_ENV_VARS = ["AWS_PROFILE", "AWS_DEFAULT_PROFILE"] as const;
export const REGION_ENV_VARS = ["AWS_REGION", "AWS_DEFAULT_REGION"] as const;

/** Where the profile name came from: --profile, the environment, or nowhere. */
export function profileRow(flag: string | undefined, env: Record<string, string | undefined>): ListRow {
  if (flag !== undefined) return { name: "profile", value: flag, type: "manual", location: "--profile" };
  for (const v of PROFILE_ENV_VARS) {
    const value = env[v];
    if (value !== undefined) return { name: "profile", value, type: "env", location: pyStringList(PROFILE_ENV_VARS) };
  }
  return notSet("profile");
}

/** The two credential rows: masked keys and the provider that supplied them. */
export function credentialRows(resolved: { accessKeyId: string; secretAccessKey: string; method: string } | undefined): [ListRow, ListRow] {
  if (resolved === undefined) return [notSet("access_key"), notSet("secret_key")];
  return [
    { name: "access_key", value: maskValue(resolved.accessKeyId), type: resolved.method, location: "" },
    { name: "secret_key", value: maskValue(resolved.secretAccessKey), type: resolved.method, location: "" },
  ];
}

export interface RegionSources {
  env: Record<string, string | undefined>;
  /** The selected profile's `region`, from the config or credentials file. */
  profileRegion: string | undefined;
  /** The config file as named (AWS_CONFIG_FILE as set, or `~/.aws/config`), unexpanded. */
  configFileName: string;
  /** A region from anywhere else (--region, instance metadata). */
  other: string | undefined;
}

/**
 * The region row, looked up as the CLI does: the environment, then the
 * profile, then anything else (which the CLI labels `imds`, with no location).
 */
export function regionRow(s: RegionSources): ListRow {
  for (const v of REGION_ENV_VARS) {
    const value = s.env[v];
    if (value !== undefined) return { name: "region", value, type: "env", location: pyStringList(REGION_ENV_VARS) };
  }
  if (s.profileRegion !== undefined) return { name: "region", value: s.profileRegion, type: "config-file", location: s.configFileName };
  if (s.other) return { name: "region", value: s.other, type: "imds", location: "" };
  return notSet("region");
}
