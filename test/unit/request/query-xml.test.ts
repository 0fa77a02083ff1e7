// The one-pass reader of query protocol responses (src/request/query-xml.ts)
// must give exactly the document the SDK's deserializer and normalizeResponse
// give: same keys in the same order, same values, same float marks, for
// both timestamp formats. Where it cannot, it must give up (and the SDK
// reads the response). Checked on the botocore protocol test vectors and on
// responses written to hit each rule of the SDK's XML reading.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { comparePaths, dump, fastDocument, sdkDocument, type OperationTuple, type QueryProtocolName } from "./query-paths.ts";
import { SchemaBuilder, type BotocoreShape } from "./botocore-schema.ts";
import { docKeys, type DocObject } from "../../../src/output/document.ts";
import { formatJson } from "../../../src/output/json.ts";

const CONFORMANCE = join(import.meta.dirname, "../../../../shared/conformance/botocore-protocols");

interface VectorSuite {
  description: string;
  shapes: Record<string, BotocoreShape>;
  cases: {
    id?: string;
    given: { name: string; output?: { shape: string } };
    response: { status_code: number; body?: string };
    result?: unknown;
  }[];
}

const VECTOR_FILES: [string, QueryProtocolName][] = [
  ["output/ec2.json", "ec2Query"],
  ["output/query.json", "awsQuery"],
  ["legacy/output/ec2.json", "ec2Query"],
  ["legacy/output/query.json", "awsQuery"],
];

for (const [file, protocol] of VECTOR_FILES) {
  const path = join(CONFORMANCE, file);
  test(`botocore protocol vectors ${file}: the fast path gives the SDK path's document`, { skip: existsSync(path) ? false : `${path} is absent` }, async (t) => {
    const suites = JSON.parse(readFileSync(path, "utf8")) as VectorSuite[];
    let compared = 0;
    for (const [s, suite] of suites.entries()) {
      const schemas = new SchemaBuilder(suite.shapes);
      for (const [c, vector] of suite.cases.entries()) {
        const id = vector.id ?? `${suite.description} #${s}.${c}`;
        if (vector.response.status_code >= 300) continue; // errors stay with the SDK
        const op = schemas.operation(vector.given.name, vector.given.output?.shape);
        const body = vector.response.body ?? "";
        const result = await comparePaths(protocol, op, body);
        // Without a body or an output shape there is nothing to read: the SDK gives {}.
        const expected = body === "" || !vector.given.output ? "gave-up" : "same";
        await t.test(id, () => assert.equal(result, expected, `${id}: ${result}`));
        compared++;
      }
    }
    assert.ok(compared > 0, "no vector compared");
  });
}

// ---- responses written for the rules ----------------------------------------

const SHAPES: Record<string, BotocoreShape> = {
  Output: {
    type: "structure",
    members: {
      Str: { shape: "String" },
      Other: { shape: "String", locationName: "otherName" },
      Num: { shape: "Integer" },
      Dbl: { shape: "Double" },
      Bool: { shape: "Boolean" },
      When: { shape: "Timestamp" },
      Epoch: { shape: "EpochTimestamp" },
      Bytes: { shape: "Blob" },
      Items: { shape: "StringList" },
      Flat: { shape: "StringList", flattened: true },
      Nums: { shape: "DoubleList" },
      Nested: { shape: "ListOfLists" },
      Structs: { shape: "InnerList" },
      Inner: { shape: "Inner" },
      Tags: { shape: "TagMap" },
      FlatTags: { shape: "TagMap", flattened: true },
      Named: { shape: "NamedMap" },
      Inners: { shape: "InnerMap" },
    },
  },
  Inner: { type: "structure", members: { B: { shape: "String" }, A: { shape: "String" }, N: { shape: "Double" }, Child: { shape: "Inner" } } },
  String: { type: "string" },
  Integer: { type: "integer" },
  Double: { type: "double" },
  Boolean: { type: "boolean" },
  Timestamp: { type: "timestamp" },
  EpochTimestamp: { type: "timestamp", timestampFormat: "unixTimestamp" },
  Blob: { type: "blob" },
  StringList: { type: "list", member: { shape: "String" } },
  DoubleList: { type: "list", member: { shape: "Double", locationName: "item" } },
  ListOfLists: { type: "list", member: { shape: "StringList" } },
  InnerList: { type: "list", member: { shape: "Inner" } },
  TagMap: { type: "map", key: { shape: "String" }, value: { shape: "String" } },
  NamedMap: { type: "map", key: { shape: "String", locationName: "Name" }, value: { shape: "Double", locationName: "Val" } },
  InnerMap: { type: "map", key: { shape: "String" }, value: { shape: "Inner" } },
};

