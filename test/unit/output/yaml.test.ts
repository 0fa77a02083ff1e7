// --output yaml and yaml-stream. Every expected output here and in
// fixtures/recorded.json was printed by the real AWS CLI v2.9.19 (/usr/bin/aws)
// against a local moto server, given the document as a JMESPath literal:
//   aws sts get-caller-identity --endpoint-url http://127.0.0.1:PORT --output yaml --query '`<document>`'
// The anchor examples used queries that return one object twice:
//   --query '{z: @, a: [`1`, `2`][*].{k: `[1]`}, m: [@, @]}'
// and the paginated page with `aws iam list-users --output yaml-stream --query '`{}`'`.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Doc, DocArray, DocObject } from "../../../src/output/document.ts";
import { formatYaml, formatYamlStreamPage } from "../../../src/output/yaml.ts";
import { parsePyJson } from "./pyjson.ts";
import { testRecordedDocs } from "./recorded.ts";

const yaml = (json: string): string => formatYaml(parsePyJson(json));

test("yaml sorts keys, does not indent lists under keys, prints empty containers inline", () => {
  assert.equal(
    yaml(String.raw`{"Reservations": [{"OwnerId": "123456789012", "Groups": [], "Instances": [{"State": {"Name": "running", "Code": 16}, "Tags": [{"Key": "Name", "Value": "web"}], "LaunchTime": "2023-01-01T00:00:00+00:00", "StateReason": {"Code": ""}}]}]}`),
    `Reservations:
- Groups: []
  Instances:
  - LaunchTime: '2023-01-01T00:00:00+00:00'
    State:
      Code: 16
      Name: running
    StateReason:
      Code: ''
    Tags:
    - Key: Name
      Value: web
  OwnerId: '123456789012'
`,
  );
});

test("yaml quotes strings that would read back as another type (YAML 1.2 rules)", () => {
  assert.equal(
    yaml(String.raw`["yes", "on", "true", "Null", "nULL", "~", "0", "-1", "1.", ".5", "+.inf", "NaN", "1e5", "0x1F", "0xG", "017", "1_000", "-_", "1,000", "=", "<<", "2023-01-01", "2002-1-1", "12:30:00"]`),
    `- yes
- on
- 'true'
- 'Null'
- nULL
- '~'
- '0'
- '-1'
- '1.'
- '.5'
- '+.inf'
- NaN
- '1e5'
- '0x1F'
- 0xG
- '017'
- '1_000'
- '-_'
- 1,000
- '='
- '<<'
- '2023-01-01'
- 2002-1-1
- 12:30:00
`,
  );
});

test("yaml numbers, booleans and null", () => {
  assert.equal(
    yaml(String.raw`{"a": [1, 2.5, 5.0, 1e-7, 1e16, 1E400, -1E400, NaN, -0.0], "b": true, "c": null, "d": 0}`),
    `a:
- 1
- 2.5
- 5.0
- 1e-07
- 1e+16
- .inf
- -.inf
- .nan
- -0.0
b: true
c: null
d: 0
`,
  );
});

test("yaml line breaks and edge spaces: single quotes, double quotes when a space meets a break", () => {
  assert.equal(
    yaml(String.raw`[" a", "a ", "a\n", "a\n\nb", "a \nb", "a\n b", "line one\nline two\n"]`),
    `- ' a'
- 'a '
- 'a

  '
- 'a


  b'
- "a \\nb"
- "a\\n b"
- 'line one

  line two

  '
`,
  );
});

test("yaml escapes what libyaml cannot print: tab, controls, BOM, characters beyond U+FFFF", () => {
  assert.equal(
    yaml(String.raw`{"tab": "a\tb", "nul": "a\u0000b", "esc": "a\u001bb", "del": "a\u007fb", "nel": "a\u0085b", "bom": "\ufeffb", "emoji": "😀 x", "ok": "é 日本 a\"b a\\b"}`),
    `bom: "\\uFEFFb"
del: "a\\x7Fb"
emoji: "\\U0001F600 x"
esc: "a\\eb"
nel: "a\\Nb"
nul: "a\\0b"
ok: é 日本 a"b a\\b
tab: "a\\tb"
`,
  );
});

