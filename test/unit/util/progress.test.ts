import { test } from "node:test";
import assert from "node:assert/strict";
import { terminalProgress } from "../../../src/util/progress.ts";

function stream(isTTY: boolean, columns?: number) {
  const written: string[] = [];
  return { written, s: { write: (c: string | Uint8Array) => void written.push(String(c)), isTTY, columns } };
}

test("progress: nothing at all when stderr is not a terminal", () => {
  assert.equal(terminalProgress(stream(false).s), undefined);
});

test("progress: the first update at once, then at most one per interval, cut to the width; done clears the line", () => {
  let t = 1000;
  const { written, s } = stream(true, 30);
  const p = terminalProgress(s, { intervalMs: 100, now: () => t })!;
  p.update("one");
  t += 50;
  p.update("too soon");
  t += 60;
  p.update("x".repeat(50));
  p.update("forced", true);
  p.done();
  p.done();
  assert.deepEqual(written, ["\r\x1b[Kone", `\r\x1b[K${"x".repeat(29)}`, "\r\x1b[Kforced", "\r\x1b[K"]);
});

test("progress: a terminal that gives no width gets 80 columns; done without an update writes nothing", () => {
  const { written, s } = stream(true, 0);
  const p = terminalProgress(s)!;
  p.done();
  assert.deepEqual(written, []);
  p.update("y".repeat(100));
  assert.equal(written[0], `\r\x1b[K${"y".repeat(79)}`);
});
