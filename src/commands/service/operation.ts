// One API call from the command line: options from the operation's input
// shape (as the CLI's customizations arrange them), values parsed and
// validated, the call made (paginated when the CLI would), and the response
// printed in the chosen format.
import { writeFileSync } from "node:fs";
import type { CommandContext } from "../../cli/run.ts";
import { ArgParser, ArgparseError } from "../../cli/argparse.ts";
import { EXIT, GeneralError, ParamError, UsageError } from "../../errors/index.ts";
import type { LoadedService } from "../../services/load.ts";
import { cliName } from "../../services/naming.ts";
import { operationShapes, type Shape } from "../../services/shape.ts";
import {
  argSpecs,
  BARE_FLAG,
  buildArgTable,
  memberDest,
  negativeDest,
  PAGING_OPTIONS,
  shadowedMembers,
  type MemberArg,
  type PaginationInfo,
} from "../../params/argtable.ts";
import { applyBinaryFormat, coerceTimestamps, parseParamValue, validateInput, type BinaryFormat } from "../../params/values.ts";
import { isParamFile, resolveParamFile } from "../../params/paramfile.ts";
import { makeClient } from "../../request/client.ts";
import { toKumoError } from "../../request/errors.ts";
import { customizationsFor, type OperationCustomizations } from "./customizations/index.ts";
import { normalizeResponse } from "../../output/normalize.ts";
import type { DocObject } from "../../output/document.ts";
import { formatDoc, type RenderOptions } from "../../output/render.ts";
import { cliServiceData, cliSkeletonHints, paginatorFor, paginate, buildFullResult, textPage, textNextToken, type PaginatorConfig } from "../../paginate/index.ts";
import { buildSkeleton } from "./skeleton.ts";

