// `kumo vault list`: profiles, which have keys in the vault, cached sessions.
import type { CommandContext } from "../../cli/run.ts";
import { EXIT } from "../../errors/index.ts";
import { parseArgs } from "../configure/args.ts";
import { openVault } from "../../vault/open.ts";
import { CREDENTIALS_PREFIX, SESSION_PREFIX } from "../../vault/items.ts";
import type { VaultEntry } from "../../vault/backend.ts";
import { BACKEND_SPEC, timeLeft } from "./args.ts";

export interface ListRow {
  profile: string;
  credentials: boolean;
  expires: string | undefined;
}

/** One row per profile of the config files or the vault, sorted by name. */
export function listRows(configProfiles: string[], entries: VaultEntry[]): ListRow[] {
  const rows = new Map<string, ListRow>();
  const row = (p: string) => {
    let r = rows.get(p);
    if (!r) rows.set(p, (r = { profile: p, credentials: false, expires: undefined }));
    return r;
  };
  for (const p of configProfiles) row(p);
  for (const e of entries) {
    if (e.name.startsWith(CREDENTIALS_PREFIX)) row(e.name.slice(CREDENTIALS_PREFIX.length)).credentials = true;
    else if (e.name.startsWith(SESSION_PREFIX)) row(e.name.slice(SESSION_PREFIX.length)).expires = e.expires ?? "";
  }
  return [...rows.values()].sort((a, b) => (a.profile < b.profile ? -1 : a.profile > b.profile ? 1 : 0));
}

export function formatTable(rows: ListRow[], now: Date, location: string): string {
  const cells = rows.map((r) => [r.profile, r.credentials ? "yes" : "-", r.expires === undefined ? "-" : r.expires === "" ? "cached" : timeLeft(r.expires, now)]);
  const head = [
    ["Profile", "Credentials", "Session"],
    ["=======", "===========", "======="],
  ];
  const all = [...head, ...cells];
  const widths = [0, 1].map((i) => Math.max(...all.map((c) => c[i]!.length)) + 3);
  const lines = all.map((c) => `${c[0]!.padEnd(widths[0]!)}${c[1]!.padEnd(widths[1]!)}${c[2]}`.trimEnd());
  return `${lines.join("\n")}\n\nVault: ${location}\n`;
}

export async function runList(ctx: CommandContext, args: string[]): Promise<number> {
  const values = parseArgs(
    [
      { dest: "profiles", options: ["--profiles"], action: "true" },
      { dest: "credentials", options: ["--credentials"], action: "true" },
      { dest: "sessions", options: ["--sessions"], action: "true" },
      BACKEND_SPEC,
    ],
    args,
  );
  const vault = await openVault(ctx.io, { backend: values.backend as string | undefined });
  const entries = await vault.list();
  const rows = listRows(Object.keys(ctx.settings.files.profiles), entries);
  const out = ctx.io.stdout;
  if (values.profiles === true) for (const r of rows) out.write(`${r.profile}\n`);
  else if (values.credentials === true) for (const r of rows.filter((x) => x.credentials)) out.write(`${r.profile}\n`);
  else if (values.sessions === true) for (const r of rows.filter((x) => x.expires !== undefined)) out.write(`${r.profile}\t${r.expires}\n`);
  else out.write(formatTable(rows, ctx.io.now(), vault.location));
  return EXIT.OK;
}
