// Paging through an operation the way the AWS CLI does (botocore's
// PageIterator and build_full_result).
//
//   const pages = paginate({ call, input, paginator, maxItems, pageSize, startingToken });
//   json / yaml / table:  const doc = await buildFullResult(pages);
//                         (or collect the pages, then mergePages(collected, pages))
//   text:                 let i = 0; for await (const page of pages) print(textPage(pages, page, i++));
//                         then, if pages.resumeToken, print {"NextToken": {"NextToken": pages.resumeToken}}
//   yaml-stream:          for await (const page of pages) print(page);   (whole pages, no token)
//
// Requests: the input is copied; --page-size sets the limit key on every
// request; the service token(s) of each page go back under the input-token
// names (removed when None). Paging stops when every output token is empty
// (or `more_results` is falsy), or when --max-items is reached.
//
// --max-items counts the items of the first result key. The page that
// crosses the limit is cut (in place) and the resume token records the
// service token that fetched it plus `boto_truncate_amount`; on a page
// boundary the resume token is the next service token. With
// --starting-token, the first page is cut on the left by the token's amount
// and the other result keys of that page are emptied ([] / "" / 0 / None),
// since the previous run already returned them.
//
// Merging (build_full_result): result keys in paginator order (lists
// concatenated, numbers summed, strings concatenated; keys that are None on
// every page are left out), then the non-aggregate keys read from the first
// page (None when absent), then `NextToken` when truncated. Other members of
// the pages are dropped.
//
// Integral floats keep their marks (output/document.ts) through slicing,
// concatenation, sums and copies.
//
// Token, more_results and key expressions are evaluated by kumo's JMESPath
// engine (output/query/), which behaves like the python jmespath botocore uses.

import { GeneralError } from "../errors/index.ts";
import type { Doc, DocArray, DocObject } from "../output/document.ts";
import { isFloatAt, isObject, markFloat } from "../output/document.ts";
import { pyRepr } from "../output/pyformat.ts";
import { pyEquals, searchExpression } from "../output/query/index.ts";
import type { PaginatorConfig } from "./config.ts";
import { decodeToken, encodeToken, pyTruthy, TRUNCATE_KEY, type DecodedToken, type TokenPath } from "./token.ts";

export interface PaginateOptions {
  /** Makes one API call; `input` uses API member names. Service errors propagate. */
  call: (input: Record<string, unknown>) => Promise<DocObject>;
  /** The operation's input (not modified). */
  input: Record<string, unknown>;
  paginator: PaginatorConfig;
  /** --max-items. */
  maxItems?: number | undefined;
  /** --page-size (a string when the limit key is a string member). */
  pageSize?: number | string | undefined;
  /** --starting-token. */
  startingToken?: string | undefined;
  /**
   * Which token values are blobs (path starts with the input-token name,
   * e.g. ["ExclusiveStartKey", "pk", "B"]), so tokens list them under
   * boto_encoded_keys as the CLI does. Blobs are base64 text in kumo.
   */
  isBlob?: ((path: TokenPath) => boolean) | undefined;
}

/** Message prefix of botocore's PaginationError. */
const PAGINATION_ERROR = "Error during pagination: ";

// ---------------------------------------------------------------------------
// JMESPath and dotted-path helpers
// ---------------------------------------------------------------------------

/**
 * JMESPath search with kumo's engine, as botocore's jmespath would do it
 * (tokens, more_results and any non-dotted key expression). Errors are
 * JmesPathErrors (exit 255) with python jmespath's text.
 */
export function jmesSearch(doc: Doc, expression: string): Doc {
  return searchExpression(expression, doc).value;
}

const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

interface Found {
  value: Doc;
  /** The object holding the value, when known (for float marks). */
  container?: DocObject;
  key?: string;
  /** Whether a value found by a JMESPath search is a Python float. */
  isFloat?: boolean;
}

