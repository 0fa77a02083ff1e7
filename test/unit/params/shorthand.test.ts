// Shorthand syntax parsing. Every expected value and error text below was
// produced by AWS CLI v2 2.9.19's own parser (awscli/shorthand.py) for the
// same input; the first table covers the cases of aws-cli's
// tests/unit/test_shorthand.py, the rest are edge cases of the grammar.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { parseShorthand, ShorthandParseError, type ShorthandValue } from "../../../src/params/shorthand.ts";

function parsed(input: string): ShorthandValue {
  return parseShorthand(input);
}

function failure(input: string): string {
  try {
    parseShorthand(input);
  } catch (e) {
    assert.ok(e instanceof ShorthandParseError, `not a ShorthandParseError: ${String(e)}`);
    return e.message;
  }
  assert.fail(`parsed without error: ${JSON.stringify(input)}`);
}

const PARSES: [string, ShorthandValue][] = [
  // key=value pairs
  ["foo=bar", { foo: "bar" }],
  ["foo=bar,baz=qux", { foo: "bar", baz: "qux" }],
  ["a=b,c=d,e=f", { a: "b", c: "d", e: "f" }],
  ["foo=", { foo: "" }],
  ["foo=,bar=", { foo: "", bar: "" }],
  ["foo=\u2713", { foo: "\u2713" }],
  ["foo=\u2713,\u2713", { foo: ["\u2713", "\u2713"] }],
  // comma separated values
  ["foo=a,b", { foo: ["a", "b"] }],
  ["foo=a,b,c", { foo: ["a", "b", "c"] }],
  ["foo=a,b,bar=c,d", { foo: ["a", "b"], bar: ["c", "d"] }],
  ["foo=a,b,c,bar=d,e,f", { foo: ["a", "b", "c"], bar: ["d", "e", "f"] }],
  // spaces inside values, trailing spaces dropped
  ["foo=a,b=with space", { foo: "a", b: "with space" }],
  ["foo=a,b=with trailing space  ", { foo: "a", b: "with trailing space" }],
  ["foo=first space", { foo: "first space" }],
  ["foo=a space,bar=a space,baz=a space", { foo: "a space", bar: "a space", baz: "a space" }],
  // key characters
  ["with-dash=bar", { "with-dash": "bar" }],
  ["with_underscore=bar", { with_underscore: "bar" }],
  ["with.dot=bar", { "with.dot": "bar" }],
  ["#key=value", { "#key": "value" }],
  ["some/thing=value", { "some/thing": "value" }],
  ["aws:service:region:124:foo/bar=baz", { "aws:service:region:124:foo/bar": "baz" }],
  // explicit lists
  ["foo=[]", { foo: [] }],
  ["foo=[a]", { foo: ["a"] }],
  ["foo=[a,b]", { foo: ["a", "b"] }],
  ["foo=[a,b,c]", { foo: ["a", "b", "c"] }],
  ["foo=[a,b],bar=c,d", { foo: ["a", "b"], bar: ["c", "d"] }],
  ["foo=[a,b],bar=[c,d]", { foo: ["a", "b"], bar: ["c", "d"] }],
  ["foo=a,b,bar=[c,d]", { foo: ["a", "b"], bar: ["c", "d"] }],
  ["foo=[a=b,c=d]", { foo: ["a=b", "c=d"] }],
  ["foo=[ a , b  , c  ]", { foo: ["a", "b", "c"] }],
  ["foo  =  [ a , b  , c  ]", { foo: ["a", "b", "c"] }],
  ["foo=[,,]", { foo: ["", ""] }],
  // single quotes
  ["foo='bar'", { foo: "bar" }],
  ["foo='bar,baz'", { foo: "bar,baz" }],
  ["foo='bar','baz'", { foo: ["bar", "baz"] }],
  ["foo=bar,'baz'", { foo: ["bar", "baz"] }],
  ["foo=bar,'baz=qux'", { foo: ["bar", "baz=qux"] }],
  ["foo=bar,'--option=bar space'", { foo: ["bar", "--option=bar space"] }],
  ["foo='bar\\'baz'", { foo: "bar'baz" }],
  ["foo='bar\\\\baz'", { foo: "bar\\baz" }],
  // double quotes
  ['foo="bar"', { foo: "bar" }],
  ['foo="bar,baz"', { foo: "bar,baz" }],
  ['foo="bar","baz"', { foo: ["bar", "baz"] }],
  ['foo=bar,"baz=qux"', { foo: ["bar", "baz=qux"] }],
  ['foo=bar,"--option=bar space"', { foo: ["bar", "--option=bar space"] }],
  ['foo="bar\\"baz"', { foo: 'bar"baz' }],
  ['foo="bar\\\\baz"', { foo: "bar\\baz" }],
  // escaped commas
  ["foo=a\\,b", { foo: "a,b" }],
  ["foo=a\\,", { foo: "a," }],
  ["foo=\\,", { foo: "," }],
  ["foo=a,b\\,c", { foo: ["a", "b,c"] }],
  ["foo=a,b\\,", { foo: ["a", "b,"] }],
  ["foo=a,\\,bc", { foo: ["a", ",bc"] }],
  // whitespace around = and ,
  ["foo= bar", { foo: "bar" }],
  ["foo =bar", { foo: "bar" }],
  ["foo = bar", { foo: "bar" }],
  ["foo  =   bar", { foo: "bar" }],
  ["foo = bar,baz = qux", { foo: "bar", baz: "qux" }],
  ["a = b,  c = d , e = f", { a: "b", c: "d", e: "f" }],
  ["foo = ", { foo: "" }],
  ["a=b,c=  d,  e,  f", { a: "b", c: ["d", "e", "f"] }],
  ["Name=foo,Values=  a  ,  b  ,  c  ", { Name: "foo", Values: ["a", "b", "c"] }],
  ["Name=foo,Values= a,  b  ,  c", { Name: "foo", Values: ["a", "b", "c"] }],
  // newlines
  ["Name=foo,\nValues=a,b,c", { Name: "foo", Values: ["a", "b", "c"] }],
  ["A=b,\nC=d,\nE=f\n", { A: "b", C: "d", E: "f" }],
  // hashes
  ["Name={foo=bar,baz=qux}", { Name: { foo: "bar", baz: "qux" } }],
  ["Name={foo=[a,b,c],bar=baz}", { Name: { foo: ["a", "b", "c"], bar: "baz" } }],
  ["Name={foo=bar},Bar=baz", { Name: { foo: "bar" }, Bar: "baz" }],
  ["Bar=baz,Name={foo=bar}", { Bar: "baz", Name: { foo: "bar" } }],
  ["a={b={c=d}}", { a: { b: { c: "d" } } }],
  ["a={b={c=d,e=f},g=h}", { a: { b: { c: "d", e: "f" }, g: "h" } }],
  ["Name=[{foo=bar}, {baz=qux}]", { Name: [{ foo: "bar" }, { baz: "qux" }] }],
  ["Name=[{foo=[a,b]}, {bar=[c,d]}]", { Name: [{ foo: ["a", "b"] }, { bar: ["c", "d"] }] }],
];

