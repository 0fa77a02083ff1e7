// The two ways kumo can turn a successful query protocol response into its
// printable document: the SDK's deserializer followed by normalizeResponse,
// and the one-pass reader (src/request/query-xml.ts); and a dump of a
// document that shows everything that can differ (key order, float marks).
import { AwsEc2QueryProtocol, AwsQueryProtocol } from "@aws-sdk/core/protocols";
import { NormalizedSchema, operation } from "@smithy/core/schema";
import { FLOAT_KEYS, ORDERED_DICT, type Doc, type DocObject } from "../../../src/output/document.ts";
import { normalizeResponse, type TimestampFormat } from "../../../src/output/normalize.ts";
import { printableDocument, attachPrintable } from "../../../src/request/printable.ts";
import { readQueryXml } from "../../../src/request/query-xml.ts";
import { installWireValueCapture } from "../../../src/request/wire-values.ts";
import { operationShapes } from "../../../src/services/shape.ts";

export type QueryProtocolName = "awsQuery" | "ec2Query";

/** An operation schema as the SDK's clients hold it: [9, namespace, name, traits, input, output]. */
export type OperationTuple = readonly [number, string, string, unknown, unknown, unknown];

const protocols = new Map<QueryProtocolName, AwsQueryProtocol>();

/** A pristine SDK protocol object (never wrapped by kumo). */
function sdkProtocol(name: QueryProtocolName): AwsQueryProtocol {
  let p = protocols.get(name);
  if (!p) {
    const options = { defaultNamespace: "com.example", xmlNamespace: "https://example.com/", version: "2020-01-08" };
    p = name === "ec2Query" ? new AwsEc2QueryProtocol(options) : new AwsQueryProtocol(options);
    protocols.set(name, p);
  }
  return p;
}

function bytesOf(body: string | Uint8Array): Uint8Array {
  return typeof body === "string" ? new TextEncoder().encode(body) : body;
}

/** The document from the SDK's deserializer and normalizeResponse; `error` when the SDK fails. */
export async function sdkDocument(
  protocol: QueryProtocolName,
  op: OperationTuple,
  body: string | Uint8Array,
  tsFormat: TimestampFormat,
): Promise<{ doc: DocObject } | { error: unknown }> {
  installWireValueCapture();
  const response = { statusCode: 200, headers: { "content-type": "text/xml" }, body: bytesOf(body) };
  let output: Record<string, unknown>;
  try {
    output = (await sdkProtocol(protocol).deserializeResponse(operation(op[1], op[2], op[3] as never, op[4] as never, op[5] as never), {} as never, response as never)) as unknown as Record<string, unknown>;
  } catch (error) {
    return { error };
  }
  return { doc: normalizeResponse(output, operationShapes(op).output, tsFormat) };
}

/** The document from the one-pass reader (through normalizeResponse, as kumo uses it); undefined when it gives up. */
export function fastDocument(protocol: QueryProtocolName, op: OperationTuple, body: string | Uint8Array, tsFormat: TimestampFormat): DocObject | undefined {
  const ns = NormalizedSchema.of(op[5] as never);
  // The fast path leaves operations without output to the SDK.
  if (!ns.isStructSchema()) return undefined;
  const text = typeof body === "string" ? body : Buffer.from(body).toString("utf8");
  const printable = readQueryXml(text, ns, protocol === "awsQuery" ? `${op[2]}Result` : undefined);
  if (printable === undefined) return undefined;
  const output: Record<string, unknown> = { $metadata: {} };
  attachPrintable(output, printable);
  const doc = normalizeResponse(output, operationShapes(op).output, tsFormat);
  if (doc !== printableDocument(output, tsFormat)) throw new Error("normalizeResponse did not hand on the printable document");
  return doc;
}

/**
 * A text form of a document in which everything kumo's formatters look at
 * shows: key order, number values (-0, NaN), the float marks of each
 * container, ordered-dict marks.
 */
export function dump(doc: Doc): string {
  if (doc === null) return "null";
  if (typeof doc === "number") return Object.is(doc, -0) ? "-0" : String(doc);
  if (typeof doc !== "object") return JSON.stringify(doc);
  const marks = (doc as unknown as { [FLOAT_KEYS]?: Set<string | number> })[FLOAT_KEYS];
  const markText = marks && marks.size ? `~floats${JSON.stringify([...marks].map(String).sort())}` : "";
  if (Array.isArray(doc)) return `[${doc.map(dump).join(",")}]${markText}`;
  const ordered = (doc as unknown as { [ORDERED_DICT]?: boolean })[ORDERED_DICT] ? "~ordered" : "";
  return `{${Object.keys(doc)
    .map((k) => `${JSON.stringify(k)}:${dump(doc[k]!)}`)
    .join(",")}}${markText}${ordered}`;
}

/**
 * Compares the two paths on one response, for both timestamp formats.
 * Returns "same", "gave-up" (the reader left it to the SDK), or a description
 * of the difference. When the SDK fails, the reader must give up.
 */
export async function comparePaths(protocol: QueryProtocolName, op: OperationTuple, body: string | Uint8Array): Promise<"same" | "gave-up" | string> {
  let gaveUp = false;
  for (const tsFormat of ["iso8601", "wire"] as const) {
    const sdk = await sdkDocument(protocol, op, body, tsFormat);
    const fast = fastDocument(protocol, op, body, tsFormat);
    if ("error" in sdk) {
      if (fast !== undefined) return `the SDK fails (${String(sdk.error)}) but the fast path gave ${dump(fast).slice(0, 300)}`;
      gaveUp = true;
      continue;
    }
    if (fast === undefined) {
      gaveUp = true;
      continue;
    }
    const a = dump(sdk.doc);
    const b = dump(fast);
    if (a !== b) {
      let at = 0;
      while (at < a.length && a[at] === b[at]) at++;
      return `${tsFormat}: documents differ at ${at}:\n  sdk:  …${a.slice(Math.max(0, at - 120), at + 200)}\n  fast: …${b.slice(Math.max(0, at - 120), at + 200)}`;
    }
  }
  return gaveUp ? "gave-up" : "same";
}
