// --output yaml / yaml-stream: what the AWS CLI's ruamel.yaml safe dumper
// (backed by the libyaml C emitter) writes. Block style, keys sorted by code
// point, lists not indented under their key, empty containers as [] / {},
// plain scalars folded at column 80, quoting chosen per scalar: plain when
// the text is safe and would read back as the same string, else single
// quotes, else double quotes with escapes (non-printable characters, which
// for libyaml include tab and anything outside the Basic Multilingual Plane).
// A container object that occurs more than once gets an anchor (&id001) and
// later occurrences become aliases (*id001), as in Python where a JMESPath
// query can return the same object twice.
// Objects marked as Python OrderedDicts are written as `!!omap` sequences.
// A scalar document is printed with json.dumps instead.

import type { Doc, DocArray, DocObject } from "./document.ts";
import { docKeys, isFloatAt, isObject, isOrderedDict } from "./document.ts";
import { jsonScalar } from "./json.ts";
import { codePointLength, pyFloatRepr, pyIntStr, pySortKeys } from "./pyformat.ts";

const BEST_WIDTH = 80;
/** Simple (inline) mapping keys are limited to this many UTF-8 bytes; longer keys use `? key`. */
const MAX_SIMPLE_KEY_BYTES = 128;

type Container = DocObject | DocArray;

// --- scalar analysis ------------------------------------------------------

const enum Style {
  Plain,
  Single,
  Double,
}

interface ScalarInfo {
  readonly style: Style;
  /** Contains a line break (\n, \r, U+0085, U+2028, U+2029). */
  readonly multiline: boolean;
}

function isBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
}

/** Space, tab, line break, NUL, or past the end (-1). */
function isBlankOrEnd(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === -1 || c === 0 || isBreak(c);
}

/** libyaml's notion of a character it may write unescaped. */
function isPrintable(c: number): boolean {
  if (c < 0x7f) return c >= 0x20 || c === 0x0a;
  if (c < 0xa0) return false;
  if (c <= 0xd7ff) return true;
  if (c >= 0xe000 && c <= 0xfffd) return c !== 0xfeff;
  return false;
}

// Strings that YAML 1.2 (ruamel's implicit resolvers) would read back as
// something other than a string, so they cannot be written plain. Python's
// `$` also matches before a final newline, hence the `\n?`.
const IMPLICIT_NON_STRING: RegExp[] = [
  /^(?:true|True|TRUE|false|False|FALSE)\n?$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\n?$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)\n?$/,
  /^(?:<<)\n?$/,
  /^(?:~|null|Null|NULL|)\n?$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)\n?$/,
  /^(?:=)\n?$/,
];

/** First characters with which a string might resolve to a non-string type. */
const RESOLVER_FIRST = new Set("-+0123456789.tTfF<~nN=");

function readsAsNonString(s: string): boolean {
  if (s.length === 0) return true;
  if (!RESOLVER_FIRST.has(s[0] as string)) return false;
  for (const re of IMPLICIT_NON_STRING) if (re.test(s)) return true;
  return false;
}

const FIRST_CHAR_INDICATORS = new Set("#,[]{}&*!|>'\"%@`");

// Strings made only of these characters, not starting with an indicator and
// without edge spaces, cannot need quoting for their characters; only what
// they would read back as matters.
const COMMON = /^[A-Za-z0-9_/(](?:[A-Za-z0-9_/().+=@ -]*[A-Za-z0-9_/().+=@-])?$/;

/** Chooses how a string is written (plain, single or double quoted), as libyaml does in block context. */
function analyzeString(s: string): ScalarInfo {
  if (s.length === 0) return SINGLE_LINE[Style.Single];
  if (COMMON.test(s)) return SINGLE_LINE[readsAsNonString(s) ? Style.Single : Style.Plain];

  let indicator = s.startsWith("---") || s.startsWith("...");
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByBlank = true;

  const n = s.length;
  let i = 0;
  let c = s.codePointAt(0) as number;
  while (i < n) {
    const w = c > 0xffff ? 2 : 1;
    const next = i + w < n ? (s.codePointAt(i + w) as number) : -1;
    const followedByBlank = isBlankOrEnd(next);
    if (i === 0) {
      if (FIRST_CHAR_INDICATORS.has(s[0] as string)) indicator = true;
      else if ((c === 0x3f || c === 0x3a || c === 0x2d) && followedByBlank) indicator = true; // ? : -
    } else if (c === 0x3a) {
      if (followedByBlank) indicator = true;
    } else if (c === 0x23 && precededByBlank) {
      indicator = true;
    }
    if (!isPrintable(c)) special = true;
    const last = next === -1;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByBlank = isBlankOrEnd(c);
    i += w;
    c = next;
  }

  const singleAllowed = !(breakSpace || spaceBreak || special);
  const plainAllowed =
    singleAllowed &&
    !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || lineBreaks || indicator) &&
    !readsAsNonString(s);
  const style = plainAllowed ? Style.Plain : singleAllowed ? Style.Single : Style.Double;
  return lineBreaks ? MULTI_LINE[style] : SINGLE_LINE[style];
}

