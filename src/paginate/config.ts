// Where pagination and waiter definitions come from.
//
// The AWS CLI pages and waits from botocore's paginators-1.json and
// waiters-2.json. kumo keeps those facts in data/cli/<service>.json (one file
// per CLI service name: s3api, ec2, iam, ...), generated from botocore by
// scripts/generate-cli-data.py. Only the file of the service being run is
// read, once.
//
// The AWS SDK also lists paginators (input token, output token, page size
// member) in each service pack header, but not their result keys. For a
// service the CLI's data does not cover, kumo pages with the SDK's paginator
// and takes every top-level list member of the output as a result key (from
// the output shape when the caller passes its list members, else from the
// first page received). For a service it covers, an operation the data does
// not list is not paged, as the CLI does not page it.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ShapeTable } from "../services/shape.ts";

/**
 * One operation's paginator, with botocore's field names (as in data/cli);
 * token and limit names are API member names.
 */
export interface PaginatorConfig {
  /** Request members that carry the service's token(s), e.g. `["Marker"]`. */
  input_token: string[];
  /** JMESPath expressions for the token(s) in a response, paired with input_token. */
  output_token: string[];
  /**
   * JMESPath expressions (dotted names) of the members merged across pages;
   * the first one is counted by --max-items. Empty when they are to be
   * inferred from the first page (see infer_result_keys).
   */
  result_key: string[];
  /** Members copied from the first page into the merged result. */
  non_aggregate_keys: string[];
  /** Request member that --page-size sets, when the operation has one. */
  limit_key?: string | undefined;
  /** JMESPath expression that must be truthy for another page to be requested. */
  more_results?: string | undefined;
  /** True when result_key is empty and the top-level lists of the first page stand in for it. */
  infer_result_keys?: boolean;
  /** Where the definition came from. */
  source: "cli" | "sdk";
}

/** A waiter acceptor, as in waiters-2.json. */
export interface WaiterAcceptor {
  state: "success" | "failure" | "retry";
  matcher: "path" | "pathAll" | "pathAny" | "status" | "error";
  expected: unknown;
  argument?: string;
}

/** One waiter, as in waiters-2.json (version 2). */
export interface WaiterConfig {
  operation: string;
  /** Seconds between attempts. */
  delay: number;
  maxAttempts: number;
  acceptors: WaiterAcceptor[];
  description?: string;
}

/** The SDK's view of one paginator: [inputToken, outputToken, pageSizeKey] ("" or null when absent). */
export type PackPaginator = readonly [string | null, string | null, string | null];
/** The SDK's paginators of a service (service pack header): operation → PackPaginator. */
export type PackPaginators = Record<string, PackPaginator>;

interface RawPaginator {
  input_token: string | string[];
  output_token: string | string[];
  result_key?: string | string[];
  non_aggregate_keys?: string | string[];
  limit_key?: string;
  more_results?: string;
}

interface CliServiceData {
  paginators?: Record<string, RawPaginator | null>;
  waiters?: Record<string, WaiterConfig>;
  /** Minimum lengths and values botocore checks before a call (see params/values.ts validateInput). */
  min?: ShapeTable<number | string>;
  /** Structures whose model member order differs from the SDK's (see services/shape.ts). */
  order?: Record<string, string[]>;
}

import { packageRoot } from "../runtime.ts";
export { packageRoot };

const serviceCache = new Map<string, CliServiceData | null>();

