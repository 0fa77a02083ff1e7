// Records what the reference AWS CLI (/usr/bin/aws, v2.9.19) prints for every
// document in cases.ts, in every output format, into fixtures/recorded.json.
// Needs python3 with moto; run from the repository root:
//   node --import tsx test/unit/output/record-fixtures.ts [case name...]
// With case names, only those cases are recorded again and the rest of the
// file is kept.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startMoto } from "../../helpers/moto.ts";
import { AWS_V2, ROOT } from "../../helpers/run.ts";
import { FORMATS, awsFormat, pool, type AwsOutput } from "./aws-cli.ts";
import { DOCS, TABLE_CASES } from "./cases.ts";

export interface Recorded {
  stdout: string;
  error?: string;
}

export interface RecordedFile {
  recordedWith: string;
  formats: Record<string, Record<string, Recorded>>;
  tables: Record<string, Recorded>;
}

function keep(r: AwsOutput): Recorded {
  return r.error === undefined ? { stdout: r.stdout } : { stdout: r.stdout, error: r.error };
}

const path = join(ROOT, "test/unit/output/fixtures/recorded.json");
const only = new Set(process.argv.slice(2));
const wanted = (name: string): boolean => only.size === 0 || only.has(name);

const moto = await startMoto();
try {
  const version = execFileSync(AWS_V2, ["--version"], { encoding: "utf8" }).trim();
  const file: RecordedFile =
    only.size > 0 && existsSync(path)
      ? (JSON.parse(readFileSync(path, "utf8")) as RecordedFile)
      : { recordedWith: version, formats: {}, tables: {} };
  file.recordedWith = version;
  const tasks: (() => Promise<void>)[] = [];
  for (const format of FORMATS) {
    const perFormat: Record<string, Recorded> = file.formats[format] ?? {};
    file.formats[format] = perFormat;
    for (const d of DOCS.filter((c) => wanted(c.name))) tasks.push(async () => void (perFormat[d.name] = keep(await awsFormat(moto.endpoint, d.json, format))));
  }
  for (const t of TABLE_CASES.filter((c) => wanted(c.name))) {
    tasks.push(async () => {
      const r = await awsFormat(moto.endpoint, t.json, "table", {
        color: t.color ? "on" : "off",
        ...(t.tty ? { ttyWidth: t.width } : {}),
      });
      file.tables[t.name] = keep(r);
    });
  }
  await pool(tasks, 4);
  // Keep the order of cases.ts in the file.
  for (const format of FORMATS) {
    const ordered: Record<string, Recorded> = {};
    for (const d of DOCS) ordered[d.name] = file.formats[format]?.[d.name] as Recorded;
    file.formats[format] = ordered;
  }
  const tables: Record<string, Recorded> = {};
  for (const t of TABLE_CASES) tables[t.name] = file.tables[t.name] as Recorded;
  file.tables = tables;
  writeFileSync(path, JSON.stringify(file, null, 1) + "\n");
  console.log(`wrote ${path} (${version})`);
} finally {
  await moto.stop();
}
