// The options of one operation, built from its input shape as the AWS CLI
// builds its argument table: one option per input member named by
// xform_name, `--x/--no-x` for booleans, space-separated lists, and the
// options the CLI adds to every operation (pagination, --cli-input-json,
// --generate-cli-skeleton). Nothing here is specific to an operation: the
// table carries the forms that customizations (commands/service/customizations)
// give it (renamed, hidden or added options, --x [value] | --no-x pairs) and
// this module turns any table into parser specs.
import type { ArgSpec } from "../cli/argparse.ts";
import { intType } from "../cli/argparse.ts";
import { cliName } from "../services/naming.ts";
import type { Shape } from "../services/shape.ts";

export interface MemberArg {
  /** Option name without dashes (`instance-ids`). */
  name: string;
  /** API member name (`InstanceIds`). */
  member: string;
  shape: Shape;
  required: boolean;
  /** Positional argument (the CLI's `outfile` for streaming output). */
  positional?: boolean;
  /** A boolean's negative option, when it is not `no-<name>` (`--no-no-reboot` is `--reboot`). */
  negName?: string | undefined;
  /**
   * A structure whose only member is a boolean `Value`, taken as `--x`,
   * `--x <value>` or `--no-x` (EC2's AttributeBooleanValue members).
   */
  boolPair?: boolean;
  /** Accepted but left out of help (the CLI's undocumented arguments). */
  hidden?: boolean;
  /** Shown as required in help though the parser does not insist (it has a hidden alias). */
  documentedRequired?: boolean;
}

/**
 * An option that is not an input member: its value goes wherever the
 * customization that added it puts it (or is kept for after the call).
 */
export interface ExtraArg {
  name: string;
  /** value: one argument; list: several (`nargs`); flag: no argument, stores `flag`. */
  takes: "value" | "list" | "flag";
  nargs?: "*" | "+";
  flag?: unknown;
  /** The value must be an integer (argparse `type=int`). */
  integer?: boolean;
  /** The type named in help: string, integer, blob, boolean, list. */
  type: string;
  required: boolean;
  choices?: readonly string[];
  /** One paragraph for help. */
  help: string;
  hidden?: boolean;
  /** Printed in help together with this option: `--x | --no-x`. */
  pairedWith?: string;
}

export interface PaginationInfo {
  inputTokens: string[];
  limitKey?: string | undefined;
}

export interface ArgTable {
  members: MemberArg[];
  /** Options that are not input members, in the order they were added. */
  extras: ExtraArg[];
  /** Output member that streams to the positional `outfile`, when the operation has one. */
  streamingOutput?: string | undefined;
}

/** Parse destination of a member's option. */
export const memberDest = (member: string): string => `member:${member}`;
/** Parse destination of the negative option of a `--x [value] | --no-x` pair. */
export const negativeDest = (member: string): string => `negative:${member}`;
/** Parse destination of an extra option. */
export const extraDest = (name: string): string => `option:${name}`;
/** The value a `--x [value]` option stores when it is given alone. */
export const BARE_FLAG: unique symbol = Symbol("bare flag");

/** A boolean member's negative option name. */
export const negativeName = (arg: MemberArg): string => arg.negName ?? `no-${arg.name}`;

/** Which option-spec shape a member takes on the command line. */
function specFor(arg: MemberArg, requiredAtParse: boolean): ArgSpec[] {
  const dest = memberDest(arg.member);
  const option = `--${arg.name}`;
  if (arg.boolPair) {
    return [
      { dest, options: [option], nargs: "?", constValue: BARE_FLAG },
      { dest: negativeDest(arg.member), options: [`--${negativeName(arg)}`], action: "const", constValue: true },
    ];
  }
  switch (arg.shape.kind) {
    case "boolean":
      return [
        { dest, options: [option], action: "const", constValue: true },
        { dest, options: [`--${negativeName(arg)}`], action: "const", constValue: false },
      ];
    case "list":
      return [{ dest, options: [option], nargs: "*", required: requiredAtParse }];
    default:
      return [{ dest, options: [option], required: requiredAtParse }];
  }
}

