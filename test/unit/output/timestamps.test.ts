// Expected values from Python 3.11: datetime.fromtimestamp(x, tzutc()).isoformat()
// and dateutil.parser.parse(s, tzinfos={'GMT': tzutc()}).isoformat(), which
// is how AWS CLI v2 prints timestamps with cli_timestamp_format = iso8601.
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatWireTimestamp, isoFromEpoch } from "../../../src/output/timestamps.ts";

test("epoch seconds", () => {
  assert.equal(isoFromEpoch(1795668078.067), "2026-11-26T04:41:18.067000+00:00");
  assert.equal(isoFromEpoch(1795668078.0675), "2026-11-26T04:41:18.067500+00:00");
  assert.equal(isoFromEpoch(1795668078), "2026-11-26T04:41:18+00:00");
  assert.equal(isoFromEpoch(0), "1970-01-01T00:00:00+00:00");
});

test("ISO 8601 text keeps its offset and up to six fraction digits", () => {
  const cases: [string, string][] = [
    ["2026-11-26T07:02:33.566770Z", "2026-11-26T07:02:33.566770+00:00"],
    ["2026-11-26T07:02:33.1234567Z", "2026-11-26T07:02:33.123456+00:00"],
    ["2026-11-26T07:02:33+05:30", "2026-11-26T07:02:33+05:30"],
    ["2026-11-26T07:02:33", "2026-11-26T07:02:33"],
    ["2026-11-26T07:02:33.000Z", "2026-11-26T07:02:33+00:00"],
    ["2026-11-26T07:02:33.5-0800", "2026-11-26T07:02:33.500000-08:00"],
  ];
  for (const [wire, printed] of cases) assert.equal(formatWireTimestamp(wire, "iso8601"), printed, wire);
});

test("HTTP dates", () => {
  assert.equal(formatWireTimestamp("Thu, 26 Nov 2026 04:36:57 GMT", "iso8601"), "2026-11-26T04:36:57+00:00");
});

test("epoch text and numbers, and wire format passes values through", () => {
  assert.equal(formatWireTimestamp("1795668078.067", "iso8601"), "2026-11-26T04:41:18.067000+00:00");
  assert.equal(formatWireTimestamp(1795668078.067, "wire"), 1795668078.067);
  assert.equal(formatWireTimestamp("2026-11-26T04:35:46.000Z", "wire"), "2026-11-26T04:35:46.000Z");
});
