// Request and response handlers of the AWS CLI and botocore that the SDK
// does not have, for the customization table:
// - s3api list-objects, list-objects-v2, list-object-versions ask for
//   URL-encoded keys (EncodingType=url) unless the caller chose an encoding,
//   and decode them in the response (the response keeps EncodingType: url);
// - iam policy documents (URL-encoded JSON text) print as JSON documents;
// - cloudformation get-template prints a JSON TemplateBody as a document;
// - ec2 get-console-output prints Output decoded from base64;
// - s3api get-bucket-location prints LocationConstraint even when empty;
// - ec2 run-instances and autoscaling create-launch-configuration send
//   --user-data base64-encoded (users give it as plain text).
import { jsonDoc } from "../../../params/python-json.ts";
import type { Doc, DocObject } from "../../../output/document.ts";
import type { Shape } from "../../../services/shape.ts";
import type { CallContext, CallHandlers } from "./types.ts";

/** Members the S3 response URL-encodes: top-level names and [list, member] pairs. */
export interface EncodedKeys {
  top: string[];
  nested: [string, string][];
}

/** IAM members of botocore's policyDocumentType shape (no other IAM member has these names). */
const IAM_POLICY_MEMBERS = new Set(["AssumeRolePolicyDocument", "PolicyDocument", "Document", "ResourcePolicy"]);

/** S3 listings: keys asked for URL-encoded unless the caller chose an encoding, and decoded in the response. */
export function s3UrlEncodedKeys(keys: EncodedKeys): () => CallHandlers {
  return () => {
    let autoSet = false;
    return {
      before(input) {
        if ("EncodingType" in input) return input;
        autoSet = true;
        return { ...input, EncodingType: "url" };
      },
      after(doc) {
        if (!autoSet || doc.EncodingType !== "url") return doc;
        for (const k of keys.top) if (typeof doc[k] === "string") doc[k] = unquotePlus(doc[k]);
        for (const [list, member] of keys.nested) {
          const items = doc[list];
          if (!Array.isArray(items)) continue;
          for (const item of items) {
            if (item && typeof item === "object" && !Array.isArray(item) && typeof item[member] === "string") item[member] = unquotePlus(item[member]);
          }
        }
        return doc;
      },
    };
  };
}

/** IAM policy documents in responses as JSON documents. */
export function iamPolicyDocuments(c: CallContext): Partial<CallHandlers> {
  return { after: (doc) => decodePolicies(doc, c.outShape) as DocObject };
}

/** Python's urllib.parse.unquote: %XX runs decoded as UTF-8, bad bytes replaced. */
export function unquote(s: string): string {
  if (!s.includes("%")) return s;
  return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return new TextDecoder("utf-8").decode(bytes);
  });
}

/** Python's urllib.parse.unquote_plus: `+` is a space, then unquote. */
export function unquotePlus(s: string): string {
  return unquote(s.replace(/\+/g, " "));
}

/** botocore's json_decode_policies: through structures and lists (not maps). */
function decodePolicies(doc: Doc, shape: Shape): Doc {
  if (doc === null || typeof doc !== "object") return doc;
  if (shape.kind === "list" && Array.isArray(doc)) {
    for (let i = 0; i < doc.length; i++) doc[i] = decodePolicies(doc[i]!, shape.member);
    return doc;
  }
  if (shape.kind === "structure" && !Array.isArray(doc)) {
    for (const [name, member] of shape.members) {
      const v = doc[name];
      if (v === undefined) continue;
      if (member.kind === "string" && IAM_POLICY_MEMBERS.has(name) && typeof v === "string") {
        const decoded = jsonDoc(unquote(v));
        if (decoded !== undefined) doc[name] = decoded;
      } else {
        doc[name] = decodePolicies(v, member);
      }
    }
  }
  return doc;
}

/** cloudformation get-template: a JSON TemplateBody as an ordered document. */
export function decodeTemplateBody(doc: DocObject): DocObject {
  if (typeof doc.TemplateBody === "string") {
    const decoded = jsonDoc(doc.TemplateBody, true);
    if (decoded !== undefined) doc.TemplateBody = decoded;
  }
  return doc;
}

/** ec2 get-console-output: Output decoded from base64. */
export function decodeConsoleOutput(doc: DocObject): DocObject {
  if (typeof doc.Output === "string") doc.Output = new TextDecoder("utf-8").decode(Buffer.from(doc.Output, "base64"));
  return doc;
}

/**
 * s3api get-bucket-location: botocore reads LocationConstraint from the
 * document's root text itself, so a bucket in us-east-1 (an empty root)
 * prints `"LocationConstraint": null` rather than nothing.
 */
export function bucketLocation(doc: DocObject): DocObject {
  if (!("LocationConstraint" in doc)) doc.LocationConstraint = null;
  return doc;
}

/** UserData sent base64-encoded. */
export function encodeUserData(input: Record<string, unknown>): Record<string, unknown> {
  const v = input.UserData;
  if (typeof v === "string") return { ...input, UserData: Buffer.from(v, "utf8").toString("base64") };
  if (v instanceof Uint8Array) return { ...input, UserData: Buffer.from(v).toString("base64") };
  return input;
}
