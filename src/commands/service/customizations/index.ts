// The AWS CLI's per-operation customizations for the generic operation path:
// table.ts says what each operation gets, apply.ts carries it out. Nothing
// outside this folder names an operation.
import { customizationsOf, type OperationCustomizations } from "./apply.ts";
import { COMMAND_NAMES, CUSTOMIZATIONS } from "./table.ts";

export type { OperationCustomizations } from "./apply.ts";
export type { CallHandlers, OptionContext } from "./types.ts";

/** The customizations of `service operation` (CLI names: `ec2`, `run-instances`). */
export function customizationsFor(service: string, operation: string): OperationCustomizations {
  return customizationsOf(CUSTOMIZATIONS, service, operation);
}

/**
 * A service's commands by CLI name (command name to operation name), in the
 * CLI's order: its operations sorted by name, without those it takes away,
 * then the commands it names otherwise.
 */
export function commandTable(service: string, operations: [string, string][]): Map<string, string> {
  const names = COMMAND_NAMES[service] ?? {};
  const sorted = operations.filter(([cli]) => names[cli] !== null).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out = new Map<string, string>(sorted);
  for (const [cli, op] of Object.entries(names)) if (op !== null) out.set(cli, op);
  return out;
}
