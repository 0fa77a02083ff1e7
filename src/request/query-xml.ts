// Reads the XML body of a successful AWS query protocol response (awsQuery,
// ec2Query) in one pass, straight into the document kumo prints: the same
// document the SDK's deserializer followed by output/normalize.ts gives
// (members in schema order, timestamps as wire text to be formatted, integral
// floats marked, blobs as base64), without the SDK's intermediate object tree.
//
// What the document holds follows the SDK's reading (@aws-sdk/xml-builder's
// parseXML, then XmlShapeDeserializer) rule for rule: CR LF becomes LF,
// entities are decoded as parseXML decodes them (named, decimal, hex; CDATA
// as is), text that is only whitespace with a line break counts as empty, an
// empty element is "" / 0 / false / {} / [] by the member's type, unknown
// elements are ignored. Where the SDK's reading would turn on something rare
// (attributes named like members, text mixed with elements, a repeated element that is not a
// flattened list, a map entry without key or value, big numbers, documents,
// malformed XML) the reader gives up and returns undefined, and the caller
// lets the SDK read the response instead.
import type { NormalizedSchema } from "@smithy/core/schema";
import { markFloat, setMember, type Doc, type DocArray, type DocObject } from "../output/document.ts";
import { NUMBER_TEXT } from "./wire-values.ts";
import { Kind, Scalar, structPlan, type ListPlan, type MapPlan, type Plan, type StructPlan } from "./query-plan.ts";
import type { PrintableResponse } from "./printable.ts";

/** Thrown to give up; never escapes readQueryXml. */
const GIVE_UP = Symbol("give up");

/** A timestamp's wire text (formatted later, per cli_timestamp_format). */
class TimestampText {
  constructor(readonly raw: string) {}
}

/** A float with no fractional part (`5.0`), printed as Python prints a float. */
class IntegralFloat {
  constructor(readonly value: number) {}
}

type Value = Doc | TimestampText | IntegralFloat;

const LT = 60; // <
const GT = 62; // >
const SLASH = 47; // /
const BANG = 33; // !
const QUESTION = 63; // ?
const EQUALS = 61; // =

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

const FLOAT_TEXT = /[.eE]/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|([a-zA-Z][a-zA-Z0-9]{0,30}));/g;
// A plain object, looked up as parseXML looks it up (an unknown name is dropped).
const NAMED_ENTITIES: Record<string, unknown> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(ENTITY, (_m, hex: string | undefined, dec: string | undefined, named: string) => {
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    if (dec) return String.fromCharCode(parseInt(dec, 10));
    return String(NAMED_ENTITIES[named] ?? "");
  });
}

/** Text between elements that parseXML drops: only whitespace, with a line break. */
function isIgnorableText(raw: string, decode: boolean): boolean {
  let newline = false;
  for (let k = 0; k < raw.length; k++) {
    const c = raw.charCodeAt(k);
    if (c === 10) newline = true;
    else if (c !== 32 && c !== 9 && c !== 13) {
      const text = decode && raw.includes("&") ? decodeEntities(raw) : raw;
      return text.trim() === "" && text.includes("\n");
    }
  }
  return newline;
}

class Reader {
  private readonly x: string;
  private readonly z: number;
  private i = 0;
  /** The element header just read: its name, whether it ended with `/>`, its attribute names. */
  private tag = "";
  private selfClosing = false;
  private attrs: string[] | undefined;
  /** Set by nextChild when it passed text that parseXML would keep. */
  private textSeen = false;
  readonly timestamps: PrintableResponse["timestamps"] = [];

  constructor(xml: string) {
    this.x = xml.includes("\r") ? xml.replace(/\r\n?/g, "\n") : xml;
    this.z = this.x.length;
  }

  readDocument(output: StructPlan, resultTag: string | undefined): DocObject {
    const x = this.x;
    while (this.i < this.z) {
      this.skipSpace();
      if (this.i >= this.z) break;
      if (x.startsWith("<?", this.i)) this.readTo("?>");
      else if (x.startsWith("<!--", this.i)) this.readTo("-->");
      else if (x.charCodeAt(this.i) === LT && x.charCodeAt(this.i + 1) !== BANG) return this.readRoot(output, resultTag);
      else throw GIVE_UP; // a DOCTYPE, or no root element
    }
    throw GIVE_UP;
  }

