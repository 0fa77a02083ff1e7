// Chooses the vault backend: --backend or KUMO_VAULT_BACKEND (keyring |
// file), else the OS keyring when one answers and the encrypted file when
// none does (headless machines, containers, CI).
//
//   KUMO_VAULT_FILE               the vault file (default ~/.kumo/vault/vault.kv,
//                                 under KUMO_HOME when set)
//   KUMO_VAULT_PASSPHRASE         the file's passphrase (else asked for)
//   KUMO_VAULT_KDF                scrypt cost of new files, e.g. N=131072,r=8,p=1
//   KUMO_VAULT_KEYRING_SERVICE    keyring service name (default kumo-vault)
import { join } from "node:path";
import { GeneralError, UsageError } from "../errors/index.ts";
import type { IO } from "../io.ts";
import { BACKENDS, type BackendKind, type VaultBackend } from "./backend.ts";

export interface OpenOptions {
  /** --backend given on the command line. */
  backend?: string | undefined;
}

export function vaultFilePath(io: IO): string {
  const explicit = io.env.KUMO_VAULT_FILE;
  if (explicit) return explicit;
  const kumoHome = io.env.KUMO_HOME || join(io.home, ".kumo");
  return join(kumoHome, "vault", "vault.kv");
}

function chosenKind(io: IO, opts: OpenOptions): BackendKind | undefined {
  const value = opts.backend ?? io.env.KUMO_VAULT_BACKEND;
  if (value === undefined || value === "" || value === "auto") return undefined;
  if (!(BACKENDS as readonly string[]).includes(value)) {
    const where = opts.backend !== undefined ? "--backend" : "KUMO_VAULT_BACKEND";
    throw new UsageError(`${where}: unknown vault backend "${value}"; choose one of: ${BACKENDS.join(", ")}, auto`);
  }
  return value as BackendKind;
}

async function fileBackend(io: IO): Promise<VaultBackend> {
  const [{ FileBackend }, { kdfFromSetting }, { passphraseFromEnvOrPrompt }] = await Promise.all([
    import("./file-backend.ts"),
    import("./file-format.ts"),
    import("./passphrase.ts"),
  ]);
  return new FileBackend({
    path: vaultFilePath(io),
    kdf: kdfFromSetting(io.env.KUMO_VAULT_KDF),
    passphrase: passphraseFromEnvOrPrompt(io),
    sleep: (ms) => io.sleep(ms),
  });
}

const opened = new WeakMap<IO, Map<string, Promise<VaultBackend>>>();

async function open(io: IO, kind: BackendKind | undefined): Promise<VaultBackend> {
  if (kind === "file") return fileBackend(io);
  const { KeyringBackend, probeKeyring, DEFAULT_KEYRING_SERVICE } = await import("./keyring-backend.ts");
  const service = io.env.KUMO_VAULT_KEYRING_SERVICE || DEFAULT_KEYRING_SERVICE;
  const problem = await probeKeyring(service);
  if (problem === null) return new KeyringBackend(service);
  if (kind === "keyring") throw new GeneralError(`The OS keyring does not answer: ${problem}`);
  return fileBackend(io);
}

/** The vault for this process (one per IO, so the passphrase is asked once). */
export function openVault(io: IO, opts: OpenOptions = {}): Promise<VaultBackend> {
  const kind = chosenKind(io, opts);
  let forIo = opened.get(io);
  if (!forIo) opened.set(io, (forIo = new Map()));
  const id = kind ?? "auto";
  let p = forIo.get(id);
  if (!p) {
    p = open(io, kind);
    forIo.set(id, p);
  }
  return p;
}
