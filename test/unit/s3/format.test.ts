// Expected texts were recorded from AWS CLI v2 2.9.19's own helpers
// (awscli.customizations.s3.utils.human_readable_size and ListCommand's
// formatting); the last test re-checks a sweep against them when python3 can
// import awscli.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  bucketLine,
  humanReadableSize,
  localTimestamp,
  objectLine,
  prefixLine,
  pyFixed1,
  sizeText,
  summaryText,
} from "../../../src/commands/s3/format.ts";

const recorded: [number | bigint, string][] = [
  [0, "0 Bytes"],
  [1, "1 Byte"],
  [2, "2 Bytes"],
  [1023, "1023 Bytes"],
  [1024, "1.0 KiB"],
  [1025, "1.0 KiB"],
  [1280, "1.2 KiB"], // 1.25: ties go to even, as in Python's %.1f
  [1536, "1.5 KiB"],
  [1792, "1.8 KiB"], // 1.75
  [2304, "2.2 KiB"], // 2.25
  [1048063, "1023.5 KiB"],
  [1048064, "1.0 MiB"], // rounds to 1024 KiB, so the next unit
  [1048575, "1.0 MiB"],
  [1048576, "1.0 MiB"],
  [123456789, "117.7 MiB"],
  [1181116006, "1.1 GiB"],
  [1073741824, "1.0 GiB"],
  [1099511627776, "1.0 TiB"],
  [5497558138880, "5.0 TiB"],
  [1000000000000000, "909.5 TiB"],
  [1125899906842624, "1.0 PiB"],
  [9007199254740992, "8.0 PiB"],
  [1152921504606846976n, "1.0 EiB"],
  [1179438699212804456448n, "1023.0 EiB"],
];

for (const [value, expected] of recorded) {
  test(`humanReadableSize(${value}) is ${JSON.stringify(expected)}`, () => {
    assert.equal(humanReadableSize(value), expected);
  });
}

test("pyFixed1 rounds exact ties to even and everything else to nearest", () => {
  assert.equal(pyFixed1(0.25), "0.2");
  assert.equal(pyFixed1(0.75), "0.8");
  assert.equal(pyFixed1(1.25), "1.2");
  assert.equal(pyFixed1(2.75), "2.8");
  assert.equal(pyFixed1(1023.25), "1023.2");
  assert.equal(pyFixed1(0.05), "0.1"); // 0.05 is slightly above .05 in binary
  assert.equal(pyFixed1(0.15), "0.1"); // and 0.15 slightly below
  assert.equal(pyFixed1(1.0), "1.0");
  assert.equal(pyFixed1(117.73756885528564), "117.7");
});

test("sizes are right-aligned to 10 columns, human-readable or not", () => {
  assert.equal(sizeText(3, false), "         3");
  assert.equal(sizeText(1536, true), "   1.5 KiB");
  assert.equal(sizeText(1, true), "    1 Byte");
  assert.equal(sizeText(12345678901234, false), "12345678901234");
});

test("PRE lines: 'PRE' right-aligned to 30, then the last component and a slash", () => {
  assert.equal(prefixLine("dir/"), `${" ".repeat(27)}PRE dir/\n`);
  assert.equal(prefixLine("a/b/c/"), `${" ".repeat(27)}PRE c/\n`);
  assert.equal(prefixLine("/"), `${" ".repeat(27)}PRE /\n`);
  assert.equal(prefixLine("dir//"), `${" ".repeat(27)}PRE /\n`);
  assert.equal(prefixLine("sp ace/ü/"), `${" ".repeat(27)}PRE ü/\n`);
  assert.equal(prefixLine("dir/").indexOf("dir"), 31);
});

test("local timestamps follow TZ and drop fractions of a second", (t) => {
  const saved = process.env.TZ;
  t.after(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
  const d = new Date("2026-01-02T03:04:05.987Z");
  process.env.TZ = "UTC";
  assert.equal(localTimestamp(d), "2026-01-02 03:04:05");
  process.env.TZ = "America/New_York";
  assert.equal(localTimestamp(d), "2026-01-01 22:04:05");
  process.env.TZ = "Asia/Kolkata";
  assert.equal(localTimestamp(d), "2026-01-02 08:34:05");
  process.env.TZ = "America/New_York";
  assert.equal(localTimestamp(new Date("2026-07-01T12:00:00Z")), "2026-07-01 08:00:00"); // summer time
  process.env.TZ = "UTC";
  assert.equal(bucketLine(d, "my-bucket"), "2026-01-02 03:04:05 my-bucket\n");
  assert.equal(
    objectLine({ key: "dir/sub/a b.txt", size: 3, lastModified: d }, { humanReadable: false, fullKey: false }),
    "2026-01-02 03:04:05          3 a b.txt\n",
  );
  assert.equal(
    objectLine({ key: "dir/sub/a b.txt", size: 3, lastModified: d }, { humanReadable: true, fullKey: true }),
    "2026-01-02 03:04:05    3 Bytes dir/sub/a b.txt\n",
  );
  // a directory marker listed under its own prefix has an empty name
  assert.equal(objectLine({ key: "dir/", size: 0, lastModified: d }, { humanReadable: false, fullKey: false }), "2026-01-02 03:04:05          0 \n");
});

test("summary: a blank line, then labels right-aligned to 15 columns", () => {
  assert.equal(summaryText(0, 0n, false), "\nTotal Objects: 0\n   Total Size: 0\n");
  assert.equal(summaryText(6, 1551n, true), "\nTotal Objects: 6\n   Total Size: 1.5 KiB\n");
  assert.equal(summaryText(1, 1n, true), "\nTotal Objects: 1\n   Total Size: 1 Byte\n");
  assert.equal(summaryText(2, 18014398509481985n, false), "\nTotal Objects: 2\n   Total Size: 18014398509481985\n");
});

const probe = spawnSync("python3", ["-c", "import awscli.customizations.s3.utils"], { encoding: "utf8" });
const haveAwscli = probe.status === 0;

test(
  "humanReadableSize matches awscli's human_readable_size over a sweep of values",
  { skip: haveAwscli ? false : "python3 cannot import awscli (the reference AWS CLI is not installed)" },
  () => {
    const values: bigint[] = [];
    for (let e = 0; e <= 62; e++) {
      const p = 1n << BigInt(e);
      for (const d of [-3n, -1n, 0n, 1n, 7n]) if (p + d >= 0n) values.push(p + d);
      for (const q of [5n, 13n, 51n, 102n, 1023n]) values.push((p * q) / 4n);
    }
    for (let k = 1n; k < 4096n; k += 37n) values.push(k * 256n, k * 262144n, k * 1048576n * 25n);
    const script =
      "import sys\nfrom awscli.customizations.s3.utils import human_readable_size as h\n" +
      "for line in sys.stdin:\n    print(h(int(line)))\n";
    const r = spawnSync("python3", ["-c", script], { input: values.join("\n") + "\n", encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const expected = r.stdout.split("\n").slice(0, values.length);
    const actual = values.map((v) => humanReadableSize(v));
    const diffs = values.flatMap((v, i) => (actual[i] === expected[i] ? [] : [`${v}: ${actual[i]} != ${expected[i]}`]));
    assert.deepEqual(diffs, []);
  },
);
