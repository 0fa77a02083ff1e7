// A read-only view of an SDK runtime schema, in the terms the CLI layer needs:
// what kind of value a member takes, its members in model order, which are
// required. Built on @smithy/core's NormalizedSchema so it reads exactly what
// the SDK's serializers read.
import { NormalizedSchema } from "@smithy/core/schema";

export type ShapeKind =
  | "structure"
  | "union"
  | "list"
  | "map"
  | "string"
  | "number"
  | "bigInteger"
  | "bigDecimal"
  | "boolean"
  | "timestamp"
  | "blob"
  | "document"
  | "unit";

const byNormalized = new WeakMap<NormalizedSchema, Shape>();

/**
 * The model's member order of structures, by schema namespace then shape
 * name, where it differs from the SDK's (which lists required members
 * first). Filled from data/cli when a service is loaded.
 */
const memberOrders = new Map<string, Record<string, string[]>>();

export function setMemberOrder(namespace: string, orders: Record<string, string[]>): void {
  memberOrders.set(namespace, orders);
}

/** A structure's members, in the model's order (the SDK's where data/cli records none). */
export function modelOrderedMembers(ns: NormalizedSchema): [string, NormalizedSchema][] {
  const members = [...ns.structIterator()];
  const sc = ns.getSchema() as unknown;
  const order = Array.isArray(sc) && typeof sc[1] === "string" ? memberOrders.get(sc[1])?.[sc[2] as string] : undefined;
  if (!order) return members;
  const rank = new Map(order.map((name, i) => [name, i]));
  // Members the order does not name keep their place after those it does (stable sort).
  return members.sort(([a], [b]) => (rank.get(a) ?? order.length) - (rank.get(b) ?? order.length));
}

export class Shape {
  readonly ns: NormalizedSchema;
  private _members: Map<string, Shape> | undefined;
  private _required: Set<string> | undefined;
  private _kind: ShapeKind | undefined;
  private _member: Shape | undefined;

  constructor(schema: unknown) {
    this.ns = NormalizedSchema.of(schema as never);
  }

  get kind(): ShapeKind {
    return (this._kind ??= this.computeKind());
  }

  private computeKind(): ShapeKind {
    const ns = this.ns;
    if (ns.isUnitSchema()) return "unit";
    if (ns.isUnionSchema()) return "union";
    if (ns.isStructSchema()) return "structure";
    if (ns.isListSchema()) return "list";
    if (ns.isMapSchema()) return "map";
    if (ns.isBlobSchema()) return "blob";
    if (ns.isTimestampSchema()) return "timestamp";
    if (ns.isBooleanSchema()) return "boolean";
    if (ns.isNumericSchema()) return "number";
    if (ns.isBigIntegerSchema()) return "bigInteger";
    if (ns.isBigDecimalSchema()) return "bigDecimal";
    if (ns.isDocumentSchema()) return "document";
    return "string";
  }

  /** The shape's own name (e.g. `DescribeInstancesRequest`), when the model names it. */
  get name(): string | undefined {
    const n = this.ns.getName();
    return n && !/^\d+$/.test(n) ? n : undefined;
  }

  get traits(): Record<string, unknown> {
    return this.ns.getMergedTraits() as Record<string, unknown>;
  }

  get isStreaming(): boolean {
    return this.ns.isStreaming();
  }

  get isSensitive(): boolean {
    return !!this.traits.sensitive;
  }

  get isIdempotencyToken(): boolean {
    return this.ns.isIdempotencyToken();
  }

  /** Structure members in the model's order, as the CLI has them (the SDK lists required members first). */
  get members(): Map<string, Shape> {
    if (!this._members) {
      const members = new Map<string, Shape>();
      if (this.ns.isStructSchema()) {
        for (const [name, member] of modelOrderedMembers(this.ns)) members.set(name, Shape.fromNormalized(member));
      }
      this._members = members;
    }
    return this._members;
  }

  get required(): Set<string> {
    if (!this._required) {
      this._required = new Set();
      const sc = this.ns.getSchema() as unknown;
      if (Array.isArray(sc) && this.ns.isStructSchema()) {
        const names = sc[4] as string[];
        const count = typeof sc[6] === "number" ? (sc[6] as number) : 0;
        for (let i = 0; i < count && i < names.length; i++) this._required.add(names[i]!);
      }
    }
    return this._required;
  }

  /** List element / map value. */
  get member(): Shape {
    return (this._member ??= Shape.fromNormalized(this.ns.getValueSchema()));
  }

  get key(): Shape {
    return Shape.fromNormalized(this.ns.getKeySchema());
  }

  /** One Shape per NormalizedSchema (the SDK caches those per schema and member), so derived data is computed once. */
  static fromNormalized(ns: NormalizedSchema): Shape {
    let s = byNormalized.get(ns);
    if (!s) {
      s = Object.create(Shape.prototype) as Shape;
      (s as { ns: NormalizedSchema }).ns = ns;
      byNormalized.set(ns, s);
    }
    return s;
  }
}

/** A table of data/cli keyed by shape name, then member name. */
export type ShapeTable<T> = Record<string, Record<string, T>>;

/** The structure member a list or map sits in. */
export interface Holder {
  owner: Shape;
  member: string;
}

/** `table`'s entry for a structure member. */
export function memberEntry<T>(table: ShapeTable<T>, owner: Shape, member: string): T | undefined {
  const name = owner.name;
  return name === undefined ? undefined : table[name]?.[member];
}

/**
 * `table`'s entry for a list's or map's elements (`part`: "member", "key",
 * "value"): under the list's own name, else, since the SDK leaves lists and
 * maps of plain values unnamed, under the member holding it ("TagKeys.member").
 */
export function elementEntry<T>(table: ShapeTable<T>, shape: Shape, part: string, holder: Holder | undefined): T | undefined {
  return memberEntry(table, shape, part) ?? (holder ? memberEntry(table, holder.owner, `${holder.member}.${part}`) : undefined);
}

/** Input and output shapes of an SDK operation schema ([9, ns, name, traits, input, output]). */
export function operationShapes(opSchema: unknown): { name: string; input: Shape; output: Shape; traits: Record<string, unknown> } {
  const op = opSchema as [number, string, string, Record<string, unknown> | number, unknown, unknown];
  return {
    name: op[2],
    input: new Shape(op[4] ?? "unit"),
    output: new Shape(op[5] ?? "unit"),
    traits: typeof op[3] === "object" ? op[3] : {},
  };
}
