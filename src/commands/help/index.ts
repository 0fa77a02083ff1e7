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
import type { ArgTable } from "../../params/argtable.ts";
import type { OperationIndex } from "../service/index.ts";

const BUILTIN_HELP: [string, string][] = [
  ["s3", "High-level S3 commands (ls)"],
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
  for (const name of index.byCliName.keys()) out.push(`  ${name}`);
  if (index.waiters) {
    out.push("", "WAITERS", `  ${PROGRAM} ${service.name} wait <waiter> [parameters]`);
    for (const w of Object.keys(index.waiters).sort()) out.push(`  ${cliName(w)}`);
  }
  ctx.io.stdout.write(out.join("\n") + "\n");
  return EXIT.OK;
}

export function printOperationHelp(ctx: CommandContext, service: LoadedService, opName: string, table: ArgTable): number {
  const { output } = operationShapes(service.pack.operation(opName));
  const out: string[] = [];
  const opCli = cliName(opName);
  out.push(`${service.name} ${opCli} (${opName})`, "", "SYNOPSIS", `  ${PROGRAM} ${service.name} ${opCli}`);
  for (const m of table.members) {
    const flag = m.shape.kind === "boolean" ? `--${m.name} | --no-${m.name}` : `--${m.name} <value>`;
    out.push(m.required ? `    ${flag}` : `    [${flag}]`);
  }
  if (table.paginated) out.push("    [--starting-token <value>]", "    [--page-size <value>]", "    [--max-items <value>]");
  out.push("    [--cli-input-json | --cli-input-yaml]", "    [--generate-cli-skeleton <value>]");
  if (table.streamingOutput) out.push("    <outfile>");
  out.push("", "OPTIONS");
  for (const m of table.members) {
    const flag = m.shape.kind === "boolean" ? `--${m.name} | --no-${m.name}` : `--${m.name}`;
    out.push(`  ${flag} (${typeName(m.shape)})${m.required ? " [required]" : ""}`);
    const sh = shorthandExample(m.shape);
    if (sh) out.push(`      Shorthand Syntax: ${sh}`);
  }
  if (output.members.size) {
    out.push("", "OUTPUT");
    for (const [name, m] of output.members) out.push(`  ${name} -> (${typeName(m)})`);
  }
  ctx.io.stdout.write(out.join("\n") + "\n");
  return EXIT.OK;
}
