// `kumo install-alias [--dir D] [--force] [--name aws] [--uninstall]`:
// installs an `aws` command that runs kumo, so that shell scripts written for
// the AWS CLI run unchanged. An existing `aws` that is not kumo's shim (the
// real AWS CLI, say) is left alone unless --force is given.
import { chmodSync, readFileSync, statSync, unlinkSync, existsSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import type { CommandContext } from "../../cli/run.ts";
import { PROGRAM } from "../../cli/usage.ts";
import { EXIT, GeneralError, UsageError } from "../../errors/index.ts";
import { packageRoot } from "../../runtime.ts";
import { writeFileAtomic } from "../../util/atomic-write.ts";
import { isKumoShim, shimScript } from "./shim.ts";

const HELP = `${PROGRAM} install-alias

Installs an \`aws\` command that runs ${PROGRAM}, so scripts written for the AWS
CLI run unchanged with ${PROGRAM}.

  ${PROGRAM} install-alias [--dir DIR] [--force] [--name NAME]
  ${PROGRAM} install-alias --uninstall [--dir DIR] [--name NAME]

  --dir DIR     where to put it (default ~/.local/bin); put DIR first on PATH
  --force       replace an existing \`aws\` that is not ${PROGRAM}'s shim
                (such as the AWS CLI itself); without it, that is an error
  --name NAME   the command's name (default aws)
  --uninstall   remove the shim (only ${PROGRAM}'s own shim is ever removed)
`;

interface Options {
  dir: string | undefined;
  force: boolean;
  name: string;
  uninstall: boolean;
  help: boolean;
}

function parse(args: string[]): Options {
  const o: Options = { dir: undefined, force: false, name: "aws", uninstall: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || v === "") throw new UsageError(`argument ${flag}: expected one argument`);
      return v;
    };
    if (flag === "help") o.help = true;
    else if (flag === "--force") o.force = true;
    else if (flag === "--uninstall") o.uninstall = true;
    else if (flag === "--dir") o.dir = value();
    else if (flag === "--name") o.name = value();
    else throw new UsageError(`Unknown options: ${a}`, { bare: true });
  }
  if (/[/\\]/.test(o.name) || o.name === "." || o.name === "..") throw new UsageError(`argument --name: not a command name: ${o.name}`);
  return o;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** The first `name` on PATH, when it is not `target`. */
function shadowingCommand(path: string | undefined, name: string, target: string): string | undefined {
  for (const dir of (path ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = resolve(dir, name);
    if (candidate === target) return undefined;
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export async function run(ctx: CommandContext, args: string[]): Promise<number> {
  const o = parse(args);
  const { io } = ctx;
  if (o.help) {
    io.stdout.write(HELP);
    return EXIT.OK;
  }
  const dir = resolve(io.cwd, o.dir ?? join(io.home, ".local", "bin"));
  const target = join(dir, o.name);
  const existing = existsSync(target) ? (readText(target) ?? "") : undefined;

  if (o.uninstall) {
    if (existing === undefined) {
      io.stderr.write(`${target}: no such file; nothing to remove\n`);
      return EXIT.OK;
    }
    if (!isKumoShim(existing)) throw new GeneralError(`${target} is not ${PROGRAM}'s shim; not removing it`);
    unlinkSync(target);
    io.stdout.write(`Removed ${target}\n`);
    return EXIT.OK;
  }

  if (existing !== undefined && !isKumoShim(existing) && !o.force) {
    throw new GeneralError(`${target} already exists and is not ${PROGRAM}'s shim (it may be the AWS CLI); use --force to replace it`);
  }
  const entry = join(packageRoot(), "bin", "kumo.cjs");
  writeFileAtomic(target, shimScript(process.execPath, entry), { mode: 0o755, forceMode: true, dirMode: 0o755 });
  chmodSync(target, 0o755);
  io.stdout.write(`Installed ${target} -> ${PROGRAM} (${entry})\n`);
  const onPath = (io.env.PATH ?? "").split(delimiter).some((d) => d && resolve(d) === dir);
  if (!onPath) io.stderr.write(`Note: ${dir} is not on PATH; add it in front: export PATH="${dir}:$PATH"\n`);
  else {
    const earlier = shadowingCommand(io.env.PATH, o.name, target);
    if (earlier) io.stderr.write(`Note: ${earlier} comes first on PATH; put ${dir} in front of it to run ${PROGRAM} as ${o.name}\n`);
  }
  return EXIT.OK;
}
