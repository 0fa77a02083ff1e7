// A document the AWS CLI's formatter cannot print. The CLI reports the Python
// exception text (e.g. `Row should have 2 elements, instead it has 1`) and
// exits 255; anything it had already written to stdout stays there.

import type { Doc } from "./document.ts";

export class FormatError extends Error {
  /** Output the CLI had already written before failing (text format streams as it goes). */
  readonly partial: string;

  constructor(message: string, partial = "") {
    super(message);
    this.name = "FormatError";
    this.partial = partial;
  }
}

/** Python's type name of a document value, as it appears in exception messages. */
export function pyTypeName(value: Doc | undefined, isFloat = false): string {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "string") return "str";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return isFloat || !Number.isInteger(value) ? "float" : "int";
  return Array.isArray(value) ? "list" : "dict";
}
