// Records what the reference AWS CLI (/usr/bin/aws, v2.9.19) does for every
// case in cases.ts: each step's exit code, stdout and stderr, and the
// config and credentials files (contents and mode) after the last step, into
// fixtures/recorded.json. Runs offline (configure commands make no
// requests). From the repository root:
//   node --import tsx test/unit/configure/record.ts [case name...]
// With case names, only those cases are recorded again.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AWS_V2, ROOT } from "../../helpers/run.ts";
import { CASES } from "./cases.ts";
import { readState, runStep, setUpHome, withoutHome, type CaseRecording, type RecordedFile } from "./recording.ts";

const path = join(ROOT, "test/unit/configure/fixtures/recorded.json");
const only = new Set(process.argv.slice(2));
const version = execFileSync(AWS_V2, ["--version"], { encoding: "utf8" }).trim();
const file: RecordedFile =
  only.size > 0 && existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as RecordedFile) : { recordedWith: version, cases: {} };
file.recordedWith = version;

for (const c of CASES) {
  if (only.size > 0 && !only.has(c.name)) continue;
  const home = setUpHome(c);
  const steps: CaseRecording["steps"] = [];
  for (const step of c.steps) steps.push(withoutHome(await runStep(AWS_V2, [], home, step), home));
  file.cases[c.name] = { steps, ...readState(home) };
}
const ordered: RecordedFile["cases"] = {};
for (const c of CASES) if (file.cases[c.name]) ordered[c.name] = file.cases[c.name]!;
file.cases = ordered;
writeFileSync(path, JSON.stringify(file, null, 2) + "\n");
process.stderr.write(`recorded ${Object.keys(ordered).length} cases with ${version}\n`);
