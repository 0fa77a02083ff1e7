// The config-file dialect, case by case. Every expectation was produced by
// the reference implementation, botocore.configloader.raw_config_parse
// (botocore 1.43.11 on Python 3.11, the configparser that AWS CLI 2.9.19
// runs on), for the same file contents: "subsections" with
// parse_subsections=True (what the CLI uses), "raw" with False when it
// differs; "error" means it raised ConfigParseError.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ConfigParseError, parseIni, pyStrip } from "../../../src/config/ini.ts";
import { EXIT } from "../../../src/errors/index.ts";

type Expected = "error" | Record<string, Record<string, string | Record<string, string>>>;
interface Case {
  name: string;
  text: string;
  subsections: Expected;
  raw?: Expected;
}

const CASES: Case[] = [
  {
    name: "'=' and ':' both separate key and value; the first one splits",
    text: "[s]\na = b = c\nd: e = f\nurl = http://h:80/p\ng : h\n",
    subsections: {"s":{"a":"b = c","d":"e = f","url":"http://h:80/p","g":"h"}},
  },
  {
    name: "keys are lower-cased, values keep their case",
    text: "[s]\nRegion = US-East-1\nMiXeD_Key=Value\n",
    subsections: {"s":{"region":"US-East-1","mixed_key":"Value"}},
  },
  {
    name: "keys and values are stripped; a key may contain spaces",
    text: "[s]\n  key one   =   value  with  spaces   \n",
    subsections: {"s":{"key one":"value  with  spaces"}},
  },
  {
    name: "comments after a value are part of the value",
    text: "[s]\nregion = us-east-1 # not a comment\noutput = json ; neither\nk = a#b\n",
    subsections: {"s":{"region":"us-east-1 # not a comment","output":"json ; neither","k":"a#b"}},
  },
  {
    name: "full-line comments start with # or ;, indented or not",
    text: "# top\n; top\n[s]\n# c\n; c\nk = v\n   # indented comment\n",
    subsections: {"s":{"k":"v"}},
  },
  {
    name: "an empty value",
    text: "[s]\nk =\nk2:\n",
    subsections: {"s":{"k":"","k2":""}},
  },
  {
    name: "indented lines continue a value, joined with newlines",
    text: "[s]\nk = a\n  b\n    c\nnext = x\n",
    subsections: {"s":{"k":"a\nb\nc","next":"x"}},
  },
  {
    name: "blank lines inside a value are kept, trailing ones dropped",
    text: "[s]\nk = a\n\n  b\n\n\nnext = x\n",
    subsections: {"s":{"k":"a\n\nb","next":"x"}},
  },
  {
    name: "a comment line inside a value is dropped",
    text: "[s]\nk = a\n  # c\n  b\n",
    subsections: {"s":{"k":"a\nb"}},
  },
  {
    name: "continuation is relative to the key's indentation",
    text: "[s]\n  k = a\n  j = b\n    c\n",
    subsections: {"s":{"k":"a","j":"b\nc"}},
  },
  {
    name: "an indented section header after a key is part of the value",
    text: "[s]\nk = a\n  [t]\n",
    subsections: {"s":{"k":"a\n[t]"}},
  },
  {
    name: "tabs indent like spaces (one character each)",
    text: "[s]\n\tk = a\n\t\tb\n\tj = c\n",
    subsections: {"s":{"k":"a\nb","j":"c"}},
  },
  {
    name: "\\r\\n line endings",
    text: "[s]\r\nk = a\r\n  b\r\nj = c\r\n",
    subsections: {"s":{"k":"a\nb","j":"c"}},
  },
  {
    name: "lone \\r line endings",
    text: "[s]\rk = a\r  b\rj = c\r",
    subsections: {"s":{"k":"a\nb","j":"c"}},
  },
  {
    name: "no final newline",
    text: "[s]\nk = v",
    subsections: {"s":{"k":"v"}},
  },
  {
    name: "an empty file",
    text: "",
    subsections: {},
  },
  {
    name: "only comments and blank lines",
    text: "# c\n\n; c\n   \n",
    subsections: {},
  },
  {
    name: "spaces inside the brackets are part of the section name",
    text: "[ default ]\na = 1\n[profile  x ]\nb = 2\n",
    subsections: {" default ":{"a":"1"},"profile  x ":{"b":"2"}},
  },
  {
    name: "text after the last ] of a header is ignored",
    text: "[default] # comment\na = 1\n[a]b] c\nb = 2\n",
    subsections: {"default":{"a":"1"},"a]b":{"b":"2"}},
  },
  {
    name: "section names are case-sensitive",
    text: "[default]\na = 1\n[Default]\na = 2\n",
    subsections: {"default":{"a":"1"},"Default":{"a":"2"}},
  },
  {
    name: "[DEFAULT] keys appear in every section that does not set them",
    text: "[DEFAULT]\nregion = r0\noutput = text\n[a]\nregion = r1\n[b]\nk = v\n",
    subsections: {"a":{"region":"r1","output":"text"},"b":{"k":"v","region":"r0","output":"text"}},
  },
  {
    name: "[DEFAULT] alone gives no sections",
    text: "[DEFAULT]\nregion = r0\n",
    subsections: {},
  },
  {
    name: "[DEFAULT] may appear twice",
    text: "[DEFAULT]\na = 1\n[s]\nk = v\n[DEFAULT]\nb = 2\n",
    subsections: {"s":{"k":"v","a":"1","b":"2"}},
  },
  {
    name: "a sub-section: a value that starts with a newline",
    text: "[s]\ns3 =\n    max_concurrent_requests = 20\n    addressing_style = path\nregion = r\n",
    subsections: {"s":{"s3":{"max_concurrent_requests":"20","addressing_style":"path"},"region":"r"}},
    raw: {"s":{"s3":"\nmax_concurrent_requests = 20\naddressing_style = path","region":"r"}},
  },
  {
    name: "sub-section keys keep their case; values may contain '='",
    text: "[s]\ns3 =\n  Max_Key = 1\n  url = http://h/?a=b\n  = empty key\n  k = \n",
    subsections: {"s":{"s3":{"Max_Key":"1","url":"http://h/?a=b","":"empty key","k":""}}},
    raw: {"s":{"s3":"\nMax_Key = 1\nurl = http://h/?a=b\n= empty key\nk ="}},
  },
  {
    name: "sub-section with blank lines and a comment",
    text: "[s]\ns3 =\n\n  a = 1\n  # c\n\n  b = 2\n",
    subsections: {"s":{"s3":{"a":"1","b":"2"}}},
    raw: {"s":{"s3":"\n\na = 1\n\nb = 2"}},
  },
  {
    name: "a repeated sub-section key keeps the last value",
    text: "[s]\ns3 =\n  a = 1\n  a = 2\n",
    subsections: {"s":{"s3":{"a":"2"}}},
    raw: {"s":{"s3":"\na = 1\na = 2"}},
  },
  {
    name: "a sub-section value from [DEFAULT]",
    text: "[DEFAULT]\ns3 =\n  a = 1\n[s]\nk = v\n",
    subsections: {"s":{"k":"v","s3":{"a":"1"}}},
    raw: {"s":{"k":"v","s3":"\na = 1"}},
  },
  {
    name: "Python whitespace: U+00A0 and U+001C are stripped, U+FEFF is not",
    text: "[s]\n\u00a0k = v\u00a0\n\u001cj = w\u001c\nz = \ufeffx\ufeff\n",
    subsections: {"s":{"k":"v","j":"w","z":"\ufeffx\ufeff"}},
  },
  {
    name: "U+2028 or a vertical tab inside a sub-section line splits it",
    text: "[s]\ns3 =\n  a = 1\u2028b = 2\u000bc = 3\n",
    subsections: {"s":{"s3":{"a":"1","b":"2","c":"3"}}},
    raw: {"s":{"s3":"\na = 1\u2028b = 2\u000bc = 3"}},
  },
  {
    name: "U+2028 inside a plain value is kept",
    text: "[s]\nk = a\u2028b\n",
    subsections: {"s":{"k":"a\u2028b"}},
  },
  {
    name: "an empty header [] is not a section",
    text: "[s]\n[]\n",
    subsections: "error",
  },
  {
    name: "a line before the first section",
    text: "k = v\n[s]\n",
    subsections: "error",
  },
  {
    name: "a byte-order mark",
    text: "\ufeff[s]\nk = v\n",
    subsections: "error",
  },
  {
    name: "a duplicate section",
    text: "[s]\na = 1\n[s]\nb = 2\n",
    subsections: "error",
  },
  {
    name: "a duplicate key (after lower-casing)",
    text: "[s]\nRegion = a\nregion = b\n",
    subsections: "error",
  },
  {
    name: "the same key in two [DEFAULT] headers",
    text: "[DEFAULT]\na = 1\n[DEFAULT]\na = 2\n[s]\n",
    subsections: "error",
  },
  {
    name: "a line that is not key = value",
    text: "[s]\nk = v\nnovalue\n",
    subsections: "error",
  },
  {
    name: "an empty key",
    text: "[s]\n= v\n",
    subsections: "error",
  },
  {
    name: "a sub-section line without '='",
    text: "[s]\ns3 =\n  a = 1\n  b: 2\n",
    subsections: "error",
    raw: {"s":{"s3":"\na = 1\nb: 2"}},
  },
  {
    name: "a malformed sub-section inherited from [DEFAULT]",
    text: "[DEFAULT]\ns3 =\n  bad\n[s]\nk = v\n",
    subsections: "error",
    raw: {"s":{"k":"v","s3":"\nbad"}},
  },
  {
    name: "a malformed [DEFAULT] sub-section overridden by every section",
    text: "[DEFAULT]\ns3 =\n  bad\n[s]\ns3 = fine\n",
    subsections: {"s":{"s3":"fine"}},
  },
];