const EDGE_PARSES: [string, ShorthandValue][] = [
  // the documented ec2 filter form; a value after a comma that meets "=" ends the list
  ["Name=instance-type,Values=t2.micro,t2.nano", { Name: "instance-type", Values: ["t2.micro", "t2.nano"] }],
  ["Name=tag:Name,Values=a b,c d", { Name: "tag:Name", Values: ["a b", "c d"] }],
  ["a=b,c", { a: ["b", "c"] }],
  ["a=b,c,d=", { a: ["b", "c"], d: "" }],
  ["a=b,c=d\n,e", { a: "b", c: ["d", "e"] }],
  ["a=b,,c=d", { a: "b", c: "d" }],
  ["a=b,c=d=e", { a: "b", c: "d=e" }],
  ["a=b=c", { a: "b=c" }],
  ["a=b,c[", { a: ["b", "c["] }],
  ["a=b,}c", { a: ["b", "}c"] }],
  ["a=b,]c", { a: ["b", "]c"] }],
  ['a=b,"c",d=e', { a: ["b", "c"], d: "e" }],
  // keys may be empty; all key characters
  ["=", { "": "" }],
  ["=a", { "": "a" }],
  ["k:1/2#3.4_5-6=v", { "k:1/2#3.4_5-6": "v" }],
  ["a={=b}", { a: { "": "b" } }],
  // backslashes
  ["a=b\\", { a: "b\\" }],
  ["a=\\,b\\\\,c", { a: ",b\\,c" }],
  // quotes: a quote preceded by a backslash closes the value when nothing else can
  ["a='x\\'", { a: "x\\" }],
  ['a="x\\"', { a: "x\\" }],
  ["a='\\\\'", { a: "\\" }],
  // whitespace: tabs skipped, Unicode spaces right-stripped from bare values
  ["a=b\t,c", { a: ["b", "c"] }],
  ["a=\tb", { a: "b" }],
  ["a=b ,c= d", { a: "b", c: "d" }],
  ["a=b\u00a0", { a: "b" }],
  ["a=b\u00a0,c\u00a0", { a: ["b", "c"] }],
  ["a=b\u3000 ", { a: "b" }],
  ["a= [ b ]", { a: ["b"] }],
  // explicit lists and hashes
  ["a=[{b=c},[d,e],'f']", { a: [{ b: "c" }, ["d", "e"], "f"] }],
  ["a={}", { a: {} }],
  ["a=[b,,c]", { a: ["b", "", "c"] }],
  ["a=[,b]", { a: ["", "b"] }],
  ["a=[b,]", { a: ["b"] }],
  // a key repeated inside braces: the last value wins
  ["a={b=c,b=d}", { a: { b: "d" } }],
];

