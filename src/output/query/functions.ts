// The function library of python jmespath 1.0.1: argument checks with its
// messages (the first element of a list decides which element type applies),
// Python's behaviour inside each function (min/max keep the first best,
// sort_by is stable, merge() is dict.update, to_number() is int()/float()),
// and Python's TypeErrors and ValueErrors where the reference lets them out.

import { docKeys, type DocArray, type DocObject } from "../document.ts";
import { JmesPathError } from "./errors.ts";
import { pyEquals, pyNumberFromText, pyOrder, pyRepr, pyStr, pyTypeName } from "./python.ts";
import { pyJsonDumps } from "./python-json.ts";
import {
  at,
  elements,
  Expref,
  floatValue,
  get,
  hasOwn,
  intValue,
  isNum,
  isObj,
  isPyFloat,
  jmesType,
  listOf,
  num,
  put,
  type JmesType,
  type Value,
} from "./values.ts";

interface FunctionSpec {
  /** Allowed types per argument, as the reference spells them; empty means any. */
  args: string[][];
  variadic?: boolean;
  run: (args: Value[]) => Value;
}

function typeError(fn: string, value: Value, received: string, expected: string[]): JmesPathError {
  return new JmesPathError(
    "invalid-type",
    `In function ${fn}(), invalid type for value: ${pyStr(value)}, ` +
      `expected one of: ${pyRepr(expected)}, received: "${received}"`,
  );
}

function checkArgument(fn: string, value: Value, expected: string[]): void {
  const actual = jmesType(value);
  const top: string[] = [];
  const sub: string[] = [];
  for (const t of expected) {
    const dash = t.indexOf("-");
    if (dash < 0) {
      top.push(t);
    } else {
      top.push(t.slice(0, dash));
      sub.push(t.slice(dash + 1));
    }
  }
  if (!top.includes(actual)) throw typeError(fn, value, actual, expected);
  if (sub.length === 0 || !Array.isArray(value)) return;
  let allowed: string;
  if (sub.length === 1) {
    allowed = sub[0] as string;
  } else {
    if (value.length === 0) return;
    // With several element types, the first element decides which one applies.
    const first = at(value, 0);
    const found = sub.find((t) => t === jmesType(first));
    if (found === undefined) throw typeError(fn, first, pyTypeName(first), expected);
    allowed = found;
  }
  for (let i = 0; i < value.length; i++) {
    const element = at(value, i);
    if (jmesType(element) !== allowed) throw typeError(fn, element, pyTypeName(element), expected);
  }
}

/** Calls a JMESPath function with evaluated arguments, checking them as the reference does. */
export function callFunction(name: string, args: Value[]): Value {
  const spec = hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (spec === undefined) throw new JmesPathError("unknown-function", `Unknown function: ${name}()`);
  const expected = spec.args.length;
  const plural = expected === 1 ? "argument" : "arguments";
  if (spec.variadic) {
    if (args.length < expected) {
      throw new JmesPathError(
        "invalid-arity",
        `Expected at least ${expected} ${plural} for function ${name}(), received ${args.length}`,
      );
    }
  } else if (args.length !== expected) {
    throw new JmesPathError("invalid-arity", `Expected ${expected} ${plural} for function ${name}(), received ${args.length}`);
  }
  for (let i = 0; i < expected; i++) {
    const types = spec.args[i] as string[];
    if (types.length > 0) checkArgument(name, args[i] as Value, types);
  }
  return spec.run(args);
}

function applyExpref(ref: Value, element: Value): Value {
  return (ref as Expref).apply(element);
}

/** `min()`/`max()` over precomputed keys: first best wins, Python's TypeError on mixed types. */
function pickBy(items: Value[], key: (v: Value) => Value, wantMax: boolean): Value {
  if (items.length === 0) return null;
  let best = items[0] as Value;
  let bestKey = key(best);
  const operator = wantMax ? ">" : "<";
  for (let i = 1; i < items.length; i++) {
    const item = items[i] as Value;
    const k = key(item);
    const c = pyOrder(k, bestKey, operator);
    if (wantMax ? c > 0 : c < 0) {
      best = item;
      bestKey = k;
    }
  }
  return best;
}

