// A small option parser for kumo's own commands (secrets, doctor, verify):
// `--name value`, `--name=value`, boolean flags, repeatable options, and
// positionals; anything unknown is a usage error naming the command.
import { UsageError } from "../errors/index.ts";

export type OptionKind = "flag" | "value" | "list";

export interface ParsedArgs {
  flags: Set<string>;
  values: Map<string, string>;
  lists: Map<string, string[]>;
  positionals: string[];
}

export function parseArgs(args: string[], spec: Record<string, OptionKind>, usage: string): ParsedArgs {
  const out: ParsedArgs = { flags: new Set(), values: new Map(), lists: new Map(), positionals: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      out.positionals.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith("--") || a === "-") {
      out.positionals.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const kind = spec[name];
    if (!kind) throw new UsageError(`Unknown options: ${a}`, { usage });
    if (kind === "flag") {
      if (eq > 0) throw new UsageError(`argument --${name}: ignored explicit argument '${a.slice(eq + 1)}'`, { usage });
      out.flags.add(name);
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = a.slice(eq + 1);
    else {
      value = args[i + 1];
      i++;
    }
    if (value === undefined) throw new UsageError(`argument --${name}: expected one argument`, { usage });
    if (kind === "value") out.values.set(name, value);
    else out.lists.set(name, [...(out.lists.get(name) ?? []), value]);
  }
  return out;
}

export function wantsHelp(args: readonly string[]): boolean {
  return args[args.length - 1] === "help" || args[0] === "help";
}
