// --generate-cli-skeleton: a template of an operation's input (or output)
// built from its shape, with the AWS CLI's placeholder values.
import { elementEntry, memberEntry, type Holder, type Shape } from "../../services/shape.ts";
import { isFloatAt, markFloat, type Doc, type DocArray, type DocObject } from "../../output/document.ts";
import { formatJson } from "../../output/json.ts";
import type { SkeletonHint, SkeletonHints } from "../../paginate/config.ts";

interface Sampler {
  stack: Set<string>;
  mode: "input" | "output";
  hints: SkeletonHints;
}

/** Stores a sampled value, marking a float hint's 0 so it prints 0.0. */
function put(container: DocObject | DocArray, key: string | number, value: Doc, hint: SkeletonHint | undefined): void {
  (container as Record<string | number, Doc>)[key] = value;
  if (hint?.f && value === 0) markFloat(container, key);
}

function sample(shape: Shape, z: Sampler, name: string, hint?: SkeletonHint, holder?: Holder): Doc {
  const key = shape.name;
  switch (shape.kind) {
    case "structure":
    case "union": {
      if (key && z.stack.has(key)) return {};
      if (key) z.stack.add(key);
      const out: DocObject = {};
      for (const [m, s] of shape.members) {
        if (s.isStreaming && z.mode === "input") continue;
        const h = memberEntry(z.hints, shape, m);
        put(out, m, sample(s, z, m, h, { owner: shape, member: m }), h);
      }
      if (key) z.stack.delete(key);
      return out;
    }
    case "list": {
      const h = elementEntry(z.hints, shape, "member", holder);
      const out: DocArray = [];
      put(out, 0, sample(shape.member, z, h?.n ?? name, h), h);
      return out;
    }
    case "map": {
      // The CLI names no map values: their strings are "" in both modes.
      const h = elementEntry(z.hints, shape, "value", holder);
      const out: DocObject = {};
      put(out, "KeyName", sample(shape.member, z, "", h), h);
      return out;
    }
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
      if (z.mode === "output") return name;
      return hint?.e ?? "";
  }
}

/** The CLI's YAML skeleton holds a datetime for a timestamp, which YAML prints bare. */
const YAML_TIMESTAMP = "1970-01-01 00:00:00";

function yamlScalar(v: Doc, float = false, shape?: Shape): string {
  if (shape?.kind === "timestamp") return YAML_TIMESTAMP;
  if (v === null) return "!!binary ''";
  if (typeof v === "string") return v === "" ? "''" : JSON.stringify(v);
  return float ? `${v}.0` : String(v);
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
      } else out.push(`${indent}- ${yamlScalar(el ?? "", typeof el === "number" && isFloatAt(v, 0, el), elShape)}`);
    } else out.push(`${indent}${k}: ${yamlScalar(v, typeof v === "number" && isFloatAt(doc, k, v), member)}${required}`);
  }
}

export function buildSkeleton(shape: Shape, mode: "input" | "yaml-input", hints?: SkeletonHints): string;
export function buildSkeleton(shape: Shape, mode: "output-doc", hints?: SkeletonHints): Doc;
export function buildSkeleton(shape: Shape, mode: "input" | "yaml-input" | "output-doc", hints: SkeletonHints = {}): string | Doc {
  if (mode === "output-doc") return sample(shape, { stack: new Set(), mode: "output", hints }, "");
  const doc = sample(shape, { stack: new Set(), mode: "input", hints }, "");
  if (mode === "input") return formatJson(doc);
  const lines: string[] = [];
  yamlLines(doc, "", lines, shape);
  return lines.join("\n") + "\n";
}