const schemas = new SchemaBuilder(SHAPES);
const OP = schemas.operation("Op", "Output");

/** An awsQuery body with `inner` as the result's content. */
const q = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<OpResponse xmlns="https://example.com/">\n  <OpResult>${inner}</OpResult>\n  <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>\n</OpResponse>\n`;
/** An ec2Query body with `inner` as the root's content. */
const e = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<OpResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">\n  <requestId>r-1</requestId>${inner}\n</OpResponse>`;

const SAME: Record<string, string> = {
  "a map key named __proto__": q("<Tags><entry><key>a</key><value>1</value></entry><entry><key>__proto__</key><value>v</value></entry></Tags>"),
  "all scalars": q(
    "<Str>hello</Str><otherName>x</otherName><Num>42</Num><Dbl>2.5</Dbl><Bool>true</Bool><When>2024-01-02T03:04:05.123456Z</When><Epoch>1700000000.5</Epoch><Bytes>aGVsbG8=</Bytes>",
  ),
  "member order is the schema's, not the document's": q("<Bytes>AA==</Bytes><Bool>false</Bool><Str>z</Str><Num>1</Num>"),
  "member name instead of its xmlName is unknown": q("<Other>ignored</Other><otherName>kept</otherName>"),
  "entities": q("<Str>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#65;&#x42;&#xa;&#10;&#x1F600;&#128512; &unknown; &constructor; &amp;amp;</Str>"),
  "CDATA, comments and processing instructions inside text": q("<Str>a<![CDATA[<b>&amp;</b>]]>c<!-- note -->d<?pi x?>e</Str>"),
  "CRLF becomes LF": q("<Str>line1\r\nline2\rline3</Str>").replace("<OpResponse", "<OpResponse\r\n"),
  "whitespace with a line break is empty": q("<Str>\n   </Str><Items>\n</Items><Inner>\n  \n</Inner>"),
  "whitespace without a line break is kept": q("<Str>   </Str><otherName> padded </otherName>"),
  "an encoded line break alone is empty": q("<Str>&#xA;</Str><otherName>&#10;  </otherName>"),
  "empty elements by type": q("<Str></Str><otherName/><Num></Num><Dbl/><Bool/><When></When><Epoch/><Bytes></Bytes><Items/><Flat/><Inner/><Tags/><Structs></Structs>"),
  "text in structures, lists and maps reads as empty": q("<Inner>text</Inner><Items>text</Items><Tags>text</Tags>"),
  "numbers": q("<Num> 7 </Num><Dbl>5.0</Dbl><Nums><item>1e3</item><item>2.50</item><item>-0.0</item><item>NaN</item><item>Infinity</item><item>-Infinity</item><item>3</item><item>0x10</item><item>abc</item><item></item></Nums>"),
  "integral floats in structures, lists and maps": q("<Inner><N>12.000</N></Inner><Structs><member><N>1.0</N></member><member><N>1.5</N></member></Structs><Named><entry><Name>a</Name><Val>2.0</Val></entry><entry><Name>b</Name><Val>2</Val></entry></Named>"),
  "booleans": q("<Bool>TRUE</Bool>"),
  "booleans that are not true": q("<Bool> true</Bool>"),
  "timestamps with spaces, offsets and fractions": q("<When> 2019-12-16T22:48:18-01:00 </When><Epoch>1422172800</Epoch>"),
  "http-date and odd timestamps": q("<When>Sun, 25 Jan 2015 08:00:00 GMT</When><Epoch>not a time</Epoch>"),
  "blob that is not in canonical form": q("<Bytes>QR==</Bytes>"),
  "lists": q("<Items><member>a</member><member/><member>c</member><other>skip</other></Items>"),
  "flattened list": q("<Flat>a</Flat><Str>between</Str><Flat>b</Flat><Flat/>"),
  "nested lists": q("<Nested><member><member>a</member><member>b</member></member><member/><member><member>c</member></member></Nested>"),
  "lists of structures": q("<Structs><member><A>1</A><B>2</B></member><member><Child><A>x</A></Child></member></Structs>"),
  "recursive structures": q("<Inner><Child><Child><Child><A>deep</A></Child></Child></Child></Inner>"),
  "maps": q("<Tags><entry><key>k1</key><value>v1</value></entry><entry><value>v2</value><key>k2</key></entry><entry><key>10</key><value>ten</value></entry><entry><key/><value/></entry></Tags>"),
  "flattened map": q("<FlatTags><key>a</key><value>1</value></FlatTags><FlatTags><key>b</key><value>2</value></FlatTags>"),
  "map with named keys and values": q("<Named><entry><Name>x</Name><Val>1.25</Val></entry></Named>"),
  "map of structures": q("<Inners><entry><key>one</key><value><A>a</A><B>b</B></value></entry><entry><key>two</key><value/></entry></Inners>"),
  "unknown elements, however nested, are skipped": q("<Unknown><Deep a=\"1\"><Deeper>x</Deeper><Str>not this</Str></Deep></Unknown><Str>this</Str><Empty/>"),
  "missing result element": `<OpResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></OpResponse>`,
  "empty result element": `<OpResponse><OpResult/></OpResponse>`,
  "self-closing root": `<OpResponse xmlns="x"/>`,
  "comments before the root": `<!-- c --><?xml version="1.0"?>\n<!-- d -->\n<OpResponse><OpResult><Str>s</Str></OpResult></OpResponse>`,
  "root text is ignored": `<OpResponse>stray<OpResult><Str>s</Str></OpResult></OpResponse>`,
  "close tags with spaces": q("<Str>a</Str ><Items><member>x</member  ></Items>"),
  "string with a NUL character": q("<Str>&#0;</Str>"),
  "attributes (namespaces) on elements": q(
    '<Str xmlns="urn:x" lang="en">x</Str><otherName a="1"> <!-- c -->\n <![CDATA[y]]> z\n</otherName><Inner xmlns="urn:y"><A>a</A></Inner><Items a="b"><member c="d">m</member></Items><Flat xmlns="f">1</Flat><Flat xmlns="f">2</Flat><Structs z="1"/>',
  ),
  "map entries with attributes": q('<Tags><entry xmlns="x"><key a="b">k</key><value c="d">v</value></entry></Tags>'),
};

