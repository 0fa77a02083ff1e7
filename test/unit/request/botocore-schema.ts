// Builds SDK runtime schemas (the static tuples @smithy/core's
// NormalizedSchema reads) from the botocore model shapes of the protocol test
// vectors, the way the SDK's code generator renders the same Smithy traits:
// locationName → xmlName, flattened → xmlFlattened, timestamp formats as the
// schema numbers 5 (date-time), 6 (http-date), 7 (epoch-seconds).
import type { OperationTuple } from "./query-paths.ts";

interface MemberRef {
  shape: string;
  locationName?: string;
  flattened?: boolean;
  timestampFormat?: string;
}

export interface BotocoreShape {
  type: string;
  members?: Record<string, MemberRef>;
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  flattened?: boolean;
  locationName?: string;
  timestampFormat?: string;
  union?: boolean;
}

const NS = "com.example";

const TIMESTAMP: Record<string, number> = { iso8601: 5, rfc822: 6, unixTimestamp: 7 };

function timestampSchema(format: string | undefined): number {
  return format === undefined ? 4 : (TIMESTAMP[format] ?? 4);
}

/** Schemas for one set of botocore shapes. */
export class SchemaBuilder {
  private readonly built = new Map<string, unknown>();

  constructor(private readonly shapes: Record<string, BotocoreShape>) {}

  /** A member reference: [target, traits] when the member has traits of its own. */
  private member(ref: MemberRef): unknown {
    const target = ref.timestampFormat !== undefined && this.shapes[ref.shape]?.type === "timestamp" ? timestampSchema(ref.timestampFormat) : this.ref(ref.shape);
    const traits: Record<string, unknown> = {};
    if (ref.locationName !== undefined) traits.xmlName = ref.locationName;
    if (ref.flattened) traits.xmlFlattened = 1;
    return Object.keys(traits).length ? [target, traits] : target;
  }

  /** A reference to a named shape: a number for simple shapes, a thunk for aggregates (they may recurse). */
  ref(name: string): unknown {
    const shape = this.shapes[name];
    if (!shape) throw new Error(`no shape ${name}`);
    switch (shape.type) {
      case "string":
      case "character":
        return 0;
      case "integer":
      case "long":
      case "short":
      case "byte":
      case "float":
      case "double":
        return 1;
      case "boolean":
        return 2;
      case "blob":
        return 21;
      case "timestamp":
        return timestampSchema(shape.timestampFormat);
      default:
        return () => this.aggregate(name, shape);
    }
  }

  private aggregate(name: string, shape: BotocoreShape): unknown {
    const hit = this.built.get(name);
    if (hit) return hit;
    const traits: Record<string, unknown> = {};
    if (shape.flattened) traits.xmlFlattened = 1;
    if (shape.locationName !== undefined) traits.xmlName = shape.locationName;
    const t = Object.keys(traits).length ? traits : 0;
    let schema: unknown[];
    if (shape.type === "structure") {
      schema = [shape.union ? 4 : 3, NS, name, t, [], []];
      this.built.set(name, schema);
      for (const [m, ref] of Object.entries(shape.members ?? {})) {
        (schema[4] as string[]).push(m);
        (schema[5] as unknown[]).push(this.member(ref));
      }
    } else if (shape.type === "list") {
      schema = [1, NS, name, t, undefined];
      this.built.set(name, schema);
      schema[4] = this.member(shape.member!);
    } else if (shape.type === "map") {
      schema = [2, NS, name, t, undefined, undefined];
      this.built.set(name, schema);
      schema[4] = this.member(shape.key!);
      schema[5] = this.member(shape.value!);
    } else {
      throw new Error(`shape type ${shape.type} of ${name} is not in the query protocols`);
    }
    return schema;
  }

  /** An operation schema with no input and the given output shape. */
  operation(name: string, outputShape: string | undefined): OperationTuple {
    return [9, NS, name, 0, "unit", outputShape === undefined ? "unit" : this.ref(outputShape)];
  }
}
