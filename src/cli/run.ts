// kumo's top level: parse the global options and the command, dispatch, and
// turn every failure into the AWS CLI's message and exit code. No stack trace
// reaches the user unless --debug is given.
import type { IO } from "../io.ts";
import { ArgParser, ArgparseError, ArgSignal, choicesMessage, type ArgSpec, type ParseResult } from "./argparse.ts";
import { GLOBAL_SPECS, type GlobalArgs } from "./globals.ts";
import { printError } from "./usage.ts";
import { versionString } from "./version.ts";
import { EXIT, GeneralError, KumoError, UsageError } from "../errors/index.ts";
import { Settings } from "../config/settings.ts";
import { join } from "node:path";
import { setUserServicesDir } from "../services/installed.ts";

export interface CommandContext {
  io: IO;
  globals: GlobalArgs;
  settings: Settings;
}

type CommandRunner = (ctx: CommandContext, args: string[]) => Promise<number>;

/** Built-in command families, loaded only when used. */
const BUILTINS: Record<string, () => Promise<CommandRunner>> = {
  s3: async () => (await import("../commands/s3/index.ts")).runS3,
  help: async () => (await import("../commands/help/index.ts")).runHelp,
  services: async () => (await import("../commands/services/index.ts")).runServices,
  configure: async () => (await import("../commands/configure/index.ts")).runConfigure,
  sso: async () => (await import("../commands/sso/index.ts")).run,
  vault: async () => (await import("../commands/vault/index.ts")).run,
  exec: async () => (await import("../commands/exec/index.ts")).run,
  assume: async () => (await import("../commands/assume/index.ts")).run,
  "shell-init": async () => (await import("../commands/shell-init/index.ts")).run,
  console: async () => (await import("../commands/console/index.ts")).run,
  secrets: async () => (await import("../commands/secrets/index.ts")).run,
  doctor: async () => (await import("../commands/doctor/index.ts")).run,
  verify: async () => (await import("../commands/verify/index.ts")).run,
  audit: async () => (await import("../commands/audit/index.ts")).run,
  activity: async () => (await import("../commands/activity/index.ts")).run,
  "install-alias": async () => (await import("../commands/install-alias/index.ts")).run,
};

/** Commands of kumo's own (the rest follow the AWS CLI's command line exactly). */
const KUMO_COMMANDS = new Set(["services", "vault", "exec", "assume", "shell-init", "console", "secrets", "doctor", "verify", "audit", "activity", "install-alias"]);

/** Built-ins whose output is paged like a service's. */
const PAGED_BUILTINS = new Set(["help", "s3", "sso"]);

/** Command-table order after the services, as the CLI lists them. */
const BUILTIN_ORDER = ["s3api", "s3", "configure", "deploy", "configservice", "help"];

function toGlobals(v: Record<string, unknown>): GlobalArgs {
  return {
    debug: v.debug === true,
    endpointUrl: v.endpointUrl as string | undefined,
    verifySsl: v.verifySsl !== false,
    paginate: v.paginate !== false,
    output: v.output as GlobalArgs["output"],
    query: v.query as string | undefined,
    profile: v.profile as string | undefined,
    profiles: (v.profiles as string[] | undefined) ?? [],
    region: v.region as string | undefined,
    version: false,
    color: (v.color as GlobalArgs["color"]) ?? "auto",
    signRequest: v.signRequest !== false,
    caBundle: v.caBundle as string | undefined,
    readTimeout: v.readTimeout as string | undefined,
    connectTimeout: v.connectTimeout as string | undefined,
    binaryFormat: v.binaryFormat as GlobalArgs["binaryFormat"],
    pager: v.pager !== false,
    autoPrompt: (v.autoPrompt ?? v.autoPromptOff) as boolean | undefined,
    hints: v.hints !== false,
  };
}

async function commandChoices(): Promise<string[]> {
  const { knownServices } = await import("../services/catalog.ts");
  const services = Object.keys(knownServices())
    .filter((s) => !BUILTIN_ORDER.includes(s))
    .sort();
  return [...services, ...BUILTIN_ORDER, ...Object.keys(BUILTINS).filter((b) => !BUILTIN_ORDER.includes(b))];
}

/**
 * `--help` / `-h` anywhere means `help` at that level (`kumo ec2 --help` =
 * `kumo ec2 help`), which every command understands; not after `--`. (AWS CLI 2.9 prints a
 * stray argparse usage for them instead.)
 */
function helpFlagToWord(argv: string[]): string[] {
  // After `--` everything belongs to another program (`kumo exec p -- ls -h`).
  const end = argv.indexOf("--");
  const own = end === -1 ? argv : argv.slice(0, end);
  if (!own.includes("--help") && !own.includes("-h")) return argv;
  const rest = end === -1 ? [] : argv.slice(end);
  return [...own.filter((a) => a !== "--help" && a !== "-h"), "help", ...rest];
}

