// `kumo s3 ls [<S3Uri>]`: the buckets, or the objects and common prefixes
// under a prefix, printed page by page as they arrive. The global --output,
// --query and --no-paginate options do not apply, as in the AWS CLI.
import type { CommandContext } from "../../cli/run.ts";
import { ArgParser, ArgparseError, type ArgSpec } from "../../cli/argparse.ts";
import { EXIT, GeneralError, ParamError, UsageError } from "../../errors/index.ts";
import { pyIntOf, pyStrRepr } from "../../params/python-values.ts";
import { bucketLine, objectLine, prefixLine, summaryText } from "./format.ts";
import { splitS3Path, unquotePlus, validateBucketName } from "./paths.ts";
import { toDate, toSize } from "./response-values.ts";

export const LS_SPECS: ArgSpec[] = [
  { dest: "paths", options: [], nargs: "?", default: "s3://" },
  { dest: "recursive", options: ["--recursive"], action: "true" },
  { dest: "pageSize", options: ["--page-size"] },
  { dest: "humanReadable", options: ["--human-readable"], action: "true" },
  { dest: "summarize", options: ["--summarize"], action: "true" },
  { dest: "requestPayer", options: ["--request-payer"], nargs: "?", constValue: "requester", choices: ["requester"] },
];

export interface LsOptions {
  path: string;
  recursive: boolean;
  pageSize: number | undefined;
  humanReadable: boolean;
  summarize: boolean;
  requestPayer: string | undefined;
}

/** Parses `ls`'s arguments (everything after `ls`); "help" alone is returned as such. */
export function parseLsArgs(args: string[]): LsOptions | "help" {
  if (args.length === 1 && args[0] === "help") return "help";
  let parsed;
  try {
    parsed = new ArgParser(LS_SPECS).parseKnownArgs(args);
  } catch (e) {
    if (e instanceof ArgparseError) throw new UsageError(e.message);
    throw e;
  }
  const v = parsed.values;
  let pageSize: number | undefined;
  if (v.pageSize !== undefined) {
    const raw = v.pageSize as string;
    pageSize = pyIntOf(raw);
    if (pageSize === undefined) throw new GeneralError(`invalid literal for int() with base 10: ${pyStrRepr(raw)}`);
  }
  if (parsed.extras.length) throw new ParamError(`Unknown options: ${parsed.extras.join(",")}`);
  return {
    path: v.paths as string,
    recursive: v.recursive === true,
    pageSize,
    humanReadable: v.humanReadable === true,
    summarize: v.summarize === true,
    requestPayer: v.requestPayer as string | undefined,
  };
}

interface ListedObject {
  Key?: string;
  /** A number (or marked number text); see response-values.ts. */
  Size?: unknown;
  /** A Date or the wire's timestamp; see response-values.ts. */
  LastModified?: unknown;
}

interface ListPage {
  Contents?: ListedObject[];
  CommonPrefixes?: { Prefix?: string }[];
  IsTruncated?: boolean;
  NextContinuationToken?: string;
  EncodingType?: string;
}

/** Running totals for --summarize and the "nothing matched" exit code. */
export interface ListingState {
  totalObjects: number;
  totalSize: bigint;
  sawEmptyPage: boolean;
  sawContent: boolean;
}

export function newListingState(): ListingState {
  return { totalObjects: 0, totalSize: 0n, sawEmptyPage: false, sawContent: false };
}

/** Keys and prefixes arrive URL-encoded when the response says EncodingType=url. */
export function decodePage(page: ListPage): ListPage {
  if (page.EncodingType !== "url") return page;
  return {
    ...page,
    Contents: page.Contents?.map((c) => (c.Key === undefined ? c : { ...c, Key: unquotePlus(c.Key) })),
    CommonPrefixes: page.CommonPrefixes?.map((p) => (p.Prefix === undefined ? p : { ...p, Prefix: unquotePlus(p.Prefix) })),
  };
}

