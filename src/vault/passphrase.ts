// The file backend's passphrase: KUMO_VAULT_PASSPHRASE, else asked for at the
// terminal without echo (twice when a new vault file is created). Without a
// terminal and without the variable it is an error rather than a hang.
import { GeneralError } from "../errors/index.ts";
import type { IO } from "../io.ts";

export const PASSPHRASE_ENV = "KUMO_VAULT_PASSPHRASE";

export type PassphraseSource = (purpose: { creating: boolean; path: string }) => Promise<string>;

export function passphraseFromEnvOrPrompt(io: IO): PassphraseSource {
  return async ({ creating, path }) => {
    const fromEnv = io.env[PASSPHRASE_ENV];
    if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
    if (!io.stdin.isTTY) {
      throw new GeneralError(
        `The vault file ${path} needs its passphrase: set ${PASSPHRASE_ENV}, or run kumo in a terminal to be asked for it.`,
      );
    }
    const { promptSecret } = await import("../util/prompt.ts");
    if (!creating) return promptSecret(io, `Passphrase for the kumo vault (${path}): `);
    const first = await promptSecret(io, `New passphrase for the kumo vault (${path}): `);
    if (first === "") throw new GeneralError("The vault passphrase cannot be empty.");
    const again = await promptSecret(io, "Repeat the passphrase: ");
    if (again !== first) throw new GeneralError("The passphrases do not match; nothing was written.");
    return first;
  };
}
