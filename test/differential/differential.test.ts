// kumo against the reference AWS CLI v2 (/usr/bin/aws, 2.9.19) on the same
// moto server, seeded with the estate from scripts/lib/estate.mjs: for every
// case in cases.ts both programs get the same arguments (plus --endpoint-url),
// and must exit with the same code and print the same stdout. Cases run a few
// at a time. Skips itself when the reference CLI or moto is missing.
import { after, before, describe, test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedEstate } from "../../scripts/lib/estate.mjs";
import type { Estate } from "../../scripts/lib/estate.d.mts";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { AWS_V2, runAws, runKumo, sandboxHome, type RunResult } from "../helpers/run.ts";
import { CASES, FILES, PROFILES_CONFIG, type Case, type CaseContext } from "./cases.ts";
import { canonicalJson, firstDifference, sameLines } from "./compare.ts";

/** Cases in flight at once; each runs kumo and aws side by side. */
const CONCURRENCY = 3;

const skip = !existsSync(AWS_V2)
  ? `the reference AWS CLI is not installed at ${AWS_V2}`
  : spawnSync("python3", ["-c", "import moto.server"], { stdio: "ignore" }).status !== 0
    ? 'moto is not installed (pip install "moto[server]")'
    : false;

test("the case list is well formed", (t) => {
  const names = new Set<string>();
  for (const c of CASES) {
    assert.ok(!names.has(c.name), `duplicate case name: ${c.name}`);
    names.add(c.name);
    if (c.compare && c.compare !== "exact") assert.ok(c.reason, `${c.name}: a ${c.compare} comparison needs a reason`);
    if (c.reason) assert.ok(c.compare && c.compare !== "exact", `${c.name}: a reason without a non-exact comparison`);
  }
  assert.ok(CASES.length >= 150, `only ${CASES.length} cases`);
  const byArea = new Map<string, number>();
  for (const c of CASES) byArea.set(c.area, (byArea.get(c.area) ?? 0) + 1);
  t.diagnostic(`${CASES.length} cases: ${[...byArea].map(([a, n]) => `${a} ${n}`).join(", ")}`);
  const semantic = CASES.filter((c) => c.compare === "json-semantic").length;
  const lines = CASES.filter((c) => c.compare === "text-lines").length;
  t.diagnostic(`${semantic} json-semantic comparisons, ${lines} text-lines comparisons (member order of older models)`);
  const known = CASES.filter((c) => c.knownFailure).length;
  t.diagnostic(`${known} known failures`);
});

describe("kumo prints what AWS CLI v2 prints, on a seeded estate", { skip, concurrency: CONCURRENCY }, () => {
  let moto: Moto;
  let estate: Estate;
  let dir: string;
  const homes: Record<"plain" | "profiles", string> = { plain: "", profiles: "" };

  before(async () => {
    moto = await startMoto();
    estate = await seedEstate(moto.endpoint);
    dir = mkdtempSync(join(tmpdir(), "diff-files-"));
    for (const [name, make] of Object.entries(FILES)) writeFileSync(join(dir, name), make(estate));
    homes.plain = sandboxHome();
    homes.profiles = sandboxHome(PROFILES_CONFIG);
  });

  after(async () => {
    await moto?.stop();
    for (const d of [dir, homes.plain, homes.profiles]) if (d) rmSync(d, { recursive: true, force: true });
  });

  const argsOf = (spec: Case["args"], ctx: CaseContext): string[] => [
    ...(typeof spec === "function" ? spec(ctx) : spec),
    "--endpoint-url",
    moto.endpoint,
  ];

  async function nextToken(c: Case, ctx: CaseContext): Promise<string> {
    const step = c.token!;
    const run = step.from === "aws" ? runAws : runKumo;
    const r = await run([...argsOf(step.args, ctx), "--output", "json"], { home: homes.plain });
    assert.equal(r.code, 0, `token step failed: ${r.stderr}`);
    const token = (JSON.parse(r.stdout) as { NextToken?: unknown }).NextToken;
    assert.equal(typeof token, "string", `token step printed no NextToken:\n${r.stdout}`);
    return token as string;
  }

  function compare(c: Case, k: RunResult, a: RunResult): void {
    const mode = c.compare ?? "exact";
    if (mode === "json-semantic") {
      assert.equal(canonicalJson(k.stdout), canonicalJson(a.stdout), "stdout differs beyond key order");
      assert.notEqual(k.stdout, a.stdout, "stdout is now byte for byte the same: make the case exact");
    } else if (mode === "text-lines") {
      assert.ok(sameLines(k.stdout, a.stdout), `stdout lines differ${firstDifference(k.stdout, a.stdout)}`);
      assert.notEqual(k.stdout, a.stdout, "stdout is now byte for byte the same: make the case exact");
    } else {
      assert.ok(k.stdout === a.stdout, `stdout differs${firstDifference(k.stdout, a.stdout)}`);
    }
    assert.equal(k.code, a.code, `exit code (kumo stderr: ${k.stderr.trim()})`);
    if (c.stderr) {
      const kumoErr = k.stderr.replace(/\bkumo\b/g, "aws");
      assert.ok(kumoErr === a.stderr, `stderr differs${firstDifference(kumoErr, a.stderr)}`);
    }
  }

  for (const c of CASES) {
    test(c.name, async (t: TestContext) => {
      const ctx: CaseContext = { estate, dir };
      if (c.token) ctx.token = await nextToken(c, ctx);
      const args = argsOf(c.args, ctx);
      const opts = { home: homes[c.home ?? "plain"], env: c.env };
      const [k, a] = await Promise.all([runKumo(args, opts), runAws(args, opts)]);

      // The reference must do what the case says it tests.
      assert.equal(a.code, c.code ?? 0, `aws exited ${a.code}, the case expects ${c.code ?? 0}: ${a.stderr}`);
      if (a.code === 0) {
        if (c.emptyStdout) assert.equal(a.stdout, "", "the case expects aws to print nothing");
        else assert.notEqual(a.stdout, "", "aws printed nothing");
      }

      if (!c.knownFailure) return compare(c, k, a);
      try {
        compare(c, k, a);
        t.diagnostic(`now matches: remove knownFailure (${c.knownFailure})`);
      } catch (e) {
        t.todo(c.knownFailure);
        throw e;
      }
    });
  }
});
