// `kumo help`, `kumo <service> help`, `kumo <service> <operation> help`:
// plain-text help generated from the service model (names, types, required
// flags, shorthand forms). The AWS CLI renders man pages; kumo prints the same
// facts as text that reads well in a terminal and greps well in scripts.
import type { CommandContext } from "../../cli/run.ts";
import { EXIT } from "../../errors/index.ts";
import { GLOBAL_SPECS } from "../../cli/globals.ts";
import { PROGRAM } from "../../cli/usage.ts";
import type { LoadedService } from "../../services/load.ts";
import { operationShapes, type Shape } from "../../services/shape.ts";
import { cliName } from "../../services/naming.ts";
import { negativeName, type ArgTable, type ExtraArg, type MemberArg } from "../../params/argtable.ts";
import type { OperationIndex } from "../service/index.ts";
import type { WaiterAbout } from "../service/operation.ts";
import { paginatorFor } from "../../paginate/index.ts";
import { ADDED_COMMANDS } from "../added/index.ts";

const BUILTIN_HELP: [string, string][] = [
  ["s3", "High-level S3 commands (ls)"],
  ["configure", "Profiles and settings: wizard, list, get, set, sso, sso-session, export-credentials"],
  ["sso", "IAM Identity Center: login, logout (and the portal's operations)"],
  ["vault", "Access keys in the OS keyring or an encrypted file; sessions from them"],
  ["exec", "Run a command with a profile's short-lived credentials"],
  ["assume", "Assume a role (MFA) and print export lines for the shell"],
  ["shell-init", "A kumo-assume shell function"],
  ["console", "A console sign-in URL for a session"],
  ["secrets", "Scan files and git history for AWS secrets; git hooks"],
  ["doctor", "Check (and --fix) this machine's AWS set-up"],
  ["verify", "Check an installer's OpenPGP signature or SHA-256"],
  ["audit", "Resources across accounts and regions: CSV, JSON, HTML"],
  ["activity", "CloudTrail: who did what, across regions"],
  ["install-alias", "An aws command that runs kumo, for existing scripts"],
  ["services", "Add, list and remove AWS services"],
  ["help", "This help"],
];

function typeName(shape: Shape, depth = 0): string {
  switch (shape.kind) {
    case "list":
      return depth > 2 ? "list" : `list of ${typeName(shape.member, depth + 1)}`;
    case "map":
      return depth > 2 ? "map" : `map of ${typeName(shape.member, depth + 1)}`;
    case "number":
      return "number";
    case "bigInteger":
      return "long";
    case "bigDecimal":
      return "decimal";
    default:
      return shape.kind;
  }
}

/** The shorthand form the CLI documents for a structure / list of structures / map. */
export function shorthandExample(shape: Shape, depth = 0): string | undefined {
  if (depth > 2) return undefined;
  if (shape.kind === "structure") {
    const parts: string[] = [];
    for (const [name, m] of shape.members) {
      if (m.kind === "structure" || m.kind === "map" || (m.kind === "list" && m.member.kind !== "string")) {
        const inner = shorthandExample(m, depth + 1);
        parts.push(m.kind === "list" ? `${name}=[${inner ?? "..."}]` : `${name}={${inner ?? "..."}}`);
      } else if (m.kind === "list") parts.push(`${name}=string,string`);
      else parts.push(`${name}=${m.kind === "number" ? "integer" : m.kind}`);
    }
    return parts.join(",");
  }
  if (shape.kind === "list" && (shape.member.kind === "structure" || shape.member.kind === "map")) {
    const inner = shorthandExample(shape.member, depth + 1);
    return inner ? `${inner} ...` : undefined;
  }
  if (shape.kind === "map") return `KeyName1=${typeName(shape.member)},KeyName2=${typeName(shape.member)}`;
  return undefined;
}

export async function runHelp(ctx: CommandContext): Promise<number> {
  const { installedServices } = await import("../../services/load.ts");
  const { knownServices } = await import("../../services/catalog.ts");
  const out: string[] = [];
  out.push(`${PROGRAM}`, "", "USAGE", `  ${PROGRAM} [options] <command> <subcommand> [parameters]`, "");
  out.push("GLOBAL OPTIONS");
  for (const s of GLOBAL_SPECS) {
    const takes = s.action === undefined || s.action === "store" ? " <value>" : "";
    const choices = s.choices ? ` (${s.choices.join(" | ")})` : "";
    out.push(`  ${s.options.join(", ")}${takes}${choices}`);
  }
  out.push("", "BUILT-IN COMMANDS");
  for (const [name, desc] of BUILTIN_HELP) out.push(`  ${name.padEnd(24)} ${desc}`);
  const installed = installedServices();
  out.push("", "SERVICES (installed)");
  for (const name of Object.keys(installed).sort()) out.push(`  ${name}`);
  const others = Object.keys(knownServices())
    .filter((n) => !(n in installed))
    .sort();
  out.push("", `SERVICES (available with \`${PROGRAM} services add <name>\`): ${others.length}`);
  out.push(`  ${others.join(", ")}`, "");
  ctx.io.stdout.write(out.join("\n") + "\n");
  return EXIT.OK;
}

