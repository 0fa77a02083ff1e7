// --generate-cli-skeleton: a template of an operation's input (or output)
// built from its shape, with the AWS CLI's placeholder values.
import type { Shape } from "../../services/shape.ts";
import type { Doc, DocObject } from "../../output/document.ts";
import { formatJson } from "../../output/json.ts";

function sample(shape: Shape, stack: Set<string>, mode: "input" | "output", name: string): Doc {
  const key = shape.name;
  switch (shape.kind) {
    case "structure":
    case "union": {
      if (key && stack.has(key)) return {};
      if (key) stack.add(key);
      const out: DocObject = {};
      for (const [m, s] of shape.members) {
        if (s.isStreaming && mode === "input") continue;
        out[m] = sample(s, stack, mode, m);
      }
      if (key) stack.delete(key);
      return out;
    }
    case "list":
      return [sample(shape.member, stack, mode, name)];
    case "map":
      // The CLI names no map values: their strings are "" in both modes.
      return { KeyName: sample(shape.member, stack, mode, "") };
    // In an output skeleton only strings carry their member's name; other
    // kinds keep the input skeleton's values (botocore's ArgumentGenerator).
    case "boolean":
      return true;
    case "number":
    case "bigInteger":
    case "bigDecimal":
      return 0;
    case "blob":
      return null;
    case "timestamp":
      return "1970-01-01T00:00:00";
    case "document":
    case "unit":
      return {};
    default:
      return mode === "output" ? name : "";
  }
}

function yamlScalar(v: Doc): string {
  if (v === null) return "!!binary ''";
  if (typeof v === "string") return v === "" ? "''" : JSON.stringify(v);
  return String(v);
}

function yamlLines(doc: Doc, indent: string, out: string[], shape: Shape): void {
  if (doc === null || typeof doc !== "object") return;
  if (Array.isArray(doc)) return;
  for (const [k, v] of Object.entries(doc)) {
    const member = shape.members.get(k);
    const required = shape.required.has(k) ? "  # [REQUIRED]" : "";
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      out.push(`${indent}${k}:${required}`);
      if (member) yamlLines(v, indent + "  ", out, member.kind === "map" ? member.member : member);
    } else if (Array.isArray(v)) {
      out.push(`${indent}${k}:${required}`);
      const el = v[0];
      const elShape = member?.kind === "list" ? member.member : undefined;
      if (el !== null && typeof el === "object" && !Array.isArray(el) && elShape) {
        const sub: string[] = [];
        yamlLines(el, indent + "  ", sub, elShape);
        if (sub.length) sub[0] = `${indent}- ${sub[0]!.slice(indent.length + 2)}`;
        out.push(...sub);
      } else out.push(`${indent}- ${yamlScalar(el ?? "")}`);
    } else out.push(`${indent}${k}: ${yamlScalar(v)}${required}`);
  }
}

export function buildSkeleton(shape: Shape, mode: "input" | "yaml-input"): string;
export function buildSkeleton(shape: Shape, mode: "output-doc"): Doc;
export function buildSkeleton(shape: Shape, mode: "input" | "yaml-input" | "output-doc"): string | Doc {
  if (mode === "output-doc") return sample(shape, new Set(), "output", "");
  const doc = sample(shape, new Set(), "input", "");
  if (mode === "input") return formatJson(doc);
  const lines: string[] = [];
  yamlLines(doc, "", lines, shape);
  return lines.join("\n") + "\n";
}
