// The encrypted file backend (format: src/vault/file-format.ts). Every change
// is read, modify, write under the lock file, written atomically with mode
// 0600 in a folder with mode 0700. A file that cannot be opened (wrong
// passphrase, damaged, modified) is never written over: the command stops
// with the reason.
import { chmodSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { writeFileAtomic } from "../util/atomic-write.ts";
import type { VaultBackend, VaultChange, VaultEntry } from "./backend.ts";
import {
  newKey,
  openVault,
  parseVaultFile,
  sealVault,
  unlock,
  weakerThan,
  type KdfParams,
  type ItemMeta,
  type ParsedHeader,
  type VaultContents,
  type VaultKey,
} from "./file-format.ts";
import { withFileLock } from "./lock.ts";
import type { PassphraseSource } from "./passphrase.ts";

export interface FileBackendOptions {
  path: string;
  /** Cost of the key derivation for a new (or re-keyed) file. */
  kdf: KdfParams;
  passphrase: PassphraseSource;
  sleep: (ms: number) => Promise<void>;
}

export class FileBackend implements VaultBackend {
  readonly kind = "file" as const;
  readonly location: string;
  private readonly opts: FileBackendOptions;
  private passphrase: string | undefined;
  private readonly keys = new Map<string, VaultKey>();

  constructor(opts: FileBackendOptions) {
    this.opts = opts;
    this.location = opts.path;
  }

  private readHeader(): ParsedHeader | undefined {
    let text: string;
    try {
      text = readFileSync(this.opts.path, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
    return parseVaultFile(text, this.opts.path);
  }

  private async getPassphrase(creating: boolean): Promise<string> {
    if (this.passphrase === undefined) this.passphrase = await this.opts.passphrase({ creating, path: this.opts.path });
    return this.passphrase;
  }

  private async keyFor(header: ParsedHeader): Promise<VaultKey> {
    const id = `${header.salt.toString("base64")}:${header.kdf.N}:${header.kdf.r}:${header.kdf.p}`;
    const cached = this.keys.get(id);
    if (cached) return cached;
    const key = unlock(header, await this.getPassphrase(false), this.opts.path);
    this.keys.set(id, key);
    return key;
  }

  private async read(): Promise<{ contents: VaultContents; key: VaultKey } | undefined> {
    const header = this.readHeader();
    if (!header) return undefined;
    const key = await this.keyFor(header);
    return { contents: openVault(header, key, this.opts.path), key };
  }

  async list(): Promise<VaultEntry[]> {
    const header = this.readHeader();
    if (!header) return [];
    return Object.entries(header.meta).map(([name, m]) => (m.keyRef === undefined ? { name, expires: m.expires } : { name, expires: m.expires, keyRef: m.keyRef }));
  }

  async get(name: string): Promise<string | undefined> {
    const header = this.readHeader();
    if (!header || !Object.hasOwn(header.meta, name)) return undefined;
    const opened = await this.read();
    return opened && Object.hasOwn(opened.contents.items, name) ? opened.contents.items[name] : undefined;
  }

  async update(changes: Record<string, VaultChange>): Promise<void> {
    // Deleting from a vault that does not exist yet changes nothing (and asks for no passphrase).
    if (Object.values(changes).every((c) => c === undefined) && this.readHeader() === undefined) return;
    await withFileLock(this.opts.path, { sleep: this.opts.sleep }, async () => {
      const opened = await this.read();
      let key: VaultKey;
      const contents: VaultContents = opened?.contents ?? { items: {}, meta: {} };
      if (opened) {
        key = opened.key;
        // A file made with cheaper parameters (or by an older kumo) is re-keyed.
        if (weakerThan(key.kdf, this.opts.kdf)) key = newKey(await this.getPassphrase(false), this.opts.kdf);
      } else {
        key = newKey(await this.getPassphrase(true), this.opts.kdf);
      }
      let changed = false;
      for (const [name, change] of Object.entries(changes)) {
        if (change === undefined) {
          if (Object.hasOwn(contents.items, name) || Object.hasOwn(contents.meta, name)) changed = true;
          delete contents.items[name];
          delete contents.meta[name];
        } else {
          contents.items[name] = change.value;
          const meta: ItemMeta = {};
          if (change.expires !== undefined) meta.expires = change.expires;
          if (change.keyRef !== undefined) meta.keyRef = change.keyRef;
          contents.meta[name] = meta;
          changed = true;
        }
      }
      if (!changed && (opened || Object.keys(changes).length === 0)) return;
      writeFileAtomic(this.opts.path, sealVault(contents, key), { mode: 0o600, forceMode: true, dirMode: 0o700 });
      tightenFolder(dirname(this.opts.path));
      this.keys.set(`${key.salt.toString("base64")}:${key.kdf.N}:${key.kdf.r}:${key.kdf.p}`, key);
    });
  }
}

/** Tightens the vault folder to 0700 when it is more open (it may predate kumo). */
export function tightenFolder(dir: string): void {
  try {
    chmodSync(dir, 0o700);
  } catch {
    // not there yet, or not ours
  }
}
