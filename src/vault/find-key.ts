// Which vault profile holds an access key ID, answered from what the vault
// keeps in the open (keyRef of each stored key): no passphrase is asked and
// no secret is read. Used by `kumo secrets scan` to say a found key is one
// of the vault's.
import type { IO } from "../io.ts";
import { existsSync } from "node:fs";
import { CREDENTIALS_PREFIX, keyRef } from "./items.ts";
import { openVault, vaultFilePath } from "./open.ts";


/** The profile whose stored keys have this access key ID, or undefined (also when there is no vault). */
export async function findAccessKeyId(io: IO, accessKeyId: string): Promise<string | undefined> {
  // The file backend chosen and no file: nothing to look in.
  if (io.env.KUMO_VAULT_BACKEND === "file" && !existsSync(vaultFilePath(io))) return undefined;
  let entries;
  try {
    entries = await (await openVault(io)).list();
  } catch {
    return undefined;
  }
  const ref = keyRef(accessKeyId);
  const hit = entries.find((e) => e.name.startsWith(CREDENTIALS_PREFIX) && e.keyRef === ref);
  return hit ? hit.name.slice(CREDENTIALS_PREFIX.length) : undefined;
}
