// Successful responses of the AWS query protocols (awsQuery: iam, sts, rds,
// cloudformation, autoscaling, elbv2, sns, ...; ec2Query: ec2) read straight
// into the document kumo prints.
//
// Why: kumo has to be several times faster than the AWS CLI per command, and
// on large answers the SDK's reading dominated. For `ec2 describe-instances`
// with 100 instances (337 KB of XML, 573 KB of JSON printed) kumo spent about
// 200 ms turning the response into output: @aws-sdk/xml-builder's parseXML
// (~86 ms) builds an object tree, the SDK's XmlShapeDeserializer (60–90 ms)
// walks it into SDK values, output/normalize.ts (~30 ms) walks those into the
// printable document, and garbage collection follows all three. The AWS CLI
// parses the same answer in about 50 ms. query-xml.ts does the three steps in
// one pass over the text, guided by the operation's output schema.
//
// The SDK still does everything else: serializing, signing, retries, and
// every response with status 300 or above (errors) goes through its error
// handling unchanged. The wrapped deserializeResponse returns an ordinary SDK
// output object (`$metadata`, and the SDK's members, read by the SDK only if
// someone asks for them) carrying the document under a symbol;
// output/normalize.ts hands that document on as is. Whenever query-xml.ts
// meets something it does not read exactly as the SDK would, the SDK reads
// the response as before.
import { collectBody } from "@smithy/core/protocols";
import { NormalizedSchema } from "@smithy/core/schema";
import { attachPrintable, type PrintableResponse } from "./printable.ts";
import { readQueryXml } from "./query-xml.ts";

interface OperationSchema {
  name: string;
  output: unknown;
}

interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}

type Deserialize = (operationSchema: OperationSchema, context: unknown, response: HttpResponse) => Promise<Record<string, unknown>>;

/** The parts of @aws-sdk/core's AwsQueryProtocol (and AwsEc2QueryProtocol) used here. */
interface QueryProtocol {
  getShapeId(): string;
  useNestedResult(): boolean;
  deserializeMetadata(response: HttpResponse): Record<string, unknown>;
  deserializer: { read(schema: unknown, bytes: Uint8Array, key?: string): unknown };
  deserializeResponse: Deserialize;
}

const QUERY_PROTOCOLS = new Set(["aws.protocols#awsQuery", "aws.protocols#ec2Query"]);
const INSTALLED = Symbol.for("kumo.queryFastPath");

/** Reads successful responses of `client`'s protocol with the fast path, when it is awsQuery or ec2Query. */
export function installQueryFastPath(client: { config: Record<string, unknown> }): void {
  const protocol = client.config.protocol as (QueryProtocol & { [INSTALLED]?: true }) | undefined;
  if (!protocol || typeof protocol.getShapeId !== "function" || !QUERY_PROTOCOLS.has(protocol.getShapeId())) return;
  if (protocol[INSTALLED]) return;
  protocol[INSTALLED] = true;
  const sdkDeserialize = protocol.deserializeResponse;
  protocol.deserializeResponse = async function (this: QueryProtocol, operationSchema, context, response) {
    if (response.statusCode >= 300) return sdkDeserialize.call(this, operationSchema, context, response);
    const ns = NormalizedSchema.of(operationSchema.output as never);
    if (!ns.isStructSchema()) return sdkDeserialize.call(this, operationSchema, context, response);
    const bytes = await collectBody(response.body as never, context as never);
    const shortName = operationSchema.name.split("#")[1] ?? operationSchema.name;
    const resultTag = this.useNestedResult() ? `${shortName}Result` : undefined;
    let printable: PrintableResponse | undefined;
    if (bytes.byteLength > 0) {
      try {
        printable = readQueryXml(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"), ns, resultTag);
      } catch {
        printable = undefined;
      }
    }
    if (printable === undefined) {
      response.body = bytes;
      return sdkDeserialize.call(this, operationSchema, context, response);
    }
    for (const header of Object.keys(response.headers)) {
      const value = response.headers[header]!;
      delete response.headers[header];
      response.headers[header.toLowerCase()] = value;
    }
    return printableOutput(printable, this.deserializeMetadata(response), () => this.deserializer.read(ns, bytes, resultTag));
  };
}

/**
 * An SDK output object for a printable response: `$metadata`, the document
 * under a symbol, and the SDK's own members, read on first access.
 */
function printableOutput(printable: PrintableResponse, metadata: Record<string, unknown>, sdkRead: () => unknown): Record<string, unknown> {
  const output: Record<string, unknown> = { $metadata: metadata };
  attachPrintable(output, printable);
  let sdk: Record<string, unknown> | undefined;
  for (const name of Object.keys(printable.doc)) {
    Object.defineProperty(output, name, {
      enumerable: true,
      configurable: true,
      get: () => (sdk ??= (sdkRead() ?? {}) as Record<string, unknown>)[name],
    });
  }
  return output;
}