function parseInputFile(ctx: CommandContext, raw: string, yaml: boolean): Record<string, unknown> {
  const opt = yaml ? "cli-input-yaml" : "cli-input-json";
  const text = resolveParamFile(raw, { cwd: ctx.io.cwd, env: ctx.io.env, home: ctx.io.home, paramName: `--${opt}` });
  const src = typeof text === "string" ? text : Buffer.from(text).toString("utf8");
  let value: unknown;
  try {
    value = yaml ? parseYamlInput(src) : JSON.parse(src);
  } catch {
    throw new ParamError(`Error parsing parameter '${opt}': Invalid ${yaml ? "YAML" : "JSON"} received.`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const t = Array.isArray(value) ? "list" : value === null ? "NoneType" : typeof value === "string" ? "str" : typeof value;
    throw new ParamError(`Invalid type: expecting map, received <class '${t}'>`);
  }
  return value as Record<string, unknown>;
}

let yamlParse: ((s: string) => unknown) | undefined;

/**
 * The yaml package's parse. It is a CommonJS module, so in the bundle its
 * exports arrive only as the default export; under tsx they are named too.
 */
async function loadYamlParse(): Promise<(s: string) => unknown> {
  type YamlModule = { parse?: (s: string) => unknown; default?: { parse: (s: string) => unknown } };
  const mod = (await import("yaml")) as unknown as YamlModule;
  const parse = mod.parse ?? mod.default?.parse;
  if (!parse) throw new Error("the yaml package has no parse function");
  return parse;
}
function parseYamlInput(src: string): unknown {
  if (!yamlParse) throw new Error("yaml not loaded");
  return yamlParse(src);
}

export interface Prepared {
  opName: string;
  outShape: Shape;
  table: ReturnType<typeof buildArgTable>;
  input: Record<string, unknown>;
  paginator: PaginatorConfig | undefined;
  /** Set when the call is to be paginated (auto-pagination on and not driven by native tokens). */
  paging: { maxItems?: number; pageSize?: number; startingToken?: string } | undefined;
  outfile: string | undefined;
  /** What the CLI adds to this operation. */
  custom: OperationCustomizations;
  /** Values of added options kept for the call (an output file, a key file). */
  options: Record<string, unknown>;
  /** Set when the command only prints something (help, skeleton) and is done. */
  done?: number;
}

/** A waiter polling the operation: its help replaces the operation's. */
export interface WaiterAbout {
  /** The waiter's CLI name (instance-running). */
  name: string;
  /** What it waits for, as the CLI's help says it. */
  description: string;
}

/**
 * Parses an operation's options into its API input, validated. For a
 * `waiter`, what only a plain call has (pagination, skeletons) is left out.
 */
export async function prepareOperation(
  ctx: CommandContext,
  service: LoadedService,
  opName: string,
  args: string[],
  about: { waiter?: WaiterAbout; command?: string } = {},
): Promise<Prepared> {
  const { waiter } = about;
  // The command's CLI name: the operation's, or a name the CLI gives it (rds add-option-to-option-group).
  const command = about.command ?? cliName(opName);
  const { settings, globals, io } = ctx;
  const opSchema = service.pack.operation(opName);
  const { input: inShape, output: outShape } = operationShapes(opSchema);
  const paginator = waiter ? undefined : paginatorFor(service.name, opName, service.pack.header.paginators);
  const pagination: PaginationInfo | undefined = paginator
    ? { inputTokens: paginator.input_token, limitKey: paginator.limit_key }
    : undefined;
  const table = buildArgTable(inShape, outShape);
  const custom = customizationsFor(service.name, command);
  // A waiter takes its operation's model options as they are.
  if (!waiter) custom.arrange(table);
  const base = { opName, outShape, table, paginator, paging: undefined, outfile: undefined, input: {}, custom, options: {} };
  if (args.length === 1 && args[0] === "help") {
    // Exactly `help`: the CLI's operation parser answers it before checking required options.
    const { printOperationHelp } = await import("../help/index.ts");
    return { ...base, done: printOperationHelp(ctx, service, opName, table, waiter, command) };
  }
  const parser = new ArgParser(argSpecs(table, pagination, requiredRelaxed(args)));
  let parsed;
  try {
    parsed = parser.parseKnownArgs(args);
  } catch (e) {
    if (e instanceof ArgparseError) throw new UsageError(e.message);
    throw e;
  }
  const { values, seen } = parsed;
  const extras = [...parsed.extras];
  const helpWord = values["cli:help"] as string | undefined;
  if (helpWord === "help") {
    const { printOperationHelp } = await import("../help/index.ts");
    return { ...base, done: printOperationHelp(ctx, service, opName, table, waiter, command) };
  }
  if (helpWord !== undefined) extras.push(helpWord);
  if (extras.length) throw new UsageError(`Unknown options: ${extras.join(", ")}`, { bare: true });
  custom.checkParsed(table, values, seen);

  const skeleton = values["cli:skeleton"] as string | undefined;
  if (skeleton === "input" || skeleton === "yaml-input") {
    io.stdout.write(buildSkeleton(inShape, skeleton, cliSkeletonHints(service.name)));
    return { ...base, done: EXIT.OK };
  }

  if (values["cli:inputJson"] !== undefined && values["cli:inputYaml"] !== undefined) {
    throw new ParamError("Only one --cli-input- parameter may be specified.");
  }
  const binaryFormat = settings.binaryFormat;
  const input: Record<string, unknown> = {};
  const paramFileOpts = { cwd: io.cwd, env: io.env, home: io.home };
  const valueOpts = { binaryFormat, service: service.name, operation: command, custom, ...paramFileOpts };
  for (const m of table.members) {
    const dest = memberDest(m.member);
    if (seen.has(dest)) input[m.member] = memberValue(m, values[dest], valueOpts);
    // `--no-x` of a `--x [value] | --no-x` pair.
    if (m.boolPair && seen.has(negativeDest(m.member))) input[m.member] = { Value: false };
  }
  const options = custom.placeOptions(table, values, seen, input, paramFileOpts);
  const outfile = table.streamingOutput ? (values["cli:outfile"] as string | undefined) : undefined;

  const inputFile = values["cli:inputJson"] ?? values["cli:inputYaml"];
  let pagingFromFile = false;
  if (inputFile !== undefined) {
    const isYaml = values["cli:inputYaml"] !== undefined;
    if (isYaml && !yamlParse) yamlParse = await loadYamlParse();
    const raw = parseInputFile(ctx, inputFile as string, isYaml);
    const fileInput = coerceTimestamps(applyBinaryFormat(raw, inShape, binaryFormat), inShape) as Record<string, unknown>;
    for (const [k, v] of Object.entries(fileInput)) if (!(k in input)) input[k] = v;
    pagingFromFile = paginator !== undefined && paginator.input_token.some((t) => t in fileInput);
  }
  const pageSize = custom.pageSize(input);

  // Pagination: on unless --no-paginate or the user drives the native tokens.
  let paging: Prepared["paging"];
  if (!globals.paginate) {
    // A pagination option that stands in for a member of the same name
    // (IAM's --max-items) hands its value to that member instead.
    const shadowed = shadowedMembers(table, pagination);
    const cliPaging: string[] = [];
    for (const { name, dest } of PAGING_OPTIONS) {
      if (!seen.has(dest)) continue;
      const member = shadowed.get(name);
      if (!member) cliPaging.push(`--${name}`);
      else input[member.member] = memberValue(member, String(values[dest]), valueOpts);
    }
    if (cliPaging.length) throw new ParamError(`Cannot specify --no-paginate along with pagination arguments: ${cliPaging.join(", ")}`);
  }
  if (paginator && globals.paginate && !pagingFromFile) {
    const native = [...paginator.input_token, ...(paginator.limit_key ? [paginator.limit_key] : [])];
    if (!native.some((k) => seen.has(`member:${k}`))) {
      paging = {};
      if (values["cli:maxItems"] !== undefined) paging.maxItems = values["cli:maxItems"] as number;
      if (values["cli:pageSize"] !== undefined) paging.pageSize = values["cli:pageSize"] as number;
      if (values["cli:startingToken"] !== undefined) paging.startingToken = values["cli:startingToken"] as string;
      if (paging.pageSize === undefined && pageSize !== undefined) paging.pageSize = pageSize;
    }
  }

  custom.beforeBuild(input);
  // botocore checks each request as sent: the first page's carries the page size.
  const limitKey = paginator?.limit_key;
  const firstRequest = paging?.pageSize !== undefined && limitKey ? { ...input, [limitKey]: paging.pageSize } : input;
  validateInput(firstRequest, inShape, cliServiceData(service.name)?.min);

  if (skeleton === "output") {
    const doc = buildSkeleton(outShape, "output-doc", cliSkeletonHints(service.name));
    // The CLI hands its output skeleton to botocore as a stubbed response, which
    // is validated like a request: member names too short for a minimum length,
    // zeros below a minimum and blobs (None) fail it, with exit 252.
    validateInput(doc, outShape, cliServiceData(service.name)?.min);
    io.stdout.write(formatDoc(doc as never, renderOpts(ctx, opName), io));
    return { ...base, input, done: EXIT.OK };
  }
  return { opName, outShape, table, input, paginator, paging, outfile, custom, options };
}

/**
 * Whether the operation's required options are optional this time: as in the
 * CLI, when `--cli-input-json` or `--cli-input-yaml` is an argument of its
 * own (not `--opt=value`), or `--generate-cli-skeleton` is one and is not
 * followed by `output` (an output skeleton validates the input first).
 */
function requiredRelaxed(args: string[]): boolean {
  if (args.includes("--cli-input-json") || args.includes("--cli-input-yaml")) return true;
  const at = args.indexOf("--generate-cli-skeleton");
  return at >= 0 && args[at + 1] !== "output";
}

/** A function making one call of the operation and returning its printable document. */
export async function operationCaller(
  ctx: CommandContext,
  service: LoadedService,
  prepared: Pick<Prepared, "opName" | "outShape" | "table" | "outfile" | "custom" | "options">,
): Promise<{ call: (input: Record<string, unknown>) => Promise<DocObject>; close: () => void }> {
  const tsFormat = ctx.settings.timestampFormat;
  const handle = await makeClient(ctx.settings, service);
  const Cmd = service.commandClass(prepared.opName);
  const { table, outfile, outShape, opName } = prepared;
  const handlers = prepared.custom.callHandlers({ outShape, options: prepared.options });
  return {
    call: async (inp) => {
      try {
        const out = await handle.client.send(new Cmd(handlers.before(inp)));
        if (table.streamingOutput && outfile !== undefined) await writeStream(out[table.streamingOutput], outfile);
        // An operation without output prints nothing (the SDK's response still has its $metadata).
        return handlers.after(outShape.kind === "unit" ? {} : normalizeResponse(out, outShape, tsFormat));
      } catch (e) {
        throw toKumoError(e, opName, handle.lastUrl(), service.pack.header.protocol);
      }
    },
    close: () => handle.client.destroy(),
  };
}

export async function runOperation(ctx: CommandContext, service: LoadedService, opName: string, args: string[], command?: string): Promise<number> {
  const prepared = await prepareOperation(ctx, service, opName, args, command === undefined ? {} : { command });
  if (prepared.done !== undefined) return prepared.done;
  const { io } = ctx;
  const opts = renderOpts(ctx, opName);
  // Resolve the output format before calling, so a bad configured format fails first.
  void opts.format;
  const { call, close } = await operationCaller(ctx, service, prepared);
  try {
    const { paginator, paging, input } = prepared;
    if (paginator && paging) {
      const pages = paginate({ call, input, paginator, ...paging });
      if (opts.format === "text") {
        let i = 0;
        for await (const page of pages) io.stdout.write(formatDoc(textPage(pages, page, i++), opts, io));
        // The CLI runs --query on this {"NextToken": {"NextToken": ...}} too.
        const tail = textNextToken(pages);
        if (tail) io.stdout.write(formatDoc(tail, opts, io));
      } else if (opts.format === "yaml-stream") {
        for await (const page of pages) io.stdout.write(formatDoc(page, { ...opts, page: true }, io));
      } else {
        io.stdout.write(formatDoc(await buildFullResult(pages), opts, io));
      }
    } else {
      const doc = await call(input);
      io.stdout.write(formatDoc(doc, opts, io));
    }
  } finally {
    close();
  }
  return EXIT.OK;
}

function renderOpts(ctx: CommandContext, opName: string): RenderOptions {
  return { format: ctx.settings.output, query: ctx.globals.query, title: opName, color: ctx.globals.color };
}

/**
 * The API value of one option. As in the CLI, a file:// or fileb:// value is
 * loaded first (for a list option only when it is the single item), then the
 * text is parsed by the member's type. The operation's customizations may
 * check the value at either stage.
 */
function memberValue(
  m: MemberArg,
  raw: unknown,
  opts: {
    binaryFormat: BinaryFormat;
    service: string;
    operation: string;
    custom: OperationCustomizations;
    cwd: string;
    env: Record<string, string | undefined>;
    home: string;
  },
): unknown {
  if (m.shape.kind === "boolean") return raw;
  // `--x` alone of a `--x [value] | --no-x` pair.
  if (m.boolPair && raw === BARE_FLAG) return { Value: true };
  const paramName = `--${m.name}`;
  const fileOpts = { cwd: opts.cwd, env: opts.env, home: opts.home, paramName };
  const streaming = m.shape.isStreaming && m.shape.kind === "blob";
  let loaded: string | Uint8Array | string[];
  if (Array.isArray(raw)) {
    const items = raw.map(String);
    loaded = items.length === 1 && isParamFile(items[0]!) ? resolveParamFile(items[0]!, fileOpts) : items;
  } else {
    const text = String(raw);
    loaded = streaming ? text : resolveParamFile(text, fileOpts);
  }
  opts.custom.checkMember(m, "loaded", loaded);
  const parsed = parseParamValue(paramName, m.shape, loaded, opts);
  opts.custom.checkMember(m, "parsed", parsed);
  return parsed;
}

async function writeStream(body: unknown, outfile: string): Promise<void> {
  if (body === undefined || body === null) {
    writeFileSync(outfile, "");
    return;
  }
  const b = body as { transformToByteArray?: () => Promise<Uint8Array> };
  if (typeof b.transformToByteArray === "function") {
    writeFileSync(outfile, await b.transformToByteArray());
    return;
  }
  throw new GeneralError("unexpected streaming body");
}