export function buildArgTable(input: Shape, output: Shape): ArgTable {
  const members: MemberArg[] = [];
  const required = input.required;
  for (const [member, shape] of input.members) {
    members.push({
      name: cliName(member),
      member,
      shape,
      required: required.has(member) && !shape.isIdempotencyToken,
    });
  }
  let streamingOutput: string | undefined;
  for (const [member, shape] of output.members) {
    if (shape.isStreaming && shape.kind === "blob") streamingOutput = member;
  }
  return { members, extras: [], streamingOutput };
}

/** The pagination options the CLI adds to a paginated operation, by name, with their parse destinations. */
export const PAGING_OPTIONS: readonly { name: string; dest: string }[] = [
  { name: "starting-token", dest: "cli:startingToken" },
  { name: "page-size", dest: "cli:pageSize" },
  { name: "max-items", dest: "cli:maxItems" },
];

/**
 * Members whose option a pagination option replaces (IAM's `MaxItems` is
 * `--max-items`), by option name. As in the CLI, the pagination option
 * parses the value; with --no-paginate the value goes to the member.
 */
export function shadowedMembers(table: ArgTable, pagination: PaginationInfo | undefined): Map<string, MemberArg> {
  const out = new Map<string, MemberArg>();
  if (!pagination) return out;
  for (const m of table.members) {
    if (m.name === "starting-token" || m.name === "max-items" || (m.name === "page-size" && pagination.limitKey)) out.set(m.name, m);
  }
  return out;
}

/**
 * Option specs for parsing. `inputFileGiven` relaxes required options, as the
 * CLI does once --cli-input-json/yaml is present.
 */
export function argSpecs(table: ArgTable, pagination: PaginationInfo | undefined, inputFileGiven: boolean): ArgSpec[] {
  const specs: ArgSpec[] = [];
  const shadowed = shadowedMembers(table, pagination);
  for (const m of table.members) if (!shadowed.has(m.name)) specs.push(...specFor(m, m.required && !inputFileGiven));
  for (const x of table.extras) specs.push(extraSpec(x, x.required && !inputFileGiven));
  if (pagination) {
    specs.push({ dest: "cli:startingToken", options: ["--starting-token"] });
    if (pagination.limitKey) specs.push({ dest: "cli:pageSize", options: ["--page-size"], type: intType });
    specs.push({ dest: "cli:maxItems", options: ["--max-items"], type: intType });
  }
  if (!table.streamingOutput) {
    specs.push({ dest: "cli:inputJson", options: ["--cli-input-json"] });
    specs.push({ dest: "cli:inputYaml", options: ["--cli-input-yaml"] });
  }
  specs.push({
    dest: "cli:skeleton",
    options: ["--generate-cli-skeleton"],
    nargs: "?",
    constValue: "input",
    choices: ["input", "output", "yaml-input"],
  });
  if (table.streamingOutput) specs.push({ dest: "cli:outfile", options: [], metavar: "outfile" });
  // `kumo <svc> <op> help`: the CLI's operation parser has an optional
  // positional for it, which is why stray words are reported last.
  specs.push({ dest: "cli:help", options: [], nargs: "?" });
  return specs;
}

function extraSpec(x: ExtraArg, requiredAtParse: boolean): ArgSpec {
  const spec: ArgSpec = { dest: extraDest(x.name), options: [`--${x.name}`], required: requiredAtParse };
  if (x.takes === "flag") return { ...spec, action: "const", constValue: x.flag ?? true };
  if (x.takes === "list") spec.nargs = x.nargs ?? "*";
  if (x.integer) spec.type = intType;
  if (x.choices) spec.choices = x.choices;
  return spec;
}
