// PKCE (RFC 7636) for the authorization-code sign-in: a code verifier of 64
// characters from the unreserved set [A-Za-z0-9-._~], as the AWS CLI makes
// it, and its S256 challenge, base64url(sha256(verifier)) without padding.
import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

/** A fresh code verifier; `random` is for tests. */
export function makeCodeVerifier(length = 64, random: (n: number) => Uint8Array = randomBytes): string {
  let out = "";
  // 66 symbols: reject bytes >= 198 (3 * 66) so that every symbol is equally likely.
  while (out.length < length) {
    for (const b of random(length * 2)) {
      if (b < 198 && out.length < length) out += ALPHABET[b % ALPHABET.length];
    }
  }
  return out;
}

/** The S256 code challenge of a verifier: 43 base64url characters. */
export function codeChallenge(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}
