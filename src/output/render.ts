// The output stage: --query, then the chosen format. Formatters are pure
// functions of the document; this module picks one and applies the query.
import type { IO } from "../io.ts";
import type { OutputFormat } from "../cli/globals.ts";
import type { Doc } from "./document.ts";
import { compileQuery, searchQueryResult } from "./query.ts";
import { formatJson, jsonScalar } from "./json.ts";
import { formatYaml, formatYamlStreamPage } from "./yaml.ts";
import { formatText } from "./text.ts";
import { formatTable } from "./table.ts";
import { pyStr } from "./pyformat.ts";
import { FormatError } from "./format-error.ts";
import { GeneralError } from "../errors/index.ts";

export interface RenderOptions {
  format: OutputFormat;
  query?: string | undefined;
  /** Table title: the operation name. */
  title: string;
  color: "on" | "off" | "auto";
  /** This document is one page of a paginated response (yaml-stream prints `- {}` for an empty page). */
  page?: boolean;
}

/**
 * Formats one document (a whole response, or one page for text and
 * yaml-stream). Raises the CLI's error when the formatter cannot print it,
 * after writing what the CLI would already have written.
 */
export function formatDoc(doc: Doc, opts: RenderOptions, io: IO): string {
  let value = doc;
  let isFloat = false;
  if (opts.query !== undefined) {
    const r = searchQueryResult(compileQuery(opts.query), doc);
    value = r.value;
    isFloat = r.isFloat;
  }
  try {
    // A float picked out by --query on its own (`Datapoints[0].Average`) keeps its kind.
    if (isFloat && typeof value === "number") {
      if (opts.format === "text") return pyStr(value, true) + "\n";
      if (opts.format !== "table") return jsonScalar(value, true) + "\n";
    }
    switch (opts.format) {
      case "json":
        return formatJson(value);
      case "yaml":
        return formatYaml(value);
      case "yaml-stream":
        return formatYamlStreamPage(value, { paginated: opts.page === true });
      case "text":
        return formatText(value);
      case "table": {
        const tty = io.stdout.isTTY === true;
        const color = opts.color === "on" || (opts.color === "auto" && tty);
        return formatTable(value, { title: opts.title, width: io.stdout.columns ?? 80, color, tty });
      }
    }
  } catch (e) {
    if (e instanceof FormatError) {
      io.stdout.write(e.partial);
      throw new GeneralError(e.message, { cause: e });
    }
    throw e;
  }
}
