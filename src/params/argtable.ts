// The options of one operation, built from its input shape as the AWS CLI
// builds its argument table: one option per input member named by
// xform_name, `--x/--no-x` for booleans, space-separated lists, and the
// options the CLI adds to every operation (pagination, --cli-input-json,
// --generate-cli-skeleton). Nothing here is specific to an operation.
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
}

export interface PaginationInfo {
  inputTokens: string[];
  limitKey?: string | undefined;
}

export interface ArgTable {
  members: MemberArg[];
  specs: ArgSpec[];
  /** Output member that streams to the positional `outfile`, when the operation has one. */
  streamingOutput?: string | undefined;
  paginated: boolean;
}

/** Which option-spec shape a member takes on the command line. */
function specFor(arg: MemberArg, requiredAtParse: boolean): ArgSpec[] {
  const dest = `member:${arg.member}`;
  const option = `--${arg.name}`;
  switch (arg.shape.kind) {
    case "boolean":
      return [
        { dest, options: [option], action: "const", constValue: true },
        { dest, options: [`--no-${arg.name}`], action: "const", constValue: false },
      ];
    case "list":
      return [{ dest, options: [option], nargs: "*", required: requiredAtParse }];
    default:
      return [{ dest, options: [option], required: requiredAtParse }];
  }
}

export function buildArgTable(input: Shape, output: Shape, pagination: PaginationInfo | undefined): ArgTable {
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
  return { members, specs: [], streamingOutput, paginated: pagination !== undefined };
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
