// The encrypted vault file: one file holds every item (long-lived keys and
// cached sessions), sealed with AES-256-GCM under a key derived from the
// passphrase with scrypt.
//
//   kumo-vault 1\n
//   {"kdf":{"name":"scrypt","N":131072,"r":8,"p":1,"salt":"<b64>"},"check":"<b64>","items":{...}}\n
//   {"iv":"<b64>","tag":"<b64>","data":"<b64>"}\n
//
// scrypt(passphrase, salt, 64 bytes): the first 32 bytes are the AES key, the
// last 32 a key whose SHA-256 (first 16 bytes) is `check`, so a wrong
// passphrase is told apart from a damaged file. The first two lines, byte for
// byte, are the GCM additional data: changing the KDF parameters, the check
// or the item index makes the file fail to open. `items` names the items with
// a little metadata (a session's expiry), so that `vault list` and "is this
// profile in the vault?" need no passphrase; keys, secrets and session tokens
// are only in the encrypted part, `{"items":{"<name>":"<value>"}}`.
import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync, timingSafeEqual } from "node:crypto";
import { GeneralError } from "../errors/index.ts";

export const MAGIC = "kumo-vault 1";

export interface KdfParams {
  name: "scrypt";
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** OWASP's first choice for scrypt: 128 MiB of memory per derivation. */
export const DEFAULT_KDF: KdfParams = { name: "scrypt", N: 2 ** 17, r: 8, p: 1 };

export interface ItemMeta {
  /** A cached session's expiry (ISO 8601). */
  expires?: string;
  /** Stored keys: keyRef() of the access key ID, so a key found elsewhere can be matched without the passphrase. */
  keyRef?: string;
}

export interface VaultContents {
  /** Item name -> its value (a JSON document as text). */
  items: Record<string, string>;
  meta: Record<string, ItemMeta>;
}

export interface VaultKey {
  kdf: KdfParams;
  salt: Buffer;
  aesKey: Buffer;
  check: Buffer;
}

export interface ParsedHeader {
  kdf: KdfParams;
  salt: Buffer;
  check: Buffer;
  meta: Record<string, ItemMeta>;
  /** The bytes the GCM tag covers besides the ciphertext. */
  aad: Buffer;
  iv: Buffer;
  tag: Buffer;
  data: Buffer;
}

/** The vault file cannot be read: damaged, truncated, or not a vault file. It is left as it is. */
export class VaultFileError extends GeneralError {}

/** The passphrase does not open the vault. */
export class WrongPassphraseError extends GeneralError {}

/**
 * Parses KUMO_VAULT_KDF ("N=1024,r=8,p=1"): lets tests and slow machines
 * choose other scrypt costs for new vault files. Unset: DEFAULT_KDF.
 */
export function kdfFromSetting(value: string | undefined): KdfParams {
  if (value === undefined || value.trim() === "") return DEFAULT_KDF;
  const out: KdfParams = { ...DEFAULT_KDF };
  for (const part of value.split(",")) {
    const m = /^\s*(N|r|p)\s*=\s*(\d+)\s*$/.exec(part);
    if (!m) throw new GeneralError(`KUMO_VAULT_KDF: cannot read "${part.trim()}"; expected e.g. N=131072,r=8,p=1`);
    out[m[1] as "N" | "r" | "p"] = Number(m[2]);
  }
  checkKdf(out);
  return out;
}

function checkKdf(k: KdfParams): void {
  const powerOfTwo = k.N >= 2 && (k.N & (k.N - 1)) === 0;
  if (k.name !== "scrypt" || !powerOfTwo || k.N > 2 ** 24 || k.r < 1 || k.r > 64 || k.p < 1 || k.p > 64) {
    throw new VaultFileError(`unsupported key derivation parameters (${k.name} N=${k.N} r=${k.r} p=${k.p})`);
  }
}

/** True when `a` costs less than `b` (then a file is re-keyed with `b` on its next write). */
export function weakerThan(a: KdfParams, b: KdfParams): boolean {
  return a.N * a.r * a.p < b.N * b.r * b.p;
}

/** scrypt(passphrase, salt) -> 64 bytes. */
export function scrypt64(passphrase: string, salt: Buffer, kdf: KdfParams): Buffer {
  checkKdf(kdf);
  const maxmem = 128 * kdf.N * kdf.r * (kdf.p + 2) + 16 * 1024 * 1024;
  return scryptSync(Buffer.from(passphrase.normalize("NFC"), "utf8"), salt, 64, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem });
}

export function deriveKey(passphrase: string, salt: Buffer, kdf: KdfParams): VaultKey {
  const out = scrypt64(passphrase, salt, kdf);
  const aesKey = out.subarray(0, 32);
  const check = createHash("sha256").update(out.subarray(32)).digest().subarray(0, 16);
  return { kdf, salt, aesKey, check };
}

export function newKey(passphrase: string, kdf: KdfParams): VaultKey {
  return deriveKey(passphrase, randomBytes(16), kdf);
}

