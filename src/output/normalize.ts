// Turns what the SDK's deserializer returns into the document the AWS CLI
// prints: members in model order, timestamps as ISO 8601 text the way Python
// prints them, blobs as base64, no `$metadata`.
import type { Shape } from "../services/shape.ts";
import type { Doc, DocObject } from "./document.ts";

export type TimestampFormat = "iso8601" | "wire";

/** Python's datetime.isoformat() for a UTC instant: microseconds only when non-zero. */
export function isoTimestamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const base =
    `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}` +
    `T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  const ms = d.getUTCMilliseconds();
  return (ms ? `${base}.${p(ms, 3)}000` : base) + "+00:00";
}

function toBase64(v: Uint8Array): string {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64");
}

function plain(value: unknown): Doc {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return isoTimestamp(value);
  if (value instanceof Uint8Array) return toBase64(value);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object") {
    // LazyJsonString and NumericValue carry their text.
    if (typeof (value as { toString?: unknown }).toString === "function" && Object.getPrototypeOf(value) !== Object.prototype) {
      const s = String(value);
      const n = Number(s);
      return (value as { type?: string }).type === "bigDecimal" && Number.isFinite(n) ? n : s;
    }
    const o: DocObject = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) o[k] = plain(v);
    }
    return o;
  }
  if (typeof value === "bigint") return Number(value);
  return value as Doc;
}

export function normalize(value: unknown, shape: Shape): Doc {
  if (value === null || value === undefined) return null;
  switch (shape.kind) {
    case "structure":
    case "union": {
      if (typeof value !== "object") return plain(value);
      const src = value as Record<string, unknown>;
      const out: DocObject = {};
      for (const [name, member] of shape.members) {
        const v = src[name];
        if (v === undefined) continue;
        if (member.isStreaming) continue;
        out[name] = normalize(v, member);
      }
      return out;
    }
    case "list": {
      if (!Array.isArray(value)) return plain(value);
      const m = shape.member;
      return value.map((v) => normalize(v, m));
    }
    case "map": {
      if (typeof value !== "object") return plain(value);
      const m = shape.member;
      const out: DocObject = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v !== undefined) out[k] = normalize(v, m);
      }
      return out;
    }
    default:
      return plain(value);
  }
}

/** The printable document of one response: `$metadata` and streaming members removed. */
export function normalizeResponse(output: Record<string, unknown>, shape: Shape): DocObject {
  const doc = normalize(output, shape);
  return doc !== null && typeof doc === "object" && !Array.isArray(doc) ? doc : {};
}
