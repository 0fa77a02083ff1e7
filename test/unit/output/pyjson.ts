// Parses JSON the way Python's json.loads does for the documents used in the
// output tests: numbers written with a fraction or exponent are floats (so
// integral ones get a float mark), and NaN / Infinity / -Infinity are accepted.
import type { Doc, DocArray, DocObject } from "../../../src/output/document.ts";
import { markFloat } from "../../../src/output/document.ts";

export function parsePyJson(text: string): Doc {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && " \t\n\r".includes(text[i] as string)) i++;
  };
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at ${i} in ${text.slice(0, 60)}`);
  };
  const value = (): { v: Doc; float: boolean } => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const obj: DocObject = {};
      ws();
      if (text[i] === "}") {
        i++;
        return { v: obj, float: false };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("expected key");
        const k = str();
        ws();
        if (text[i++] !== ":") fail("expected :");
        const { v, float } = value();
        obj[k] = v;
        if (float) markFloat(obj, k);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return { v: obj, float: false };
        } else fail("expected , or }");
      }
    }
    if (c === "[") {
      i++;
      const arr: DocArray = [];
      ws();
      if (text[i] === "]") {
        i++;
        return { v: arr, float: false };
      }
      for (;;) {
        const { v, float } = value();
        arr.push(v);
        if (float) markFloat(arr, arr.length - 1);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return { v: arr, float: false };
        } else fail("expected , or ]");
      }
    }
    if (c === '"') return { v: str(), float: false };
    for (const [word, v, float] of [
      ["true", true, false],
      ["false", false, false],
      ["null", null, false],
      ["NaN", NaN, true],
      ["Infinity", Infinity, true],
      ["-Infinity", -Infinity, true],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { v, float };
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i));
    if (!m) return fail("unexpected character");
    i += m[0].length;
    return { v: Number(m[0]), float: m[1] !== undefined || m[2] !== undefined };
  };
  const str = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') {
      if (i >= text.length) fail("unterminated string");
      i += text[i] === "\\" ? 2 : 1;
    }
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const { v } = value();
  ws();
  if (i !== text.length) fail("trailing data");
  return v;
}

/** A JMESPath expression that evaluates to the JSON document (a literal; backticks escaped). */
export function jmesLiteral(json: string): string {
  return "`" + json.replace(/`/g, "\\`") + "`";
}