function headerText(key: VaultKey, meta: Record<string, ItemMeta>): string {
  const { name, N, r, p } = key.kdf;
  const items: Record<string, ItemMeta> = {};
  for (const k of Object.keys(meta).sort()) items[k] = meta[k]!;
  return JSON.stringify({ kdf: { name, N, r, p, salt: key.salt.toString("base64") }, check: key.check.toString("base64"), items });
}

/** The whole file for `contents`, sealed with `key`; `iv` only for known-answer tests. */
export function sealVault(contents: VaultContents, key: VaultKey, iv: Buffer = randomBytes(12)): string {
  const head = `${MAGIC}\n${headerText(key, contents.meta)}\n`;
  const items: Record<string, string> = {};
  for (const k of Object.keys(contents.items).sort()) items[k] = contents.items[k]!;
  const cipher = createCipheriv("aes-256-gcm", key.aesKey, iv);
  cipher.setAAD(Buffer.from(head, "utf8"));
  const data = Buffer.concat([cipher.update(JSON.stringify({ items }), "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `${head}${JSON.stringify({ iv: iv.toString("base64"), tag: tag.toString("base64"), data: data.toString("base64") })}\n`;
}

function b64(value: unknown, length?: number): Buffer {
  if (typeof value !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw new Error("bad base64");
  const buf = Buffer.from(value, "base64");
  if (length !== undefined && buf.length !== length) throw new Error("bad length");
  return buf;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Reads the unencrypted parts of a vault file; throws VaultFileError (with `path`) when it is not whole. */
export function parseVaultFile(text: string, path: string): ParsedHeader {
  const damaged = (why: string) =>
    new VaultFileError(`The vault file ${path} is damaged (${why}); it has been left as it is.`);
  const lines = text.split("\n");
  if (lines[0] !== MAGIC) throw damaged(text.length === 0 ? "it is empty" : "it does not start with the kumo vault marker");
  if (lines.length < 4 || lines[3] !== "" || lines.length > 4) throw damaged("it is truncated or has extra data");
  let head: unknown;
  let body: unknown;
  try {
    head = JSON.parse(lines[1]!);
    body = JSON.parse(lines[2]!);
  } catch {
    throw damaged("it is not valid JSON");
  }
  try {
    if (!isObject(head) || !isObject(body) || !isObject(head.kdf) || !isObject(head.items)) throw new Error("shape");
    const k = head.kdf;
    const kdf: KdfParams = { name: k.name as "scrypt", N: Number(k.N), r: Number(k.r), p: Number(k.p) };
    const meta: Record<string, ItemMeta> = {};
    for (const [name, m] of Object.entries(head.items)) {
      if (!isObject(m)) throw new Error("item");
      const item: ItemMeta = {};
      if (typeof m.expires === "string") item.expires = m.expires;
      if (typeof m.keyRef === "string") item.keyRef = m.keyRef;
      meta[name] = item;
    }
    const parsed: ParsedHeader = {
      kdf,
      salt: b64(k.salt),
      check: b64(head.check, 16),
      meta,
      aad: Buffer.from(`${lines[0]}\n${lines[1]}\n`, "utf8"),
      iv: b64(body.iv, 12),
      tag: b64(body.tag, 16),
      data: b64(body.data),
    };
    try {
      checkKdf(kdf);
    } catch (e) {
      throw damaged((e as Error).message);
    }
    return parsed;
  } catch (e) {
    if (e instanceof VaultFileError) throw e;
    throw damaged("a field is missing or malformed");
  }
}

/** The key for a parsed file, or WrongPassphraseError. */
export function unlock(header: ParsedHeader, passphrase: string, path: string): VaultKey {
  const key = deriveKey(passphrase, header.salt, header.kdf);
  if (!timingSafeEqual(key.check, header.check)) {
    throw new WrongPassphraseError(`Wrong passphrase for the vault file ${path}. Nothing was changed.`);
  }
  return key;
}

/** Decrypts a parsed file with its key; a file changed after it was written fails here. */
export function openVault(header: ParsedHeader, key: VaultKey, path: string): VaultContents {
  let plain: string;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.aesKey, header.iv);
    decipher.setAAD(header.aad);
    decipher.setAuthTag(header.tag);
    plain = Buffer.concat([decipher.update(header.data), decipher.final()]).toString("utf8");
  } catch {
    throw new VaultFileError(
      `The vault file ${path} was modified or damaged after it was written (its authentication tag does not match); it has been left as it is.`,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(plain);
  } catch {
    throw new VaultFileError(`The vault file ${path} holds data kumo cannot read; it has been left as it is.`);
  }
  if (!isObject(doc) || !isObject(doc.items)) throw new VaultFileError(`The vault file ${path} holds data kumo cannot read; it has been left as it is.`);
  const items: Record<string, string> = {};
  for (const [k, v] of Object.entries(doc.items)) if (typeof v === "string") items[k] = v;
  return { items, meta: { ...header.meta } };
}