const SINGLE_LINE: readonly ScalarInfo[] = [Style.Plain, Style.Single, Style.Double].map((style) => ({ style, multiline: false }));
const MULTI_LINE: readonly ScalarInfo[] = [Style.Plain, Style.Single, Style.Double].map((style) => ({ style, multiline: true }));

function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c >= 0x800 && !(c >= 0xd800 && c <= 0xdfff) ? 2 : 1;
  }
  return n;
}

// --- emitter ----------------------------------------------------------------

const ESCAPES: Record<number, string> = {
  0x00: "0",
  0x07: "a",
  0x08: "b",
  0x09: "t",
  0x0a: "n",
  0x0b: "v",
  0x0c: "f",
  0x0d: "r",
  0x1b: "e",
  0x22: '"',
  0x5c: "\\",
  0x85: "N",
  0xa0: "_",
  0x2028: "L",
  0x2029: "P",
};

function escapeFor(c: number): string {
  const named = ESCAPES[c];
  if (named !== undefined) return "\\" + named;
  const h = c.toString(16).toUpperCase();
  if (c <= 0xff) return "\\x" + h.padStart(2, "0");
  if (c <= 0xffff) return "\\u" + h.padStart(4, "0");
  return "\\U" + h.padStart(8, "0");
}

interface KeyInfo {
  style: Style;
  /** Written inline as `key:` rather than in the `? key` form. */
  simple: boolean;
}

const SPACES: string[] = [];

function spaces(n: number): string {
  let s = SPACES[n];
  if (s === undefined) {
    s = " ".repeat(n);
    SPACES[n] = s;
  }
  return s;
}

/** Where a node sits: decides indentation of block collections and whether scalars may fold. */
const enum Place {
  Root,
  SeqItem,
  MapValue,
  SimpleKey,
  ComplexKey,
}

class YamlEmitter {
  // Output accumulates by concatenation: V8 joins strings as ropes (linear,
  // and faster than collecting pieces in an array).
  private out = "";
  /** Column of the output cursor, in code points. */
  private column = 0;
  /** The last thing written was whitespace (or nothing on this line yet). */
  private whitespace = true;
  /** Only indentation (and indicators like `- `) on this line so far. */
  private indention = true;
  private readonly anchors: Map<object, string> | null;
  private readonly emitted = new Set<object>();
  /** Mapping keys repeat a lot (the same member names on every item): their analysis is kept. */
  private readonly keyInfo = new Map<string, KeyInfo>();

  constructor(anchors: Map<object, string> | null) {
    this.anchors = anchors;
  }

  private key(k: string): KeyInfo {
    let info = this.keyInfo.get(k);
    if (info === undefined) {
      const a = analyzeString(k);
      info = { style: a.style, simple: !a.multiline && utf8Length(k) <= MAX_SIMPLE_KEY_BYTES };
      this.keyInfo.set(k, info);
    }
    return info;
  }

  result(): string {
    return this.out;
  }

  private put(s: string, columns: number): void {
    this.out += s;
    this.column += columns;
  }

  private newline(): void {
    this.out += "\n";
    this.column = 0;
  }

