// The AWS account number inside an access key ID, decoded offline. Key IDs
// are a 4-letter prefix followed by base32 (RFC 4648 alphabet A-Z, 2-7); the
// first six decoded bytes hold the account number shifted left by 7 bits.
// Keys issued before this scheme (those starting AKIAI / AKIAJ, or ASIAI /
// ASIAJ) carry no account number, and neither do IDs with other characters.
// (Accounts from 2^39 up would also start with I or J; those cannot be told
// apart from the older keys, so no account is claimed for them either.)

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32Decode(s: string): Uint8Array | undefined {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of s) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return undefined;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** The 12-digit account of a key ID such as AKIA…/ASIA…, or undefined when the ID carries none. */
export function accountIdFromKeyId(keyId: string): string | undefined {
  if (!/^[A-Z0-9]{4}[A-Z2-7]{16}$/.test(keyId)) return undefined;
  const body = keyId.slice(4);
  if (body[0] === "I" || body[0] === "J") return undefined;
  const bytes = base32Decode(body);
  if (!bytes || bytes.length < 6) return undefined;
  let n = 0n;
  for (let i = 0; i < 6; i++) n = (n << 8n) | BigInt(bytes[i]!);
  const account = (n & 0x7fffffffff80n) >> 7n;
  return account.toString().padStart(12, "0");
}