/** Looks up a result / non-aggregate key expression, remembering where the value sits. */
function lookup(doc: Doc, expression: string): Found {
  if (!DOTTED.test(expression)) {
    const result = searchExpression(expression, doc);
    return { value: result.value, isFloat: result.isFloat };
  }
  let current: Doc = doc;
  const parts = expression.split(".");
  for (let i = 0; i < parts.length; i++) {
    if (!isObject(current)) return { value: null };
    const key = parts[i] as string;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return { value: null };
    if (i === parts.length - 1) return { value: current[key] as Doc, container: current, key };
    current = current[key] as Doc;
  }
  return { value: null };
}

function wasFloat(found: Found): boolean {
  if (typeof found.value !== "number") return false;
  if (found.isFloat !== undefined) return found.isFloat;
  return found.key !== undefined && isFloatAt(found.container, found.key, found.value);
}

/** botocore's set_value_from_jmespath: dotted paths only, creating objects on the way. */
function setValue(target: DocObject, expression: string, value: Doc, isFloat = false): void {
  if (!expression || expression === "." || /[[\]*]/.test(expression)) {
    throw new GeneralError(`Invalid expression: ${expression}`);
  }
  const parts = expression.split(".");
  let current: DocObject = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i] as string;
    if (key === "") throw new GeneralError(`Invalid expression: ${expression}`);
    if (!Object.prototype.hasOwnProperty.call(current, key)) current[key] = {};
    const next = current[key];
    if (!isObject(next as Doc)) throw new GeneralError(`argument of type '${pyType(next as Doc)}' is not iterable`);
    current = next as DocObject;
  }
  const last = parts[parts.length - 1] as string;
  if (last === "") throw new GeneralError(`Invalid expression: ${expression}`);
  current[last] = value;
  if (isFloat && typeof value === "number") markFloat(current, last);
}

function pyType(value: Doc | undefined, isFloat = false): string {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "string") return "str";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return isFloat || !Number.isInteger(value) ? "float" : "int";
  return Array.isArray(value) ? "list" : "dict";
}

/** Python len() of a result value. */
function pyLen(value: Doc): number {
  if (Array.isArray(value)) return value.length;
  if (typeof value === "string") return [...value].length;
  if (isObject(value)) return Object.keys(value).length;
  throw new GeneralError(`object of type '${pyType(value)}' has no len()`);
}

/** Python's value[start:end] for a list (keeping float marks) or a str (by code point). */
function pySlice(value: Doc, start: number | undefined, end: number | undefined): Doc {
  if (typeof value === "string") return [...value].slice(start, end).join("");
  if (!Array.isArray(value)) throw new GeneralError("unhashable type: 'slice'");
  const out = value.slice(start, end);
  const len = value.length;
  let from = start ?? 0;
  if (from < 0) from = Math.max(0, len + from);
  for (let i = 0; i < out.length; i++) {
    const v = out[i];
    if (typeof v === "number" && isFloatAt(value, from + i, v)) markFloat(out, i);
  }
  return out;
}

/** A copy of a list that keeps its float marks, for extending. */
function copyList(list: DocArray): DocArray {
  return pySlice(list, undefined, undefined) as DocArray;
}

function appendList(target: DocArray, items: DocArray): void {
  const offset = target.length;
  for (let i = 0; i < items.length; i++) {
    const v = items[i] as Doc;
    target.push(v);
    if (typeof v === "number" && isFloatAt(items, i, v)) markFloat(target, offset + i);
  }
}

/** A slice index as Python accepts one (int, bool, None). */
function sliceIndex(value: unknown): number | undefined {
  if (value === null) return undefined;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number" && Number.isInteger(value)) return value;
  throw new GeneralError("slice indices must be integers or None or have an __index__ method");
}

function addIndex(keep: number, amount: unknown): number {
  if (typeof amount === "boolean") return keep + (amount ? 1 : 0);
  if (typeof amount === "number") return keep + amount;
  throw new GeneralError(`unsupported operand type(s) for +: 'int' and '${pyType(amount as Doc)}'`);
}

// ---------------------------------------------------------------------------
// The page iterator
// ---------------------------------------------------------------------------

