// Turns what the SDK's deserializer returns into the document the AWS CLI
// prints: members in model order, timestamps per cli_timestamp_format, blobs
// as base64, integral floats marked, map keys in the service's order, no
// `$metadata`.
import type { Shape } from "../services/shape.ts";
import { markFloat, setMember, type Doc, type DocArray, type DocObject } from "./document.ts";
import { formatWireTimestamp, isoFromDate, type TimestampFormat } from "./timestamps.ts";
import { NUMBER_TEXT, WireTimestamp, wireKey } from "../request/wire-values.ts";
import { printableDocument } from "../request/printable.ts";

export type { TimestampFormat } from "./timestamps.ts";

function toBase64(v: Uint8Array): string {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64");
}

class Normalizer {
  constructor(private readonly tsFormat: TimestampFormat) {}

  /** A value with no shape to guide it (documents, unknown members). */
  plain(value: unknown, container?: DocObject | DocArray, key?: string | number): Doc {
    if (value === null || value === undefined) return null;
    if (typeof value === "string") return this.str(value, container, key);
    if (value instanceof WireTimestamp) {
      const doc = formatWireTimestamp(value.raw, this.tsFormat);
      if (value.float && typeof doc === "number" && container !== undefined && key !== undefined) markFloat(container, key);
      return doc;
    }
    if (value instanceof Date) return this.tsFormat === "wire" ? value.getTime() / 1000 : isoFromDate(value);
    if (value instanceof Uint8Array) return toBase64(value);
    if (Array.isArray(value)) {
      const out: DocArray = [];
      value.forEach((v, i) => out.push(this.plain(v, out, i)));
      return out;
    }
    if (typeof value === "object") {
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
        // LazyJsonString and NumericValue carry their text.
        const s = String(value);
        return (value as { type?: string }).type === "bigDecimal" && Number.isFinite(Number(s)) ? Number(s) : s;
      }
      return this.entries(value as Record<string, unknown>, (v, out, k) => this.plain(v, out, k));
    }
    if (typeof value === "bigint") return Number(value);
    return value as Doc;
  }

  /** A map (or document object): keys as the service sent them, in its order. */
  private entries(src: Record<string, unknown>, read: (v: unknown, out: DocObject, key: string) => Doc): DocObject {
    const out: DocObject = {};
    for (const [k, v] of Object.entries(src)) {
      if (v === undefined) continue;
      const key = wireKey(k);
      setMember(out, key, read(v, out, key));
    }
    return out;
  }

  private str(value: string, container?: DocObject | DocArray, key?: string | number): Doc {
    if (value.startsWith(NUMBER_TEXT)) {
      const n = Number(value.slice(NUMBER_TEXT.length));
      if (container !== undefined && key !== undefined) markFloat(container, key);
      return n;
    }
    return value;
  }

  value(value: unknown, shape: Shape, container?: DocObject | DocArray, key?: string | number): Doc {
    if (value === null || value === undefined) return null;
    switch (shape.kind) {
      case "structure":
      case "union": {
        if (typeof value !== "object" || Array.isArray(value)) return this.plain(value, container, key);
        const src = value as Record<string, unknown>;
        const out: DocObject = {};
        for (const [name, member] of shape.members) {
          const v = src[name];
          if (v === undefined || member.isStreaming) continue;
          out[name] = this.value(v, member, out, name);
        }
        return out;
      }
      case "list": {
        if (!Array.isArray(value)) return this.plain(value, container, key);
        const m = shape.member;
        const out: DocArray = [];
        value.forEach((v, i) => out.push(this.value(v, m, out, i)));
        return out;
      }
      case "map": {
        if (typeof value !== "object" || Array.isArray(value)) return this.plain(value, container, key);
        const m = shape.member;
        return this.entries(value as Record<string, unknown>, (v, out, k) => this.value(v, m, out, k));
      }
      default:
        return this.plain(value, container, key);
    }
  }
}

export function normalize(value: unknown, shape: Shape, tsFormat: TimestampFormat = "iso8601"): Doc {
  return new Normalizer(tsFormat).value(value, shape);
}

/**
 * The printable document of one response: `$metadata` and streaming members
 * removed. A response read by the query protocols' fast path
 * (request/query-fast-path.ts) already carries it.
 */
export function normalizeResponse(output: Record<string, unknown>, shape: Shape, tsFormat: TimestampFormat = "iso8601"): DocObject {
  const printable = printableDocument(output, tsFormat);
  if (printable !== undefined) return printable;
  const doc = normalize(output, shape, tsFormat);
  return doc !== null && typeof doc === "object" && !Array.isArray(doc) ? doc : {};
}
