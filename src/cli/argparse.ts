// Command-line parsing with the semantics of Python's argparse, which the AWS
// CLI is built on: unambiguous prefixes of long options, `--opt=value`, the
// last occurrence wins, options interleaved with positionals, nargs patterns,
// and argparse's exact error texts. Scripts rely on these details (an
// abbreviated `--out text`, a `--filters` given twice), so kumo reproduces the
// algorithm rather than using a parser with different rules.
import { getCloseMatches } from "../util/difflib.ts";

export type Nargs = undefined | "?" | "*" | "+" | number;

export interface ArgSpec {
  /** Key of the parsed value. */
  dest: string;
  /** Option strings (`--region`); empty for a positional. */
  options: string[];
  /**
   * store: take arguments; true/false: flags (store_true / store_false);
   * const: store `constValue`; signal: stop parsing at once (argparse's
   * `version` action), throwing ArgSignal.
   */
  action?: "store" | "true" | "false" | "const" | "signal";
  constValue?: unknown;
  nargs?: Nargs;
  /** Allowed values; a bad one gets the AWS CLI's "Invalid choice" list. */
  choices?: readonly string[];
  required?: boolean;
  /** Converts one argument string (argparse `type=`); throw ArgTypeError for "invalid int value". */
  type?: (s: string) => unknown;
  /** Name used in messages when it is not the option string (positionals: the dest). */
  metavar?: string;
  default?: unknown;
  /** Also appends every value given to the array at this dest (the option may be repeated; `dest` keeps the last). */
  collect?: string;
}

export interface ParserOptions {
  /** Accept unambiguous prefixes of long options (argparse's allow_abbrev); default true. */
  allowAbbrev?: boolean;
}

export class ArgparseError extends Error {}

/** Thrown when an option with action "signal" (such as --version) is parsed. */
export class ArgSignal extends Error {
  constructor(readonly dest: string) {
    super(dest);
  }
}

/** Raised by a `type` converter; argparse words it `argument --x: invalid int value: 'abc'`. */
export class ArgTypeError extends Error {
  constructor(readonly typeName: string) {
    super(typeName);
  }
}

export const intType = (s: string): number => {
  if (!/^\s*[-+]?\d+\s*$/.test(s.replace(/_/g, ""))) throw new ArgTypeError("int");
  return Number.parseInt(s.replace(/_/g, ""), 10);
};

export interface ParseResult {
  values: Record<string, unknown>;
  extras: string[];
  /** dests given on the command line (not defaults). */
  seen: Set<string>;
}

const CHOICES_PER_LINE = 2;

function actionName(a: ArgSpec): string {
  if (a.options.length) return a.options.join("/");
  return a.metavar ?? a.dest;
}

function nargsPattern(a: ArgSpec): string {
  const n = a.action === "true" || a.action === "false" || a.action === "const" || a.action === "signal" ? 0 : a.nargs;
  let p: string;
  if (n === undefined) p = "(-*A-*)";
  else if (n === "?") p = "(-*A?-*)";
  else if (n === "*") p = "(-*[A-]*)";
  else if (n === "+") p = "(-*A[A-]*)";
  else p = "(-*" + "A".repeat(n).split("").join("-*") + "-*)";
  if (n === 0) p = "()";
  if (a.options.length) p = p.replace(/-\*/g, "").replace(/-/g, "");
  return p;
}

export function choicesMessage(value: string, choices: readonly string[]): string {
  const msg: string[] = ["Invalid choice, valid choices are:\n"];
  for (let i = 0; i < choices.length; i += CHOICES_PER_LINE) {
    msg.push(
      choices
        .slice(i, i + CHOICES_PER_LINE)
        .map((c) => c.padEnd(40))
        .join(" | "),
    );
  }
  const possible = getCloseMatches(value, choices, 3, 0.8);
  if (possible.length) {
    msg.push(`\n\nInvalid choice: ${pyRepr(value)}, maybe you meant:\n`);
    for (const w of possible) msg.push(`  * ${w}`);
  }
  return msg.join("\n");
}