const SAME_EC2: Record<string, string> = {
  "ec2 root is the output": e("<Str>s</Str><Nums><item>1.0</item></Nums><Structs><member><A>a</A></member></Structs>"),
  "ec2 empty": e(""),
};

const GIVE_UP: Record<string, string> = {
  "an attribute named like a member": q('<Inner A="x"><B>b</B></Inner>'),
  "an attribute named like a list's items": q('<Items member="x"><member>a</member></Items>'),
  "a self-closing scalar with attributes": q('<Str lang="en"/>'),
  "a scalar with attributes and no text": q('<Str lang="en">\n  </Str>'),
  "a map with attributes": q('<Tags a="1"><entry><key>k</key><value>v</value></entry></Tags>'),
  "a map key with attributes and no text": q('<Tags><entry><key a="1"/><value>v</value></entry></Tags>'),
  "an entry attribute named like the key": q('<Tags><entry key="x"><key>k</key><value>v</value></entry></Tags>'),
  "text beside child elements": q("<Inner>x<A>a</A></Inner>"),
  "whitespace without a line break beside child elements": q("<Inner> <A>a</A></Inner>"),
  "a repeated element that is not a flattened list": q("<Str>a</Str><Str>b</Str>"),
  "a repeated list element": q("<Items><member>a</member></Items><Items><member>b</member></Items>"),
  "an element inside a scalar": q("<Str>a<b/>c</Str>"),
  "a map entry without a value": q("<Tags><entry><key>k</key></entry></Tags>"),
  "a map entry without a key": q("<Tags><entry><value>v</value></entry></Tags>"),
  "a repeated map key": q("<Tags><entry><key>k</key><value>1</value></entry><entry><key>k</key><value>2</value></entry></Tags>"),
  "a map without entries": q("<Tags><item>x</item></Tags>"),
  "a blob that is not base64": q("<Bytes>not base64!</Bytes>"),
  "a blob without padding": q("<Bytes>QQ</Bytes>"),
  "a string that looks like kumo's number marker": q("<Str>&#0;kumo-number:5.0</Str>"),
  "mismatched tags": q("<Str>a</Num>"),
  "truncated": q("<Str>a</Str>").slice(0, 80),
  "no root element": "just text",
  "empty body": "",
  "a DOCTYPE": `<!DOCTYPE x><OpResponse><OpResult/></OpResponse>`,
  "a byte order mark": `\ufeff<OpResponse><OpResult/></OpResponse>`,
  "two result elements": `<OpResponse><OpResult><Str>a</Str></OpResult><OpResult><Str>b</Str></OpResult></OpResponse>`,
};