test("yaml folds long scalars past column 80, continuation indented under the key", () => {
  assert.equal(
    yaml(String.raw`{"apostrophes": "it's a long sentence that goes on and on and on and on and on and on and on and on and 'on' and on", "double": "tab\tLorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.  Ut  enim   ad minim veniam", "nested": {"x": ["Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua."]}, "single": "yes: Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.  Ut enim ad minim veniam"}`),
    `apostrophes: it's a long sentence that goes on and on and on and on and on and on
  and on and on and 'on' and on
double: "tab\\tLorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod
  tempor incididunt ut labore et dolore magna aliqua.  Ut  enim   ad minim veniam"
nested:
  x:
  - Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor
    incididunt ut labore et dolore magna aliqua.
single: 'yes: Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod
  tempor incididunt ut labore et dolore magna aliqua.  Ut enim ad minim veniam'
`,
  );
});

test("yaml keys over 128 UTF-8 bytes or with line breaks use the ? form", () => {
  const long = "k".repeat(129);
  const doc: DocObject = { [long]: { a: 1 }, "multi\nkey": [1, 2], short: 1 };
  assert.equal(
    formatYaml(doc),
    `? ${long}
: a: 1
? 'multi

  key'
: - 1
  - 2
short: 1
`,
  );
  assert.equal(formatYaml({ ["k".repeat(128)]: 1 }), `${"k".repeat(128)}: 1\n`);
  // The limit counts UTF-8 bytes: é is 2, 日 is 3.
  const e64 = "é".repeat(64);
  const e65 = "é".repeat(65);
  const j42 = "日".repeat(42) + "kk";
  const j43 = "日".repeat(43);
  assert.equal(
    formatYaml({ [j42]: 1, [j43]: 2, [e64]: 3, [e65]: 4 }),
    `${e64}: 3\n? ${e65}\n: 4\n${j42}: 1\n? ${j43}\n: 2\n`,
  );
});

// The moto caller identity, which the anchor examples query.
const identity = (): DocObject => ({
  UserId: "AKIAIOSFODNN7EXAMPLE",
  Account: "123456789012",
  Arn: "arn:aws:sts::123456789012:user/moto",
});

test("yaml anchors a container that occurs twice and aliases later occurrences", () => {
  const me = identity();
  const k: DocArray = [1];
  const doc: Doc = { z: me, a: [{ k }, { k }], m: [me, me] };
  assert.equal(
    formatYaml(doc),
    `a:
- k: &id001
  - 1
- k: *id001
m:
- &id002
  Account: '123456789012'
  Arn: arn:aws:sts::123456789012:user/moto
  UserId: AKIAIOSFODNN7EXAMPLE
- *id002
z: *id002
`,
  );
  assert.equal(
    formatYamlStreamPage(doc),
    `- a:
  - k: &id001
    - 1
  - k: *id001
  m:
  - &id002
    Account: '123456789012'
    Arn: arn:aws:sts::123456789012:user/moto
    UserId: AKIAIOSFODNN7EXAMPLE
  - *id002
  z: *id002
`,
  );
});

test("yaml equal but distinct containers get no anchors", () => {
  assert.equal(formatYaml([identity(), identity()]).includes("&"), false);
});

test("yaml top-level scalars print as JSON; empty dict prints nothing", () => {
  assert.equal(formatYaml("abc é"), `"abc é"\n`);
  assert.equal(formatYaml(null), "null\n");
  assert.equal(formatYaml(5), "5\n");
  assert.equal(formatYaml(2.5), "2.5\n");
  assert.equal(formatYaml(true), "true\n");
  assert.equal(formatYaml({}), "");
  assert.equal(formatYaml([]), "[]\n");
});

test("yaml-stream prints the page as a one-element list", () => {
  assert.equal(
    formatYamlStreamPage(parsePyJson(String.raw`{"Regions": [{"RegionName": "us-east-1", "Endpoint": "ec2.us-east-1.amazonaws.com"}]}`)),
    `- Regions:
  - Endpoint: ec2.us-east-1.amazonaws.com
    RegionName: us-east-1
`,
  );
  assert.equal(formatYamlStreamPage("abc é"), "- abc é\n");
  assert.equal(formatYamlStreamPage(null), "- null\n");
  assert.equal(formatYamlStreamPage([]), "- []\n");
});

test("yaml-stream: an empty response prints nothing, an empty page of a paginated response prints - {}", () => {
  assert.equal(formatYamlStreamPage({}), "");
  assert.equal(formatYamlStreamPage({}, { paginated: true }), "- {}\n");
});

testRecordedDocs("yaml");
testRecordedDocs("yaml-stream");