/** Python repr() of a str, as argparse prints values in messages. */
export function pyRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === q) out += "\\" + q;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + q;
}

export class ArgParser {
  private readonly byOption = new Map<string, ArgSpec>();
  readonly specs: ArgSpec[];

  private readonly allowAbbrev: boolean;

  constructor(specs: ArgSpec[], opts: ParserOptions = {}) {
    this.specs = specs;
    this.allowAbbrev = opts.allowAbbrev ?? true;
    for (const s of specs) for (const o of s.options) this.byOption.set(o, s);
  }

  private parseOptional(arg: string): [ArgSpec | null, string, string | null] | null {
    if (!arg || arg[0] !== "-") return null;
    const exact = this.byOption.get(arg);
    if (exact) return [exact, arg, null];
    if (arg.length === 1) return null;
    const eq = arg.indexOf("=");
    if (eq >= 0) {
      const opt = arg.slice(0, eq);
      const hit = this.byOption.get(opt);
      if (hit) return [hit, opt, arg.slice(eq + 1)];
    }
    if (arg.startsWith("--") && this.allowAbbrev) {
      const prefix = eq >= 0 ? arg.slice(0, eq) : arg;
      const explicit = eq >= 0 ? arg.slice(eq + 1) : null;
      const matches: [ArgSpec, string][] = [];
      for (const [opt, spec] of this.byOption) if (opt.startsWith(prefix)) matches.push([spec, opt]);
      if (matches.length > 1) {
        throw new ArgparseError(`ambiguous option: ${prefix} could match ${matches.map((m) => m[1]).join(", ")}`);
      }
      if (matches.length === 1) return [matches[0]![0], matches[0]![1], explicit];
    }
    if (/^-\d+$|^-\d*\.\d+$/.test(arg)) return null;
    if (arg.includes(" ")) return null;
    return [null, arg, null];
  }

