// The encrypted file backend: items in and out, file and folder modes, the
// lock file, two processes writing at once, and files it must not touch.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { FileBackend } from "../../../src/vault/file-backend.ts";
import { withFileLock } from "../../../src/vault/lock.ts";
import type { KdfParams } from "../../../src/vault/file-format.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const FAST: KdfParams = { name: "scrypt", N: 1024, r: 8, p: 1 };
const noSleep = async () => {};

function backend(path: string, passphrase = "pw", kdf = FAST) {
  const asked: boolean[] = [];
  const vault = new FileBackend({
    path,
    kdf,
    passphrase: async ({ creating }) => {
      asked.push(creating);
      return passphrase;
    },
    sleep: noSleep,
  });
  return { vault, asked };
}

const fresh = () => join(mkdtempSync(join(tmpdir(), "kumo-vault-")), "vault", "vault.kv");

test("items are stored, listed with their expiry, read back and deleted", async () => {
  const path = fresh();
  const { vault, asked } = backend(path);
  assert.deepEqual(await vault.list(), []);
  assert.equal(await vault.get("credentials/a"), undefined);
  await vault.update({ "session/a": undefined });
  assert.deepEqual(asked, [], "nothing to unlock yet, and nothing to delete");
  assert.ok(!existsSync(path));
  await vault.update({ "credentials/a": { value: "A" }, "session/a": { value: "S", expires: "2030-01-01T00:00:00.000Z" } });
  assert.deepEqual(asked, [true], "asked once, as for a new file");
  assert.deepEqual(await vault.list(), [
    { name: "credentials/a", expires: undefined },
    { name: "session/a", expires: "2030-01-01T00:00:00.000Z" },
  ]);
  const other = backend(path);
  assert.equal(await other.vault.get("credentials/a"), "A");
  assert.deepEqual(other.asked, [false]);
  await other.vault.update({ "session/a": undefined });
  assert.deepEqual((await vault.list()).map((e) => e.name), ["credentials/a"]);
  assert.equal(await vault.get("session/a"), undefined);
  assert.ok(!readFileSync(path, "utf8").includes('"A"'));
});

test("the file is 0600 in a 0700 folder, and the lock file is gone afterwards", async () => {
  const path = fresh();
  mkdirSync(dirname(path), { mode: 0o755 });
  chmodSync(dirname(path), 0o755);
  const { vault } = backend(path);
  await vault.update({ x: { value: "1" } });
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(statSync(dirname(path)).mode & 0o777, 0o700);
  assert.ok(!existsSync(`${path}.lock`));
  chmodSync(path, 0o644);
  await vault.update({ y: { value: "2" } });
  assert.equal(statSync(path).mode & 0o777, 0o600, "a loosened file is tightened on the next write");
});

test("a wrong passphrase or a damaged file stops the change and leaves the file byte for byte", async () => {
  const path = fresh();
  await backend(path, "right").vault.update({ keep: { value: "me" } });
  const before = readFileSync(path);
  const wrong = backend(path, "wrong").vault;
  await assert.rejects(wrong.update({ other: { value: "x" } }), /Wrong passphrase for the vault file .*Nothing was changed\./);
  await assert.rejects(wrong.get("keep"), /Wrong passphrase/);
  assert.deepEqual(readFileSync(path), before);
  assert.ok(!existsSync(`${path}.lock`), "the lock is released after a failure");

  writeFileSync(path, before.subarray(0, before.length - 30));
  const truncated = readFileSync(path);
  await assert.rejects(backend(path, "right").vault.update({ other: { value: "x" } }), /is damaged .*left as it is/);
  assert.deepEqual(readFileSync(path), truncated);

  const tampered = Buffer.from(before);
  const at = tampered.lastIndexOf('"data":"') + 12;
  tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41;
  writeFileSync(path, tampered);
  await assert.rejects(backend(path, "right").vault.get("keep"), /was modified or damaged after it was written/);
  await assert.rejects(backend(path, "right").vault.update({ other: { value: "x" } }), /was modified or damaged/);
  assert.deepEqual(readFileSync(path), tampered);
});

test("a file made with cheaper KDF parameters is re-keyed with the configured ones on its next write", async () => {
  const path = fresh();
  await backend(path, "pw", { name: "scrypt", N: 1024, r: 1, p: 1 }).vault.update({ a: { value: "1" } });
  assert.match(readFileSync(path, "utf8"), /"N":1024,"r":1,"p":1/);
  const salt1 = JSON.parse(readFileSync(path, "utf8").split("\n")[1]!).kdf.salt;
  const stronger = backend(path, "pw", { name: "scrypt", N: 2048, r: 8, p: 1 }).vault;
  await stronger.update({ b: { value: "2" } });
  const head = JSON.parse(readFileSync(path, "utf8").split("\n")[1]!);
  assert.deepEqual([head.kdf.N, head.kdf.r, head.kdf.p], [2048, 8, 1]);
  assert.notEqual(head.kdf.salt, salt1, "a new salt comes with the new key");
  const again = backend(path, "pw").vault;
  assert.equal(await again.get("a"), "1");
  assert.equal(await again.get("b"), "2");
});

function runAdder(path: string, prefix: string, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ["--import", "tsx", join(HERE, "add-items.ts"), path, prefix, String(count)], { stdio: ["ignore", "ignore", "inherit"] });
    p.on("error", reject);
    p.on("exit", (code) => resolve(code ?? 1));
  });
}

test("two processes adding items at the same time lose nothing", async () => {
  const path = fresh();
  const codes = await Promise.all([runAdder(path, "one", 12), runAdder(path, "two", 12)]);
  assert.deepEqual(codes, [0, 0]);
  const vault = new FileBackend({ path, kdf: FAST, passphrase: async () => "shared passphrase", sleep: noSleep });
  const names = (await vault.list()).map((e) => e.name).sort();
  assert.equal(names.length, 24);
  for (let i = 0; i < 12; i++) {
    assert.equal(await vault.get(`one/${i}`), `one-${i}`);
    assert.equal(await vault.get(`two/${i}`), `two-${i}`);
  }
});

test("the lock: a live owner is waited for (then a clear error), a dead owner's lock is taken over", async () => {
  const path = fresh();
  mkdirSync(dirname(path), { recursive: true });
  // Held by this (live) process: waits with the injected sleep, then gives up.
  writeFileSync(`${path}.lock`, String(process.pid));
  let clock = 0;
  const sleeps: number[] = [];
  await assert.rejects(
    withFileLock(path, { timeoutMs: 1000, now: () => clock, sleep: async (ms) => void (sleeps.push(ms), (clock += ms)) }, () => "never"),
    new RegExp(`is locked by process ${process.pid}; try again, or remove .*\\.lock if no kumo is running`),
  );
  assert.ok(sleeps.length > 3);
  // Held by a process that has exited: taken over at once.
  const dead = spawn(process.execPath, ["-e", ""]);
  const pid = dead.pid!;
  await new Promise((r) => dead.on("exit", r));
  writeFileSync(`${path}.lock`, String(pid));
  assert.equal(await withFileLock(path, { sleep: async () => assert.fail("should not wait") }, () => "done"), "done");
  assert.ok(!existsSync(`${path}.lock`));
});
