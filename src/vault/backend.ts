// Where the vault keeps its items. Two backends: the OS keyring (Secret
// Service, macOS Keychain, Windows Credential Manager) and an encrypted file
// for machines without one. Items are named `credentials/<profile>` and
// `session/<profile>`; each value is a small JSON document (src/vault/items.ts).

export interface VaultEntry {
  name: string;
  /** A cached session's expiry (ISO 8601), when known without unlocking. */
  expires?: string | undefined;
  /** Stored keys: keyRef() of their access key ID (src/vault/items.ts), when known without unlocking. */
  keyRef?: string | undefined;
}

/** A change to one item: its new value, or `undefined` to delete it. */
export type VaultChange = { value: string; expires?: string | undefined; keyRef?: string | undefined } | undefined;

export interface VaultBackend {
  readonly kind: "keyring" | "file";
  /** Shown to the user: the file path, or the keyring service name. */
  readonly location: string;
  /** The items present; never asks for a passphrase. */
  list(): Promise<VaultEntry[]>;
  get(name: string): Promise<string | undefined>;
  /** Sets several items and deletes others in one change (`undefined` deletes). */
  update(changes: Record<string, VaultChange>): Promise<void>;
}

export const BACKENDS = ["keyring", "file"] as const;
export type BackendKind = (typeof BACKENDS)[number];