/** The paginators and waiters of one CLI service, or undefined when kumo has no data for it. */
export function cliServiceData(service: string): CliServiceData | undefined {
  const hit = serviceCache.get(service);
  if (hit !== undefined) return hit ?? undefined;
  let data: CliServiceData | null = null;
  // Service names are plain words; anything else cannot name a data file.
  if (/^[a-z0-9][a-z0-9-]*$/.test(service) && service !== "index") {
    try {
      data = JSON.parse(readFileSync(join(packageRoot(), "data", "cli", `${service}.json`), "utf8")) as CliServiceData;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
  serviceCache.set(service, data);
  return data ?? undefined;
}

/** What --generate-cli-skeleton knows of one member beyond the SDK's schema. */
export interface SkeletonHint {
  /** A string's first enum value. */
  e?: string;
  /** A float: 0.0. */
  f?: 1;
  /** The shape name of a list's strings, which an output skeleton prints. */
  n?: string;
}

/**
 * Skeleton hints by structure (or list, map) name and member. Elements of
 * lists and maps are under "member" and "value", and under "<member>.member" /
 * "<member>.value" of the structure holding them.
 */
export type SkeletonHints = ShapeTable<SkeletonHint>;

/** The skeleton hints of one CLI service (data/cli/skeleton/<service>.json), empty when there are none. */
export function cliSkeletonHints(service: string): SkeletonHints {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(service)) return {};
  try {
    return JSON.parse(readFileSync(join(packageRoot(), "data", "cli", "skeleton", `${service}.json`), "utf8")) as SkeletonHints;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    return {};
  }
}

function list(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? [...v] : [v];
}

/**
 * The paginator for `operation` (API name, e.g. `ListObjectsV2`) of CLI
 * service `service` (e.g. `s3api`): the CLI's definition when there is one;
 * for a service the CLI's data does not cover, the SDK's (`pack`: the service
 * pack header's paginators, or just this operation's entry); else undefined
 * (the operation is not paginated).
 *
 * For an SDK-only paginator the result keys are `outputListMembers` when
 * given (the output shape's top-level list members, in model order);
 * otherwise `infer_result_keys` is set and paginate() uses the top-level lists
 * of the first page.
 */
export function paginatorFor(
  service: string,
  operation: string,
  pack?: PackPaginators | PackPaginator,
  outputListMembers?: readonly string[],
): PaginatorConfig | undefined {
  const known = cliServiceData(service)?.paginators;
  const raw = known?.[operation];
  // null: AWS CLI 2.9 knew this operation and did not paginate it.
  if (raw === null) return undefined;
  if (raw) {
    const config: PaginatorConfig = {
      input_token: list(raw.input_token),
      output_token: list(raw.output_token),
      result_key: list(raw.result_key),
      non_aggregate_keys: list(raw.non_aggregate_keys),
      source: "cli",
    };
    if (raw.limit_key !== undefined) config.limit_key = raw.limit_key;
    if (raw.more_results !== undefined) config.more_results = raw.more_results;
    return config;
  }
  // Where the CLI's data covers the service, an operation it does not list is
  // one the CLI does not page (e.g. logs GetLogEvents, whose forward token
  // never runs out), though the SDK may: only services the data does not
  // know at all fall back to the SDK's paginators.
  if (cliServiceData(service) !== undefined) return undefined;
  const sdk = pack === undefined ? undefined : isEntry(pack) ? pack : pack[operation];
  if (!sdk) return undefined;
  const [inputToken, outputToken, pageSizeKey] = sdk;
  if (!inputToken || !outputToken) return undefined;
  const config: PaginatorConfig = {
    input_token: [inputToken],
    output_token: [outputToken],
    result_key: outputListMembers ? [...outputListMembers] : [],
    non_aggregate_keys: [],
    source: "sdk",
  };
  if (!outputListMembers) config.infer_result_keys = true;
  if (pageSizeKey) config.limit_key = pageSizeKey;
  return config;
}

function isEntry(pack: PackPaginators | PackPaginator): pack is PackPaginator {
  return Array.isArray(pack);
}

/** The names of a service's waiters, sorted as the CLI lists them; empty when it has none. */
export function waiterNames(service: string): string[] {
  const waiters = cliServiceData(service)?.waiters;
  return waiters ? Object.keys(waiters).sort() : [];
}

/** One waiter of a CLI service by its model name (e.g. `InstanceRunning`). */
export function waiterFor(service: string, name: string): WaiterConfig | undefined {
  const waiters = cliServiceData(service)?.waiters;
  if (!waiters || !Object.prototype.hasOwnProperty.call(waiters, name)) return undefined;
  return waiters[name];
}
