// Timestamps typed by users. Expected instants are what botocore's
// parse_to_aware_datetime (epoch via float(), else dateutil) gives for the
// same text under AWS CLI v2 2.9.19.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseTimestampInput } from "../../../src/params/timestamp-input.ts";

const iso = (v: string | number) => parseTimestampInput(v)?.toISOString();

describe("parseTimestampInput", () => {
  const cases: [string | number, string | undefined][] = [
    ["2023-01-02", "2023-01-02T00:00:00.000Z"],
    ["2023-01-02T03:04:05Z", "2023-01-02T03:04:05.000Z"],
    ["2023-01-02t03:04:05z", "2023-01-02T03:04:05.000Z"],
    ["2023-01-02T03:04:05.123456789+05:30", "2023-01-01T21:34:05.123Z"],
    ["2023-01-02T03:04:05.5Z", "2023-01-02T03:04:05.500Z"],
    ["2023-01-02 03:04", "2023-01-02T03:04:00.000Z"],
    ["  2023-01-02  ", "2023-01-02T00:00:00.000Z"],
    ["20230102T030405Z", "2023-01-02T03:04:05.000Z"],
    ["2023-01-02T03:04:05-0800", "2023-01-02T11:04:05.000Z"],
    ["2023-01-02T03:04:05+05", "2023-01-01T22:04:05.000Z"],
    ["2023-01-02T03:04:05 UTC", "2023-01-02T03:04:05.000Z"],
    // an unknown zone name is ignored: the time is taken as UTC
    ["2023-01-02T03:04:05 EST", "2023-01-02T03:04:05.000Z"],
    ["Wed, 21 Oct 2015 07:28:00 GMT", "2015-10-21T07:28:00.000Z"],
    ["21 Oct 2015 07:28:00 +0000", "2015-10-21T07:28:00.000Z"],
    ["Oct 21 2015", "2015-10-21T00:00:00.000Z"],
    ["October 21, 2015 10:00 PM", "2015-10-21T22:00:00.000Z"],
    ["2015/10/21", "2015-10-21T00:00:00.000Z"],
    ["10/21/2015", "2015-10-21T00:00:00.000Z"],
    ["21/10/2015", "2015-10-21T00:00:00.000Z"],
    ["0001-01-01", "0001-01-01T00:00:00.000Z"],
    ["2024-02-29", "2024-02-29T00:00:00.000Z"],
    // epoch seconds: anything Python's float() reads
    ["1700000000", "2023-11-14T22:13:20.000Z"],
    ["1700000000.5", "2023-11-14T22:13:20.500Z"],
    ["1_700_000_000", "2023-11-14T22:13:20.000Z"],
    ["-5", "1969-12-31T23:59:55.000Z"],
    ["1e9", "2001-09-09T01:46:40.000Z"],
    ["2023", "1970-01-01T00:33:43.000Z"],
    [1700000000, "2023-11-14T22:13:20.000Z"],
    // rejected
    ["nan", undefined],
    ["now", undefined],
    ["yesterday", undefined],
    ["abc", undefined],
    ["", undefined],
    ["2023-13-01", undefined],
    ["2023-02-30", undefined],
    ["2023-02-29", undefined],
    ["2023-01-02T25:00", undefined],
    ["2023-W01", undefined],
    ["1e12", undefined],
  ];
  for (const [input, expected] of cases) {
    test(JSON.stringify(input), () => assert.equal(iso(input), expected));
  }

  test("missing date parts come from today", () => {
    const now = new Date();
    const d = parseTimestampInput("10:00")!;
    assert.equal(d.getUTCHours(), 10);
    assert.equal(d.getUTCDate(), now.getDate());
    const m = parseTimestampInput("12/25")!;
    assert.equal(m.toISOString().slice(4), "-12-25T00:00:00.000Z");
    assert.equal(m.getUTCFullYear(), now.getFullYear());
  });
});
