// The CLI's cache file names and documents, expiry times as the CLI reads
// them, and Python's json.dumps (the hashes were computed with Python 3).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  assumeRoleCacheKey,
  cliCacheDir,
  readCacheEntry,
  ssoCredentialsCacheKey,
  usableCachedCredentials,
  writeCacheEntry,
} from "../../../src/credentials/cache.ts";
import { pyJsonDumps } from "../../../src/credentials/pyjson.ts";
import { parseExpiry, pyIsoformat, secondsUntil, utcSeconds } from "../../../src/credentials/time.ts";

test("assume-role cache key: the spec's example and one with every parameter", () => {
  // python3 -c 'import json,hashlib; print(hashlib.sha1(json.dumps({"RoleArn": "arn:aws:iam::123456789012:role/r1"}, sort_keys=True).encode()).hexdigest())'
  assert.equal(assumeRoleCacheKey({ RoleArn: "arn:aws:iam::123456789012:role/r1" }), "f8f1c622e4a4b5e6135b979ae6c3f665c21147f2");
  const all = {
    RoleArn: "arn:aws:iam::123456789012:role/r1",
    DurationSeconds: 3600,
    ExternalId: "x\u00e9y",
    SerialNumber: "arn:aws:iam::123456789012:mfa/me",
    RoleSessionName: "s",
  };
  assert.equal(
    pyJsonDumps(all, { sortKeys: true }),
    '{"DurationSeconds": 3600, "ExternalId": "x\\u00e9y", "RoleArn": "arn:aws:iam::123456789012:role/r1", "RoleSessionName": "s", "SerialNumber": "arn:aws:iam::123456789012:mfa/me"}',
  );
  assert.equal(assumeRoleCacheKey(all), "89903808b4fc13a00eea0cfd3defb1daa12b8f31");
  // The real CLI wrote this file name for role_session_name = sess1.
  assert.equal(assumeRoleCacheKey({ RoleArn: "arn:aws:iam::123456789012:role/r1", RoleSessionName: "sess1" }), "59d21369242555430aa340769d34f38b901b6ede");
});

test("sso cache key: compact separators, sessionName or startUrl", () => {
  // Written by the real CLI for sso_session = my, account 123456789012, role Admin.
  assert.equal(ssoCredentialsCacheKey({ accountId: "123456789012", roleName: "Admin", sessionName: "my" }), "403c3b8e80569b853b514e97c90d8a94192751f9");
  assert.equal(
    pyJsonDumps({ roleName: "Admin", accountId: "1", startUrl: "https://x/start" }, { sortKeys: true, compact: true }),
    '{"accountId":"1","roleName":"Admin","startUrl":"https://x/start"}',
  );
  assert.notEqual(
    ssoCredentialsCacheKey({ accountId: "1", roleName: "Admin", startUrl: "my" }),
    ssoCredentialsCacheKey({ accountId: "1", roleName: "Admin", sessionName: "my" }),
  );
});

test("pyJsonDumps escapes as Python's ensure_ascii does", () => {
  assert.equal(pyJsonDumps("a\"\\\n\t\u0001\u007f\u00e9\u{1f600}"), '"a\\"\\\\\\n\\t\\u0001\\u007f\\u00e9\\ud83d\\ude00"');
  assert.equal(pyJsonDumps({ b: [1, true, null], a: "x" }), '{"b": [1, true, null], "a": "x"}');
  assert.equal(pyJsonDumps({ b: 1, a: 2, B: 3 }, { sortKeys: true }), '{"B": 3, "a": 2, "b": 1}');
});

test("cache entries: written 0600 in a 0700 folder, read back, corrupt files ignored", () => {
  const home = mkdtempSync(join(tmpdir(), "kumo-cache-"));
  const dir = cliCacheDir(home);
  assert.equal(dir, join(home, ".aws", "cli", "cache"));
  const doc = { Credentials: { AccessKeyId: "A", SecretAccessKey: "S", SessionToken: "T", Expiration: "2030-01-01T00:00:00+00:00" } };
  writeCacheEntry(dir, "k1", doc);
  assert.equal(readFileSync(join(dir, "k1.json"), "utf8"), '{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2030-01-01T00:00:00+00:00"}}');
  assert.equal(statSync(join(dir, "k1.json")).mode & 0o777, 0o600);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.deepEqual(readCacheEntry(dir, "k1"), doc);
  assert.equal(readCacheEntry(dir, "missing"), undefined);
  writeFileSync(join(dir, "bad.json"), "{not json");
  assert.equal(readCacheEntry(dir, "bad"), undefined);
  mkdirSync(join(dir, "adir.json"));
  assert.equal(readCacheEntry(dir, "adir"), undefined);
});

