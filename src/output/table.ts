// --output table: the AWS CLI's boxed tables. The document becomes a list of
// sections (title, header, rows, indent level); every section is drawn at the
// width of the widest one, columns scaled with Python's round-half-even. When
// the widest section does not fit the terminal, single-row sections are turned
// into two-column key/value tables. Cells are Python str() of the values;
// East-Asian wide and ambiguous characters count as two columns.

import type { Doc, DocArray, DocObject } from "./document.ts";
import { docKeys, isFloatAt, isObject } from "./document.ts";
import { FormatError, pyTypeName } from "./format-error.ts";
import { displayWidth, pyRound, pySortKeys, pyStr, pyStrValue } from "./pyformat.ts";

export interface TableOptions {
  /** Title of the outermost section: the operation name, e.g. DescribeInstances. */
  title: string;
  /** Terminal width; 80 when stdout is not a terminal. */
  width: number;
  /** ANSI colours (--color on, or auto on a terminal). */
  color: boolean;
  /**
   * stdout is a terminal. With colour on, the CLI's colour library writes one
   * more reset sequence when the process exits, but only to a terminal.
   */
  tty?: boolean;
}

type Container = DocObject | DocArray;

interface Cell {
  text: string;
  width: number;
}

function cell(text: string): Cell {
  return { text, width: displayWidth(text) };
}

function valueCell(value: Doc, container: Container, key: string | number): Cell {
  if (typeof value === "number") return cell(pyStr(value, isFloatAt(container, key, value)));
  return cell(pyStrValue(value));
}

class Section {
  /** null when built for a list nested in a list (Python's None title: not drawn, but 4 columns wide). */
  title: string | null = "";
  indent = 0;
  headers: Cell[] = [];
  rows: Cell[][] = [];
  private numCols: number | null = null;
  maxWidths: number[] = [];

  addHeader(headers: Cell[]): void {
    this.updateMaxWidths(headers);
    if (this.numCols === null) this.numCols = headers.length;
    this.headers = headers;
  }

  addRow(row: Cell[]): void {
    if (this.numCols === null) this.numCols = row.length;
    if (row.length !== this.numCols) {
      throw new FormatError(`Row should have ${this.numCols} elements, instead it has ${row.length}`);
    }
    this.rows.push(row);
    this.updateMaxWidths(row);
  }

  private updateMaxWidths(row: Cell[]): void {
    if (this.maxWidths.length === 0) {
      this.maxWidths = row.map((c) => c.width);
      return;
    }
    for (let i = 0; i < row.length; i++) {
      const current = this.maxWidths[i];
      if (current === undefined) throw new FormatError("list index out of range");
      const w = (row[i] as Cell).width;
      if (w > current) this.maxWidths[i] = w;
    }
  }

  titleWidth(): number {
    return this.title === null ? 4 : displayWidth(this.title);
  }

  /** Width including borders and the `|` of enclosing sections. */
  totalWidth(): number {
    let total = 2 + 2 * this.indent;
    for (const w of this.maxWidths) total += w + 4;
    const titled = this.titleWidth() + 2 + 2 * this.indent;
    return titled > total ? titled : total;
  }

  /** Column widths (with padding and right border) summing to `maxWidth`. */
  columnWidths(maxWidth: number): number[] {
    const unscaled = this.maxWidths.map((w) => w + 4);
    if (unscaled.length === 0) return unscaled;
    let sum = 0;
    for (const u of unscaled) sum += u;
    const factor = maxWidth / sum;
    const scaled = unscaled.map((u) => pyRound(factor * u));
    let off = -maxWidth;
    for (const s of scaled) off += s;
    while (off !== 0) {
      if (off > 0) {
        for (let i = 0; i < scaled.length && off !== 0; i++) {
          scaled[i] = (scaled[i] as number) - 1;
          off--;
        }
      } else {
        for (let i = scaled.length - 1; i >= 0 && off !== 0; i--) {
          scaled[i] = (scaled[i] as number) + 1;
          off++;
        }
      }
    }
    return scaled;
  }
}

function isScalar(v: Doc | undefined): boolean {
  return v === null || typeof v !== "object";
}

/** Sorted scalar and non-scalar keys of an object. */
function groupKeys(d: DocObject): { headers: string[]; more: string[] } {
  const headers: string[] = [];
  const more: string[] = [];
  for (const k of Object.keys(d)) (isScalar(d[k]) ? headers : more).push(k);
  pySortKeys(headers);
  pySortKeys(more);
  return { headers, more };
}

