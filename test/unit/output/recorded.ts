// Loads fixtures/recorded.json (written by record-fixtures.ts from the real
// AWS CLI) and checks kumo's formatter against every recorded case.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../helpers/run.ts";
import type { Format } from "./aws-cli.ts";
import { DOCS, TABLE_CASES } from "./cases.ts";
import { parsePyJson } from "./pyjson.ts";
import { runFormatter } from "./run-formatter.ts";

interface Recorded {
  stdout: string;
  error?: string;
}

interface RecordedFile {
  recordedWith: string;
  formats: Record<string, Record<string, Recorded>>;
  tables: Record<string, Recorded>;
}

export const RECORDED = JSON.parse(readFileSync(join(ROOT, "test/unit/output/fixtures/recorded.json"), "utf8")) as RecordedFile;

function check(got: { stdout: string; error?: string }, want: Recorded): void {
  assert.equal(got.stdout, want.stdout);
  assert.equal(got.error, want.error);
}

/** One test per document of cases.ts: kumo's output equals what the AWS CLI printed. */
export function testRecordedDocs(format: Format): void {
  const recorded = RECORDED.formats[format];
  test(`every document in cases.ts has a ${format} recording`, () => {
    assert.ok(recorded);
    for (const d of DOCS) assert.ok(recorded[d.name], `missing recording for ${d.name}`);
  });
  for (const d of DOCS) {
    const want = recorded?.[d.name];
    if (!want) continue;
    test(`${format} as recorded from aws: ${d.name}`, () => check(runFormatter(parsePyJson(d.json), format), want));
  }
}

/** Table cases at other terminal widths and with colour. */
export function testRecordedTables(): void {
  for (const t of TABLE_CASES) {
    test(`table as recorded from aws: ${t.name}`, () => {
      const want = RECORDED.tables[t.name];
      assert.ok(want, `missing recording for ${t.name}`);
      check(runFormatter(parsePyJson(t.json), "table", t), want);
    });
  }
}
