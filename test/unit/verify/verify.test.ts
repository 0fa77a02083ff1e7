// kumo verify with keys and signatures made here: a good signature, a
// changed file, the wrong key, a truncated signature, binary and armored
// forms, checksums, an expired key, and the built-in AWS CLI key itself.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as openpgp from "openpgp";
import { kumo, sandbox, tempDir } from "../secrets/helpers.ts";
import { AWS_CLI_KEY_FINGERPRINT, AWS_CLI_PUBLIC_KEY } from "../../../src/commands/verify/aws-cli-key.ts";
import { formatFingerprint } from "../../../src/commands/verify/index.ts";

const dir = tempDir("kumo-verify-");
const home = sandbox();
const data = Buffer.from("#!/bin/sh\necho installing\n".repeat(100));
let fingerprint = "";

async function keyPair(opts: { date?: Date; keyExpirationTime?: number } = {}) {
  return openpgp.generateKey({
    type: "ecc",
    curve: "ed25519Legacy",
    userIDs: [{ name: "Release Team", email: "release@example.com" }],
    format: "object",
    ...opts,
  });
}

async function sign(privateKey: openpgp.PrivateKey, bytes: Uint8Array, armored: boolean, date?: Date): Promise<Uint8Array | string> {
  const message = await openpgp.createMessage({ binary: bytes });
  return armored
    ? openpgp.sign({ message, signingKeys: privateKey, detached: true, ...(date ? { date } : {}) })
    : openpgp.sign({ message, signingKeys: privateKey, detached: true, format: "binary", ...(date ? { date } : {}) });
}

before(async () => {
  const good = await keyPair();
  const other = await keyPair();
  fingerprint = good.publicKey.getFingerprint().toUpperCase();
  writeFileSync(join(dir, "installer.zip"), data);
  writeFileSync(join(dir, "tampered.zip"), Buffer.concat([data, Buffer.from("\n")]));
  writeFileSync(join(dir, "release.asc"), good.publicKey.armor());
  writeFileSync(join(dir, "release.gpg"), good.publicKey.write());
  writeFileSync(join(dir, "other.asc"), other.publicKey.armor());
  writeFileSync(join(dir, "installer.zip.asc"), await sign(good.privateKey, data, true));
  const bin = (await sign(good.privateKey, data, false)) as Uint8Array;
  writeFileSync(join(dir, "installer.zip.sig"), bin);
  writeFileSync(join(dir, "truncated.sig"), bin.subarray(0, Math.floor(bin.length / 2)));
  // A key that expired after signing.
  const past = new Date(Date.now() - 30 * 86_400_000);
  const old = await keyPair({ date: past, keyExpirationTime: 86_400 });
  writeFileSync(join(dir, "old.asc"), old.publicKey.armor());
  writeFileSync(join(dir, "old.sig"), await sign(old.privateKey, data, true, new Date(past.getTime() + 60_000)));
});

const v = (args: string[]) => kumo(["verify", ...args], { cwd: dir, home });

test("a good signature, armored or binary, with an armored or binary key", async () => {
  for (const [sig, key] of [
    ["installer.zip.asc", "release.asc"],
    ["installer.zip.sig", "release.gpg"],
  ]) {
    const res = await v(["installer.zip", "--signature", sig!, "--key", key!]);
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.match(res.stdout, /^Good signature from "Release Team <release@example.com>"/);
    assert.ok(res.stdout.includes(formatFingerprint(fingerprint)));
    assert.match(res.stdout, /Verified: installer\.zip\n$/);
  }
});

test("a changed file is a bad signature", async () => {
  const res = await v(["tampered.zip", "--signature", "installer.zip.sig", "--key", "release.asc"]);
  assert.equal(res.code, 1);
  assert.match(res.stdout, /BAD signature/);
  assert.match(res.stdout, /NOT VERIFIED: tampered\.zip/);
});

test("the wrong key, and the built-in AWS CLI key for a file it did not sign", async () => {
  const wrong = await v(["installer.zip", "--signature", "installer.zip.sig", "--key", "other.asc"]);
  assert.equal(wrong.code, 1);
  assert.match(wrong.stdout, /signed by key [0-9A-F]{16}, not by "Release Team/);
  const builtin = await v(["installer.zip", "--signature", "installer.zip.sig"]);
  assert.equal(builtin.code, 1);
  assert.match(builtin.stdout, /not by "AWS CLI Team <aws-cli@amazon.com>" \(FB5D B77F D5C1 18B8 0511  ADA8 A631 0ACC 4672 475C\)/);
});

test("a truncated signature is rejected", async () => {
  const res = await v(["installer.zip", "--signature", "truncated.sig", "--key", "release.asc"]);
  assert.equal(res.code, 1);
  assert.match(res.stdout, /not a valid OpenPGP signature/);
});

test("a signature made before the key expired is good, with a note", async () => {
  const res = await v(["installer.zip", "--signature", "old.sig", "--key", "old.asc"]);
  assert.equal(res.code, 0, res.stdout);
  assert.match(res.stdout, /Note: the key expired on \d{4}-\d\d-\d\d; the signature was made before that/);
});

test("--sha256 alone and with a signature", async () => {
  const sum = createHash("sha256").update(data).digest("hex");
  const ok = await v(["installer.zip", "--sha256", sum.toUpperCase()]);
  assert.equal(ok.code, 0);
  assert.equal(ok.stdout, `SHA-256 OK: ${sum}\nVerified: installer.zip\n`);
  const bad = await v(["tampered.zip", "--sha256", sum]);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /SHA-256 MISMATCH/);
  const both = await v(["installer.zip", "--sha256", "0".repeat(64), "--signature", "installer.zip.asc", "--key", "release.asc"]);
  assert.equal(both.code, 1, "a good signature does not excuse a wrong checksum");
});

test("usage errors, missing files and help", async () => {
  assert.equal((await v(["installer.zip"])).code, 252);
  assert.equal((await v(["installer.zip", "--sha256", "xyz"])).code, 252);
  assert.equal((await v([])).code, 252);
  assert.equal((await v(["missing.zip", "--sha256", "0".repeat(64)])).code, 255);
  const h = await v(["help"]);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /FB5D B77F D5C1 18B8 0511  ADA8 A631 0ACC 4672 475C/);
});

test("the built-in key block is the AWS CLI team's published key", async () => {
  const key = await openpgp.readKey({ armoredKey: AWS_CLI_PUBLIC_KEY });
  assert.equal(key.getFingerprint().toUpperCase(), "FB5DB77FD5C118B80511ADA8A6310ACC4672475C");
  assert.equal(AWS_CLI_KEY_FINGERPRINT, "FB5DB77FD5C118B80511ADA8A6310ACC4672475C");
  assert.deepEqual(key.getUserIDs(), ["AWS CLI Team <aws-cli@amazon.com>"]);
  assert.equal(formatFingerprint(AWS_CLI_KEY_FINGERPRINT), "FB5D B77F D5C1 18B8 0511  ADA8 A631 0ACC 4672 475C");
});
