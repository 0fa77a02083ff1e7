// The document kumo prints: what the AWS CLI's parsers produce, as plain JSON
// values. Timestamps are already strings (iso8601 or wire form), blobs are
// base64 text, `ResponseMetadata` is gone.
//
// Numbers follow Python, where `5.0` (a float) and `5` (an int) print
// differently but JavaScript has one number type. Integers are plain numbers.
// A float with no fractional part is a plain number too, and the object or
// array holding it lists its key under the FLOAT_KEYS symbol, so formatters
// print `5.0`. Non-integral numbers are floats by nature and need no mark.
// Marks ride on containers, so they survive --query wherever the query keeps
// the container; a bare scalar picked out by a query loses its mark.

export type Scalar = string | number | boolean | null;
export type Doc = Scalar | DocArray | DocObject;
export type DocArray = Doc[];
export interface DocObject {
  [key: string]: Doc;
}

export const FLOAT_KEYS: unique symbol = Symbol.for("kumo.floatKeys");

type Marked = { [FLOAT_KEYS]?: Set<string | number> };

/** Records that `container[key]` holds a float (only needed when the value is integral). */
export function markFloat(container: DocObject | DocArray, key: string | number): void {
  const c = container as unknown as Marked;
  let set = c[FLOAT_KEYS];
  if (!set) {
    set = new Set();
    Object.defineProperty(container, FLOAT_KEYS, { value: set, enumerable: false });
  }
  set.add(key);
}

/** True when the number at `container[key]` should print as a Python float. */
export function isFloatAt(container: DocObject | DocArray | undefined, key: string | number, value: number): boolean {
  if (!Number.isInteger(value)) return true;
  if (!container) return false;
  const set = (container as unknown as Marked)[FLOAT_KEYS];
  return set !== undefined && set.has(key);
}

/**
 * Objects that are Python OrderedDicts in the CLI (JSON the CLI decodes with
 * object_pairs_hook=OrderedDict, e.g. a CloudFormation TemplateBody). They
 * print like other objects except in yaml, where ruamel writes an ordered
 * `!!omap` sequence instead of a mapping with sorted keys.
 */
export const ORDERED_DICT: unique symbol = Symbol.for("kumo.orderedDict");

export function markOrderedDict(obj: DocObject): void {
  Object.defineProperty(obj, ORDERED_DICT, { value: true, enumerable: false });
}

export function isOrderedDict(obj: DocObject): boolean {
  return (obj as unknown as { [ORDERED_DICT]?: boolean })[ORDERED_DICT] === true;
}

export function isObject(v: Doc | undefined): v is DocObject {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