/**
 * The pages of one paginated call. Iterate it once (for await); afterwards
 * `resumeToken` says whether output was truncated, and `nonAggregatePart`
 * holds the non-aggregate keys of the first page.
 */
export class PageIterator implements AsyncIterable<DocObject> {
  /** Result key expressions; for an inferred paginator, known after the first page. */
  resultKeys: string[];
  /** The NextToken to print, once iteration has ended with truncation. */
  resumeToken: string | undefined;
  /** Non-aggregate keys of the first page (None where absent), once it arrived. */
  nonAggregatePart: DocObject = {};
  private readonly opts: PaginateOptions;
  private started = false;

  constructor(opts: PaginateOptions) {
    this.opts = opts;
    this.resultKeys = [...opts.paginator.result_key];
  }

  [Symbol.asyncIterator](): AsyncGenerator<DocObject> {
    if (this.started) throw new Error("a PageIterator can be iterated only once");
    this.started = true;
    return this.pages();
  }

  private async *pages(): AsyncGenerator<DocObject> {
    const { paginator: cfg, maxItems, pageSize, startingToken } = this.opts;
    const input: Record<string, unknown> = { ...this.opts.input };
    let starting: DecodedToken | undefined;
    let nextToken: Record<string, unknown> = {};
    for (const name of cfg.input_token) nextToken[name] = null;
    if (startingToken !== undefined) {
      starting = decodeToken(startingToken, cfg.input_token);
      // Kept so that a cut in the first page resumes from the same request.
      nextToken = { ...starting.tokens };
      injectToken(input, starting.tokens);
    }
    if (pageSize !== undefined) {
      if (cfg.limit_key === undefined) {
        throw new GeneralError(PAGINATION_ERROR + "PageSize parameter is not supported for the pagination interface for this operation.");
      }
      input[cfg.limit_key] = pageSize;
    }
    const blobPaths = starting?.encodedKeys ?? [];
    const isBlob = (path: TokenPath): boolean =>
      (this.opts.isBlob?.(path) ?? false) || blobPaths.some((p) => p.length === path.length && p.every((s, i) => s === path[i]));

    let previous: Record<string, unknown> | undefined;
    let total = 0;
    let first = true;
    let startingTruncation: unknown = 0;
    for (;;) {
      const page = await this.opts.call({ ...input });
      if (first) {
        if (cfg.infer_result_keys && this.resultKeys.length === 0) {
          this.resultKeys = listMembers(page);
        }
        if (starting) startingTruncation = this.cutFirstPage(page, starting.truncateAmount);
        first = false;
        this.recordNonAggregate(page);
      } else {
        startingTruncation = 0;
      }
      const primary = this.resultKeys[0];
      let current = primary === undefined ? null : lookup(page, primary).value;
      if (current === null) current = [];
      const count = pyLen(current);
      const excess = maxItems === undefined ? 0 : total + count - maxItems;
      if (excess > 0) {
        this.cutLastPage(page, primary, excess, startingTruncation, nextToken, isBlob);
        yield page;
        return;
      }
      yield page;
      total += count;
      nextToken = this.nextTokenOf(page);
      if (Object.values(nextToken).every((t) => t === null)) return;
      if (maxItems !== undefined && total === maxItems) {
        this.setResumeToken(nextToken, isBlob);
        return;
      }
      if (previous !== undefined && pyEquals(previous as DocObject, nextToken as DocObject)) {
        throw new GeneralError(PAGINATION_ERROR + `The same next token was received twice: ${pyRepr(nextToken as Doc)}`);
      }
      injectToken(input, nextToken);
      previous = nextToken;
    }
  }

  /** Left-cuts the first page after --starting-token; returns the amount cut. */
  private cutFirstPage(page: DocObject, amount: unknown): unknown {
    const [primary, ...others] = this.resultKeys;
    if (primary === undefined) return amount;
    const all = lookup(page, primary).value;
    const data = Array.isArray(all) || typeof all === "string" ? pySlice(all, sliceIndex(amount), undefined) : null;
    setValue(page, primary, data);
    for (const key of others) {
      const sample = lookup(page, key).value;
      let empty: Doc = null;
      if (Array.isArray(sample)) empty = [];
      else if (typeof sample === "string") empty = "";
      else if (typeof sample === "number" || typeof sample === "boolean") empty = 0;
      setValue(page, key, empty);
    }
    return amount;
  }

