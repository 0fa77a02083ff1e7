// Live comparison with the reference AWS CLI: for a few varied documents and
// every output format, /usr/bin/aws formats the document (given as a JMESPath
// literal to `sts get-caller-identity` on a local moto server) and kumo's
// formatter must print the same bytes and fail with the same message.
// Skips itself when /usr/bin/aws or python3 with moto is not installed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import type { DocArray, DocObject } from "../../../src/output/document.ts";
import { startMoto } from "../../helpers/moto.ts";
import { FORMATS, awsAvailable, awsFormat, pool, type AwsOutput, type Format } from "./aws-cli.ts";
import { DOCS } from "./cases.ts";
import { parsePyJson } from "./pyjson.ts";
import { runFormatter, type FormatterOutput, type TableSettings } from "./run-formatter.ts";

// Every document in cases.ts is checked offline against the CLI's recorded
// output (recorded.ts); these few, one per family of formatting rules, are
// also run live, so that a recording gone stale shows up here.
const LIVE = [
  "describe-instances shape",
  "floats and ints",
  "unicode: CJK, emoji, accents, full and half width",
  "control characters and escapes",
  "strings YAML must quote",
  "long quoted strings fold at 80 columns",
  "list of dicts with missing keys and an empty dict",
  "sections with wide titles",
  "error: text fails midway",
];

function skipReason(): string | undefined {
  const noAws = awsAvailable();
  if (noAws) return noAws;
  const py = spawnSync("python3", ["-c", "import moto.server"], { stdio: "ignore" });
  if (py.error || py.status !== 0) return "python3 with moto is not installed";
  return undefined;
}

function same(got: FormatterOutput, want: AwsOutput): void {
  assert.equal(got.stdout, want.stdout);
  assert.equal(got.error, want.error);
  assert.equal(want.code, want.error === undefined ? 0 : 255);
}

interface LiveCase {
  name: string;
  format: Format;
  run: (endpoint: string) => Promise<AwsOutput>;
  kumo: () => FormatterOutput;
}

function cases(): LiveCase[] {
  const out: LiveCase[] = [];
  for (const name of LIVE) {
    const d = DOCS.find((c) => c.name === name);
    if (!d) throw new Error(`no document named ${name} in cases.ts`);
    for (const format of FORMATS) {
      out.push({
        name: `${format}: ${name}`,
        format,
        run: (endpoint) => awsFormat(endpoint, d.json, format),
        kumo: () => runFormatter(parsePyJson(d.json), format),
      });
    }
  }
  // The same object twice in one result (YAML anchors and aliases); the moto
  // caller identity is what `@` refers to.
  const query = "{z: @, a: [`1`, `2`][*].{k: `[1]`}, m: [@, @]}";
  for (const format of ["yaml", "yaml-stream", "json", "text"] as Format[]) {
    out.push({
      name: `${format}: query returning shared objects`,
      format,
      run: (endpoint) => awsFormat(endpoint, "", format, { query }),
      kumo: () => {
        const me: DocObject = { UserId: "AKIAIOSFODNN7EXAMPLE", Account: "123456789012", Arn: "arn:aws:sts::123456789012:user/moto" };
        const k: DocArray = [1];
        return runFormatter({ z: me, a: [{ k }, { k }], m: [me, me] }, format);
      },
    });
  }
  // Terminal widths and colour.
  const terminal: [string, TableSettings][] = [
    ["describe-instances shape", { width: 50, color: false, tty: true }],
    ["wide table with several rows", { width: 160, color: false, tty: true }],
    ["nested dicts around a list of dicts", { width: 100, color: true, tty: true }],
  ];
  for (const [name, settings] of terminal) {
    const d = DOCS.find((c) => c.name === name);
    if (!d) throw new Error(`no document named ${name} in cases.ts`);
    out.push({
      name: `table on a ${settings.width}-column terminal${settings.color ? ", colour" : ""}: ${name}`,
      format: "table",
      run: (endpoint) => awsFormat(endpoint, d.json, "table", { ttyWidth: settings.width, color: settings.color ? "on" : "off" }),
      kumo: () => runFormatter(parsePyJson(d.json), "table", settings),
    });
  }
  return out;
}

const reason = skipReason();

test("kumo's formatters print what the AWS CLI prints", { skip: reason ?? false, timeout: 30 * 60_000 }, async (t) => {
  const moto = await startMoto();
  try {
    const all = cases();
    const results = await pool(
      all.map((c) => () => c.run(moto.endpoint)),
      4,
    );
    for (let i = 0; i < all.length; i++) {
      const c = all[i] as LiveCase;
      await t.test(c.name, () => same(c.kumo(), results[i] as AwsOutput));
    }
  } finally {
    await moto.stop();
  }
});
