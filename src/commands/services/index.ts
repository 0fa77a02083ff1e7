// `kumo services list|add|remove`: which AWS services this kumo can call.
// Built-in services are bundled; any other service the AWS CLI knows is added
// by installing its AWS SDK client package into $KUMO_HOME/services (default
// ~/.kumo/services) and extracting its schema pack, with no new kumo release.
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, rmSync, readFileSync, symlinkSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { CommandContext } from "../../cli/run.ts";
import { ArgParser, ArgparseError } from "../../cli/argparse.ts";
import { PROGRAM } from "../../cli/usage.ts";
import { EXIT, GeneralError, UsageError } from "../../errors/index.ts";
import { installedServices, resetInstalledServices, userServicesDir, distDir, type InstalledService } from "../../services/installed.ts";
import { knownServices, packageRoot } from "../../services/catalog.ts";
import { writeFileAtomic } from "../../util/atomic-write.ts";

const USAGE = `usage: ${PROGRAM} [options] services <subcommand> [parameters]\n`;

const HELP = `${PROGRAM} services

Which AWS services this installation can call.

  ${PROGRAM} services list                 built-in and added services
  ${PROGRAM} services add <name> [--from <npm package spec | folder>]
                                        install the AWS SDK client for a service
                                        (a folder holding the package is linked)
  ${PROGRAM} services remove <name>        uninstall an added service

Added services live in $KUMO_HOME/services (default ~/.kumo/services).
Calling a service that is not installed adds it automatically with a notice
on stderr, unless KUMO_NO_AUTO_INSTALL=1.
`;

export async function runServices(ctx: CommandContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined) throw new UsageError("too few arguments", { usage: USAGE });
  // `help` (or `--help`) after a subcommand asks for help too: no service is named "help".
  if (sub === "help" || sub === "--help" || rest[0] === "help" || rest[0] === "--help") {
    ctx.io.stdout.write(HELP);
    return EXIT.OK;
  }
  if (sub === "list") return listServices(ctx);
  if (sub === "add" || sub === "remove") {
    const parser = new ArgParser([
      { dest: "name", options: [] },
      { dest: "from", options: ["--from"] },
    ]);
    let parsed;
    try {
      parsed = parser.parseKnownArgs(rest);
    } catch (e) {
      if (e instanceof ArgparseError) throw new UsageError(e.message, { usage: USAGE });
      throw e;
    }
    if (parsed.extras.length) throw new UsageError(`Unknown options: ${parsed.extras.join(", ")}`, { usage: USAGE, bare: true });
    const name = parsed.values.name as string;
    if (sub === "add") {
      addService(ctx, name, parsed.values.from as string | undefined);
      return EXIT.OK;
    }
    removeService(ctx, name);
    return EXIT.OK;
  }
  throw new UsageError(`argument subcommand: invalid choice: '${sub}' (choose from 'list', 'add', 'remove')`, { usage: USAGE });
}

function listServices(ctx: CommandContext): number {
  const installed = installedServices();
  const rows = Object.entries(installed).sort(([a], [b]) => (a < b ? -1 : 1));
  const out = rows.map(([name, s]) => `${name.padEnd(28)} ${(s.source ?? "built-in").padEnd(9)} ${s.package}@${s.version}`);
  const available = Object.keys(knownServices()).filter((n) => !(n in installed)).length;
  ctx.io.stdout.write(out.join("\n") + `\n\n${available} more services can be added with \`${PROGRAM} services add <name>\`.\n`);
  return EXIT.OK;
}

function requireUserDir(): string {
  const dir = userServicesDir();
  if (!dir) throw new GeneralError("Cannot tell where to install services: set KUMO_HOME or HOME.");
  return dir;
}

function userIndex(dir: string): Record<string, InstalledService> {
  try {
    return (JSON.parse(readFileSync(join(dir, "services.json"), "utf8")) as { services: Record<string, InstalledService> }).services;
  } catch {
    return {};
  }
}

/** The newest SDK release line this kumo was built with: added clients stay at or below it (same Node.js support). */
function sdkVersionCap(): string | undefined {
  try {
    const built = JSON.parse(readFileSync(join(distDir(), "services.json"), "utf8")) as { services: Record<string, { version: string }> };
    const versions = Object.values(built.services).map((s) => s.version);
    return versions.sort((a, b) => a.localeCompare(b, undefined, { numeric: true })).at(-1);
  } catch {
    return undefined;
  }
}

