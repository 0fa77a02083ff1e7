// Refresh windows: 15 minutes advisory (a failure keeps the old credentials),
// 10 minutes mandatory (a failure is an error), refreshed-but-expired is an
// error, and at most one attempt a minute while the credentials still work.
import { test } from "node:test";
import assert from "node:assert/strict";
import { RefreshingSource, STILL_EXPIRED } from "../../../src/credentials/refreshing.ts";
import type { Credentials } from "../../../src/credentials/types.ts";

function clock(start: string) {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (seconds: number) => void (t += seconds * 1000) };
}

const creds = (key: string, expires: Date | undefined): Credentials => ({ accessKeyId: key, secretAccessKey: "s", expiration: expires });
const inMinutes = (c: { now: () => Date }, m: number) => new Date(c.now().getTime() + m * 60_000);

test("a deferred source fetches on first use only", async () => {
  const c = clock("2030-01-01T00:00:00Z");
  let calls = 0;
  const src = new RefreshingSource("assume-role", async () => creds(`k${++calls}`, inMinutes(c, 60)), { now: c.now });
  assert.equal(calls, 0);
  assert.equal((await src.get()).accessKeyId, "k1");
  assert.equal((await src.get()).accessKeyId, "k1");
  assert.equal(calls, 1);
});

test("concurrent requests share one fetch", async () => {
  const c = clock("2030-01-01T00:00:00Z");
  let calls = 0;
  const src = new RefreshingSource("sso", async () => {
    calls++;
    await new Promise((r) => setTimeout(r, 10));
    return creds("k", inMinutes(c, 60));
  }, { now: c.now });
  await Promise.all([src.get(), src.get(), src.get()]);
  assert.equal(calls, 1);
});

test("advisory window: refreshed, and a failure keeps the current credentials", async () => {
  const c = clock("2030-01-01T00:00:00Z");
  let fail = true;
  let calls = 0;
  const src = new RefreshingSource("custom-process", async () => {
    calls++;
    if (fail) throw new Error("refresh failed");
    return creds("new", inMinutes(c, 60));
  }, { now: c.now, initial: creds("old", inMinutes(c, 20)) });
  assert.equal((await src.get()).accessKeyId, "old");
  assert.equal(calls, 0);
  c.advance(8 * 60); // 12 minutes left
  assert.equal((await src.get()).accessKeyId, "old");
  assert.equal(calls, 1);
  // No new attempt within the minute.
  assert.equal((await src.get()).accessKeyId, "old");
  assert.equal(calls, 1);
  c.advance(61);
  fail = false;
  assert.equal((await src.get()).accessKeyId, "new");
  assert.equal(calls, 2);
});

test("mandatory window: a failed refresh is an error", async () => {
  const c = clock("2030-01-01T00:00:00Z");
  const src = new RefreshingSource("container-role", async () => {
    throw new Error("endpoint down");
  }, { now: c.now, initial: creds("old", inMinutes(c, 30)) });
  c.advance(21 * 60); // 9 minutes left
  await assert.rejects(src.get(), { message: "endpoint down" });
});

test("credentials that are still expired after a refresh are an error", async () => {
  const c = clock("2030-01-01T00:00:00Z");
  let calls = 0;
  const past = new Date("2029-12-31T00:00:00Z");
  const src = new RefreshingSource("env", async () => {
    calls++;
    return creds("k", past);
  }, { now: c.now, initial: creds("k", past) });
  // Expired credentials are refreshed at once, whatever the pause.
  await assert.rejects(src.get(), { message: STILL_EXPIRED });
  assert.equal(calls, 1);
});

test("credentials without an expiry are never refreshed", async () => {
  const c = clock("2030-01-01T00:00:00Z");
  let calls = 0;
  const src = new RefreshingSource("custom-process", async () => {
    calls++;
    return creds("new", undefined);
  }, { now: c.now, initial: creds("old", undefined) });
  c.advance(10 * 86400);
  assert.equal((await src.get()).accessKeyId, "old");
  assert.equal(calls, 0);
});