  /** Right-cuts the page that crosses --max-items and records the resume token. */
  private cutLastPage(
    page: DocObject,
    primary: string | undefined,
    excess: number,
    startingTruncation: unknown,
    nextToken: Record<string, unknown>,
    isBlob: (path: TokenPath) => boolean,
  ): void {
    let original = primary === undefined ? null : lookup(page, primary).value;
    if (original === null) original = [];
    const keep = pyLen(original) - excess;
    if (primary !== undefined) setValue(page, primary, pySlice(original, 0, keep));
    nextToken[TRUNCATE_KEY] = addIndex(keep, startingTruncation);
    this.setResumeToken(nextToken, isBlob);
  }

  private setResumeToken(token: Record<string, unknown>, isBlob: (path: TokenPath) => boolean): void {
    const expected = [...this.opts.paginator.input_token];
    if (Object.prototype.hasOwnProperty.call(token, TRUNCATE_KEY)) expected.push(TRUNCATE_KEY);
    const have = Object.keys(token).sort();
    expected.sort();
    if (have.length !== expected.length || have.some((k, i) => k !== expected[i])) {
      throw new GeneralError(`Bad starting token: ${pyRepr(token as Doc)}`);
    }
    this.resumeToken = encodeToken(token, { isBlob });
  }

  private nextTokenOf(page: DocObject): Record<string, unknown> {
    const cfg = this.opts.paginator;
    if (cfg.more_results !== undefined && !pyTruthy(jmesSearch(page, cfg.more_results))) return {};
    const tokens: Record<string, unknown> = {};
    const n = Math.min(cfg.output_token.length, cfg.input_token.length);
    for (let i = 0; i < n; i++) {
      const value = jmesSearch(page, cfg.output_token[i] as string);
      // Empty strings (and other falsy values) are no token.
      tokens[cfg.input_token[i] as string] = pyTruthy(value) ? value : null;
    }
    return tokens;
  }

  private recordNonAggregate(page: DocObject): void {
    this.nonAggregatePart = nonAggregateOf(page, this.opts.paginator.non_aggregate_keys);
  }
}

/** The non-aggregate keys of a (first) page; None where absent. */
function nonAggregateOf(page: DocObject, expressions: readonly string[]): DocObject {
  const part: DocObject = {};
  for (const expression of expressions) {
    const found = lookup(page, expression);
    setValue(part, expression, found.value, wasFloat(found));
  }
  return part;
}

/** Result keys of an SDK-only paginator: the page's top-level lists. */
function listMembers(page: DocObject): string[] {
  return Object.keys(page).filter((k) => Array.isArray(page[k]));
}

/** Puts service tokens into the request; None (or the text "None") removes the member. */
function injectToken(input: Record<string, unknown>, tokens: Record<string, unknown>): void {
  for (const [name, token] of Object.entries(tokens)) {
    if (token !== null && token !== undefined && token !== "None") input[name] = token;
    else delete input[name];
  }
}

/** Starts paging (lazily: nothing is requested until iteration begins). */
export function paginate(opts: PaginateOptions): PageIterator {
  return new PageIterator(opts);
}

// ---------------------------------------------------------------------------
// Output views
// ---------------------------------------------------------------------------

