// A service pack holds one AWS SDK client's runtime schemas as data (see
// scripts/lib/extract-pack.cjs). This module turns the pack back into the
// schema objects the SDK's protocols read, one node at a time and only when a
// protocol or kumo asks for it, so an EC2 call builds a few dozen schemas
// instead of twenty thousand.
import { readFileSync } from "node:fs";

export interface PackHeader {
  format: number;
  package: string;
  version: string;
  clientName: string;
  serviceId: string;
  apiVersion: string;
  protocol: string;
  protocolSettings: Record<string, unknown>;
  namespace: string | null;
  syntheticNamespace: string | null;
  operations: Record<string, { s: number; ep: string; mw: string }>;
  paginators: Record<string, [string | null, string | null, string | null]>;
  errors: number[];
  /** Byte offsets (in the text) of node i: [offsets[i], offsets[i+1]). */
  offsets: number[];
}

type Encoded = number | string | boolean | null | Encoded[] | { $r: number } | { $v: Encoded } | { [k: string]: Encoded };
// SDK static schema: nested arrays of numbers, strings, trait objects and thunks.
export type StaticSchema = unknown;

export class Pack {
  readonly header: PackHeader;
  private readonly text: string;
  private readonly built: StaticSchema[] = [];

  constructor(text: string) {
    const nl = text.indexOf("\n");
    this.header = JSON.parse(text.slice(0, nl)) as PackHeader;
    this.text = text;
  }

  static load(file: string): Pack {
    return new Pack(readFileSync(file, "utf8"));
  }

  /** The schema object for node `id` (built once, then shared, as the SDK expects). */
  node(id: number): StaticSchema {
    const hit = this.built[id];
    if (hit !== undefined) return hit;
    const { offsets } = this.header;
    const raw = JSON.parse(this.text.slice(offsets[id], offsets[id + 1])) as Encoded[];
    // Register before decoding children so cycles resolve to this same array.
    const arr: unknown[] = [];
    this.built[id] = arr;
    for (const v of raw) arr.push(this.decode(v));
    return arr;
  }

  private decode(v: Encoded): unknown {
    if (Array.isArray(v)) return v.map((x) => this.decode(x));
    if (v !== null && typeof v === "object") {
      if ("$r" in v && typeof v.$r === "number") {
        const id = v.$r;
        return () => this.node(id);
      }
      if ("$v" in v && Object.keys(v).length === 1) {
        const value = this.decode(v.$v as Encoded);
        return () => value;
      }
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[k] = this.decode(x as Encoded);
      return o;
    }
    return v;
  }

  /**
   * Makes `target` (an empty array a client module already holds) the schema
   * object of node `id`, so both share one identity.
   */
  adopt(id: number, target: unknown[]): void {
    if (this.built[id] !== undefined) throw new Error(`pack node ${id} was built before it was adopted`);
    const { offsets } = this.header;
    const raw = JSON.parse(this.text.slice(offsets[id], offsets[id + 1])) as Encoded[];
    this.built[id] = target;
    for (const v of raw) target.push(this.decode(v));
  }

  operationNames(): string[] {
    return Object.keys(this.header.operations);
  }

  operation(name: string): StaticSchema | undefined {
    const op = this.header.operations[name];
    return op === undefined ? undefined : this.node(op.s);
  }

  errorSchemas(): StaticSchema[] {
    return this.header.errors.map((id) => this.node(id));
  }
}
