// The OS keyring backend through @napi-rs/keyring: Secret Service on Linux
// (gnome-keyring, KWallet), the Keychain on macOS, the Credential Manager on
// Windows. One keyring entry per item: service "kumo-vault" (or
// KUMO_VAULT_KEYRING_SERVICE), account = the item name, secret = its value.
// On Linux the entries are pinned to the Secret Service: the kernel keyring
// the library would otherwise fall back to does not survive a reboot.
import { GeneralError } from "../errors/index.ts";
import { keyRef } from "./items.ts";
import type { VaultBackend, VaultChange, VaultEntry } from "./backend.ts";

type KeyringModule = typeof import("@napi-rs/keyring");

export const DEFAULT_KEYRING_SERVICE = "kumo-vault";
const TIMEOUT_MS = 5_000;
const PROBE_ACCOUNT = "kumo-vault-probe";

let loaded: Promise<KeyringModule> | undefined;
function keyringModule(): Promise<KeyringModule> {
  loaded ??= import("@napi-rs/keyring");
  return loaded;
}

const entryOptions = process.platform === "linux" ? { linux: { store: "secret-service" as const } } : undefined;

function reason(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/^Platform failure: /, "");
}

/** Null when the keyring answers; otherwise why not. */
export async function probeKeyring(service: string): Promise<string | null> {
  try {
    const { AsyncEntry } = await keyringModule();
    const entry = new AsyncEntry(service, PROBE_ACCOUNT, entryOptions);
    await entry.getPassword(AbortSignal.timeout(TIMEOUT_MS));
    return null;
  } catch (e) {
    return reason(e);
  }
}

/** The session expiry inside a stored value, for `vault list`. */
/** Stored keys' keyRef(), read from the item itself (the keyring hands over values without a passphrase). */
function keyRefOf(value: string): string | undefined {
  try {
    const doc = JSON.parse(value) as { AccessKeyId?: unknown; SecretAccessKey?: unknown };
    return typeof doc.AccessKeyId === "string" && typeof doc.SecretAccessKey === "string" ? keyRef(doc.AccessKeyId) : undefined;
  } catch {
    return undefined;
  }
}

function expiresOf(value: string): string | undefined {
  try {
    const doc = JSON.parse(value) as { Credentials?: { Expiration?: unknown } };
    const e = doc.Credentials?.Expiration;
    return typeof e === "string" ? e : undefined;
  } catch {
    return undefined;
  }
}

export class KeyringBackend implements VaultBackend {
  readonly kind = "keyring" as const;
  readonly location: string;
  private readonly service: string;

  constructor(service: string) {
    this.service = service;
    this.location = `OS keyring, service "${service}"`;
  }

  private async entry(name: string) {
    const { AsyncEntry } = await keyringModule();
    try {
      return new AsyncEntry(this.service, name, entryOptions);
    } catch (e) {
      throw new GeneralError(`The OS keyring cannot be reached: ${reason(e)}`);
    }
  }

  async list(): Promise<VaultEntry[]> {
    const { findCredentialsAsync } = await keyringModule();
    let found: { account: string; password: string }[];
    try {
      found = await findCredentialsAsync(this.service, null, AbortSignal.timeout(TIMEOUT_MS));
    } catch (e) {
      throw new GeneralError(`The OS keyring cannot be read: ${reason(e)}`);
    }
    return found
      .filter((c) => c.account !== PROBE_ACCOUNT)
      .map((c) => ({ name: c.account, expires: expiresOf(c.password), keyRef: keyRefOf(c.password) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(name: string): Promise<string | undefined> {
    const entry = await this.entry(name);
    try {
      return (await entry.getPassword(AbortSignal.timeout(TIMEOUT_MS))) ?? undefined;
    } catch (e) {
      throw new GeneralError(`The OS keyring cannot be read: ${reason(e)}`);
    }
  }

  async update(changes: Record<string, VaultChange>): Promise<void> {
    for (const [name, change] of Object.entries(changes)) {
      const entry = await this.entry(name);
      try {
        if (change === undefined) await entry.deleteCredential(AbortSignal.timeout(TIMEOUT_MS));
        else await entry.setPassword(change.value, AbortSignal.timeout(TIMEOUT_MS));
      } catch (e) {
        throw new GeneralError(`The OS keyring refused to ${change === undefined ? "delete" : "store"} ${name}: ${reason(e)}`, {
          hint: "Unlock (or create) the default keyring, or keep the vault in the encrypted file instead: --backend file, or KUMO_VAULT_BACKEND=file.",
        });
      }
    }
  }
}
