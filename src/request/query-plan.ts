// How to read one shape's XML in an AWS query protocol response (awsQuery,
// ec2Query), worked out once per schema from the SDK's runtime schema: which
// child element holds which member, what a list's items and a map's entries
// are called, which lists and maps are flattened, and how a scalar's text
// becomes a value. The names and rules are those of the SDK's
// XmlShapeDeserializer (@aws-sdk/core), so both read the same elements.
// Plans for nested shapes are made when an element first needs them; shapes
// may be recursive.
import { NormalizedSchema } from "@smithy/core/schema";
import { modelOrderedMembers } from "../services/shape.ts";

/** How a scalar's text becomes a value (FromStringShapeDeserializer's cases). */
export enum Scalar {
  String,
  Number,
  Boolean,
  Timestamp,
  Blob,
  /** Something the fast reader leaves to the SDK (big numbers, documents, unit members). */
  Unsupported,
}

export enum Kind {
  Struct,
  List,
  Map,
  Scalar,
}

export interface StructPlan {
  readonly kind: Kind.Struct;
  /** Member names in the schema's order (the order the CLI prints them in). */
  readonly names: readonly string[];
  /** Element name → member index. */
  readonly byTag: ReadonlyMap<string, number>;
  /**
   * Left to the SDK: two members read from the same element, or an element
   * name that parseXML's object tree confuses with an Object.prototype member.
   */
  readonly unreadable: boolean;
  /** Per member: how its element reads (made on first use). */
  member(index: number): Plan;
}

export interface ListPlan {
  readonly kind: Kind.List;
  /** Items are the member's own repeated elements rather than children of one element. */
  readonly flat: boolean;
  /** Name of an item element when not flattened (`member`, or EC2's `item`). */
  readonly itemTag: string;
  item(): Plan;
}

export interface MapPlan {
  readonly kind: Kind.Map;
  /** Entries are the member's own repeated elements rather than `entry` children of one element. */
  readonly flat: boolean;
  readonly keyTag: string;
  readonly valueTag: string;
  value(): Plan;
}

export interface ScalarPlan {
  readonly kind: Kind.Scalar;
  readonly scalar: Scalar;
}

export type Plan = StructPlan | ListPlan | MapPlan | ScalarPlan;

const SCALARS: ScalarPlan[] = [];
function scalarPlan(scalar: Scalar): ScalarPlan {
  return (SCALARS[scalar] ??= { kind: Kind.Scalar, scalar });
}

/** Struct plans by the struct schema they read (members do not change how a struct reads). */
const structPlans = new WeakMap<object, StructPlan>();

function mergedXmlName(ns: NormalizedSchema): string | undefined {
  const name = (ns.getMergedTraits() as { xmlName?: unknown }).xmlName;
  return typeof name === "string" ? name : undefined;
}

function isFlattened(ns: NormalizedSchema): boolean {
  return !!(ns.getMergedTraits() as { xmlFlattened?: unknown }).xmlFlattened;
}

function scalarOf(ns: NormalizedSchema): Scalar {
  const raw = ns.getSchema() as unknown;
  // FromStringShapeDeserializer switches on the low byte of the schema number;
  // anything that is not a number reads as text.
  const code = typeof raw === "number" ? raw & 0xff : 0xff;
  switch (code) {
    case 0:
    case 0xff:
      return Scalar.String;
    case 1:
      return Scalar.Number;
    case 2:
      return Scalar.Boolean;
    case 4:
    case 5:
    case 6:
    case 7:
      return Scalar.Timestamp;
    case 21:
    case 42:
      return Scalar.Blob;
    default:
      return Scalar.Unsupported;
  }
}

/** Names that parseXML's `name in object` test finds on every object. */
function inheritedName(tag: string): boolean {
  return tag in Object.prototype;
}

/** The plan for a value of schema `ns` (a member, list item or map value). */
export function planFor(ns: NormalizedSchema): Plan {
  if (ns.isUnitSchema() || ns.isDocumentSchema()) return scalarPlan(Scalar.Unsupported);
  if (ns.isListSchema()) {
    const valueNs = ns.getValueSchema();
    let item: Plan | undefined;
    const itemTag = mergedXmlName(valueNs) ?? "member";
    if (inheritedName(itemTag)) return scalarPlan(Scalar.Unsupported);
    return {
      kind: Kind.List,
      flat: isFlattened(ns),
      itemTag,
      item: () => (item ??= planFor(valueNs)),
    };
  }
  if (ns.isMapSchema()) {
    const valueNs = ns.getValueSchema();
    let value: Plan | undefined;
    const keyTag = mergedXmlName(ns.getKeySchema()) ?? "key";
    const valueTag = mergedXmlName(valueNs) ?? "value";
    if (inheritedName(keyTag) || inheritedName(valueTag)) return scalarPlan(Scalar.Unsupported);
    return {
      kind: Kind.Map,
      flat: isFlattened(ns),
      keyTag,
      valueTag,
      value: () => (value ??= planFor(valueNs)),
    };
  }
  if (ns.isStructSchema()) return structPlan(ns);
  return scalarPlan(scalarOf(ns));
}

/** The plan for a structure (or union: they read alike, and the CLI prints only modelled members). */
export function structPlan(ns: NormalizedSchema): StructPlan {
  const key = ns.getSchema() as unknown as object;
  const hit = structPlans.get(key);
  if (hit) return hit;
  const names: string[] = [];
  const schemas: NormalizedSchema[] = [];
  const byTag = new Map<string, number>();
  let unreadable = false;
  for (const [name, member] of modelOrderedMembers(ns)) {
    const traits = member.getMergedTraits() as { httpPayload?: unknown; xmlName?: unknown };
    const own = (member.getMemberTraits() as { xmlName?: unknown }).xmlName;
    const tag = traits.httpPayload ? String(traits.xmlName ?? member.getName()) : typeof own === "string" ? own : name;
    if (byTag.has(tag) || inheritedName(tag)) unreadable = true;
    else byTag.set(tag, names.length);
    names.push(name);
    schemas.push(member);
  }
  const plans: (Plan | undefined)[] = new Array(names.length);
  const plan: StructPlan = {
    kind: Kind.Struct,
    names,
    byTag,
    unreadable,
    member: (i) => (plans[i] ??= planFor(schemas[i]!)),
  };
  structPlans.set(key, plan);
  return plan;
}