test("responses written for the rules: the fast path gives the SDK path's document", async (t) => {
  for (const [name, body] of Object.entries(SAME)) {
    await t.test(name, async () => assert.equal(await comparePaths("awsQuery", OP, body), "same"));
  }
  for (const [name, body] of Object.entries(SAME_EC2)) {
    await t.test(name, async () => assert.equal(await comparePaths("ec2Query", OP, body), "same"));
  }
});

test("map keys keep the service's order, also keys that look like numbers (JavaScript lists those first)", () => {
  const body = q(["b", "10", "9", "__proto__", "0"].map((k) => `<entry><key>${k}</key><value>${k}!</value></entry>`).join("").replace(/^/, "<Tags>") + "</Tags>");
  const doc = fastDocument("awsQuery", OP, body, "iso8601")!;
  const tags = doc.Tags as DocObject;
  assert.deepEqual(docKeys(tags), ["b", "10", "9", "__proto__", "0"]);
  assert.equal(Object.getPrototypeOf(tags), Object.prototype);
  assert.equal(tags["__proto__"], "__proto__!");
  assert.equal(formatJson(doc), '{\n    "Tags": {\n        "b": "b!",\n        "10": "10!",\n        "9": "9!",\n        "__proto__": "__proto__!",\n        "0": "0!"\n    }\n}\n');
});

test("responses the SDK reads in ways the fast path does not model are left to the SDK", async (t) => {
  for (const [name, body] of Object.entries(GIVE_UP)) {
    await t.test(name, async () => assert.equal(await comparePaths("awsQuery", OP, body), "gave-up"));
  }
});

test("the document: member order, float marks and timestamps per format", async () => {
  const body = q("<When>2024-01-02T03:04:05Z</When><Dbl>3.0</Dbl><Str>s</Str><Nums><item>1.0</item><item>2</item></Nums>");
  const iso = fastDocument("awsQuery", OP, body, "iso8601");
  assert.equal(dump(iso!), '{"Str":"s","Dbl":3,"When":"2024-01-02T03:04:05+00:00","Nums":[1,2]~floats["0"]}~floats["Dbl"]');
  const wire = fastDocument("awsQuery", OP, body, "wire");
  assert.equal(wire!.When, "2024-01-02T03:04:05Z");
  const sdk = await sdkDocument("awsQuery", OP, body, "iso8601");
  assert.ok("doc" in sdk);
  assert.equal(dump(sdk.doc), dump(iso!));
});

test("an operation without output is left to the SDK", () => {
  const op: OperationTuple = schemas.operation("Op", undefined);
  assert.equal(fastDocument("awsQuery", op, q(""), "iso8601"), undefined);
});