  private readRoot(output: StructPlan, resultTag: string | undefined): DocObject {
    this.readHeader();
    const rootTag = this.tag;
    // parseXML adds the root's attributes (xmlns) beside its children.
    for (const a of this.attrs ?? []) if (resultTag === undefined ? output.byTag.has(a) : a === resultTag) throw GIVE_UP;
    if (this.selfClosing) return {};
    if (resultTag === undefined) {
      // ec2Query: the root element is the output structure. Text of the
      // root would be read as a member named like the root.
      const doc = this.readStruct(output, rootTag, true);
      return doc;
    }
    // awsQuery: the output structure is the root's <OperationResult> child.
    let doc: DocObject | undefined;
    while (this.nextChild(rootTag)) {
      if (this.tag !== resultTag) this.skipElement();
      else if (doc !== undefined) throw GIVE_UP;
      else doc = this.readElement(output) as DocObject;
    }
    return doc ?? {};
  }

  // ---- values --------------------------------------------------------------

  /** The value of the element whose header was just read, read as `plan`. */
  private readElement(plan: Plan): Value {
    if (this.attrs !== undefined) return this.readElementWithAttributes(plan, this.attrs);
    if (this.selfClosing) return this.emptyValue(plan);
    switch (plan.kind) {
      case Kind.Scalar:
        return this.scalar(plan.scalar, this.readText(this.tag));
      case Kind.Struct:
        return this.readStruct(plan, this.tag, false);
      case Kind.List:
        return this.readList(plan, this.tag);
      case Kind.Map:
        return this.readMap(plan, this.tag);
    }
  }

  /**
   * parseXML makes an element with attributes (such as xmlns) an object of
   * its attributes and children; text it keeps makes the element that text.
   * Read alike as long as no attribute is named like something the element's
   * reading looks up.
   */
  private readElementWithAttributes(plan: Plan, attrs: string[]): Value {
    switch (plan.kind) {
      case Kind.Scalar: {
        // Only text makes it a scalar; without, the SDK keeps the object.
        const text = this.selfClosing ? undefined : this.readKeptText(this.tag);
        if (text === undefined) throw GIVE_UP;
        return this.scalar(plan.scalar, text);
      }
      case Kind.Struct:
        for (const a of attrs) if (plan.byTag.has(a)) throw GIVE_UP;
        return this.selfClosing ? this.emptyValue(plan) : this.readStruct(plan, this.tag, false);
      case Kind.List:
        if (attrs.includes(plan.itemTag)) throw GIVE_UP;
        return this.selfClosing ? this.emptyValue(plan) : this.readList(plan, this.tag);
      case Kind.Map:
        throw GIVE_UP;
    }
  }

  /** What an empty element (or, for structures, lists and maps, one holding only text) reads as. */
  private emptyValue(plan: Plan): Value {
    switch (plan.kind) {
      case Kind.Scalar:
        return this.scalar(plan.scalar, "");
      case Kind.Struct:
        if (plan.unreadable) throw GIVE_UP;
        return {};
      case Kind.List:
        if (plan.flat) throw GIVE_UP;
        return [];
      case Kind.Map:
        if (plan.flat) throw GIVE_UP;
        return {};
    }
  }

  private scalar(kind: Scalar, s: string): Value {
    switch (kind) {
      case Scalar.String:
        // output/normalize.ts reads this prefix as a number.
        if (s.charCodeAt(0) === 0 && s.startsWith(NUMBER_TEXT)) throw GIVE_UP;
        return s;
      case Scalar.Number: {
        const t = s.trim();
        if (FLOAT_TEXT.test(t)) {
          const n = Number(t);
          if (Number.isInteger(n)) return new IntegralFloat(n);
          return n;
        }
        return Number(t);
      }
      case Scalar.Boolean:
        return s.toLowerCase() === "true";
      case Scalar.Timestamp:
        return new TimestampText(s.trim());
      case Scalar.Blob:
        // The SDK's base64 decoder refuses what is not padded base64; the
        // document holds the bytes encoded again.
        if ((s.length * 3) % 4 !== 0 || !BASE64.test(s)) throw GIVE_UP;
        return Buffer.from(s, "base64").toString("base64");
      default:
        throw GIVE_UP;
    }
  }

