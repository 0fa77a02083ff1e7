// The interpreter: walks a syntax tree over a kumo document. Projections,
// filters and flattening drop nulls; `==` and the ordering comparators follow
// python jmespath (see jmesEquals and compare below).

import { docKeys, type DocArray, type DocObject } from "../document.ts";
import type { Comparator, Node } from "./ast.ts";
import { JmesPathError } from "./errors.ts";
import { callFunction } from "./functions.ts";
import { pyEquals, pyOrder } from "./python.ts";
import { at, Expref, get, hasOwn, isNum, isObj, push, put, PyFloat, type Value } from "./values.ts";

/** The value of `node` evaluated against `value`. */
export function evaluate(node: Node, value: Value): Value {
  switch (node.k) {
    case "identity":
    case "current":
      return value;
    case "field":
      return isObj(value) ? get(value, node.name) : null;
    case "literal":
      return node.value;
    case "sub":
    case "indexExpr":
    case "pipe":
      return evaluate(node.right, evaluate(node.left, value));
    case "index": {
      if (!Array.isArray(value)) return null;
      const i = node.index < 0 ? value.length + node.index : node.index;
      return i >= 0 && i < value.length ? at(value, i) : null;
    }
    case "slice":
      return Array.isArray(value) ? slice(value, node.start, node.stop, node.step) : null;
    case "project": {
      const base = evaluate(node.left, value);
      if (!Array.isArray(base)) return null;
      const out: DocArray = [];
      for (let i = 0; i < base.length; i++) {
        const v = evaluate(node.right, at(base, i));
        if (v !== null) push(out, v);
      }
      return out;
    }
    case "valueProject": {
      const base = evaluate(node.left, value);
      if (!isObj(base)) return null;
      const out: DocArray = [];
      for (const key of docKeys(base)) {
        const v = evaluate(node.right, get(base, key));
        if (v !== null) push(out, v);
      }
      return out;
    }
    case "filter": {
      const base = evaluate(node.left, value);
      if (!Array.isArray(base)) return null;
      const out: DocArray = [];
      for (let i = 0; i < base.length; i++) {
        const element = at(base, i);
        if (isFalse(evaluate(node.cond, element))) continue;
        const v = evaluate(node.right, element);
        if (v !== null) push(out, v);
      }
      return out;
    }
    case "flatten": {
      const base = evaluate(node.child, value);
      if (!Array.isArray(base)) return null;
      const out: DocArray = [];
      for (let i = 0; i < base.length; i++) {
        const element = base[i];
        if (Array.isArray(element)) {
          for (let j = 0; j < element.length; j++) push(out, at(element, j));
        } else {
          push(out, at(base, i));
        }
      }
      return out;
    }
    case "compare":
      return compare(node.op, evaluate(node.left, value), evaluate(node.right, value));
    case "or": {
      const left = evaluate(node.left, value);
      return isFalse(left) ? evaluate(node.right, value) : left;
    }
    case "and": {
      const left = evaluate(node.left, value);
      return isFalse(left) ? left : evaluate(node.right, value);
    }
    case "not":
      return isFalse(evaluate(node.child, value));
    case "list": {
      if (value === null) return null;
      const out: DocArray = [];
      for (const item of node.items) push(out, evaluate(item, value));
      return out;
    }
    case "hash": {
      if (value === null) return null;
      const out: DocObject = {};
      for (let i = 0; i < node.keys.length; i++) {
        put(out, node.keys[i] as string, evaluate(node.values[i] as Node, value));
      }
      return out;
    }
    case "call": {
      const args: Value[] = [];
      for (const arg of node.args) args.push(evaluate(arg, value));
      return callFunction(node.name, args);
    }
    case "expref":
      return new Expref((element) => evaluate(node.child, element));
  }
}

/** JMESPath falsiness: null, false, "", [] and {}; numbers are always true. */
function isFalse(v: Value): boolean {
  if (v === null || v === false || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isObj(v)) {
    for (const k in v) if (hasOwn(v, k)) return false;
    return true;
  }
  return false;
}

/** Python's list slicing. */
function slice(list: DocArray, start: number | null, stop: number | null, step: number | null): DocArray {
  const s = step ?? 1;
  if (s === 0) throw new JmesPathError("invalid-value", "slice step cannot be zero");
  const len = list.length;
  const clamp = (v: number, low: number, high: number): number => {
    if (v < 0) v += len;
    return v < low ? low : v > high ? high : v;
  };
  let from: number;
  let to: number;
  if (s > 0) {
    from = start === null ? 0 : clamp(start, 0, len);
    to = stop === null ? len : clamp(stop, 0, len);
  } else {
    from = start === null ? len - 1 : clamp(start, -1, len - 1);
    to = stop === null ? -1 : clamp(stop, -1, len - 1);
  }
  const out: DocArray = [];
  if (s > 0) for (let i = from; i < to; i += s) push(out, at(list, i));
  else for (let i = from; i > to; i += s) push(out, at(list, i));
  return out;
}

/**
 * `==` as the reference does it: Python equality, except that 0 and 1 never
 * equal false and true at the top level (inside containers they do).
 */
function jmesEquals(a: Value, b: Value): boolean {
  const x = a instanceof PyFloat ? a.value : a;
  const y = b instanceof PyFloat ? b.value : b;
  if ((typeof x === "boolean" && typeof y === "number") || (typeof x === "number" && typeof y === "boolean")) {
    return false;
  }
  return pyEquals(x, y);
}

const OPERATOR_TEXT: Record<Comparator, string> = { eq: "==", ne: "!=", lt: "<", lte: "<=", gt: ">", gte: ">=" };

function compare(op: Comparator, a: Value, b: Value): Value {
  if (op === "eq") return jmesEquals(a, b);
  if (op === "ne") return !jmesEquals(a, b);
  // Ordering applies to numbers and strings; anything else gives null.
  const comparable = (v: Value): boolean => isNum(v) || typeof v === "string";
  if (!comparable(a) || !comparable(b)) return null;
  const c = pyOrder(a, b, OPERATOR_TEXT[op]);
  switch (op) {
    case "lt":
      return c < 0;
    case "lte":
      return c <= 0;
    case "gt":
      return c > 0;
    default:
      return c >= 0;
  }
}
