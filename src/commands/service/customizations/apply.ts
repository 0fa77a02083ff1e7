// The generic mechanisms that carry out the customization table for one
// operation: which entries apply, how they rearrange its argument table, the
// checks once options are parsed, where added options put their values, the
// input rewrites before validation and the handlers around the call.
import { ParamError } from "../../../errors/index.ts";
import {
  BARE_FLAG,
  extraDest,
  memberDest,
  negativeDest,
  negativeName,
  type ArgTable,
  type MemberArg,
} from "../../../params/argtable.ts";
import { isParamFile, resolveParamFile } from "../../../params/paramfile.ts";
import type { DocObject } from "../../../output/document.ts";
import type { CallContext, CallHandlers, CustomOption, Customization, GivenOption, OptionContext, ParsedCheck, Placement } from "./types.ts";

/** Whether a `service.operation` pattern (with `*` for any name) names this operation. */
export function matches(pattern: string, service: string, operation: string): boolean {
  const [s, o] = pattern.split(".", 2) as [string, string | undefined];
  return (s === "*" || s === service) && (o === undefined || o === "*" || o === operation);
}

/** Python's truth value of a parsed option: empty text, lists, 0 and false are false. */
export function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/** The attribute name argparse gives an option (`source-group` -> `source_group`). */
const pyName = (option: string): string => option.replace(/-/g, "_");

/**
 * A check that the options in `options` are not used with `anchor`: the
 * first one given (with a true value) is reported.
 */
export function notWith(anchor: string, options: readonly string[], message: (option: string) => string): ParsedCheck {
  return (given) => {
    const value = (name: string) => given.find((g) => g.name === name)?.value;
    if (!truthy(value(anchor))) return;
    for (const o of options) if (truthy(value(o))) throw new ParamError(message(o));
  };
}

/**
 * The CLI's validate_mutually_exclusive: options of different groups cannot
 * be used together. Reported in the order the options are parsed, by their
 * attribute names.
 */
export function exclusiveGroups(...groups: readonly (readonly string[])[]): ParsedCheck {
  return (given) => {
    let current: readonly string[] | undefined;
    for (const g of given) {
      const group = groups.find((gr) => gr.includes(g.name));
      if (!group) continue;
      if (!current) current = group;
      else if (current !== group) {
        throw new ParamError(
          `The key "${pyName(g.name)}" cannot be specified when one of the following keys are also specified: ${current.map(pyName).join(", ")}`,
        );
      }
    }
  };
}

/** A structure whose only member is a boolean `Value`. */
function isBooleanValue(m: MemberArg): boolean {
  if (m.shape.kind !== "structure") return false;
  const members = [...m.shape.members];
  return members.length === 1 && members[0]![0] === "Value" && members[0]![1].kind === "boolean";
}

/** Sets `members` on the object at `path` in `input`, creating what is missing. */
export function place(input: Record<string, unknown>, at: Placement, members: Record<string, unknown>): void {
  let node: Record<string, unknown> = input;
  const steps = at.path === "" ? [] : at.path.split(".");
  steps.forEach((step, i) => {
    const m = /^(.*)\[0\]$/.exec(step);
    const key = m ? m[1]! : step;
    if (node[key] === undefined || node[key] === null) node[key] = i === 0 && at.start !== undefined ? structuredClone(at.start) : m ? [] : {};
    if (m) {
      const list = node[key] as unknown[];
      if (list.length === 0) list.push({});
      node = list[0] as Record<string, unknown>;
    } else node = node[key] as Record<string, unknown>;
  });
  for (const [k, v] of Object.entries(members)) if (!(at.keep && k in node)) node[k] = v;
}

export interface OperationCustomizations {
  /** The table entries that apply, in table order. */
  readonly entries: readonly Customization[];
  /** Renames, hides, removes and adds options, as the CLI's building-argument-table handlers do. */
  arrange(table: ArgTable): void;
  /** The checks the CLI makes once the options are parsed. */
  checkParsed(table: ArgTable, values: Record<string, unknown>, seen: ReadonlySet<string>): void;
  /** Checks of a model option's value, as loaded (before parsing) or as parsed. */
  checkMember(m: MemberArg, stage: "loaded" | "parsed", value: unknown): void;
  /** Puts the added options' values into `input`; returns the values kept for the call handlers. */
  placeOptions(table: ArgTable, values: Record<string, unknown>, seen: ReadonlySet<string>, input: Record<string, unknown>, ctx: OptionContext): Record<string, unknown>;
  /** The input rewrites before validation. */
  beforeBuild(input: Record<string, unknown>): void;
  /** The page size the CLI asks for with this input, when it sets one. */
  pageSize(input: Record<string, unknown>): number | undefined;
  /** The handlers around one call. */
  callHandlers(c: CallContext): CallHandlers;
}

