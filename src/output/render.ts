// The output stage: --query, then the chosen format, then stdout (through the
// pager when stdout is a terminal and one is configured).
import type { IO } from "../io.ts";
import type { Settings } from "../config/settings.ts";
import type { OutputFormat } from "../cli/globals.ts";
import type { Doc } from "./document.ts";
import { compileQuery, searchQuery } from "./query.ts";
import { formatJson } from "./json.ts";
import { formatYaml, formatYamlStreamPage } from "./yaml.ts";
import { formatText } from "./text.ts";
import { formatTable } from "./table.ts";

export interface RenderOptions {
  format: OutputFormat;
  query?: string | undefined;
  /** Table title: the operation name. */
  title: string;
  color: "on" | "off" | "auto";
}

/** Formats one whole document (json, yaml, table; text and yaml-stream of a single page). */
export function formatDoc(doc: Doc, opts: RenderOptions, io: IO): string {
  const q = opts.query !== undefined ? searchQuery(compileQuery(opts.query), doc) : doc;
  switch (opts.format) {
    case "json":
      return formatJson(q);
    case "yaml":
      return formatYaml(q);
    case "yaml-stream":
      return formatYamlStreamPage(q);
    case "text":
      return formatText(q);
    case "table": {
      const color = opts.color === "on" || (opts.color === "auto" && io.stdout.isTTY === true);
      return formatTable(q, { title: opts.title, width: io.stdout.columns ?? 80, color });
    }
  }
}

/** Formats per page (text, yaml-stream): the query applies to each page separately. */
export function formatPages(pages: Doc[], opts: RenderOptions, io: IO): string {
  return pages.map((p) => formatDoc(p, opts, io)).join("");
}

export function outputFormat(settings: Settings): OutputFormat {
  return settings.output;
}