function truthy(v: Doc): boolean {
  if (v === null || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

class TableBuilder {
  readonly sections: Section[] = [];
  private current: Section | null = null;

  private newSection(title: string | null, indent: number): void {
    const s = new Section();
    s.title = title;
    s.indent = indent;
    this.sections.push(s);
    this.current = s;
  }

  private section(): Section {
    // A list nested in a list (title None) adds to the section being built.
    if (this.current === null) throw new FormatError("'NoneType' object has no attribute 'add_row'");
    return this.current;
  }

  build(title: string | null, value: Doc, indent: number): boolean {
    if (!truthy(value)) return false;
    if (title !== null) this.newSection(title, indent);
    if (Array.isArray(value)) {
      if (isObject(value[0])) {
        this.fromList(value, indent, title);
      } else {
        for (let i = 0; i < value.length; i++) {
          const item = value[i] as Doc;
          if (isScalar(item)) {
            this.section().addRow([valueCell(item, value, i)]);
          } else if (isObject(item)) {
            // Python iterates a dict's keys here, so its keys form the row.
            this.section().addRow(docKeys(item).map(cell));
          } else if ((item as DocArray).every(isScalar)) {
            const row = item as DocArray;
            this.section().addRow(row.map((v, j) => valueCell(v, row, j)));
          } else {
            this.build(null, item, 0);
          }
        }
      }
    } else if (isObject(value)) {
      this.fromDict(value, indent);
    }
    return true;
  }

  private fromDict(d: DocObject, indent: number): void {
    const { headers, more } = groupKeys(d);
    const s = this.section();
    if (headers.length === 1) {
      const k = headers[0] as string;
      s.addRow([cell(k), valueCell(d[k] as Doc, d, k)]);
    } else if (headers.length > 0) {
      s.addHeader(headers.map(cell));
      s.addRow(headers.map((k) => valueCell(d[k] as Doc, d, k)));
    }
    for (const k of more) this.build(k, d[k] as Doc, indent + 1);
  }

  private fromList(list: DocArray, indent: number, title: string | null): void {
    // Columns: the sorted union of scalar keys; sub-sections: the other keys.
    // The CLI collects them from every element before building any row, so
    // an element it cannot read as a dict fails here first.
    const headerSet = new Set<string>();
    const moreSet = new Set<string>();
    let indexHeaders = 0;
    for (let i = 0; i < list.length; i++) {
      const el = list[i] as Doc;
      if (isObject(el)) {
        for (const k in el) (isScalar(el[k]) ? headerSet : moreSet).add(k);
      } else {
        indexHeaders += groupNonDict(el, list, i);
      }
    }
    if (indexHeaders > 0 && headerSet.size > 0) {
      throw new FormatError("'<' not supported between instances of 'int' and 'str'");
    }
    const headers = pySortKeys([...headerSet]);
    const more = pySortKeys([...moreSet]);
    const headerCells = headers.map(cell);
    this.section().addHeader(indexHeaders > 0 ? [cell("0")] : headerCells);
    for (let i = 0; i < list.length; i++) {
      const el = list[i] as Doc;
      if (i > 0 && more.length > 0) {
        this.newSection(title, indent);
        this.section().addHeader(headerCells);
      }
      if (!isObject(el)) {
        // Rows are read with dict.get(); without columns nothing is read.
        if (headers.length > 0 || indexHeaders > 0) throw new FormatError(`'${pyTypeName(el)}' object has no attribute 'get'`);
        this.section().addRow([]);
        continue;
      }
      if (indexHeaders > 0) {
        // Columns named by list indexes: a dict has none of them.
        this.section().addRow([cell("")]);
      } else {
        this.section().addRow(headers.map((h) => (Object.prototype.hasOwnProperty.call(el, h) ? valueCell(el[h] as Doc, el, h) : cell(""))));
      }
      for (const k of more) {
        if (Object.prototype.hasOwnProperty.call(el, k)) this.build(k, el[k] as Doc, indent + 1);
      }
    }
  }
}

/**
 * Reads a non-dict element of a list that starts with a dict the way the CLI
 * does: it iterates the element and indexes it with each item. A string or
 * number fails; an empty string or list yields nothing; a list of valid
 * integer indexes yields integer "keys" (returns how many).
 */
function groupNonDict(el: Doc, list: DocArray, i: number): number {
  if (typeof el === "string") {
    if (el.length > 0) throw new FormatError("string indices must be integers, not 'str'");
    return 0;
  }
  if (!Array.isArray(el)) {
    throw new FormatError(`'${pyTypeName(el, typeof el === "number" && isFloatAt(list, i, el))}' object is not iterable`);
  }
  for (let j = 0; j < el.length; j++) {
    const e = el[j] as Doc;
    let index: number;
    if (typeof e === "boolean") index = e ? 1 : 0;
    else if (typeof e === "number" && !isFloatAt(el, j, e)) index = e;
    else throw new FormatError("list indices must be integers or slices, not " + pyTypeName(e, typeof e === "number"));
    if (index < -el.length || index >= el.length) throw new FormatError("list index out of range");
  }
  return el.length;
}

// --- rendering ----------------------------------------------------------------

const RESET = "\x1b[0m";
const ROW_STYLE = "\x1b[1m\x1b[34m";
const INDENT_STYLE = "\x1b[2m\x1b[33m";

const SPACES: string[] = [];

function spaces(n: number): string {
  if (n <= 0) return "";
  let s = SPACES[n];
  if (s === undefined) {
    s = " ".repeat(n);
    SPACES[n] = s;
  }
  return s;
}

function centered(text: string, textWidth: number, width: number, leftEdge: string): string {
  const start = (width >> 1) - (textWidth >> 1) - 1;
  const right = width - 1 - (leftEdge.length + start + textWidth);
  return leftEdge + spaces(start) + text + spaces(right) + "|";
}

function leftAligned(text: string, textWidth: number, width: number, leftEdge: string): string {
  const padding = width - (textWidth + 2 + leftEdge.length + 1) >= 0 ? 2 : 0;
  return leftEdge + spaces(padding) + text + spaces(width - (leftEdge.length + padding + textWidth) - 1) + "|";
}

function separator(widths: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < widths.length; i++) {
    const w = widths[i] as number;
    parts.push(i === 0 ? "+" + "-".repeat(Math.max(0, w - 2)) + "+" : "-".repeat(Math.max(0, w - 1)) + "+");
  }
  return parts.join("");
}

function toVertical(sections: Section[]): void {
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i] as Section;
    if (s.rows.length === 1 && s.headers.length > 0) {
      const v = new Section();
      v.title = s.title;
      v.indent = s.indent;
      const row = s.rows[0] as Cell[];
      const n = Math.min(s.headers.length, row.length);
      for (let j = 0; j < n; j++) v.addRow([s.headers[j] as Cell, row[j] as Cell]);
      sections[i] = v;
    }
  }
}

