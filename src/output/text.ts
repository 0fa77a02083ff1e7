// --output text: the AWS CLI's tab-separated records. Objects print their
// scalar values (keys sorted) on one line, prefixed by the upper-cased key they
// sit under; nested objects and lists follow as their own records. The rows of
// a list of objects share one column set: the sorted union of scalar keys.

import type { Doc, DocArray, DocObject } from "./document.ts";
import { isFloatAt, isObject } from "./document.ts";
import { FormatError, pyTypeName } from "./format-error.ts";
import { pySortKeys, pyStr, pyStrValue } from "./pyformat.ts";

type Container = DocObject | DocArray;

function isContainer(v: Doc | undefined): v is Container {
  return v !== null && typeof v === "object";
}

function scalarStr(value: Doc, container: Container | undefined, key: string | number): string {
  if (typeof value === "number") return pyStr(value, isFloatAt(container, key, value));
  return pyStrValue(value);
}

class TextWriter {
  // Output accumulates by concatenation: V8 joins strings as ropes (linear,
  // and faster than collecting pieces in an array).
  out = "";

  item(value: Doc, container: Container | undefined, key: string | number, ident: string | null, scalarKeys: ScalarKeys | null): void {
    if (Array.isArray(value)) this.list(value, ident);
    else if (isObject(value)) this.dict(value, ident, scalarKeys);
    else this.out += scalarStr(value, container, key) + "\n";
  }

  list(list: DocArray, ident: string | null): void {
    if (list.length === 0) return;
    let hasDict = false;
    let hasList = false;
    for (const el of list) {
      if (Array.isArray(el)) hasList = true;
      else if (isObject(el)) hasDict = true;
    }
    if (hasDict) {
      const keys = allScalarKeys(list);
      for (let i = 0; i < list.length; i++) this.item(list[i] as Doc, list, i, ident, keys);
    } else if (hasList) {
      const scalars: number[] = [];
      for (let i = 0; i < list.length; i++) if (!Array.isArray(list[i])) scalars.push(i);
      if (scalars.length > 0) this.scalarList(list, scalars, ident);
      for (let i = 0; i < list.length; i++) {
        const el = list[i] as Doc;
        if (Array.isArray(el)) this.list(el, ident);
      }
    } else {
      this.scalarList(list, null, ident);
    }
  }

  /** Scalars of `list` (all, or those at `indexes`): one record each under an identifier, else one line. */
  scalarList(list: DocArray, indexes: number[] | null, ident: string | null): void {
    const n = indexes ? indexes.length : list.length;
    if (ident !== null) {
      for (let j = 0; j < n; j++) {
        const i = indexes ? (indexes[j] as number) : j;
        this.out += ident + "\t" + scalarStr(list[i] as Doc, list, i) + "\n";
      }
      return;
    }
    let line = "";
    for (let j = 0; j < n; j++) {
      const i = indexes ? (indexes[j] as number) : j;
      line += (j === 0 ? "" : "\t") + scalarStr(list[i] as Doc, list, i);
    }
    this.out += line + "\n";
  }

  dict(d: DocObject, ident: string | null, scalarKeys: ScalarKeys | null): void {
    // The record: the identifier, then the scalar values, tab-separated.
    let line = ident === null ? "" : ident;
    let any = false;
    // A tab goes before every value except the first of a line without identifier.
    let tab = ident !== null;
    let nested: string[] | null = null;
    if (scalarKeys === null) {
      for (const k of pySortKeys(Object.keys(d))) {
        const v = d[k] as Doc;
        if (isContainer(v)) (nested ??= []).push(k);
        else {
          line += (tab ? "\t" : "") + scalarStr(v, d, k);
          any = tab = true;
        }
      }
    } else {
      for (const k of scalarKeys.list) {
        const cell = Object.prototype.hasOwnProperty.call(d, k) ? scalarStr(d[k] as Doc, d, k) : "";
        line += (tab ? "\t" : "") + cell;
        any = tab = true;
      }
      for (const k in d) if (!scalarKeys.set.has(k)) (nested ??= []).push(k);
      if (nested !== null) pySortKeys(nested);
    }
    if (any) this.out += line + "\n";
    if (nested !== null) for (const k of nested) this.item(d[k] as Doc, d, k, k.toUpperCase(), null);
  }
}

interface ScalarKeys {
  list: string[];
  set: Set<string>;
}

/** Sorted union of the keys holding scalars, over every object of a list (all elements must be objects). */
function allScalarKeys(list: DocArray): ScalarKeys {
  const set = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const el = list[i] as Doc;
    if (!isObject(el)) {
      throw new FormatError(`'${pyTypeName(el, typeof el === "number" && isFloatAt(list, i, el))}' object has no attribute 'items'`);
    }
    for (const k of Object.keys(el)) if (!isContainer(el[k])) set.add(k);
  }
  return { list: pySortKeys([...set]), set };
}

/** The text output of one document (one page: text output is not merged across pages). */
export function formatText(doc: Doc): string {
  const w = new TextWriter();
  try {
    w.item(doc, undefined, 0, null, null);
  } catch (e) {
    if (e instanceof FormatError) throw new FormatError(e.message, w.out);
    throw e;
  }
  return w.out;
}
