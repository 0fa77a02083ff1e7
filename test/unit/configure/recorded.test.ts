// Replays every case of cases.ts through kumo (in this process, with a
// sandbox HOME) and compares, byte for byte, the files left behind and each
// step's exit code and stdout with what the real AWS CLI did from the same
// starting files (fixtures/recorded.json, see record.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../helpers/run.ts";
import { CASES } from "./cases.ts";
import { readState, runKumoStep, setUpHome, withoutHome, type RecordedFile } from "./recording.ts";

const RECORDED = JSON.parse(readFileSync(join(ROOT, "test/unit/configure/fixtures/recorded.json"), "utf8")) as RecordedFile;

test("every case has a recording", () => {
  for (const c of CASES) assert.ok(RECORDED.cases[c.name], `no recording for ${c.name}; run record.ts`);
});

for (const c of CASES) {
  const want = RECORDED.cases[c.name];
  if (!want) continue;
  test(`configure writes as the AWS CLI: ${c.name}`, async () => {
    const home = setUpHome(c);
    for (const [i, step] of c.steps.entries()) {
      const got = withoutHome(await runKumoStep(home, step), home);
      const expected = want.steps[i]!;
      const label = `step ${i + 1}: ${step.args.join(" ")}; stderr: ${got.stderr}`;
      assert.equal(got.code, expected.code, label);
      assert.equal(got.stdout, expected.stdout, label);
      // Messages are compared too, except usage errors (which name the
      // program and list kumo's subcommands) and one internal error of the
      // CLI's writer, which kumo words in its own way.
      if (/usage:|current_indent/.test(expected.stderr)) assert.notEqual(got.stderr, "", label);
      else assert.equal(got.stderr, expected.stderr, label);
    }
    const state = readState(home);
    assert.equal(state.config, want.config, "config file");
    assert.equal(state.credentials, want.credentials, "credentials file");
    assert.equal(state.configMode, want.configMode, "config file mode");
    assert.equal(state.credentialsMode, want.credentialsMode, "credentials file mode");
    // kumo creates ~/.aws itself with mode 0700 (the CLI leaves it to the umask).
    if (c.config === undefined && c.credentials === undefined && (state.config !== null || state.credentials !== null)) {
      assert.equal(statSync(join(home, ".aws")).mode & 0o777, 0o700);
    }
  });
}