export function addService(ctx: CommandContext, name: string, from?: string, quiet = false): InstalledService {
  const known = knownServices()[name];
  if (!known) throw new GeneralError(`Unknown service: ${name}. \`${PROGRAM} help\` lists the services AWS offers.`);
  const existing = installedServices()[name];
  if (existing?.source === "built-in") {
    if (!quiet) ctx.io.stdout.write(`${name} is built into this kumo (${existing.package}@${existing.version}).\n`);
    return existing;
  }
  const dir = requireUserDir();
  mkdirSync(join(dir, "packs"), { recursive: true, mode: 0o700 });
  if (!existsSync(join(dir, "package.json"))) {
    writeFileAtomic(join(dir, "package.json"), JSON.stringify({ name: "kumo-services", private: true }, null, 2) + "\n");
  }
  if (from !== undefined && isPackageFolder(from, known.package)) {
    // A folder holding the package (a checkout, an offline copy): linked, no npm.
    const target = join(dir, "node_modules", ...known.package.split("/"));
    mkdirSync(dirname(target), { recursive: true });
    rmSync(target, { recursive: true, force: true });
    symlinkSync(resolve(ctx.io.cwd, from), target, "dir");
  } else {
    const cap = sdkVersionCap();
    const spec = from ?? (cap ? `${known.package}@<=${cap}` : known.package);
    const npm = spawnSync("npm", ["install", "--prefix", dir, "--no-audit", "--no-fund", "--save", spec], {
      env: ctx.io.env as NodeJS.ProcessEnv,
      encoding: "utf8",
    });
    if (npm.error || npm.status !== 0) {
      const detail = (npm.stderr || npm.error?.message || "").trim().split("\n").slice(-5).join("\n");
      throw new GeneralError(`Could not install ${known.package} for the ${name} service:\n${detail}`);
    }
  }
  const packFile = join(dir, "packs", `${name}.pack`);
  const extract = spawnSync(process.execPath, [join(packageRoot(), "scripts", "lib", "extract-pack.cjs"), known.package, packFile, dir], {
    env: { ...ctx.io.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } as NodeJS.ProcessEnv,
    encoding: "utf8",
  });
  if (extract.status !== 0) {
    throw new GeneralError(`Could not read the models of ${known.package}:\n${(extract.stderr || "").trim().split("\n").slice(-3).join("\n")}`);
  }
  const header = JSON.parse(readFileSync(packFile, "utf8").split("\n", 1)[0]!) as { version: string; clientName: string };
  const entry: InstalledService = { package: known.package, version: header.version, clientName: header.clientName };
  const index = userIndex(dir);
  index[name] = entry;
  writeFileAtomic(join(dir, "services.json"), JSON.stringify({ services: index }, null, 1) + "\n");
  resetInstalledServices();
  if (!quiet) ctx.io.stdout.write(`added ${name} (${entry.package}@${entry.version})\n`);
  return { ...entry, source: "added" };
}

function isPackageFolder(path: string, pkg: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(path, "package.json"), "utf8")) as { name?: string }).name === pkg;
  } catch {
    return false;
  }
}

function removeService(ctx: CommandContext, name: string): void {
  const existing = installedServices()[name];
  if (!existing) throw new GeneralError(`${name} is not installed.`);
  if (existing.source === "built-in") throw new GeneralError(`${name} is built into this kumo and cannot be removed.`);
  const dir = requireUserDir();
  const target = join(dir, "node_modules", ...existing.package.split("/"));
  if (lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) rmSync(target, { force: true });
  else spawnSync("npm", ["uninstall", "--prefix", dir, "--no-audit", "--no-fund", existing.package], { env: ctx.io.env as NodeJS.ProcessEnv });
  rmSync(join(dir, "packs", `${name}.pack`), { force: true });
  const index = userIndex(dir);
  delete index[name];
  writeFileAtomic(join(dir, "services.json"), JSON.stringify({ services: index }, null, 1) + "\n");
  resetInstalledServices();
  ctx.io.stdout.write(`removed ${name}\n`);
}
