// Runs kumo's formatter for a format the way the CLI does: the text to print,
// or, when the formatter fails like the AWS CLI does, what was printed before
// the failure plus the error message.
import type { Doc } from "../../../src/output/document.ts";
import { FormatError } from "../../../src/output/format-error.ts";
import { formatJson } from "../../../src/output/json.ts";
import { formatTable } from "../../../src/output/table.ts";
import { formatText } from "../../../src/output/text.ts";
import { formatYaml, formatYamlStreamPage } from "../../../src/output/yaml.ts";
import { TABLE_TITLE, type Format } from "./aws-cli.ts";

export interface FormatterOutput {
  stdout: string;
  error?: string;
}

export interface TableSettings {
  width: number;
  color: boolean;
  tty: boolean;
}

const PLAIN_TABLE: TableSettings = { width: 80, color: false, tty: false };

export function runFormatter(doc: Doc, format: Format, table: TableSettings = PLAIN_TABLE): FormatterOutput {
  try {
    switch (format) {
      case "json":
        return { stdout: formatJson(doc) };
      case "yaml":
        return { stdout: formatYaml(doc) };
      case "yaml-stream":
        return { stdout: formatYamlStreamPage(doc) };
      case "text":
        return { stdout: formatText(doc) };
      case "table":
        return { stdout: formatTable(doc, { title: TABLE_TITLE, ...table }) };
    }
  } catch (e) {
    if (e instanceof FormatError) return { stdout: e.partial, error: e.message };
    throw e;
  }
}
