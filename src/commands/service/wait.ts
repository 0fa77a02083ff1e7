// `kumo <service> wait <waiter> [options]`: polls the waiter's operation with
// the same options that operation takes, until an acceptor decides.
import type { CommandContext } from "../../cli/run.ts";
import { ArgParser, ArgparseError, choicesMessage } from "../../cli/argparse.ts";
import { EXIT, UsageError } from "../../errors/index.ts";
import { PROGRAM, GENERIC_USAGE } from "../../cli/usage.ts";
import { cliName } from "../../services/naming.ts";
import type { LoadedService } from "../../services/load.ts";
import { runWaiter, waiterFor, waiterNames, type WaiterConfig } from "../../paginate/index.ts";
import type { OperationIndex } from "./index.ts";
import { operationCaller, prepareOperation } from "./operation.ts";

export async function runWait(ctx: CommandContext, service: LoadedService, _index: OperationIndex, args: string[]): Promise<number> {
  const names = waiterNames(service.name);
  const byCli = new Map(names.map((n) => [cliName(n), n]));
  if (args.length === 0) {
    throw new UsageError("too few arguments", { usage: `usage: ${PROGRAM} [options] ${service.name} wait <subcommand> [parameters]\n` });
  }
  if (args[0] === "help") {
    const lines = [`${service.name} wait`, "", "WAITERS", ...[...byCli.keys()].map((n) => `  ${n}`)];
    ctx.io.stdout.write(lines.join("\n") + "\n");
    return EXIT.OK;
  }
  const parser = new ArgParser([{ dest: "subcommand", options: [] }]);
  let parsed;
  try {
    parsed = parser.parseKnownArgs(args);
  } catch (e) {
    if (e instanceof ArgparseError) throw new UsageError(e.message, { usage: GENERIC_USAGE });
    throw e;
  }
  const sub = parsed.values.subcommand as string;
  const name = byCli.get(sub);
  if (!name) throw new UsageError(`argument subcommand: ${choicesMessage(sub, [...byCli.keys()])}`);
  const config = waiterFor(service.name, name)!;
  const prepared = await prepareOperation(ctx, service, config.operation, parsed.extras, { waiter: { name: sub, description: waiterDescription(config) } });
  if (prepared.done !== undefined) return prepared.done;
  const { call, close } = await operationCaller(ctx, service, prepared);
  try {
    await runWaiter({ name, config, call, input: prepared.input, sleep: (ms) => ctx.io.sleep(ms) });
  } finally {
    close();
  }
  return EXIT.OK;
}

/**
 * What the CLI's help says a waiter does: the model's description, or one
 * made from its first success acceptor, then how it polls.
 */
export function waiterDescription(config: WaiterConfig): string {
  let text = config.description;
  if (!text) {
    const ok = config.acceptors.find((a) => a.state === "success");
    const expected = typeof ok?.expected === "boolean" ? (ok.expected ? "True" : "False") : String(ok?.expected);
    const what =
      ok === undefined
        ? ""
        : ok.matcher === "path"
          ? `JMESPath query ${ok.argument} returns ${expected} `
          : ok.matcher === "pathAll"
            ? `JMESPath query ${ok.argument} returns ${expected} for all elements `
            : ok.matcher === "pathAny"
              ? `JMESPath query ${ok.argument} returns ${expected} for any element `
              : ok.matcher === "status"
                ? `${expected} response is received `
                : `${expected} is thrown `;
    text = `Wait until ${what}when polling with ${cliName(config.operation)}.`;
  }
  return (
    `${text} It will poll every ${config.delay} seconds until a successful state has been reached. ` +
    `This will exit with a return code of 255 after ${config.maxAttempts} failed checks.`
  );
}