  /** Stores `v` at `container[key]`, noting timestamps and float marks. */
  private put(container: DocObject | DocArray, key: string | number, v: Value): void {
    const c = container as DocObject & DocArray;
    const k = key as string & number;
    if (typeof v === "object" && v !== null) {
      if (v instanceof TimestampText) {
        c[k] = v.raw;
        this.timestamps.push(container, key, v.raw);
        return;
      }
      if (v instanceof IntegralFloat) {
        c[k] = v.value;
        markFloat(container, key);
        return;
      }
    }
    c[k] = v;
  }

  private readStruct(plan: StructPlan, tag: string, root: boolean): DocObject {
    if (plan.unreadable) throw GIVE_UP;
    const names = plan.names;
    let slots: (Value | undefined)[] | undefined;
    let text = false;
    let children = false;
    for (;;) {
      this.textSeen = false;
      const more = this.nextChild(tag);
      if (this.textSeen) text = true;
      if (!more) break;
      children = true;
      const index = plan.byTag.get(this.tag);
      if (index === undefined) {
        this.skipElement();
        continue;
      }
      slots ??= new Array<Value | undefined>(names.length);
      const member = plan.member(index);
      if (member.kind === Kind.List && member.flat) {
        const list = (slots[index] ??= []) as DocArray;
        this.put(list, list.length, this.readElement(member.item()));
      } else if (member.kind === Kind.Map && member.flat) {
        this.readEntry((slots[index] ??= {}) as DocObject, member);
      } else if (slots[index] !== undefined) {
        throw GIVE_UP; // repeated: the SDK would read an array
      } else {
        slots[index] = this.readElement(member);
      }
    }
    // Text beside child elements: the SDK reads the element as that text. The
    // root's text it reads as a member named like the root.
    if (root ? text && plan.byTag.has(tag) : text && children) throw GIVE_UP;
    const out: DocObject = {};
    if (slots === undefined) return out;
    for (let k = 0; k < names.length; k++) {
      const v = slots[k];
      if (v !== undefined) this.put(out, names[k]!, v);
    }
    return out;
  }

  private readList(plan: ListPlan, tag: string): DocArray {
    if (plan.flat) throw GIVE_UP; // a flattened list that is not a structure member
    const out: DocArray = [];
    const itemTag = plan.itemTag;
    let item: Plan | undefined;
    let text = false;
    let children = false;
    for (;;) {
      this.textSeen = false;
      const more = this.nextChild(tag);
      if (this.textSeen) text = true;
      if (!more) break;
      children = true;
      if (this.tag !== itemTag) this.skipElement();
      else this.put(out, out.length, this.readElement((item ??= plan.item())));
    }
    if (text && children) throw GIVE_UP;
    return out;
  }

  private readMap(plan: MapPlan, tag: string): DocObject {
    if (plan.flat) throw GIVE_UP; // a flattened map that is not a structure member
    const out: DocObject = {};
    let entries = 0;
    let text = false;
    let children = false;
    for (;;) {
      this.textSeen = false;
      const more = this.nextChild(tag);
      if (this.textSeen) text = true;
      if (!more) break;
      children = true;
      if (this.tag !== "entry") this.skipElement();
      else {
        entries++;
        this.readEntry(out, plan);
      }
    }
    // Without <entry> children the SDK's map reading fails.
    if ((text || entries === 0) && children) throw GIVE_UP;
    return out;
  }