/** Adds one page's result keys into a merged result (build_full_result's loop body). */
export function mergePage(complete: DocObject, page: DocObject, resultKeys: readonly string[]): void {
  for (const expression of resultKeys) {
    const found = lookup(page, expression);
    const value = found.value;
    if (value === null) continue;
    const existingFound = lookup(complete, expression);
    const existing = existingFound.value;
    if (existing === null) {
      setValue(complete, expression, Array.isArray(value) ? copyList(value) : value, wasFloat(found));
      continue;
    }
    if (Array.isArray(value)) {
      if (!Array.isArray(existing)) throw new GeneralError(`'${pyType(existing)}' object has no attribute 'extend'`);
      appendList(existing, value);
    } else if (typeof value === "string") {
      if (typeof existing !== "string") throw new GeneralError(`unsupported operand type(s) for +: '${pyType(existing)}' and 'str'`);
      setValue(complete, expression, existing + value);
    } else if (typeof value === "number" || typeof value === "boolean") {
      if (typeof existing !== "number" && typeof existing !== "boolean") {
        throw new GeneralError(`unsupported operand type(s) for +: '${pyType(existing)}' and '${pyType(value)}'`);
      }
      setValue(complete, expression, Number(existing) + Number(value), wasFloat(existingFound) || wasFloat(found));
    }
  }
}

/** botocore's merge_dicts (without list appending), keeping float marks. */
function mergeDicts(target: DocObject, source: DocObject): void {
  for (const key of Object.keys(source)) {
    const value = source[key] as Doc;
    if (isObject(value) && Object.prototype.hasOwnProperty.call(target, key)) {
      const existing = target[key] as Doc;
      if (!isObject(existing)) throw new GeneralError(`argument of type '${pyType(existing)}' is not iterable`);
      mergeDicts(existing, value);
    } else {
      target[key] = value;
      if (typeof value === "number" && isFloatAt(source, key, value)) markFloat(target, key);
    }
  }
}

/**
 * The document a non-streaming format prints for a paginated call: the pages
 * merged as build_full_result does. Consumes the iterator.
 */
export async function buildFullResult(pages: PageIterator): Promise<DocObject> {
  const complete: DocObject = {};
  for await (const page of pages) mergePage(complete, page, pages.resultKeys);
  finishResult(complete, pages.nonAggregatePart, pages.resumeToken);
  return complete;
}

/**
 * Merges pages already fetched: the same document as buildFullResult.
 * `source` is the PageIterator that produced them (result keys, non-aggregate
 * part and resume token come from it), or the paginator config, in which case
 * the non-aggregate keys are read from the first page and the resume token is
 * `resumeToken`.
 */
export function mergePages(pages: readonly DocObject[], source: PageIterator | PaginatorConfig, resumeToken?: string): DocObject {
  let resultKeys: readonly string[];
  let nonAggregate: DocObject;
  let token: string | undefined;
  if (source instanceof PageIterator) {
    resultKeys = source.resultKeys;
    nonAggregate = source.nonAggregatePart;
    token = source.resumeToken;
  } else {
    const firstPage = pages[0];
    resultKeys = source.result_key.length === 0 && source.infer_result_keys && firstPage ? listMembers(firstPage) : source.result_key;
    nonAggregate = firstPage ? nonAggregateOf(firstPage, source.non_aggregate_keys) : {};
    token = resumeToken;
  }
  const complete: DocObject = {};
  for (const page of pages) mergePage(complete, page, resultKeys);
  finishResult(complete, nonAggregate, token);
  return complete;
}

function finishResult(complete: DocObject, nonAggregatePart: DocObject, resumeToken: string | undefined): void {
  mergeDicts(complete, nonAggregatePart);
  if (resumeToken !== undefined) complete["NextToken"] = resumeToken;
}

/**
 * What `--output text` prints for page `index` (0-based) of a paginated
 * call: the first page starts with the non-aggregate keys; every page then
 * has each result key (None when the page lacks it).
 */
export function textPage(pages: PageIterator, page: DocObject, index: number): DocObject {
  const current: DocObject = {};
  if (index === 0) mergeDicts(current, pages.nonAggregatePart);
  for (const expression of pages.resultKeys) {
    const found = lookup(page, expression);
    setValue(current, expression, found.value, wasFloat(found));
  }
  return current;
}

/** The document text output prints after the pages when output was truncated. */
export function textNextToken(pages: PageIterator): DocObject | undefined {
  return pages.resumeToken === undefined ? undefined : { NextToken: { NextToken: pages.resumeToken } };
}