function run(text: string, subsections: boolean): Expected {
  try {
    // JSON round trip: plain objects (the parser's have no prototype), same key order.
    return JSON.parse(JSON.stringify(parseIni(text, "/cfg", { subsections }))) as Expected;
  } catch (e) {
    if (e instanceof ConfigParseError) return "error";
    throw e;
  }
}

for (const c of CASES) {
  test(c.name, () => {
    const got = run(c.text, true);
    assert.deepEqual(got, c.subsections);
    // Key order matters too (it is the order `configure list` and friends see).
    assert.equal(JSON.stringify(got), JSON.stringify(c.subsections));
    const raw = c.raw ?? c.subsections;
    assert.equal(JSON.stringify(run(c.text, false)), JSON.stringify(raw));
  });
}

test("parse errors name the file, exit 255 like the CLI", () => {
  assert.throws(
    () => parseIni("k = v\n", "/home/u/.aws/config"),
    (e: unknown) =>
      e instanceof ConfigParseError &&
      e.message === "Unable to parse config file: /home/u/.aws/config" &&
      e.path === "/home/u/.aws/config" &&
      e.exitCode === EXIT.OTHER,
  );
});

test("bytes are decoded as strict UTF-8", () => {
  const utf8 = new TextEncoder().encode("[s]\nk = caf\u00e9 \u2603\n");
  assert.equal(JSON.stringify(parseIni(utf8, "/cfg")), JSON.stringify({ s: { k: "caf\u00e9 \u2603" } }));
  // Python: UnicodeDecodeError -> ConfigParseError.
  for (const bad of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0x80]]) {
    const bytes = Uint8Array.from([...new TextEncoder().encode("[s]\nk = "), ...bad, 0x0a]);
    assert.throws(() => parseIni(bytes, "/cfg"), ConfigParseError, `bytes ${bad.join(",")}`);
  }
  // A byte-order mark is kept and then breaks the first line, as in Python.
  const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("[s]\nk = v\n")]);
  assert.throws(() => parseIni(bom, "/cfg"), ConfigParseError);
});

test("any section or key name is an own property, never the prototype", () => {
  const doc = parseIni("[__proto__]\n__proto__ = x\nconstructor = y\n[toString]\n", "/cfg");
  assert.equal(Object.getPrototypeOf(doc), null);
  assert.ok(Object.hasOwn(doc, "__proto__"));
  assert.equal(doc["__proto__"]!["__proto__"], "x");
  assert.equal(doc["__proto__"]!["constructor"], "y");
  assert.ok(!("constructor" in doc));
  assert.deepEqual(Object.keys(doc), ["__proto__", "toString"]);
});

test("pyStrip strips Python's whitespace set", () => {
  // Python: " \t\x1c\x1d\x1e\x1f\x85\xa0\u3000x\u2028\u2029 ".strip() == "x"
  assert.equal(pyStrip(" \t\x1c\x1d\x1e\x1f\x85\xa0\u3000x\u2028\u2029 "), "x");
  // Python: "\ufeffx\u200b".strip() == "\ufeffx\u200b" (neither is whitespace)
  assert.equal(pyStrip("\ufeffx\u200b"), "\ufeffx\u200b");
  assert.equal(pyStrip("   "), "");
});
