// The AWS CLI prints some values as they were on the wire, where the SDK's
// deserializers keep less: timestamps (the SDK makes millisecond Dates, the CLI
// prints microseconds and keeps offsets; `cli_timestamp_format = wire` prints
// the raw text), floats with no fractional part (`5.0`, which a JavaScript
// number cannot tell from `5`) and the order of map keys that look like
// numbers (JSON.parse lists them first). The SDK offers no hook for this, so kumo wraps
// two deserializer methods, once per process, to hand those values through
// unchanged; output/normalize.ts turns them into what the CLI prints.
import { NormalizedSchema } from "@smithy/core/schema";
import { FromStringShapeDeserializer, JsonShapeDeserializer, JsonShapeDeserializer2 } from "@smithy/core/protocols";
import { isIndexKey } from "../output/document.ts";

/** A timestamp exactly as the service sent it: text (ISO 8601, HTTP date) or epoch seconds. */
export class WireTimestamp {
  /** `float`: epoch seconds written as a float with no fraction (`1700000000.0`, `1.7E9`), which Python keeps a float. */
  constructor(
    readonly raw: string | number,
    readonly float = false,
  ) {}
}

/** Prefix of a number literal carried through as text (an integral float). */
export const NUMBER_TEXT = "\u0000kumo-number:";

/**
 * Prefix of a map key carried through the SDK under another name, so that
 * JSON.parse keeps it in place (see output/document.ts, KEY_ORDER).
 */
export const KEY_TEXT = "\u0000kumo-key:";

/** A map key as the service sent it (without KEY_TEXT). */
export function wireKey(key: string): string {
  return key.charCodeAt(0) === 0 && key.startsWith(KEY_TEXT) ? key.slice(KEY_TEXT.length) : key;
}

/** True for number text whose value prints differently in Python than in JavaScript. */
function isIntegralFloatText(text: string): boolean {
  return /[.eE]/.test(text) && Number.isInteger(Number(text));
}

let installed = false;

export function installWireValueCapture(): void {
  if (installed) return;
  installed = true;

  // XML bodies, query responses and HTTP headers: values arrive as text.
  type Binding = [unknown, number, unknown];
  const fromString = FromStringShapeDeserializer.prototype as unknown as {
    readHttpBinding(binding: Binding, data: unknown, location: unknown): unknown;
  };
  const readHttpBinding = fromString.readHttpBinding;
  fromString.readHttpBinding = function (this: unknown, binding: Binding, data: unknown, location: unknown) {
    if (typeof data === "string") {
      const schema = binding[1] & 0xff;
      if (schema >= 4 && schema <= 7) return new WireTimestamp(data.trim());
      if (schema === 1 && isIntegralFloatText(data.trim())) return NUMBER_TEXT + data.trim();
    }
    return readHttpBinding.call(this, binding, data, location);
  };

  // JSON bodies: timestamps are epoch numbers or text; numbers lose their
  // literal form in JSON.parse, so integral floats are marked in the text first.
  for (const cls of [JsonShapeDeserializer, JsonShapeDeserializer2]) {
    const proto = cls.prototype as unknown as {
      _read(schema: unknown, value: unknown): unknown;
      read(schema: unknown, data: unknown): Promise<unknown>;
    };
    const _read = proto._read;
    proto._read = function (this: unknown, schema: unknown, value: unknown) {
      if (value !== null && value !== undefined && typeof value !== "object") {
        if (NormalizedSchema.of(schema as never).isTimestampSchema()) {
          // Epoch seconds such as `1700000000.0` arrive marked by markWireJson.
          if (typeof value === "string" && value.startsWith(NUMBER_TEXT)) return new WireTimestamp(Number(value.slice(NUMBER_TEXT.length)), true);
          return new WireTimestamp(value as string | number);
        }
      }
      return _read.call(this, schema, value);
    };
    const read = proto.read;
    proto.read = function (this: unknown, schema: unknown, data: unknown) {
      if (data instanceof Uint8Array && data.byteLength > 0) {
        const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("utf8");
        const marked = markWireJson(text);
        if (marked !== text) return read.call(this, schema, marked);
      }
      return read.call(this, schema, data);
    };
  }
}

const CANDIDATE = /\d\.0*(?![0-9])|\d[eE]|"(?:\d+|__proto__)"\s*:/;

/**
 * Rewrites what JSON.parse would lose before the SDK reads a JSON body:
 * number literals such as `5.0` or `1e3` (outside strings) become strings
 * prefixed with NUMBER_TEXT, and object keys JavaScript cannot keep in place
 * (index-like keys, which objects list first, and `__proto__`) get the
 * KEY_TEXT prefix (see wireKey). Other text is untouched. Fast path: no
 * candidate anywhere, no work.
 */
export function markWireJson(json: string): string {
  if (!CANDIDATE.test(json)) return json;
  let out = "";
  let last = 0;
  const n = json.length;
  let i = 0;
  while (i < n) {
    const c = json.charCodeAt(i);
    if (c === 34 /* " */) {
      const from = i;
      let escaped = false;
      i++;
      while (i < n) {
        const d = json.charCodeAt(i);
        if (d === 92 /* \ */) {
          escaped = true;
          i += 2;
        } else if (d === 34) {
          i++;
          break;
        } else i++;
      }
      // A key: the string is followed by a colon.
      let j = i;
      while (j < n && (json.charCodeAt(j) === 32 || json.charCodeAt(j) === 10 || json.charCodeAt(j) === 13 || json.charCodeAt(j) === 9)) j++;
      if (json.charCodeAt(j) === 58 /* : */) {
        const key = escaped ? (JSON.parse(json.slice(from, i)) as string) : json.slice(from + 1, i - 1);
        if (key === "__proto__" || isIndexKey(key)) {
          out += json.slice(last, from) + JSON.stringify(KEY_TEXT + key);
          last = i;
        }
      }
      continue;
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < n) {
        const d = json.charCodeAt(j);
        if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) j++;
        else break;
      }
      const lit = json.slice(i, j);
      if (isIntegralFloatText(lit)) {
        out += json.slice(last, i) + JSON.stringify(NUMBER_TEXT + lit);
        last = j;
      }
      i = j;
      continue;
    }
    i++;
  }
  return last === 0 ? json : out + json.slice(last);
}