describe("parseShorthand: values", () => {
  for (const [input, expected] of [...PARSES, ...EDGE_PARSES]) {
    test(JSON.stringify(input), () => {
      assert.deepStrictEqual(parsed(input), expected);
    });
  }

  test("key order is kept", () => {
    assert.deepStrictEqual(Object.keys(parsed("z=1,a=2,m=3") as object), ["z", "a", "m"]);
  });

  test("__proto__ is an ordinary key", () => {
    const top = parsed("__proto__=x") as Record<string, unknown>;
    assert.deepStrictEqual(Object.keys(top), ["__proto__"]);
    assert.equal(Object.getOwnPropertyDescriptor(top, "__proto__")?.value, "x");
    assert.equal(Object.getPrototypeOf(top), Object.prototype);
    const nested = (parsed("a={__proto__=y}") as Record<string, Record<string, unknown>>).a!;
    assert.equal(Object.getOwnPropertyDescriptor(nested, "__proto__")?.value, "y");
  });
});

const ERRORS: [string, string][] = [
  ["foo", "Expected: '=', received: 'EOF' for input:\nfoo\n   ^"],
  ['foo="bar', "Expected: '<double quoted>', received: '<none>' for input:\nfoo=\"bar\n    ^"],
  ["foo='bar", "Expected: '<singled quoted>', received: '<none>' for input:\nfoo='bar\n    ^"],
  ["foo=[bar", "Expected: ',', received: 'EOF' for input:\nfoo=[bar\n        ^"],
  ["foo={bar", "Expected: '=', received: 'EOF' for input:\nfoo={bar\n        ^"],
  ["foo={bar}", "Expected: '=', received: '}' for input:\nfoo={bar}\n        ^"],
  ["foo={bar=bar", "Expected: ',', received: 'EOF' for input:\nfoo={bar=bar\n            ^"],
  ["foo=bar,", "Expected: '<second>', received: '<none>' for input:\nfoo=bar,\n        ^"],
  ["foo==bar,\nbar=baz", "Expected: ',', received: '=' for input:\nfoo==bar,\n    ^\nbar=baz"],
  [
    "foo=bar,foo=qux",
    'Second instance of key "foo" encountered for input:\nfoo=bar,foo=qux\n        ^\n' +
      'This is often because there is a preceding "," instead of a space.',
  ],
  [
    "Name=a,Values=b,Name=c",
    'Second instance of key "Name" encountered for input:\nName=a,Values=b,Name=c\n                ^\n' +
      'This is often because there is a preceding "," instead of a space.',
  ],
  // the caret line counts from the last newline and the rest of the input follows it
  [
    "a=b\n,c=d,a=e",
    'Second instance of key "a" encountered for input:\na=b\n,c=d,a=e\n     ^\n' +
      'This is often because there is a preceding "," instead of a space.',
  ],
  [
    "a=x,\nb=y,\na=z",
    'Second instance of key "a" encountered for input:\na=x,\nb=y,\n    ^\na=z\n' +
      'This is often because there is a preceding "," instead of a space.',
  ],
  ["", "Expected: '=', received: 'EOF' for input:\n\n^"],
  ["a=b,", "Expected: '<second>', received: '<none>' for input:\na=b,\n    ^"],
  ["a=b,  ", "Expected: '<second>', received: '<none>' for input:\na=b,  \n      ^"],
  // characters past U+FFFF are outside every value class; positions count code points
  ["foo=\u{1F600}", "Expected: ',', received: '\u{1F600}' for input:\nfoo=\u{1F600}\n    ^"],
  ["foo=a\u{1F600}", "Expected: ',', received: '\u{1F600}' for input:\nfoo=a\u{1F600}\n     ^"],
  ["foo=\u00e9,\u{1F600}", "Expected: '=', received: '\u{1F600}' for input:\nfoo=\u00e9,\u{1F600}\n      ^"],
  ["a='x\\'y", "Expected: ',', received: 'y' for input:\na='x\\'y\n      ^"],
  ["a='a\\\\'b'", "Expected: ',', received: 'b' for input:\na='a\\\\'b'\n       ^"],
  ["a=[", "Expected: ',', received: 'EOF' for input:\na=[\n   ^"],
  ["a=[]x", "Expected: ',', received: 'x' for input:\na=[]x\n    ^"],
  ["a={b=}", "Expected: ',', received: 'EOF' for input:\na={b=}\n      ^"],
  ["a=b[c]{d}", "Expected: ',', received: ']' for input:\na=b[c]{d}\n     ^"],
  ["a=b,[c", "Expected: '=', received: '[' for input:\na=b,[c\n    ^"],
  ["a=b,{c", "Expected: '=', received: '{' for input:\na=b,{c\n    ^"],
  ["a=b,'c'=d", "Expected: '=', received: ''' for input:\na=b,'c'=d\n    ^"],
  ["a=\u0001", "Expected: ',', received: '\u0001' for input:\na=\u0001\n  ^"],
  ["a=b\u0001", "Expected: ',', received: '\u0001' for input:\na=b\u0001\n   ^"],
  ['{"Name":"x"}', "Expected: '=', received: '{' for input:\n{\"Name\":\"x\"}\n^"],
  ["\ufeff[]", "Expected: '=', received: '\ufeff' for input:\n\ufeff[]\n^"],
];