/** The text for one page of a listing; updates the totals in `state`. */
export function renderPage(page: ListPage, state: ListingState, opts: { humanReadable: boolean; recursive: boolean }): string {
  const prefixes = page.CommonPrefixes ?? [];
  const contents = page.Contents ?? [];
  if (!prefixes.length && !contents.length) {
    state.sawEmptyPage = true;
    return "";
  }
  let out = "";
  for (const p of prefixes) out += prefixLine(p.Prefix ?? "");
  for (const c of contents) {
    const size = toSize(c.Size);
    state.totalSize += typeof size === "bigint" ? size : BigInt(Math.trunc(size));
    state.totalObjects += 1;
    out += objectLine(
      { key: c.Key ?? "", size, lastModified: toDate(c.LastModified) },
      { humanReadable: opts.humanReadable, fullKey: opts.recursive },
    );
  }
  state.sawContent = true;
  return out;
}

/**
 * Exit code: 1 when a key prefix was given and no page listed anything;
 * listing buckets or a whole bucket succeeds even when empty.
 */
export function listingExitCode(key: string, state: ListingState): number {
  if (key && state.sawEmptyPage && !state.sawContent) return EXIT.GENERAL;
  return EXIT.OK;
}

export async function runLs(ctx: CommandContext, args: string[]): Promise<number> {
  const opts = parseLsArgs(args);
  if (opts === "help") {
    const { printLsHelp } = await import("./help.ts");
    return printLsHelp(ctx);
  }
  const { loadService } = await import("../../services/load.ts");
  const { makeClient } = await import("../../request/client.ts");
  const { toKumoError } = await import("../../request/errors.ts");
  const service = await loadService("s3api");
  // S3 needs no region: without one the AWS CLI signs for us-east-1.
  const handle = await makeClient(ctx.settings, service, { region: ctx.settings.region?.value ?? "us-east-1" });
  const out = ctx.io.stdout;
  const state = newListingState();
  let key = "";
  try {
    // The client comes first (a missing profile is reported before a bad path).
    const path = splitS3Path(opts.path);
    const bucket = path.bucket;
    key = path.key;
    if (!bucket) {
      const ListBuckets = service.commandClass("ListBuckets");
      let res: { Buckets?: { Name?: string; CreationDate?: unknown }[] };
      try {
        res = (await handle.client.send(new ListBuckets({}))) as typeof res;
      } catch (e) {
        throw toKumoError(e, "ListBuckets", handle.lastUrl());
      }
      let text = "";
      for (const b of res.Buckets ?? []) text += bucketLine(toDate(b.CreationDate), b.Name ?? "");
      if (text) out.write(text);
    } else {
      validateBucketName(bucket);
      const ListObjectsV2 = service.commandClass("ListObjectsV2");
      const input: Record<string, unknown> = { Bucket: bucket, Prefix: key, EncodingType: "url" };
      if (!opts.recursive) input.Delimiter = "/";
      if (opts.pageSize !== undefined) input.MaxKeys = opts.pageSize;
      if (opts.requestPayer !== undefined) input.RequestPayer = opts.requestPayer;
      let previousToken: string | undefined;
      for (;;) {
        let page: ListPage;
        try {
          page = decodePage((await handle.client.send(new ListObjectsV2(input))) as ListPage);
        } catch (e) {
          throw toKumoError(e, "ListObjectsV2", handle.lastUrl());
        }
        const text = renderPage(page, state, opts);
        if (text) out.write(text);
        if (!page.IsTruncated) break;
        const token = page.NextContinuationToken;
        if (!token) break;
        if (previousToken !== undefined && token === previousToken) {
          throw new GeneralError(
            `Error during pagination: The same next token was received twice: {'ContinuationToken': ${pyStrRepr(token)}}`,
          );
        }
        input.ContinuationToken = token;
        previousToken = token;
      }
    }
  } finally {
    handle.client.destroy();
  }
  if (opts.summarize) out.write(summaryText(state.totalObjects, state.totalSize, opts.humanReadable));
  return listingExitCode(key, state);
}