function keyFunction(fn: string, ref: Value, allowed: JmesType[]): (v: Value) => Value {
  return (element) => {
    const k = applyExpref(ref, element);
    const t = jmesType(k);
    if (!allowed.includes(t)) throw typeError(fn, k, t, allowed);
    return k;
  };
}

/** A Python int/float result of arithmetic over numbers of which some may be floats. */
function numberResult(n: number, float: boolean): Value {
  return float ? floatValue(n) : intValue(n);
}

function toInteger(fn: (n: number) => number, v: Value): number {
  const n = num(v);
  if (Number.isNaN(n)) throw new JmesPathError("invalid-value", "cannot convert float NaN to integer");
  if (!Number.isFinite(n)) throw new JmesPathError("invalid-value", "cannot convert float infinity to integer");
  return intValue(fn(n));
}

const FUNCTIONS: Record<string, FunctionSpec> = {
  abs: {
    args: [["number"]],
    run: ([v]) => (isPyFloat(v as Value) ? floatValue(Math.abs(num(v as Value))) : intValue(Math.abs(num(v as Value)))),
  },
  avg: {
    args: [["array-number"]],
    run: ([v]) => {
      const list = v as DocArray;
      if (list.length === 0) return null;
      let total = 0;
      for (const x of list) total += x as number;
      return floatValue(total / list.length);
    },
  },
  ceil: { args: [["number"]], run: ([v]) => toInteger(Math.ceil, v as Value) },
  contains: {
    args: [["array", "string"], []],
    run: ([subject, search]) => {
      if (Array.isArray(subject)) return subject.some((x) => pyEquals(x, search as Value));
      if (typeof search !== "string") {
        throw new JmesPathError(
          "invalid-type",
          `'in <string>' requires string as left operand, not ${pyTypeName(search as Value)}`,
        );
      }
      return (subject as string).includes(search);
    },
  },
  ends_with: { args: [["string"], ["string"]], run: ([s, suffix]) => (s as string).endsWith(suffix as string) },
  floor: { args: [["number"]], run: ([v]) => toInteger(Math.floor, v as Value) },
  join: {
    args: [["string"], ["array-string"]],
    run: ([sep, list]) => (list as string[]).join(sep as string),
  },
  keys: { args: [["object"]], run: ([o]) => docKeys(o as DocObject) },
  length: {
    args: [["string", "array", "object"]],
    run: ([v]) => {
      if (typeof v === "string") {
        let n = 0;
        for (const _ of v) n++;
        return n;
      }
      if (Array.isArray(v)) return v.length;
      return Object.keys(v as DocObject).length;
    },
  },
  map: {
    args: [["expref"], ["array"]],
    run: ([ref, list]) => listOf(elements(list as DocArray).map((x) => applyExpref(ref as Value, x))),
  },
  max: {
    args: [["array-number", "array-string"]],
    run: ([list]) => pickBy(elements(list as DocArray), (x) => x, true),
  },
  max_by: {
    args: [["array"], ["expref"]],
    run: ([list, ref]) => pickBy(elements(list as DocArray), keyFunction("max_by", ref as Value, ["number", "string"]), true),
  },
  merge: {
    args: [["object"]],
    variadic: true,
    run: (args) => {
      const out: DocObject = {};
      for (const arg of args) mergeInto(out, arg);
      return out;
    },
  },
  min: {
    args: [["array-number", "array-string"]],
    run: ([list]) => pickBy(elements(list as DocArray), (x) => x, false),
  },
  min_by: {
    args: [["array"], ["expref"]],
    run: ([list, ref]) =>
      pickBy(elements(list as DocArray), keyFunction("min_by", ref as Value, ["number", "string"]), false),
  },
  not_null: {
    args: [[]],
    variadic: true,
    run: (args) => args.find((v) => v !== null) ?? null,
  },
  reverse: {
    args: [["array", "string"]],
    run: ([v]) => {
      if (typeof v === "string") return Array.from(v).reverse().join("");
      return listOf(elements(v as DocArray).reverse());
    },
  },
  sort: {
    args: [["array-string", "array-number"]],
    run: ([list]) => listOf(elements(list as DocArray).sort((a, b) => pyOrder(a, b, "<"))),
  },
  sort_by: {
    args: [["array"], ["expref"]],
    run: ([v, ref]) => {
      const list = v as DocArray;
      if (list.length === 0) return list;
      const items = elements(list);
      // The first element's key decides whether keys are numbers or strings.
      const firstType = jmesType(applyExpref(ref as Value, items[0] as Value));
      if (firstType !== "number" && firstType !== "string") {
        throw typeError("sort_by", items[0] as Value, firstType, ["string", "number"]);
      }
      const key = keyFunction("sort_by", ref as Value, [firstType]);
      const keyed = items.map((item, i) => ({ item, key: key(item), i }));
      keyed.sort((a, b) => pyOrder(a.key, b.key, "<") || a.i - b.i);
      return listOf(keyed.map((x) => x.item));
    },
  },
  starts_with: { args: [["string"], ["string"]], run: ([s, prefix]) => (s as string).startsWith(prefix as string) },
  sum: {
    args: [["array-number"]],
    run: ([v]) => {
      let total = 0;
      let float = false;
      for (const x of elements(v as DocArray)) {
        total += num(x);
        float ||= isPyFloat(x);
      }
      return numberResult(total, float);
    },
  },
  to_array: { args: [[]], run: ([v]) => (Array.isArray(v) ? v : listOf([v as Value])) },
  to_number: { args: [[]], run: ([v]) => toNumber(v as Value) },
  to_string: { args: [[]], run: ([v]) => (typeof v === "string" ? v : pyJsonDumps(v as Value)) },
  type: { args: [[]], run: ([v]) => (v instanceof Expref ? null : jmesType(v as Value)) },
  values: {
    args: [["object"]],
    run: ([v]) => {
      const o = v as DocObject;
      return listOf(docKeys(o).map((k) => get(o, k)));
    },
  },
};

