// Run as a separate process by file-backend.test.ts: adds items to a vault
// file, one change at a time, as a second kumo would.
//   node --import tsx add-items.ts <file> <prefix> <count>
import { FileBackend } from "../../../src/vault/file-backend.ts";

const [file, prefix, count] = process.argv.slice(2);
const vault = new FileBackend({
  path: file!,
  kdf: { name: "scrypt", N: 1024, r: 8, p: 1 },
  passphrase: async () => "shared passphrase",
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
});
for (let i = 0; i < Number(count); i++) {
  await vault.update({ [`${prefix}/${i}`]: { value: `${prefix}-${i}` } });
}
