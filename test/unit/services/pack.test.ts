// A service pack must rebuild exactly the schemas the SDK client carries.
// Compares pack-built operation schemas with the published package's own,
// following thunks, for every operation of a few services.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Pack } from "../../../src/services/pack.ts";
import { ROOT } from "../../helpers/run.ts";

const require = createRequire(import.meta.url);

function same(a: unknown, b: unknown, seen: Map<unknown, unknown>, path: string): void {
  if (typeof a === "function" && typeof b === "function") return same((a as () => unknown)(), (b as () => unknown)(), seen, path + "()");
  if (Array.isArray(a) && Array.isArray(b)) {
    if (seen.get(a) === b) return;
    seen.set(a, b);
    assert.equal(a.length, b.length, `${path}: length`);
    a.forEach((x, i) => same(x, b[i], seen, `${path}[${i}]`));
    return;
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort(), `${path}: keys`);
    for (const k of Object.keys(a)) same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], seen, `${path}.${k}`);
    return;
  }
  // The pack stores `undefined` array slots as null.
  assert.equal(a ?? null, b ?? null, path);
}

for (const [name, pkg] of [
  ["sts", "@aws-sdk/client-sts"],
  ["s3api", "@aws-sdk/client-s3"],
  ["dynamodb", "@aws-sdk/client-dynamodb"],
  ["iam", "@aws-sdk/client-iam"],
] as const) {
  const file = join(ROOT, "dist", "packs", `${name}.pack`);
  test(`${name} pack rebuilds every operation schema of ${pkg}`, { skip: existsSync(file) ? false : "run npm run build first" }, () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
    const sdk = require(pkg) as Record<string, unknown>;
    const pack = Pack.load(file);
    const ops = pack.operationNames();
    assert.ok(ops.length > 5);
    const seen = new Map();
    for (const op of ops) same(pack.operation(op), sdk[`${op}$`], seen, op);
  });
}

test("pack nodes are built once and shared", { skip: existsSync(join(ROOT, "dist/packs/ec2.pack")) ? false : "run npm run build first" }, () => {
  const pack = Pack.load(join(ROOT, "dist/packs/ec2.pack"));
  const a = pack.operation("DescribeInstances") as unknown[];
  assert.equal(pack.operation("DescribeInstances"), a);
  const input = a[4] as () => unknown;
  assert.equal(typeof input, "function");
  assert.equal(input(), input());
  assert.equal(pack.operation("NoSuchOperation"), undefined);
});
