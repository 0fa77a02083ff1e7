// The AWS CLI's per-operation customizations for the generic operation path:
// table.ts says what each operation gets, apply.ts carries it out. Nothing
// outside this folder names an operation.
import { customizationsOf, type OperationCustomizations } from "./apply.ts";
import { CUSTOMIZATIONS } from "./table.ts";

export type { OperationCustomizations } from "./apply.ts";
export type { CallHandlers, OptionContext } from "./types.ts";

/** The customizations of `service operation` (CLI names: `ec2`, `run-instances`). */
export function customizationsFor(service: string, operation: string): OperationCustomizations {
  return customizationsOf(CUSTOMIZATIONS, service, operation);
}