/** The customizations of one operation, from `table`. */
export function customizationsOf(table: readonly Customization[], service: string, operation: string): OperationCustomizations {
  const entries = table.filter((c) => matches(c.on, service, operation));
  const options = (t: ArgTable): CustomOption[] => t.extras as CustomOption[];
  return {
    entries,
    arrange(t) {
      for (const c of entries) arrangeOne(t, c);
    },
    checkParsed(t, values, seen) {
      for (const m of t.members) {
        if (m.boolPair && seen.has(memberDest(m.member)) && seen.has(negativeDest(m.member))) {
          throw new ParamError(`Cannot specify both the "--${m.name}" option and the "--${negativeName(m)}" option.`);
        }
      }
      const checks = entries.flatMap((c) => c.checks ?? []);
      if (!checks.length) return;
      const given: GivenOption[] = [];
      for (const m of t.members) {
        if (seen.has(memberDest(m.member))) given.push({ name: m.name, value: values[memberDest(m.member)] });
      }
      for (const x of t.extras) if (seen.has(extraDest(x.name))) given.push({ name: x.name, value: values[extraDest(x.name)] });
      for (const check of checks) check(given);
    },
    checkMember(m, stage, value) {
      for (const c of entries) c.valueChecks?.[m.name]?.[stage]?.(value);
    },
    placeOptions(t, values, seen, input, ctx) {
      const kept: Record<string, unknown> = {};
      for (const o of options(t)) {
        const dest = extraDest(o.name);
        if (!seen.has(dest)) continue;
        let value = values[dest];
        if (o.takes !== "flag") value = loadFiles(value, o.name, ctx);
        if (o.keep) kept[o.name] = o.keep(value, ctx);
        if (o.into) {
          const members = o.into.members(value);
          if (members) place(input, o.into, members);
        }
      }
      return kept;
    },
    beforeBuild(input) {
      for (const c of entries) c.beforeBuild?.(input);
    },
    pageSize(input) {
      for (const c of entries) {
        if (c.pageSize && Object.keys(input).every((k) => c.pageSize!.allow.includes(k))) return c.pageSize.size;
      }
      return undefined;
    },
    callHandlers(cc) {
      const parts = entries.flatMap((c) => (c.call ? [c.call(cc)] : []));
      return {
        before: (input) => parts.reduce((inp, p) => (p.before ? p.before(inp) : inp), input),
        after: (doc: DocObject) => parts.reduce((d, p) => (p.after ? p.after(d) : d), doc),
      };
    },
  };
}

/** file:// and fileb:// values of an added option are read, as for any option (a list only when it is the one item). */
function loadFiles(value: unknown, name: string, ctx: OptionContext): unknown {
  const opts = { ...ctx, paramName: `--${name}` };
  if (Array.isArray(value)) return value.length === 1 && typeof value[0] === "string" && isParamFile(value[0]) ? resolveParamFile(value[0], opts) : value;
  return typeof value === "string" ? resolveParamFile(value, opts) : value;
}

function arrangeOne(t: ArgTable, c: Customization): void {
  const byName = (name: string) => t.members.find((m) => m.name === name);
  for (const m of t.members) if (c.pullUpBooleans && isBooleanValue(m)) m.boolPair = true;
  for (const name of c.remove ?? []) {
    const at = t.members.findIndex((m) => m.name === name);
    if (at >= 0) t.members.splice(at, 1);
  }
  for (const [from, to] of Object.entries(c.rename ?? {})) {
    const m = byName(from);
    if (m) m.name = to;
    else {
      const neg = t.members.find((x) => (x.shape.kind === "boolean" || x.boolPair) && negativeName(x) === from);
      if (neg) neg.negName = to;
    }
  }
  for (const [name, alias] of Object.entries(c.alias ?? {})) {
    const m = byName(name);
    if (!m) continue;
    t.members.push({ ...m, name: alias, hidden: true, required: false, documentedRequired: false });
    if (m.required) {
      m.required = false;
      m.documentedRequired = true;
    }
  }
  for (const name of c.hide ?? []) {
    const m = byName(name);
    if (m) m.hidden = true;
  }
  for (const name of c.optional ?? []) {
    const m = byName(name);
    if (m) m.required = false;
  }
  for (const o of c.options ?? []) t.extras.push(o);
}

/** The `--x [value]` option given alone. */
export function isBareFlag(v: unknown): boolean {
  return v === BARE_FLAG;
}