export function printServiceHelp(ctx: CommandContext, service: LoadedService, index: OperationIndex): number {
  const h = service.pack.header;
  const out: string[] = [];
  out.push(`${service.name} (${h.serviceId}, API version ${h.apiVersion})`, "");
  out.push("USAGE", `  ${PROGRAM} ${service.name} <operation> [parameters]`, "");
  out.push("OPERATIONS");
  for (const name of [...index.byCliName.keys(), ...Object.keys(ADDED_COMMANDS[service.name] ?? {})].sort()) out.push(`  ${name}`);
  if (index.waiters) {
    out.push("", "WAITERS", `  ${PROGRAM} ${service.name} wait <waiter> [parameters]`);
    for (const w of Object.keys(index.waiters).sort()) out.push(`  ${cliName(w)}`);
  }
  ctx.io.stdout.write(out.join("\n") + "\n");
  return EXIT.OK;
}

/** How a member option is written in the synopsis. */
function memberSynopsis(m: MemberArg): string {
  if (m.boolPair) return `--${m.name} [<value>] | --${negativeName(m)}`;
  if (m.shape.kind === "boolean") return `--${m.name} | --${negativeName(m)}`;
  return `--${m.name} <value>`;
}

/** How an added option is written in the synopsis, with the option printed beside it. */
function extraSynopsis(x: ExtraArg, table: ArgTable): string {
  const own = x.takes === "flag" ? `--${x.name}` : `--${x.name} <value>`;
  const partner = table.extras.find((p) => p.pairedWith === x.name);
  return partner ? `${own} | --${partner.name}` : own;
}

/** Help text wrapped to the terminal-friendly width, indented. */
export function wrap(text: string, indent: string, width = 78): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}

export function printOperationHelp(
  ctx: CommandContext,
  service: LoadedService,
  opName: string,
  table: ArgTable,
  waiter?: WaiterAbout,
  command = cliName(opName),
): number {
  const { output } = operationShapes(service.pack.operation(opName));
  const out: string[] = [];
  // As in the CLI, a paginator's token and page-size members are not shown:
  // its own options stand in for them (a waiter takes neither).
  const paginator = paginatorFor(service.name, opName, service.pack.header.paginators);
  const pagingMembers = new Set(paginator ? [...paginator.input_token, ...(paginator.limit_key ? [paginator.limit_key] : [])] : []);
  const members = table.members.filter((m) => !m.hidden && !pagingMembers.has(m.member));
  const extras = table.extras.filter((x) => !x.hidden && !x.pairedWith);
  const required = (m: MemberArg) => m.required || m.documentedRequired === true;
  const line = waiter ? `${service.name} wait ${waiter.name}` : `${service.name} ${command}`;
  out.push(waiter ? line : `${line} (${opName})`, "");
  if (waiter) out.push(...wrap(waiter.description, ""), "");
  out.push("SYNOPSIS", `  ${PROGRAM} ${line}`);
  for (const m of members) out.push(required(m) ? `    ${memberSynopsis(m)}` : `    [${memberSynopsis(m)}]`);
  for (const x of extras) out.push(x.required ? `    ${extraSynopsis(x, table)}` : `    [${extraSynopsis(x, table)}]`);
  if (paginator && !waiter) {
    out.push("    [--starting-token <value>]");
    if (paginator.limit_key) out.push("    [--page-size <value>]");
    out.push("    [--max-items <value>]");
  }
  out.push("    [--cli-input-json | --cli-input-yaml]", "    [--generate-cli-skeleton <value>]");
  if (table.streamingOutput) out.push("    <outfile>");
  out.push("", "OPTIONS");
  for (const m of members) {
    const flag = m.boolPair || m.shape.kind === "boolean" ? `--${m.name} | --${negativeName(m)}` : `--${m.name}`;
    out.push(`  ${flag} (${typeName(m.shape)})${required(m) ? " [required]" : ""}`);
    const sh = shorthandExample(m.shape);
    if (sh) out.push(`      Shorthand Syntax: ${sh}`);
  }
  for (const x of extras) {
    const partner = table.extras.find((p) => p.pairedWith === x.name);
    out.push(`  --${x.name}${partner ? ` | --${partner.name}` : ""} (${x.type})${x.required ? " [required]" : ""}`);
    out.push(...wrap(x.help, "      "));
    if (x.choices) out.push(`      Possible values: ${x.choices.join(", ")}`);
  }
  if (output.members.size && !waiter) {
    out.push("", "OUTPUT");
    for (const [name, m] of output.members) out.push(`  ${name} -> (${typeName(m)})`);
  }
  ctx.io.stdout.write(out.join("\n") + "\n");
  return EXIT.OK;
}
