// `kumo <service> <operation> ...`: the generic, model-driven path. Service
// and operation names, options and types all come from the service's SDK
// schemas; there is no per-operation code.
import type { CommandContext } from "../../cli/run.ts";
import { ArgParser, ArgparseError, choicesMessage } from "../../cli/argparse.ts";
import { GeneralError, UsageError } from "../../errors/index.ts";
import { cliName } from "../../services/naming.ts";
import { loadService, type LoadedService } from "../../services/load.ts";
import { isInstalled } from "../../services/catalog.ts";
import { cliServiceData } from "../../paginate/index.ts";
import { ADDED_COMMANDS } from "../added/index.ts";
import { commandTable } from "./customizations/index.ts";

export interface OperationIndex {
  /** CLI name -> API operation name, in the CLI's (alphabetical) order. */
  readonly byCliName: Map<string, string>;
  /** The service's waiters (data/cli), read on first use. */
  readonly waiters: Record<string, unknown> | undefined;
}

export function operationIndex(service: LoadedService): OperationIndex {
  let byCliName: Map<string, string> | undefined;
  let waiters: Record<string, unknown> | undefined | null = null;
  return {
    get byCliName() {
      if (!byCliName) {
        byCliName = commandTable(
          service.name,
          service.pack.operationNames().map((op) => [cliName(op), op] as [string, string]),
        );
      }
      return byCliName;
    },
    get waiters() {
      if (waiters === null) {
        const w = cliServiceData(service.name)?.waiters;
        waiters = w && Object.keys(w).length ? w : undefined;
      }
      return waiters;
    },
  };
}

export async function runService(ctx: CommandContext, name: string, args: string[]): Promise<number> {
  if (!isInstalled(name)) {
    if (ctx.io.env.KUMO_NO_AUTO_INSTALL === "1" || ctx.io.env.KUMO_NO_AUTO_INSTALL === "true") {
      throw new GeneralError(`The ${name} service is not part of this kumo installation. Add it with:\n\n  kumo services add ${name}`);
    }
    const { addService } = await import("../services/index.ts");
    const { knownServices } = await import("../../services/catalog.ts");
    ctx.io.stderr.write(`kumo: adding the ${name} service (${knownServices()[name]!.package}), one time only...\n`);
    addService(ctx, name, undefined, true);
  }
  const service = await loadService(name);
  const index = operationIndex(service);
  if (args[0] === "help") {
    const { printServiceHelp } = await import("../help/index.ts");
    return printServiceHelp(ctx, service, index);
  }
  const parser = new ArgParser([{ dest: "operation", options: [] }]);
  let parsed;
  try {
    parsed = parser.parseKnownArgs(args);
  } catch (e) {
    if (e instanceof ArgparseError) throw new UsageError(e.message);
    throw e;
  }
  const opCli = parsed.values.operation as string;
  const rest = parsed.extras;
  if (opCli === "wait" && index.waiters) {
    const { runWait } = await import("./wait.ts");
    return runWait(ctx, service, index, rest);
  }
  const added = ADDED_COMMANDS[name];
  if (added && Object.hasOwn(added, opCli)) {
    const { runAddedCommand } = await import("../added/index.ts");
    return runAddedCommand(ctx, name, opCli, rest);
  }
  const op = index.byCliName.get(opCli);
  if (!op) {
    // In the CLI's order: operations, commands it adds, then wait and help.
    const choices = [...index.byCliName.keys(), ...Object.keys(added ?? {})];
    if (index.waiters) choices.push("wait");
    choices.push("help");
    throw new UsageError(`argument operation: ${choicesMessage(opCli, choices)}`);
  }
  const { runOperation } = await import("./operation.ts");
  return runOperation(ctx, service, op, rest, opCli);
}
