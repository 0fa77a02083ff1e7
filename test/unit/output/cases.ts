// Documents the output formatter tests feed both to kumo's formatters and to the
// real AWS CLI. Each document is JSON in Python's dialect (see pyjson.ts): a
// number written with a fraction or exponent is a float, NaN/Infinity allowed.
// fixtures/recorded.json holds what /usr/bin/aws printed for them; regenerate
// it with `node --import tsx test/unit/output/record-fixtures.ts [case name...]`.
//
// Keys that look like array indexes ("1", "42") are avoided: a JavaScript
// object lists them first whatever their insertion order, so kumo's json
// output cannot keep their position.

export interface DocCase {
  name: string;
  json: string;
}

export const DOCS: DocCase[] = [
  {
    name: "describe-instances shape",
    json: String.raw`{"Reservations": [{"OwnerId": "123456789012", "ReservationId": "r-0a1b2c3d", "Groups": [], "Instances": [{"InstanceId": "i-0a1b2c3d4e5f60718", "InstanceType": "t3.micro", "LaunchTime": "2023-01-01T00:00:00+00:00", "State": {"Code": 16, "Name": "running"}, "Tags": [{"Key": "Name", "Value": "web"}, {"Key": "env", "Value": "dev"}], "SecurityGroups": [], "EbsOptimized": false, "StateReason": {"Code": "", "Message": ""}, "Placement": {"AvailabilityZone": "us-east-1a", "Tenancy": "default"}, "CpuOptions": {"CoreCount": 1, "ThreadsPerCore": 2}}, {"InstanceId": "i-0f9e8d7c6b5a40312", "InstanceType": "m5.large", "State": {"Code": 80, "Name": "stopped"}, "Tags": [], "EbsOptimized": true}]}]}`,
  },
  {
    name: "describe-regions shape",
    json: String.raw`{"Regions": [{"Endpoint": "ec2.us-east-1.amazonaws.com", "RegionName": "us-east-1", "OptInStatus": "opt-in-not-required"}, {"Endpoint": "ec2.eu-west-1.amazonaws.com", "RegionName": "eu-west-1", "OptInStatus": "opt-in-not-required"}, {"Endpoint": "ec2.ap-south-1.amazonaws.com", "RegionName": "ap-south-1", "OptInStatus": "opt-in-not-required"}]}`,
  },
  {
    name: "mixed scalars, sorted keys, nested list and dict",
    json: String.raw`{"z": null, "a": 1.50, "b": true, "l": [1, 2], "ll": [[1, 2], [3]], "s": "x y", "d": {"k": "v"}}`,
  },
  {
    name: "floats and ints",
    json: String.raw`{"floats": [0.1, 0.5, 1.0, 5.0, 100.0, 1e15, 1e16, 1e22, 1e-4, 1e-5, 1e-7, 2.0e-5, 0.00012, 123456789.123, 1.5e300, -2.5e-10, 3.14159, 1.7976931348623157e308, 5e-324, -0.0], "ints": [0, 1, -1, 9007199254740991, -9007199254740991, 1234567890123], "special": [1E400, -1E400, NaN]}`,
  },
  {
    name: "unicode: CJK, emoji, accents, full and half width",
    json: String.raw`{"cjk": "日本語のテキスト", "emoji": "😀 smile", "accents": "ÄÖÜ äöü é", "greek": "αβγ", "cyrillic": "Привет", "fullwidth": "ＡＢＣ", "halfwidth": "ｱｲｳ", "combining": "e\u0301", "日本": "キー"}`,
  },
  {
    name: "control characters and escapes",
    json: String.raw`{"tab": "a\tb", "nl": "a\nb", "cr": "a\rb", "nul": "a\u0000b", "bell": "a\u0007b", "esc": "a\u001bb", "del": "a\u007fb", "nel": "a\u0085b", "ls": "a\u2028b", "nbsp": "a\u00a0b", "bom": "\ufeffb", "backslash": "a\\b", "quote": "a\"b", "slash": "a/b"}`,
  },
  {
    name: "empty strings, containers, nulls, booleans",
    json: String.raw`{"e": "", "l": [], "d": {}, "n": null, "t": true, "f": false, "zero": 0, "fzero": 0.0, "nested": {"l": [[], {}, [[]], [{}], ""]}, "": "empty key", " ": "space key"}`,
  },
  {
    name: "empty and falsy values",
    json: String.raw`{"e": "", "l": [], "d": {}, "n": null, "t": true, "f": false, "zero": 0, "fzero": 0.0, "": "empty key", "sub": {"only": ""}}`,
  },
  {
    name: "nested dicts around a list of dicts",
    json: String.raw`{"a": {"b": {"c": {"d": [{"e": "f", "g": [1, 2], "h": {"i": null}}, {"e": "j"}]}}, "k": 1.0}}`,
  },
  {
    name: "strings YAML must quote",
    json: String.raw`{"values": ["yes", "on", "true", "True", "FALSE", "Null", "NULL", "nULL", "null", "~", "~x", "0", "-1", "+1", "1.", ".5", "-.5", "+.inf", ".NaN", "NaN", "1e5", "1E+5", "1.5e-3", "0x1F", "0xG", "0o17", "0b101", "017", "1_000", "1_0.5", "-_", "1,000", "=", "<<", "2023-01-01", "2002-1-1", "2023-01-01T00:00:00+00:00", "2001-12-14 21:59:43.10 -5", "20021214", "12:30:00"]}`,
  },
  {
    name: "indicator characters",
    json: String.raw`{"values": ["-", "- a", "-a", "a-", "?", "? x", "?x", ":", ": x", "a:b", "a: b", "a:", "a :", "#x", "a#b", "a #b", "...", "---", "--- x", "!", "&a", "*a", "|", ">", "'q'", "\"d\"", "%x", "@x", "a,b", "[x]", "{x}", "x]", "x}", "a?", "a'b"]}`,
  },
  {
    name: "indicator characters as keys",
    json: String.raw`{"?": 1, ":": 2, "-": 3, "? x": 4, ": x": 5, "x:": 6, "x :": 7, "a#b": 8, "a #b": 9, "...": 10, "---": 11, "!": 13, "&a": 14, "*a": 15, "|": 16, ">": 17, "a,b": 18, "[x]": 19, "{x}": 20, "true": 21, "007": 22, "1.5": 23, "null": 24}`,
  },
  {
    name: "spaces and line breaks at the edges",
    json: String.raw`{"values": [" a", "a ", "  ", "a\n", "\na", "a\n\nb", "a \nb", "a\n b", " \n", "line one\nline two\n\nline four\n"]}`,
  },
  {
    name: "long plain strings fold at 80 columns",
    json: String.raw`{"long": "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco", "spaced": "a  b  c  d  e  f  g  h  i  j  k  l  m  n  o  p  q  r  s  t  u  v  w  x  y  z  a  b  c  d  e  f  g  h  i", "nospace": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx yyyy", "nested": {"deeper": {"x": ["Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua."]}}}`,
  },
  {
    name: "long quoted strings fold at 80 columns",
    json: String.raw`{"single": "yes: Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.  Ut enim ad minim veniam", "apostrophes": "it's a long sentence that goes on and on and on and on and on and on and on and on and 'on' and on", "double": "tab\tLorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.  Ut  enim   ad minim veniam", "multiline": "line one\nline two that is long enough to fold somewhere past the eighty column mark, yes it is\nend"}`,
  },
  {
    name: "long non-ASCII strings",
    json: String.raw`{"latin": "ÄÖÜ äöü long non-ascii text: ÄÖÜ äöü ÄÖÜ äöü ÄÖÜ äöü ÄÖÜ äöü ÄÖÜ äöü ÄÖÜ äöü ÄÖÜ äöü ÄÖÜ äöü ÄÖÜ äöü", "cjk": "日本語 日本語 日本語 日本語 日本語 日本語 日本語 日本語 日本語 日本語 日本語 日本語 日本語 日本語 日本語 日本語 日本語 日本語 日本語 日本語", "emoji": "😀 emoji 😀 emoji 😀 emoji 😀 emoji 😀 emoji 😀 emoji 😀 emoji 😀 emoji 😀 emoji 😀 emoji 😀 emoji"}`,
  },
  {
    name: "long and multi-line keys",
    json: String.raw`{"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk": 1, "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk": {"a": 1}, "multi\nkey": [1, 2], "日本語のテキストです日本語のテキストです日本語のテキストです 日本語のテキストです日本語のテキストです日本語のテキストです": 2}`,
  },
  {
    name: "deep nesting",
    json: String.raw`{"a": {"b": {"c": {"d": {"e": [{"f": [[], {}, [[1, 2], [3]], [{"g": "h"}], "x"]}]}}}}}`,
  },
  {
    name: "list of dicts with differing keys",
    json: String.raw`[{"a": 1, "b": 2}, {"a": 3, "c": [1, 2]}, {"b": 4, "c": [], "d": {"x": "y"}}]`,
  },
  {
    name: "key scalar in one element, container in another",
    json: String.raw`{"L": [{"k": 1, "n": {"m": 2}}, {"k": {"z": [1, "it's", null, true, 2.0, "q\"'", "é\u0001", "日本"]}, "n": 5}]}`,
  },
  {
    name: "list of dicts with missing keys and an empty dict",
    json: String.raw`{"L": [{"k": 1}, {"k": "two", "j": 2.0}, {}]}`,
  },
  { name: "lists of lists", json: String.raw`[[1, 2], [3, 4], ["a", "b"]]` },
  { name: "nested lists of lists", json: String.raw`[[[1, 2], [3, 4]], [[5, 6]]]` },
  { name: "list of lists of dicts", json: String.raw`[[{"a": 1}, {"a": 2}], [{"b": 1}]]` },
  { name: "dict holding list of lists of dicts", json: String.raw`{"a": [[{"x": 1}], [{"x": 2, "y": [3]}]]}` },
  { name: "scalar list then list of dicts", json: String.raw`["x", [{"a": 1}, {"a": 2, "b": [1]}]]` },
  { name: "single scalar key", json: String.raw`{"Account": "123456789012"}` },
  {
    name: "single row wider than 80 columns",
    json: String.raw`{"InstanceId": "i-0123456789abcdef0", "ImageId": "ami-0123456789abcdef0", "PrivateDnsName": "ip-10-0-0-1.ec2.internal", "LaunchTime": "2023-01-01T00:00:00+00:00"}`,
  },
  {
    name: "cell wider than 80 columns",
    json: String.raw`{"x": "A very long value that is wider than the terminal for sure, it keeps going and going and going and going"}`,
  },
  {
    name: "wide table with several rows",
    json: String.raw`{"Items": [{"Name": "alpha", "Description": "The first item, described at some length to make the table wide", "Size": 1.0}, {"Name": "beta", "Description": "The second item", "Size": 22.5}]}`,
  },
  {
    name: "sections with wide titles",
    json: String.raw`{"a": 1, "AVeryLongSectionTitleThatIsWiderThanItsColumnsByFar": {"x": 1, "y": 2}, "日本語のセクション名": [{"k": "v"}]}`,
  },
  { name: "scalar list under a key", json: String.raw`{"l": [1, "two", 3.0, null, true]}` },
  { name: "top-level string", json: String.raw`"abc é"` },
  { name: "top-level integer", json: String.raw`5` },
  { name: "top-level float", json: String.raw`2.5` },
  { name: "top-level zero", json: String.raw`0` },
  { name: "top-level true", json: String.raw`true` },
  { name: "top-level null", json: String.raw`null` },
  { name: "top-level empty string", json: String.raw`""` },
  { name: "top-level empty list", json: String.raw`[]` },
  { name: "top-level empty dict", json: String.raw`{}` },
  { name: "top-level scalar list", json: String.raw`[1, "a", 2.0, null, false]` },
  { name: "error: list of dicts then a string", json: String.raw`[{"a": 1}, "x"]` },
  { name: "error: list of dicts then a number", json: String.raw`[{"x": 1}, 3.0]` },
  { name: "error: list of dicts then an empty list", json: String.raw`[{"x": 1}, []]` },
  { name: "list of dicts then an empty list and string, no columns", json: String.raw`{"L": [{"x": {"y": 1}}, [], ""]}` },
  { name: "error: list of dicts then a list of strings", json: String.raw`[{"a": 1}, [], ["x"]]` },
  { name: "error: list of dicts then a list of indexes", json: String.raw`[{"a": {"b": 1}}, [0, -1]]` },
  { name: "error: list of dicts then an index out of range", json: String.raw`[{"a": 1}, [true, 2]]` },
  { name: "error: rows of different lengths", json: String.raw`[[1, 2], [3]]` },
  { name: "error: text fails midway", json: String.raw`{"a": [[1, [2, {"k": "v"}]], [], 3]}` },
];

export interface TableCase {
  name: string;
  json: string;
  width: number;
  color: boolean;
  /** Recorded with stdout on a terminal (a pseudo-terminal of `width` columns). */
  tty: boolean;
}

const byName = (name: string): string => {
  const c = DOCS.find((d) => d.name === name);
  if (!c) throw new Error(`no document named ${name}`);
  return c.json;
};

/** Table output at other terminal widths and with colour. */
export const TABLE_CASES: TableCase[] = [
  { name: "narrow terminal (30)", json: byName("describe-instances shape"), width: 30, color: false, tty: true },
  { name: "wide terminal (120)", json: byName("single row wider than 80 columns"), width: 120, color: false, tty: true },
  { name: "wide terminal (200), wide table", json: byName("wide table with several rows"), width: 200, color: false, tty: true },
  { name: "colour on, piped", json: byName("describe-instances shape"), width: 80, color: true, tty: false },
  { name: "colour on, terminal", json: byName("unicode: CJK, emoji, accents, full and half width"), width: 100, color: true, tty: true },
  { name: "colour on, terminal, empty dict", json: "{}", width: 80, color: true, tty: true },
  { name: "colour on, piped, vertical", json: byName("single row wider than 80 columns"), width: 80, color: true, tty: false },
];