describe("parseShorthand: errors", () => {
  for (const [input, message] of ERRORS) {
    test(JSON.stringify(input), () => {
      assert.equal(failure(input), message);
    });
  }

  test("a long run of backslashes without a closing quote fails quickly", () => {
    const input = `a='${"\\".repeat(20000)}`;
    const started = Date.now();
    assert.match(failure(input), /^Expected: '<singled quoted>', received: '<none>'/);
    assert.ok(Date.now() - started < 2000);
  });
});

// Differential check against the AWS CLI's own parser, when it is installed here.
const PY = "/usr/bin/python3";
const ORACLE = `
import sys, json
sys.path.insert(0, '/usr/lib/python3/dist-packages')
from awscli import shorthand
out = []
for s in json.load(sys.stdin):
    try:
        out.append({"ok": shorthand.ShorthandParser().parse(s)})
    except shorthand.ShorthandParseError as e:
        out.append({"err": str(e)})
json.dump(out, sys.stdout)
`;

function awscliAvailable(): boolean {
  const r = spawnSync(PY, ["-c", "import sys; sys.path.insert(0, '/usr/lib/python3/dist-packages'); import awscli.shorthand"]);
  return r.status === 0;
}

test("random inputs parse exactly as the AWS CLI parses them", { skip: awscliAvailable() ? false : "the AWS CLI (Python) is not installed" }, () => {
  // A small deterministic generator, so a failure can be reproduced.
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const pieces = ["a", "b", "Name", "Values", "=", ",", "[", "]", "{", "}", "'", '"', "\\", " ", "\n", "\t", "\\,", "\\'",
    "\\\\", "1", "\u00e9", "\u{1F600}", "\u0001", "\u00a0", "#", ":"];
  const seeds = ["a=b", "Name=x,Values=a,b", "a=[b,{c=d}]", "a='x\\'y'", 'a="x\\\\"', "a=b\\,c,d"];
  const inputs: string[] = [];
  for (let k = 0; k < 3000; k++) {
    let s = rnd(2) ? seeds[rnd(seeds.length)]! : "";
    const edits = rnd(10);
    for (let i = 0; i < edits; i++) {
      const at = rnd(s.length + 1);
      s = s.slice(0, at) + pieces[rnd(pieces.length)]! + s.slice(at);
    }
    inputs.push(s);
  }
  const r = spawnSync(PY, ["-c", ORACLE], { input: JSON.stringify(inputs), maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, r.stderr.toString());
  const expected = JSON.parse(r.stdout.toString()) as { ok?: unknown; err?: string }[];
  let mismatches = 0;
  inputs.forEach((input, i) => {
    let got: { ok?: unknown; err?: string };
    try {
      got = { ok: parseShorthand(input) };
    } catch (e) {
      got = { err: (e as Error).message };
    }
    // Both sides are JavaScript objects here, so key order compares like for like.
    if (JSON.stringify(got) !== JSON.stringify(expected[i])) {
      mismatches++;
      if (mismatches <= 5) console.error(JSON.stringify(input), JSON.stringify(got), JSON.stringify(expected[i]));
    }
  });
  assert.equal(mismatches, 0);
});