  private writeIndent(indent: number): void {
    const ind = indent < 0 ? 0 : indent;
    if (!this.indention || this.column > ind || (this.column === ind && !this.whitespace)) this.newline();
    if (this.column < ind) this.put(spaces(ind - this.column), ind - this.column);
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(text: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(" ", 1);
    this.put(text, text.length);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** Ends the document: the final newline. */
  finish(): void {
    this.writeIndent(0);
  }

  node(value: Doc, container: Container | undefined, key: string | number, indent: number, place: Place): void {
    if (value === null || typeof value !== "object") {
      this.nonStringOrString(value, container, key, indent, place);
      return;
    }
    const anchor = this.anchors === null ? undefined : this.anchors.get(value);
    if (anchor !== undefined) {
      if (this.emitted.has(value)) {
        this.writeIndicator("*" + anchor, true, false, false);
        return;
      }
      this.emitted.add(value);
      this.writeIndicator("&" + anchor, true, false, false);
    }
    if (Array.isArray(value)) {
      if (value.length === 0) this.emptyFlow("[]");
      else this.sequence(value, indent, place);
    } else if (isOrderedDict(value)) {
      this.omap(value, indent, place);
    } else {
      const keys = Object.keys(value);
      if (keys.length === 0) this.emptyFlow("{}");
      else this.mapping(value, pySortKeys(keys), indent);
    }
  }

  /** An OrderedDict: `!!omap`, then a sequence of one-key mappings in insertion order. */
  private omap(obj: DocObject, indent: number, place: Place): void {
    this.writeIndicator("!!omap", true, false, false);
    const keys = docKeys(obj);
    if (keys.length === 0) {
      this.emptyFlow("[]");
      return;
    }
    const indentless = (place === Place.MapValue || place === Place.ComplexKey) && !this.indention;
    const itemIndent = indent < 0 ? 0 : indentless ? indent : indent + 2;
    for (const k of keys) {
      this.writeIndent(itemIndent);
      this.writeIndicator("-", true, false, true);
      this.mapping(obj, [k], itemIndent);
    }
  }

  private emptyFlow(text: string): void {
    this.writeIndicator(text[0] as string, true, true, false);
    this.writeIndicator(text[1] as string, false, false, false);
  }

  private sequence(list: DocArray, indent: number, place: Place): void {
    // Under a mapping key, the dashes line up with the key (no extra indent).
    const indentless = (place === Place.MapValue || place === Place.ComplexKey) && !this.indention;
    const itemIndent = indent < 0 ? 0 : indentless ? indent : indent + 2;
    for (let i = 0; i < list.length; i++) {
      this.writeIndent(itemIndent);
      this.writeIndicator("-", true, false, true);
      this.node(list[i] as Doc, list, i, itemIndent, Place.SeqItem);
    }
  }

  private mapping(obj: DocObject, keys: string[], indent: number): void {
    const keyIndent = indent < 0 ? 0 : indent + 2;
    for (const k of keys) {
      this.writeIndent(keyIndent);
      const info = this.key(k);
      if (info.simple) {
        this.scalar(k, info.style, keyIndent + 2, false);
        this.writeIndicator(":", false, false, false);
      } else {
        this.writeIndicator("?", true, false, true);
        this.scalar(k, info.style, keyIndent + 2, true);
        this.writeIndent(keyIndent);
        this.writeIndicator(":", true, false, true);
      }
      this.node(obj[k] as Doc, obj, k, keyIndent, Place.MapValue);
    }
  }

  private nonStringOrString(
    value: string | number | boolean | null,
    container: Container | undefined,
    key: string | number,
    indent: number,
    place: Place,
  ): void {
    const scalarIndent = indent < 0 ? 2 : indent + 2;
    if (typeof value === "string") {
      this.scalar(value, analyzeString(value).style, scalarIndent, place !== Place.SimpleKey);
      return;
    }
    let text: string;
    if (typeof value === "number") text = yamlNumber(value, isFloatAt(container, key, value));
    else if (value === null) text = "null";
    else text = value ? "true" : "false";
    this.scalar(text, Style.Plain, scalarIndent, true);
  }

  private scalar(s: string, style: Style, indent: number, allowBreaks: boolean): void {
    if (style === Style.Plain) this.plain(s, indent, allowBreaks);
    else if (style === Style.Single) this.singleQuoted(s, indent, allowBreaks);
    else this.doubleQuoted(s, indent, allowBreaks);
    this.whitespace = false;
    this.indention = false;
  }

  private plain(s: string, indent: number, allowBreaks: boolean): void {
    if (!this.whitespace && s.length > 0) this.put(" ", 1);
    // No space can be past the fold column: write it in one piece.
    if (!allowBreaks || this.column + s.length <= BEST_WIDTH || !s.includes(" ")) {
      this.put(s, codePointLength(s));
      return;
    }
    let spaces = false;
    let start = 0; // start of the pending run not yet pushed
    let runColumns = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x20) {
        if (!spaces && this.column + runColumns > BEST_WIDTH && s.charCodeAt(i + 1) !== 0x20) {
          this.put(s.slice(start, i), runColumns);
          this.writeIndent(indent);
          start = i + 1;
          runColumns = 0;
        } else {
          runColumns++;
        }
        spaces = true;
      } else {
        if (!(c >= 0xdc00 && c <= 0xdfff)) runColumns++;
        spaces = false;
      }
    }
    this.put(s.slice(start), runColumns);
  }

