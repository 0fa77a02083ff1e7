// Expected local times were recorded with TZ=America/New_York from
// dateutil.parser.parse(text).astimezone(tzlocal()), which `aws s3 ls` uses.
import { test } from "node:test";
import assert from "node:assert/strict";
import { localTimestamp } from "../../../src/commands/s3/format.ts";
import { toDate, toSize } from "../../../src/commands/s3/response-values.ts";
import { NUMBER_TEXT, WireTimestamp } from "../../../src/request/wire-values.ts";

const recorded: [string, string][] = [
  ["2026-11-26T06:53:14.000Z", "2026-11-26 01:53:14"],
  ["2026-11-26T06:53:14Z", "2026-11-26 01:53:14"],
  ["2026-11-26T06:53:14.999999Z", "2026-11-26 01:53:14"],
  ["2026-11-26T06:53:14+05:30", "2026-11-25 20:23:14"],
  ["2026-11-26T06:53:14-0800", "2026-11-26 09:53:14"],
  ["2026-11-26T06:53:14", "2026-11-26 06:53:14"], // no offset: already local
  ["Thu, 26 Nov 2026 04:36:57 GMT", "2026-11-25 23:36:57"],
  ["2026-07-01T23:59:59.5+00:00", "2026-07-01 19:59:59"],
];

test("wire timestamps become local times as the CLI shows them", (t) => {
  const saved = process.env.TZ;
  t.after(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
  process.env.TZ = "America/New_York";
  for (const [text, expected] of recorded) {
    assert.equal(localTimestamp(toDate(new WireTimestamp(text))), expected, text);
  }
  assert.equal(localTimestamp(toDate(new WireTimestamp(1764139994))), "2025-11-26 01:53:14"); // epoch seconds
  const d = new Date("2026-11-26T06:53:14Z");
  assert.equal(toDate(d), d);
});

test("sizes: numbers, and number text marked on the way in", () => {
  assert.equal(toSize(3), 3);
  assert.equal(toSize(0), 0);
  assert.equal(toSize(`${NUMBER_TEXT}5.0`), 5);
  assert.equal(toSize("123"), 123);
  assert.equal(toSize("18014398509481985"), 18014398509481985n);
  assert.equal(toSize(undefined), 0);
});