/** `dict.update(arg)`: only the first argument of merge() is type-checked by the reference. */
function mergeInto(out: DocObject, arg: Value): void {
  if (isObj(arg)) {
    for (const k of docKeys(arg)) put(out, k, get(arg, k));
    return;
  }
  if (typeof arg === "string") {
    // Each character is a one-item sequence, never a (key, value) pair.
    if (arg.length > 0) {
      throw new JmesPathError("invalid-value", "dictionary update sequence element #0 has length 1; 2 is required");
    }
    return;
  }
  if (!Array.isArray(arg)) throw new JmesPathError("invalid-type", `'${pyTypeName(arg)}' object is not iterable`);
  arg.forEach((pair, i) => {
    let items: Value[];
    if (Array.isArray(pair)) items = elements(pair);
    else if (typeof pair === "string") items = Array.from(pair);
    else if (isObj(pair)) items = docKeys(pair);
    else throw new JmesPathError("invalid-type", `cannot convert dictionary update sequence element #${i} to a sequence`);
    if (items.length !== 2) {
      throw new JmesPathError(
        "invalid-value",
        `dictionary update sequence element #${i} has length ${items.length}; 2 is required`,
      );
    }
    const [key, value] = items as [Value, Value];
    if (Array.isArray(key) || isObj(key)) throw new JmesPathError("invalid-type", `unhashable type: '${pyTypeName(key)}'`);
    // Non-string keys print as JSON does with them.
    put(out, typeof key === "string" ? key : pyJsonDumps(key), value);
  });
}

/** to_number(): int(text), else float(text), else null. */
function toNumber(v: Value): Value {
  if (isNum(v)) return v;
  if (v instanceof Expref) {
    throw new JmesPathError(
      "invalid-type",
      "int() argument must be a string, a bytes-like object or a real number, not '_Expression'",
    );
  }
  if (typeof v !== "string") return null;
  return pyNumberFromText(v);
}