  /** Reads the entry element whose header was just read into `out`. */
  private readEntry(out: DocObject, plan: MapPlan): void {
    if (this.selfClosing || plan.keyTag === plan.valueTag) throw GIVE_UP;
    for (const a of this.attrs ?? []) if (a === plan.keyTag || a === plan.valueTag) throw GIVE_UP;
    const tag = this.tag;
    let key: string | undefined;
    let value: Value | undefined;
    let text = false;
    for (;;) {
      this.textSeen = false;
      const more = this.nextChild(tag);
      if (this.textSeen) text = true;
      if (!more) break;
      if (this.tag === plan.keyTag) {
        if (key !== undefined) throw GIVE_UP;
        if (this.attrs === undefined) key = this.selfClosing ? "" : this.readText(this.tag);
        else if ((key = this.selfClosing ? undefined : this.readKeptText(this.tag)) === undefined) throw GIVE_UP;
      } else if (this.tag === plan.valueTag) {
        if (value !== undefined) throw GIVE_UP;
        value = this.readElement(plan.value());
      } else {
        this.skipElement();
      }
    }
    if (text || key === undefined || value === undefined || Object.hasOwn(out, key)) throw GIVE_UP;
    // The key takes its place first (in the service's order, even when it
    // looks like a number; `__proto__` as a member), then gets its value.
    setMember(out, key, null);
    this.put(out, key, value);
  }

  // ---- XML -----------------------------------------------------------------

  private skipSpace(): void {
    while (this.i < this.z && isSpace(this.x.charCodeAt(this.i))) this.i++;
  }

  private readTo(stop: string): string {
    const at = this.x.indexOf(stop, this.i);
    if (at === -1) throw GIVE_UP;
    const s = this.x.slice(this.i, at);
    this.i = at + stop.length;
    return s;
  }

  /** Reads `<name attr="v" ...>` or `<name .../>` at the current position. */
  private readHeader(): void {
    const x = this.x;
    const z = this.z;
    let i = this.i + 1;
    const start = i;
    for (; i < z; i++) {
      const c = x.charCodeAt(i);
      if (isSpace(c) || c === GT || c === SLASH) break;
    }
    this.tag = x.slice(start, i);
    this.attrs = undefined;
    if (x.charCodeAt(i) === GT) {
      this.i = i + 1;
      this.selfClosing = false;
      return;
    }
    this.i = i;
    this.readAttributes();
    i = this.i;
    if (i >= z) throw GIVE_UP;
    if (x.charCodeAt(i) === SLASH) {
      if (x.charCodeAt(i + 1) !== GT) throw GIVE_UP;
      this.i = i + 2;
      this.selfClosing = true;
      return;
    }
    if (x.charCodeAt(i) !== GT) throw GIVE_UP;
    this.i = i + 1;
    this.selfClosing = false;
  }

  /** Attributes as parseXML reads them; only their names are kept. */
  private readAttributes(): void {
    const x = this.x;
    const z = this.z;
    while (this.i < z) {
      this.skipSpace();
      const c = x.charCodeAt(this.i);
      if (c === GT || c === SLASH) break;
      const start = this.i;
      while (this.i < z) {
        const d = x.charCodeAt(this.i);
        if (d === EQUALS || isSpace(d) || d === GT || d === SLASH || d === QUESTION) break;
        this.i++;
      }
      const name = x.slice(start, this.i);
      this.skipSpace();
      if (x.charCodeAt(this.i) !== EQUALS) break;
      this.i++;
      this.skipSpace();
      const quote = x.charCodeAt(this.i);
      this.i++;
      while (this.i < z && x.charCodeAt(this.i) !== quote) this.i++;
      this.i++;
      (this.attrs ??= []).push(name);
    }
  }

  /** At `</`: reads the end tag of `tag`. */
  private closeTag(tag: string): void {
    const x = this.x;
    const from = this.i + 2;
    const gt = x.indexOf(">", from);
    if (gt === -1) throw GIVE_UP;
    this.i = gt + 1;
    if (gt - from === tag.length && x.startsWith(tag, from)) return;
    if (x.slice(from, gt).trim() !== tag) throw GIVE_UP;
  }

  /**
   * Moves to the next child element of the open element `tag` and reads its
   * header (true), or past the element's end tag (false). Sets textSeen when
   * it passes text that parseXML keeps.
   */
  private nextChild(tag: string): boolean {
    const x = this.x;
    for (;;) {
      const lt = x.indexOf("<", this.i);
      if (lt === -1) throw GIVE_UP;
      if (lt > this.i && !this.textSeen && !isIgnorableText(x.slice(this.i, lt), true)) this.textSeen = true;
      this.i = lt;
      const c = x.charCodeAt(lt + 1);
      if (c === SLASH) {
        this.closeTag(tag);
        return false;
      }
      if (c === BANG) {
        if (x.startsWith("<!--", lt)) {
          this.readTo("-->");
          continue;
        }
        if (x.startsWith("<![CDATA[", lt)) {
          this.i = lt + 9;
          const cdata = this.readTo("]]>");
          if (!isIgnorableText(cdata, false)) this.textSeen = true;
          continue;
        }
      } else if (c === QUESTION) {
        this.readTo("?>");
        continue;
      }
      this.readHeader();
      return true;
    }
  }

