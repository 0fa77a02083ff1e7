// The syntax tree the parser builds and the interpreter walks.

import type { Value } from "./values.ts";

export type Comparator = "eq" | "ne" | "lt" | "lte" | "gt" | "gte";

export type Node =
  | { k: "identity" }
  | { k: "current" }
  | { k: "field"; name: string }
  | { k: "literal"; value: Value }
  | { k: "sub"; left: Node; right: Node }
  | { k: "indexExpr"; left: Node; right: Node }
  | { k: "index"; index: number }
  | { k: "slice"; start: number | null; stop: number | null; step: number | null }
  | { k: "project"; left: Node; right: Node }
  | { k: "valueProject"; left: Node; right: Node }
  | { k: "filter"; left: Node; right: Node; cond: Node }
  | { k: "flatten"; child: Node }
  | { k: "compare"; op: Comparator; left: Node; right: Node }
  | { k: "or"; left: Node; right: Node }
  | { k: "and"; left: Node; right: Node }
  | { k: "pipe"; left: Node; right: Node }
  | { k: "not"; child: Node }
  | { k: "list"; items: Node[] }
  | { k: "hash"; keys: string[]; values: Node[] }
  | { k: "call"; name: string; args: Node[] }
  | { k: "expref"; child: Node };

/** The node for "the current value" where the grammar leaves a part out. */
export const IDENTITY: Node = { k: "identity" };
