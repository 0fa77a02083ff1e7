// The AWS CLI's command aliases, from ~/.aws/cli/alias (an INI file):
//
//   [toplevel]
//   whoami = sts get-caller-identity --query Arn
//   shell = !f() { echo "$1"; }; f
//
//   [command ec2]
//   running = describe-instances --filters Name=instance-state-name,Values=running
//
// An alias's value is split as a shell would (Python's shlex.split) and takes
// the alias's place: global options in it override those given with the
// alias, except --debug and --profile, which an alias may not set. A value
// starting with `!` is run by /bin/sh with the remaining arguments appended,
// quoted, and kumo exits with its status. A top-level alias may name another
// alias, or the command it shadows (`ec2 = ec2 --region eu-west-1` runs the
// ec2 command); an [command <name>] alias is expanded once.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { IO } from "../io.ts";
import type { ParseResult } from "./argparse.ts";
import { GeneralError } from "../errors/index.ts";
import { parseIni, type IniDocument } from "../config/ini.ts";
import { shellSplit, shellSplitError } from "../config/files.ts";
import { shellQuote } from "../util/shell-quote.ts";

/** What the command line means once aliases are expanded, or an external alias's exit status. */
export type Expanded = { parsed: ParseResult } | { exitCode: number };

const NOT_IN_ALIASES = ["debug", "profile"];

function readAliases(io: IO): IniDocument | undefined {
  if (!io.home) return undefined;
  let text: Buffer;
  try {
    text = readFileSync(join(io.home, ".aws", "cli", "alias"));
  } catch {
    return undefined;
  }
  return parseIni(text, join(io.home, ".aws", "cli", "alias"), { subsections: false });
}

function aliasValue(doc: IniDocument, section: string, name: string): string | undefined {
  const s = doc[section];
  const v = s && Object.hasOwn(s, name) ? s[name] : undefined;
  return typeof v === "string" ? v.trim() : undefined;
}

/** The alias's words, or the CLI's message when they do not split. */
function aliasWords(name: string, value: string): string[] {
  const words = shellSplit(value);
  if (words === undefined) {
    throw new GeneralError(`Value of alias "${name}" could not be parsed. Received error: ${shellSplitError(value)} when parsing:\n${value}`);
  }
  return words.map((w) => w.replace(/^\n+|\n+$/g, ""));
}

/** Global options set by the alias override the command line's. */
function merge(base: ParseResult, fromAlias: ParseResult, name: string, extras: string[]): ParseResult {
  const values: Record<string, unknown> = { ...base.values, command: fromAlias.values.command };
  const seen = new Set(base.seen);
  for (const dest of fromAlias.seen) {
    if (dest === "command") continue;
    if (NOT_IN_ALIASES.includes(dest)) {
      throw new GeneralError(`Global parameter "--${dest}" detected in alias "${name}" which is not support in subcommand aliases.`);
    }
    values[dest] = fromAlias.values[dest];
    seen.add(dest);
  }
  return { values, seen, extras };
}

function runExternal(io: IO, command: string, args: string[]): Promise<number> {
  const line = [command, ...args.map(shellQuote)].join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", line], { stdio: "inherit", env: io.env as NodeJS.ProcessEnv, cwd: io.cwd });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve(code ?? (signal === "SIGINT" ? 130 : 255)));
  });
}

/**
 * Expands the aliases of a parsed command line. `parse` reads global options
 * and the command from a list of words, as from the command line itself.
 */
export async function expandAliases(io: IO, parsed: ParseResult, parse: (words: string[]) => ParseResult): Promise<Expanded> {
  const doc = readAliases(io);
  if (!doc) return { parsed };
  let current = parsed;
  const used = new Set<string>();
  for (;;) {
    const name = current.values.command as string;
    const value = used.has(name) ? undefined : aliasValue(doc, "toplevel", name);
    if (value === undefined) break;
    used.add(name);
    if (value.startsWith("!")) return { exitCode: await runExternal(io, value.slice(1), current.extras) };
    const fromAlias = parse(aliasWords(name, value));
    current = merge(current, fromAlias, name, [...fromAlias.extras, ...current.extras]);
  }
  const command = current.values.command as string;
  const sub = current.extras[0];
  const value = sub === undefined ? undefined : aliasValue(doc, `command ${command}`, sub);
  if (value === undefined) return { parsed: current };
  if (value.startsWith("!")) return { exitCode: await runExternal(io, value.slice(1), current.extras.slice(1)) };
  const fromAlias = parse([command, ...aliasWords(sub!, value)]);
  return { parsed: merge(current, fromAlias, sub!, [...fromAlias.extras, ...current.extras.slice(1)]) };
}
