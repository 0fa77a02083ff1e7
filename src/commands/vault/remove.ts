// `kumo vault remove <profile>`: deletes the profile's keys and sessions.
import type { CommandContext } from "../../cli/run.ts";
import { EXIT, GeneralError } from "../../errors/index.ts";
import { parseArgs } from "../configure/args.ts";
import { openVault } from "../../vault/open.ts";
import { credentialsItem, sessionItem } from "../../vault/items.ts";
import { BACKEND_SPEC, confirm, profileSpec } from "./args.ts";

export async function runRemove(ctx: CommandContext, args: string[]): Promise<number> {
  const values = parseArgs([profileSpec(), { dest: "force", options: ["--force", "-f"], action: "true" }, BACKEND_SPEC], args);
  const profile = values.profile as string;
  const vault = await openVault(ctx.io, { backend: values.backend as string | undefined });
  const names = new Set((await vault.list()).map((e) => e.name));
  const present = [credentialsItem(profile), sessionItem(profile)].filter((n) => names.has(n));
  if (present.length === 0) throw new GeneralError(`The vault (${vault.location}) holds nothing for profile "${profile}".`);
  if (values.force !== true && ctx.io.stdin.isTTY) {
    if (!(await confirm(ctx.io, `Delete the credentials of profile "${profile}" from the vault? [y/N] `, false))) {
      ctx.io.stderr.write("Nothing was deleted.\n");
      return EXIT.GENERAL;
    }
  }
  await vault.update(Object.fromEntries(present.map((n) => [n, undefined])));
  ctx.io.stderr.write(`Deleted the credentials and sessions of profile "${profile}" from the vault.\n`);
  const line = ctx.settings.files.profiles[profile]?.credential_process;
  if (typeof line === "string" && /\bkumo\s+vault\s+credentials\b/.test(line)) {
    ctx.io.stderr.write(`Profile "${profile}" in ${ctx.settings.files.configPath} still says credential_process = ${line}; remove that line or add the keys again.\n`);
  }
  return EXIT.OK;
}
