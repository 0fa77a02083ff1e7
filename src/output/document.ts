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

// Map keys that a JavaScript object cannot hold as given. Objects list keys
// that look like array indexes ("0", "42") before all others, in numeric
// order, where Python's dict keeps insertion order; and assigning
// `__proto__` changes the prototype instead of adding a member. The AWS CLI
// prints map keys in the order the service sent them, so an object whose
// key order differs from JavaScript's records its true order under
// KEY_ORDER, and `__proto__` is always defined as an own property.
export const KEY_ORDER: unique symbol = Symbol.for("kumo.keyOrder");

type Ordered = { [KEY_ORDER]?: string[] };

/** True for keys JavaScript lists first (canonical array indexes: 0 to 2^32 - 2). */
export function isIndexKey(key: string): boolean {
  const n = key.length;
  if (n === 0 || n > 10) return false;
  const c = key.charCodeAt(0);
  if (c === 48 /* 0 */) return n === 1;
  for (let i = 0; i < n; i++) {
    const d = key.charCodeAt(i);
    if (d < 48 || d > 57) return false;
  }
  return Number(key) < 4294967295;
}

/** The object's keys in the order they were added (the order the CLI prints). */
export function docKeys(obj: DocObject): string[] {
  return (obj as Ordered)[KEY_ORDER] ?? Object.keys(obj);
}

/** True when the object's key order differs from what Object.keys says. */
export function hasKeyOrder(obj: DocObject): boolean {
  return (obj as Ordered)[KEY_ORDER] !== undefined;
}

/**
 * Sets `obj[key] = value`, keeping insertion order for index-like keys and
 * `__proto__` as an ordinary member. Replacing an existing key keeps its place.
 */
export function setMember(obj: DocObject, key: string, value: Doc): void {
  const o = obj as Ordered;
  const fresh = !Object.prototype.hasOwnProperty.call(obj, key);
  if (fresh && isIndexKey(key) && o[KEY_ORDER] === undefined) {
    // Object.keys is the insertion order so far; it stops being so when this
    // key sorts before one already there.
    const keys = Object.keys(obj);
    const last = keys[keys.length - 1];
    if (last !== undefined && (!isIndexKey(last) || Number(last) > Number(key))) {
      keys.push(key);
      Object.defineProperty(obj, KEY_ORDER, { value: keys, enumerable: false, writable: true });
    }
  } else if (fresh && o[KEY_ORDER] !== undefined) {
    o[KEY_ORDER].push(key);
  }
  if (key === "__proto__") Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}