/**
 * The global options and the command word. kumo's own commands have options
 * of their own that the AWS CLI's rules would read as abbreviated global
 * options (`kumo audit --out x` as `--output x`): for them, only whole option
 * names are global.
 */
function parseGlobals(specs: ArgSpec[], argv: string[]): ParseResult {
  let first: ParseResult | undefined;
  let failure: unknown;
  try {
    first = new ArgParser(specs).parseKnownArgs(argv);
    if (!KUMO_COMMANDS.has(first.values.command as string)) return first;
  } catch (e) {
    if (!(e instanceof ArgparseError)) throw e;
    failure = e;
  }
  try {
    const exact = new ArgParser(specs, { allowAbbrev: false }).parseKnownArgs(argv);
    if (KUMO_COMMANDS.has(exact.values.command as string)) return exact;
  } catch (e) {
    if (!(e instanceof ArgparseError)) throw e;
  }
  if (first) return first;
  throw failure;
}

export async function run(argv: string[], io: IO): Promise<number> {
  argv = helpFlagToWord(argv);
  let debug = argv.includes("--debug");
  let hints = !argv.includes("--no-hints");
  try {
    const specs = [...GLOBAL_SPECS, { dest: "command", options: [] }];
    let parsed;
    try {
      parsed = parseGlobals(specs, argv);
    } catch (e) {
      if (e instanceof ArgSignal) {
        io.stdout.write(versionString(io.env) + "\n");
        return EXIT.OK;
      }
      if (e instanceof ArgparseError) throw new UsageError(e.message);
      throw e;
    }
    const { expandAliases } = await import("./aliases.ts");
    const expanded = await expandAliases(io, parsed, (words) => {
      try {
        return parseGlobals(specs, words);
      } catch (e) {
        if (e instanceof ArgparseError) throw new UsageError(e.message);
        throw e;
      }
    });
    if ("exitCode" in expanded) return expanded.exitCode;
    parsed = expanded.parsed;
    const globals = toGlobals(parsed.values);
    debug = globals.debug;
    hints = globals.hints;
    if (globals.autoPrompt === true && parsed.seen.has("autoPrompt") && parsed.seen.has("autoPromptOff")) {
      throw new UsageError("Both --cli-auto-prompt and --no-cli-auto-prompt cannot be specified at the same time.");
    }
    if (globals.endpointUrl !== undefined && !/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(globals.endpointUrl)) {
      throw new KumoError(
        `Bad value for --endpoint-url "${globals.endpointUrl}": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/`,
        EXIT.USAGE,
      );
    }
    if (globals.query !== undefined) {
      const { compileQuery } = await import("../output/query.ts");
      compileQuery(globals.query);
    }
    const command = parsed.values.command as string;
    const kumoHome = io.env.KUMO_HOME || (io.home ? join(io.home, ".kumo") : undefined);
    if (kumoHome) setUserServicesDir(join(kumoHome, "services"));
    const settings = new Settings(io, globals);
    const builtin = BUILTINS[command];
    const { isInstalled, knownServices } = await import("../services/catalog.ts");
    const isService = !builtin && (isInstalled(command) || Object.prototype.hasOwnProperty.call(knownServices(), command));
    if (!builtin && !isService) throw new UsageError(`argument command: ${choicesMessage(command, await commandChoices())}`);
    // Output goes through the pager when stdout is a terminal and one is configured.
    const { pagerCommand, pagedIO } = await import("../output/pager.ts");
    // sso login/logout talk to the user while they run; they are never paged.
    const interactive = command === "sso" && (parsed.extras[0] === "login" || parsed.extras[0] === "logout");
    const pageable = !interactive && (PAGED_BUILTINS.has(command) || isService);
    const pager = pageable ? pagerCommand(settings, io.stdout.isTTY === true) : undefined;
    const paged = pager ? pagedIO(io, pager) : undefined;
    const ctx: CommandContext = { io: paged?.io ?? io, globals, settings };
    try {
      if (builtin) return await (await builtin())(ctx, parsed.extras);
      const { runService } = await import("../commands/service/index.ts");
      return await runService(ctx, command, parsed.extras);
    } finally {
      await paged?.finish();
    }
  } catch (e) {
    const err = e instanceof KumoError ? e : new GeneralError(e instanceof Error ? e.message : String(e), { cause: e });
    if (debug && !(e instanceof KumoError)) {
      io.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
    }
    printError(io, err, hints);
    return err.exitCode;
  }
}
