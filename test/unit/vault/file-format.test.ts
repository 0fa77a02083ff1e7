// The vault file format: the key derivation against RFC 7914's vectors, a
// known file byte for byte, decryption by hand as the format describes it,
// and how wrong passphrases, truncated and tampered files fail.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createDecipheriv, createHash, scryptSync } from "node:crypto";
import {
  DEFAULT_KDF,
  VaultFileError,
  WrongPassphraseError,
  deriveKey,
  kdfFromSetting,
  openVault,
  parseVaultFile,
  scrypt64,
  sealVault,
  unlock,
  weakerThan,
} from "../../../src/vault/file-format.ts";

const FAST = { name: "scrypt" as const, N: 1024, r: 8, p: 1 };
const PASS = "correct horse battery staple";
const SALT = Buffer.from("000102030405060708090a0b0c0d0e0f", "hex");
const IV = Buffer.from("a0a1a2a3a4a5a6a7a8a9aaab", "hex");
const ITEM = '{"AccessKeyId":"AKIDEXAMPLE","SecretAccessKey":"s3cr3t"}';

/** The file sealVault wrote for the inputs above when the format was defined. */
const KNOWN =
  'kumo-vault 1\n{"kdf":{"name":"scrypt","N":1024,"r":8,"p":1,"salt":"AAECAwQFBgcICQoLDA0ODw=="},"check":"5pHXQCr5InR56t8hHuuVvw==","items":{"credentials/prod":{}}}\n' +
  '{"iv":"oKGio6Slpqeoqaqr","tag":"VMMUIMz4+Sdo187p+khixQ==","data":"WRORG9gAD2RZkmFO2ZJHZDTsgR5hzT00JyAlojIfqnzG6sL/1A/maDL8CFyGoHOAuqI/9hQik0jMuHKwRd4XoqFy4/yWyznh1AjwCz9MYXMB1fiAICyp/iWvnDaSpwkvGQ=="}\n';

test("scrypt as RFC 7914 section 12 gives it", () => {
  assert.equal(
    scrypt64("", Buffer.alloc(0), { name: "scrypt", N: 16, r: 1, p: 1 }).toString("hex"),
    "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906",
  );
  assert.equal(
    scrypt64("password", Buffer.from("NaCl"), { name: "scrypt", N: 1024, r: 8, p: 16 }).toString("hex"),
    "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640",
  );
});

test("known answer: a fixed passphrase, salt and IV give a fixed file, which opens again", () => {
  const key = deriveKey(PASS, SALT, FAST);
  const text = sealVault({ items: { "credentials/prod": ITEM }, meta: { "credentials/prod": {} } }, key, IV);
  assert.equal(text, KNOWN);
  const header = parseVaultFile(KNOWN, "/v");
  const contents = openVault(header, unlock(header, PASS, "/v"), "/v");
  assert.deepEqual(contents.items, { "credentials/prod": ITEM });
});

test("the file decrypts by hand as documented: scrypt key halves, the first two lines as additional data", () => {
  const lines = KNOWN.split("\n");
  const head = JSON.parse(lines[1]!);
  const body = JSON.parse(lines[2]!);
  const out = scryptSync(PASS, Buffer.from(head.kdf.salt, "base64"), 64, { N: head.kdf.N, r: head.kdf.r, p: head.kdf.p });
  assert.equal(createHash("sha256").update(out.subarray(32)).digest().subarray(0, 16).toString("base64"), head.check);
  const d = createDecipheriv("aes-256-gcm", out.subarray(0, 32), Buffer.from(body.iv, "base64"));
  d.setAAD(Buffer.from(`${lines[0]}\n${lines[1]}\n`));
  d.setAuthTag(Buffer.from(body.tag, "base64"));
  const plain = Buffer.concat([d.update(Buffer.from(body.data, "base64")), d.final()]).toString("utf8");
  assert.deepEqual(JSON.parse(plain), { items: { "credentials/prod": ITEM } });
  assert.ok(!KNOWN.includes("s3cr3t") && !KNOWN.includes("AKIDEXAMPLE"), "no secret in the clear");
});

