// Values while evaluating, and reading/writing them in kumo documents.
//
// Python floats: a document marks integral floats on their container (see
// ../document.ts). While evaluating, an integral float that leaves its
// container travels as a PyFloat box, and is written back as a mark when it
// lands in a new container, so `Datapoints[].Average` still prints `5.0`.

import type { Doc, DocArray, DocObject } from "../document.ts";
import { isFloatAt, markFloat, setMember } from "../document.ts";

/** Values that are not plain documents: an integral Python float, or `&expr`. */
export abstract class Special {}

/** A Python float whose value is integral (non-integral numbers are floats anyway). */
export class PyFloat extends Special {
  constructor(readonly value: number) {
    super();
  }
}

/** The value of `&expression`, only meaningful as a function argument. */
export class Expref extends Special {
  /** `apply(v)` evaluates the referenced expression against `v`. */
  constructor(readonly apply: (value: Value) => Value) {
    super();
  }
}

/** Containers may hold Special values internally (an Expref inside a list). */
export type Value = Doc | Special;

/** The JMESPath type names, as type() and the function signatures spell them. */
export type JmesType = "number" | "string" | "boolean" | "array" | "object" | "null" | "expref";

export const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

export function isObj(v: Value | undefined): v is DocObject {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Special);
}

export function isNum(v: Value): boolean {
  return typeof v === "number" || v instanceof PyFloat;
}

export function num(v: Value): number {
  return v instanceof PyFloat ? v.value : (v as number);
}

/** True when Python would hold this number as a float. */
export function isPyFloat(v: Value): boolean {
  return v instanceof PyFloat || (typeof v === "number" && !Number.isInteger(v));
}

/** An integral float becomes a box; anything else stays as it is. */
export function floatValue(n: number): Value {
  return Number.isInteger(n) ? new PyFloat(n) : n;
}

/** Python has no integer -0. */
export function intValue(n: number): number {
  return n === 0 ? 0 : n;
}

export function jmesType(v: Value): JmesType {
  if (v === null) return "null";
  switch (typeof v) {
    case "string":
      return "string";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
  }
  if (Array.isArray(v)) return "array";
  if (v instanceof PyFloat) return "number";
  if (v instanceof Expref) return "expref";
  return "object";
}

/** Element `i` of a list (null when out of range), boxed when it is a marked float. */
export function at(list: DocArray, i: number): Value {
  const v = list[i];
  if (v === undefined) return null;
  if (typeof v === "number" && Number.isInteger(v) && isFloatAt(list, i, v)) return new PyFloat(v);
  return v;
}

/** An object's own member (null when absent), boxed when it is a marked float. */
export function get(obj: DocObject, key: string): Value {
  if (!hasOwn(obj, key)) return null;
  const v = obj[key];
  if (v === undefined) return null;
  if (typeof v === "number" && Number.isInteger(v) && isFloatAt(obj, key, v)) return new PyFloat(v);
  return v;
}

/** Appends to a list, turning a float box into a mark. */
export function push(list: DocArray, v: Value): void {
  if (v instanceof PyFloat) {
    markFloat(list, list.length);
    list.push(v.value);
  } else {
    list.push(v as Doc);
  }
}

/** Sets an object member (even `__proto__`, keeping insertion order), turning a float box into a mark. */
export function put(obj: DocObject, key: string, v: Value): void {
  setMember(obj, key, v instanceof PyFloat ? v.value : (v as Doc));
  if (v instanceof PyFloat) markFloat(obj, key);
}

/** The elements of a list as values (float boxes where marked). */
export function elements(list: DocArray): Value[] {
  const out: Value[] = [];
  for (let i = 0; i < list.length; i++) out.push(at(list, i));
  return out;
}

/** A new list of values (float marks where boxed). */
export function listOf(values: Value[]): DocArray {
  const out: DocArray = [];
  for (const v of values) push(out, v);
  return out;
}

export function containsExpref(v: Value): boolean {
  if (v instanceof Expref) return true;
  if (Array.isArray(v)) return v.some((x) => containsExpref(x));
  if (isObj(v)) return Object.keys(v).some((k) => containsExpref(v[k] as Value));
  return false;
}