  parseKnownArgs(args: readonly string[]): ParseResult {
    const values: Record<string, unknown> = {};
    for (const s of this.specs) {
      if (s.default !== undefined) values[s.dest] = s.default;
      else if (s.action === "true") values[s.dest] = values[s.dest] ?? false;
      else if (s.action === "false") values[s.dest] = values[s.dest] ?? true;
    }
    const seen = new Set<string>();
    const seenSpecs = new Set<ArgSpec>();
    const extras: string[] = [];

    const optionAt = new Map<number, [ArgSpec | null, string, string | null]>();
    let pattern = "";
    let afterDashDash = false;
    args.forEach((arg, i) => {
      if (afterDashDash) {
        pattern += "A";
        return;
      }
      if (arg === "--") {
        afterDashDash = true;
        pattern += "-";
        return;
      }
      const t = this.parseOptional(arg);
      if (t) {
        optionAt.set(i, t);
        pattern += "O";
      } else pattern += "A";
    });

    const take = (spec: ArgSpec, strings: string[], optionString: string | null): void => {
      seenSpecs.add(spec);
      seen.add(spec.dest);
      const argStrings = [...strings];
      const dd = argStrings.indexOf("--");
      if (dd >= 0) argStrings.splice(dd, 1);
      const name = optionString ?? actionName(spec);
      const convert = (s: string): unknown => {
        let v: unknown = s;
        if (spec.type) {
          try {
            v = spec.type(s);
          } catch (e) {
            if (e instanceof ArgTypeError) throw new ArgparseError(`argument ${actionName(spec)}: invalid ${e.typeName} value: ${pyRepr(s)}`);
            throw e;
          }
        }
        if (spec.choices && typeof v === "string" && !spec.choices.includes(v)) {
          throw new ArgparseError(`argument ${actionName(spec)}: ${choicesMessage(v, spec.choices)}`);
        }
        return v;
      };
      void name;
      switch (spec.action) {
        case "true":
          values[spec.dest] = true;
          return;
        case "false":
          values[spec.dest] = false;
          return;
        case "const":
          values[spec.dest] = spec.constValue;
          return;
        case "signal":
          throw new ArgSignal(spec.dest);
        default:
          break;
      }
      const n = spec.nargs;
      if (spec.collect !== undefined && n === undefined) {
        const all = (values[spec.collect] as unknown[] | undefined) ?? [];
        values[spec.collect] = [...all, convert(argStrings[0]!)];
      }
      if (n === undefined) values[spec.dest] = convert(argStrings[0]!);
      else if (n === "?") {
        values[spec.dest] = argStrings.length ? convert(argStrings[0]!) : spec.options.length ? spec.constValue : spec.default;
      } else values[spec.dest] = argStrings.map(convert);
    };

    const matchArgument = (spec: ArgSpec, pat: string): number => {
      const m = new RegExp("^" + nargsPattern(spec)).exec(pat);
      if (!m) {
        const n = spec.nargs;
        let msg: string;
        if (n === undefined) msg = "expected one argument";
        else if (n === "?") msg = "expected at most one argument";
        else if (n === "+") msg = "expected at least one argument";
        else if (typeof n === "number") msg = `expected ${n} argument${n === 1 ? "" : "s"}`;
        else msg = "expected one argument";
        throw new ArgparseError(`argument ${actionName(spec)}: ${msg}`);
      }
      return m[1]!.length;
    };

    const consumeOptional = (start: number): number => {
      const [spec, optionString, explicit] = optionAt.get(start)!;
      if (!spec) {
        extras.push(args[start]!);
        return start + 1;
      }
      if (explicit !== null) {
        const count = matchArgument(spec, "A");
        // flags (nargs 0) match zero of the one explicit argument
        if (count === 1) {
          take(spec, [explicit], optionString);
          return start + 1;
        }
        throw new ArgparseError(`argument ${actionName(spec)}: ignored explicit argument ${pyRepr(explicit)}`);
      }
      const s = start + 1;
      const count = matchArgument(spec, pattern.slice(s));
      take(spec, args.slice(s, s + count) as string[], optionString);
      return s + count;
    };

    const positionals = this.specs.filter((s) => s.options.length === 0);
    const consumePositionals = (start: number): number => {
      const sel = pattern.slice(start);
      for (let i = positionals.length; i > 0; i--) {
        const slice = positionals.slice(0, i);
        const m = new RegExp("^" + slice.map(nargsPattern).join("")).exec(sel);
        if (m) {
          let pos = start;
          slice.forEach((spec, k) => {
            const count = m[k + 1]!.length;
            take(spec, args.slice(pos, pos + count) as string[], null);
            pos += count;
          });
          positionals.splice(0, i);
          return pos;
        }
      }
      return start;
    };

    const optionIndices = [...optionAt.keys()];
    const maxOption = optionIndices.length ? Math.max(...optionIndices) : -1;
    let start = 0;
    while (start <= maxOption) {
      const next = Math.min(...optionIndices.filter((i) => i >= start));
      if (start !== next) {
        const end = consumePositionals(start);
        if (end > start) {
          start = end;
          continue;
        }
        start = end;
      }
      if (!optionAt.has(start)) {
        extras.push(...args.slice(start, next));
        start = next;
      }
      start = consumeOptional(start);
    }
    const stop = consumePositionals(start);
    extras.push(...args.slice(stop));

    const missing = this.specs.filter(
      (s) => !seenSpecs.has(s) && (s.required || (s.options.length === 0 && (s.nargs === undefined || s.nargs === "+"))),
    );
    if (missing.length) {
      throw new ArgparseError(`the following arguments are required: ${missing.map(actionName).join(", ")}`);
    }
    return { values, extras, seen };
  }
}