test("a wrong passphrase is told apart from a damaged file", () => {
  const header = parseVaultFile(KNOWN, "/home/u/.kumo/vault/vault.kv");
  assert.throws(() => unlock(header, "Correct horse battery staple", "/home/u/.kumo/vault/vault.kv"), (e: unknown) => {
    assert.ok(e instanceof WrongPassphraseError);
    assert.equal((e as Error).message, "Wrong passphrase for the vault file /home/u/.kumo/vault/vault.kv. Nothing was changed.");
    return true;
  });
});

test("truncated files fail to parse with a clear message, at every length", () => {
  for (let n = 0; n < KNOWN.length; n += 7) {
    assert.throws(
      () => {
        const h = parseVaultFile(KNOWN.slice(0, n), "/v");
        openVault(h, unlock(h, PASS, "/v"), "/v");
      },
      (e: unknown) => e instanceof VaultFileError && /^The vault file \/v (is damaged|was modified)/.test((e as Error).message) && /left as it is/.test((e as Error).message),
      `length ${n}`,
    );
  }
});

test("tampering with the ciphertext, the tag, the item index or the KDF parameters is detected", () => {
  const lines = KNOWN.split("\n");
  const body = JSON.parse(lines[2]!);
  const flip = (b64: string) => {
    const buf = Buffer.from(b64, "base64");
    buf[buf.length - 1]! ^= 1;
    return buf.toString("base64");
  };
  const variants = [
    [lines[0], lines[1], JSON.stringify({ ...body, data: flip(body.data) }), ""].join("\n"),
    [lines[0], lines[1], JSON.stringify({ ...body, tag: flip(body.tag) }), ""].join("\n"),
    [lines[0], lines[1]!.replace('"items":{"credentials/prod":{}}', '"items":{"credentials/prod":{},"session/x":{}}'), lines[2], ""].join("\n"),
  ];
  for (const v of variants) {
    const h = parseVaultFile(v, "/v");
    assert.throws(() => openVault(h, unlock(h, PASS, "/v"), "/v"), /was modified or damaged after it was written/);
  }
  // Other KDF parameters derive another key: the check no longer matches.
  const weaker = [lines[0], lines[1]!.replace('"r":8', '"r":4'), lines[2], ""].join("\n");
  assert.throws(() => unlock(parseVaultFile(weaker, "/v"), PASS, "/v"), WrongPassphraseError);
  assert.throws(() => parseVaultFile(KNOWN.replace('"N":1024', '"N":1000'), "/v"), /unsupported key derivation parameters/);
  assert.throws(() => parseVaultFile(KNOWN + "extra\n", "/v"), /truncated or has extra data/);
  assert.throws(() => parseVaultFile(KNOWN.replace("kumo-vault 1", "kumo-vault 2"), "/v"), /does not start with the kumo vault marker/);
});

test("the default KDF is strong; KUMO_VAULT_KDF chooses others for new files", () => {
  assert.deepEqual(DEFAULT_KDF, { name: "scrypt", N: 131072, r: 8, p: 1 });
  assert.deepEqual(kdfFromSetting(undefined), DEFAULT_KDF);
  assert.deepEqual(kdfFromSetting("N=1024, r=8,p=2"), { name: "scrypt", N: 1024, r: 8, p: 2 });
  assert.throws(() => kdfFromSetting("N=1000"), /unsupported key derivation parameters/);
  assert.throws(() => kdfFromSetting("x=1"), /KUMO_VAULT_KDF: cannot read "x=1"/);
  assert.ok(weakerThan(FAST, DEFAULT_KDF));
  assert.ok(!weakerThan(DEFAULT_KDF, FAST));
});