  /** The text of a scalar element `tag` (header read, not self-closing), as parseXML gives it. */
  private readText(tag: string): string {
    const x = this.x;
    let text: string | undefined;
    for (;;) {
      const lt = x.indexOf("<", this.i);
      if (lt === -1) throw GIVE_UP;
      if (lt > this.i) {
        let part = x.slice(this.i, lt);
        if (part.includes("&")) part = decodeEntities(part);
        text = text === undefined ? part : text + part;
      }
      this.i = lt;
      const c = x.charCodeAt(lt + 1);
      if (c === SLASH) {
        this.closeTag(tag);
        break;
      }
      if (c === BANG && x.startsWith("<!--", lt)) {
        this.readTo("-->");
        continue;
      }
      if (c === BANG && x.startsWith("<![CDATA[", lt)) {
        this.i = lt + 9;
        const cdata = this.readTo("]]>");
        text = text === undefined ? cdata : text + cdata;
        continue;
      }
      if (c === QUESTION) {
        this.readTo("?>");
        continue;
      }
      throw GIVE_UP; // an element inside a scalar
    }
    if (text === undefined) return "";
    if (text.includes("\n") && text.trim() === "") return "";
    return text;
  }

  /**
   * The text parseXML keeps of an element with attributes (header read, not
   * self-closing): its text parts but those that are only whitespace with a
   * line break; undefined when none is kept.
   */
  private readKeptText(tag: string): string | undefined {
    const x = this.x;
    let text: string | undefined;
    for (;;) {
      const lt = x.indexOf("<", this.i);
      if (lt === -1) throw GIVE_UP;
      if (lt > this.i) {
        let part = x.slice(this.i, lt);
        if (part.includes("&")) part = decodeEntities(part);
        if (!isIgnorableText(part, false)) text = text === undefined ? part : text + part;
      }
      this.i = lt;
      const c = x.charCodeAt(lt + 1);
      if (c === SLASH) {
        this.closeTag(tag);
        return text;
      }
      if (c === BANG && x.startsWith("<!--", lt)) this.readTo("-->");
      else if (c === BANG && x.startsWith("<![CDATA[", lt)) {
        this.i = lt + 9;
        const cdata = this.readTo("]]>");
        if (!isIgnorableText(cdata, false)) text = text === undefined ? cdata : text + cdata;
      } else if (c === QUESTION) this.readTo("?>");
      else throw GIVE_UP; // an element inside a scalar
    }
  }

  /** Skips the element whose header was just read, checking that its tags match. */
  private skipElement(): void {
    if (this.selfClosing) return;
    const x = this.x;
    const tag = this.tag;
    for (;;) {
      const lt = x.indexOf("<", this.i);
      if (lt === -1) throw GIVE_UP;
      this.i = lt;
      const c = x.charCodeAt(lt + 1);
      if (c === SLASH) {
        this.closeTag(tag);
        return;
      }
      if (c === BANG && x.startsWith("<!--", lt)) this.readTo("-->");
      else if (c === BANG && x.startsWith("<![CDATA[", lt)) {
        this.i = lt + 9;
        this.readTo("]]>");
      } else if (c === QUESTION) this.readTo("?>");
      else {
        this.readHeader();
        this.skipElement();
      }
    }
  }
}

/**
 * The printable document of a successful query protocol response body.
 * `output` is the operation's output schema (a structure); `resultTag` the
 * awsQuery `<OperationResult>` element holding it (undefined for ec2Query,
 * where the root element is the output). Undefined when the SDK should read
 * this response.
 */
export function readQueryXml(xml: string, output: NormalizedSchema, resultTag: string | undefined): PrintableResponse | undefined {
  const reader = new Reader(xml);
  try {
    const doc = reader.readDocument(structPlan(output), resultTag);
    return { doc, timestamps: reader.timestamps };
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}