test("cached credentials are used while 15 minutes remain", () => {
  const now = new Date("2030-01-01T00:00:00Z");
  const entry = (exp: string) => ({ Credentials: { AccessKeyId: "A", SecretAccessKey: "S", SessionToken: "T", Expiration: exp } });
  const ok = usableCachedCredentials(entry("2030-01-01T00:15:00+00:00"), now);
  assert.deepEqual(ok, {
    accessKeyId: "A",
    secretAccessKey: "S",
    sessionToken: "T",
    expiration: new Date("2030-01-01T00:15:00Z"),
    expirationIso: "2030-01-01T00:15:00+00:00",
  });
  // The expiry is kept as written, to the microsecond, for export-credentials.
  assert.equal(usableCachedCredentials(entry("2030-01-01T01:00:00.123456+00:00"), now)?.expirationIso, "2030-01-01T01:00:00.123456+00:00");
  assert.equal(usableCachedCredentials(entry("2030-01-01T00:14:59+00:00"), now), undefined);
  // The CLI's own forms: isoformat with microseconds, a Z, another offset.
  assert.ok(usableCachedCredentials(entry("2030-01-01T01:00:00.123456+00:00"), now));
  assert.ok(usableCachedCredentials(entry("2030-01-01T01:00:00Z"), now));
  assert.equal(usableCachedCredentials(entry("2030-01-01T01:00:00+01:00"), now), undefined);
  assert.equal(usableCachedCredentials({ ProviderType: "sso" }, now), undefined);
});

test("expiry times printed as Python's isoformat of the time as read (checked against the CLI)", () => {
  assert.equal(pyIsoformat(parseExpiry("2030-01-01T02:00:00.1234567+02:00")), "2030-01-01T02:00:00.123456+02:00");
  assert.equal(pyIsoformat(parseExpiry("2030-01-01T00:00:00.5Z")), "2030-01-01T00:00:00.500000+00:00");
  assert.equal(pyIsoformat(parseExpiry("2030-01-01T00:00:00UTC")), "2030-01-01T00:00:00+00:00");
  assert.equal(pyIsoformat(parseExpiry("20300101T000000Z")), "2030-01-01T00:00:00+00:00");
  assert.equal(pyIsoformat(parseExpiry("2030-01-01 00:00:00-0130")), "2030-01-01T00:00:00-01:30");
  assert.equal(pyIsoformat(parseExpiry("2030-01-01T23:30:00-01:00")), "2030-01-01T23:30:00-01:00");
  assert.equal(pyIsoformat(parseExpiry("2030-01-01T00:00:00.000001")), "2030-01-01T00:00:00.000001");
  const t = parseExpiry("2030-01-01T02:00:00.1234567+02:00");
  assert.equal(t.ms, Date.UTC(2030, 0, 1, 0, 0, 0, 123));
  assert.equal(t.micros, 123456);
});

test("expiry times: ISO 8601 forms, dateutil's messages, naive times", () => {
  assert.equal(parseExpiry("2030-01-02T03:04:05Z").ms, Date.UTC(2030, 0, 2, 3, 4, 5));
  assert.equal(parseExpiry("2030-01-02T03:04:05.5+02:00").ms, Date.UTC(2030, 0, 2, 1, 4, 5, 500));
  assert.equal(parseExpiry("2030-01-02 03:04:05UTC").ms, Date.UTC(2030, 0, 2, 3, 4, 5));
  assert.equal(parseExpiry("20300102T030405-0130").ms, Date.UTC(2030, 0, 2, 4, 34, 5));
  assert.equal(parseExpiry("2030-01-02T03:04:05").naive, true);
  assert.throws(() => parseExpiry("garbage"), { message: "Unknown string format: garbage" });
  assert.throws(() => parseExpiry(12345), { message: "Parser must be a string or character stream, not int" });
  assert.throws(() => secondsUntil(parseExpiry("2030-01-02T03:04:05"), new Date()), {
    message: "can't subtract offset-naive and offset-aware datetimes",
  });
  assert.equal(secondsUntil(parseExpiry("2030-01-01T00:01:00Z"), new Date("2030-01-01T00:00:00Z")), 60);
  assert.equal(utcSeconds(new Date("2030-01-02T03:04:05.678Z")), "2030-01-02T03:04:05Z");
});
