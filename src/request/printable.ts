// A response already read into the document kumo prints (see
// query-fast-path.ts). It rides on the SDK's output object under a symbol, so
// the SDK's middleware sees an ordinary output (with `$metadata`) and
// output/normalize.ts hands the document on instead of normalizing.
//
// Timestamps are printed per cli_timestamp_format, which the reader does not
// know: it leaves the wire text in place and lists where each one is, and
// printableDocument formats them for the format asked for.
import type { DocArray, DocObject } from "../output/document.ts";
import { formatWireTimestamp, type TimestampFormat } from "../output/timestamps.ts";

export const PRINTABLE: unique symbol = Symbol.for("kumo.printableResponse");

export interface PrintableResponse {
  doc: DocObject;
  /** Flat triples: container, key, wire text of each timestamp in `doc`. */
  timestamps: (DocObject | DocArray | string | number)[];
  /** The format the timestamps in `doc` are in now; undefined while they are wire text. */
  format?: TimestampFormat | undefined;
}

/** Puts `printable` on an SDK output object. */
export function attachPrintable(output: Record<string, unknown>, printable: PrintableResponse): void {
  Object.defineProperty(output, PRINTABLE, { value: printable, enumerable: false });
}

/** The printable document carried by an SDK output, timestamps in `format`; undefined when there is none. */
export function printableDocument(output: object, format: TimestampFormat): DocObject | undefined {
  const p = (output as { [PRINTABLE]?: PrintableResponse })[PRINTABLE];
  if (p === undefined) return undefined;
  if (p.format !== format) {
    const t = p.timestamps;
    for (let i = 0; i < t.length; i += 3) {
      const container = t[i] as DocObject & DocArray;
      const key = t[i + 1] as string & number;
      container[key] = formatWireTimestamp(t[i + 2] as string, format);
    }
    p.format = format;
  }
  return p.doc;
}