function maxTotalWidth(sections: Section[]): number {
  let max = 0;
  for (const s of sections) {
    const w = s.totalWidth();
    if (w > max) max = w;
  }
  return max;
}

/**
 * Writes the sections. Colour output goes through colorama with autoreset,
 * which appends a reset after every write() the CLI makes; the writes are
 * reproduced one by one so the escape sequences land where the CLI puts them.
 */
function render(sections: Section[], terminalWidth: number, color: boolean): string {
  let maxWidth = maxTotalWidth(sections);
  if (maxWidth > terminalWidth) {
    toVertical(sections);
    maxWidth = maxTotalWidth(sections);
  }
  // Each line is the CLI's four writes: left bars, text, right bars, newline;
  // with colour each write is followed by a reset. A section's lines are
  // concatenated (V8 ropes), the sections joined once at the end.
  const reset = color ? RESET : "";
  const bar = color ? INDENT_STYLE + "|" + RESET : "|";
  const cellStart = color ? ROW_STYLE : "";
  const done: string[] = ["-".repeat(maxWidth) + "\n" + reset];
  for (const s of sections) {
    let out = "";
    const edge = bar.repeat(s.indent) + reset;
    const open = edge;
    const close = reset + edge + "\n" + reset;
    const width = maxWidth - 2 * s.indent;
    if (s.title) {
      out += open + centered(s.title, displayWidth(s.title), width, "|") + close;
      if (s.headers.length === 0 && s.rows.length === 0) out += open + "+" + "-".repeat(Math.max(0, width - 2)) + "+" + close;
    }
    if (s.headers.length > 0) {
      const widths = s.columnWidths(width);
      const n = Math.min(widths.length, s.headers.length);
      let header = "";
      for (let i = 0; i < n; i++) {
        const h = s.headers[i] as Cell;
        header += centered(h.text, h.width, widths[i] as number, i === 0 ? "|" : "");
      }
      out += open + separator(widths) + close + open + header + close;
    }
    if (s.rows.length > 0) {
      const widths = s.columnWidths(width);
      if (widths.length > 0) {
        const sep = open + separator(widths) + close;
        out += sep;
        for (const row of s.rows) {
          const n = Math.min(widths.length, row.length);
          let line = "";
          for (let i = 0; i < n; i++) {
            const c = row[i] as Cell;
            const text = color ? cellStart + c.text + RESET : c.text;
            line += leftAligned(text, c.width, widths[i] as number, i === 0 ? "|" : "");
          }
          out += open + line + close;
        }
        out += sep;
      }
    }
    done.push(out);
  }
  return done.join("");
}

/** The table output of one (merged) document; "" when there is nothing to show. */
export function formatTable(doc: Doc, opts: TableOptions): string {
  const exitReset = opts.color && opts.tty === true ? RESET : "";
  const builder = new TableBuilder();
  try {
    if (!builder.build(opts.title, doc, 0)) return exitReset;
  } catch (e) {
    if (e instanceof FormatError) throw new FormatError(e.message, exitReset);
    throw e;
  }
  return render(builder.sections, opts.width, opts.color) + exitReset;
}