  private singleQuoted(s: string, indent: number, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    const simple = !allowBreaks || this.column + s.length <= BEST_WIDTH;
    if (simple && !/['\n\u2028\u2029]/.test(s)) {
      this.put(s, codePointLength(s));
    } else {
      let spaces = false;
      let breaks = false;
      const last = s.length - 1;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c === 0x20) {
          if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== last && s.charCodeAt(i + 1) !== 0x20) {
            this.writeIndent(indent);
          } else {
            this.put(" ", 1);
          }
          spaces = true;
        } else if (c === 0x0a || c === 0x2028 || c === 0x2029) {
          // Single quotes fold a lone newline into a space, so each one is doubled.
          if (!breaks && c === 0x0a) this.newline();
          if (c === 0x0a) this.newline();
          else {
            this.out += s[i] as string;
            this.column = 0;
          }
          this.indention = true;
          breaks = true;
        } else {
          if (breaks) this.writeIndent(indent);
          if (c === 0x27) this.put("'", 1);
          this.put(s[i] as string, c >= 0xdc00 && c <= 0xdfff ? 0 : 1);
          this.indention = false;
          spaces = false;
          breaks = false;
        }
      }
      if (breaks) this.writeIndent(indent);
    }
    this.writeIndicator("'", false, false, false);
  }

  private doubleQuoted(s: string, indent: number, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    let spaces = false;
    const last = s.length - 1;
    for (let i = 0; i < s.length; i++) {
      const c = s.codePointAt(i) as number;
      if (!isPrintable(c) || isBreak(c) || c === 0x22 || c === 0x5c) {
        const e = escapeFor(c);
        this.put(e, e.length);
        if (c > 0xffff) i++;
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== last) {
          this.writeIndent(indent);
          if (s.charCodeAt(i + 1) === 0x20) this.put("\\", 1);
        } else {
          this.put(" ", 1);
        }
        spaces = true;
      } else {
        this.put(s[i] as string, 1);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
  }
}

/** A number as ruamel's safe representer writes it. */
function yamlNumber(n: number, isFloat: boolean): string {
  if (!isFloat && Number.isInteger(n)) return pyIntStr(n);
  if (n !== n) return ".nan";
  if (n === Infinity) return ".inf";
  if (n === -Infinity) return "-.inf";
  return pyFloatRepr(n);
}

/**
 * Names the containers that occur more than once (by identity), id001,
 * id002, ... in the order their second occurrence is met walking the
 * document with keys sorted. null when nothing is shared (the usual case).
 */
function findAnchors(doc: Doc): Map<object, string> | null {
  const seen = new Set<object>();
  let anyShared = false;
  const find = (v: Doc): void => {
    if (v === null || typeof v !== "object") return;
    if (seen.has(v)) {
      anyShared = true;
      return;
    }
    seen.add(v);
    if (Array.isArray(v)) {
      for (const el of v) if (el !== null && typeof el === "object") find(el);
    } else {
      for (const k in v) {
        const el = v[k] as Doc;
        if (el !== null && typeof el === "object") find(el);
      }
    }
  };
  find(doc);
  if (!anyShared) return null;
  const anchors = new Map<object, string>();
  const visited = new Set<object>();
  const number = (v: Doc): void => {
    if (v === null || typeof v !== "object") return;
    if (visited.has(v)) {
      if (!anchors.has(v)) anchors.set(v, "id" + String(anchors.size + 1).padStart(3, "0"));
      return;
    }
    visited.add(v);
    if (Array.isArray(v)) {
      for (const el of v) number(el);
    } else {
      for (const k of pySortKeys(Object.keys(v))) number(v[k] as Doc);
    }
  };
  number(doc);
  return anchors;
}

function dumpContainer(doc: Container): string {
  const emitter = new YamlEmitter(findAnchors(doc));
  emitter.node(doc, undefined, 0, -1, Place.Root);
  emitter.finish();
  return emitter.result();
}

/** A scalar document: json.dumps of it plus a newline. */
function dumpScalar(value: string | number | boolean | null): string {
  return jsonScalar(value, false) + "\n";
}

/** The yaml output of one (merged) document; "" for an empty object. */
export function formatYaml(doc: Doc): string {
  if (doc === null || typeof doc !== "object") return dumpScalar(doc);
  if (isObject(doc) && Object.keys(doc).length === 0) return "";
  return dumpContainer(doc);
}

/**
 * One page of yaml-stream output: the page dumped as a one-element list.
 * An empty object prints nothing, as for an operation without output;
 * pass `paginated` for a page of a paginated response, where the CLI
 * prints `- {}` for it instead.
 */
export function formatYamlStreamPage(doc: Doc, opts?: { paginated?: boolean }): string {
  if (!opts?.paginated && isObject(doc) && Object.keys(doc).length === 0) return "";
  return dumpContainer([doc]);
}
