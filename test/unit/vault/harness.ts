// Shared by the vault, exec, assume and console integration tests: a `kumo`
// on PATH (for credential_process lines and shell functions), and the
// environment that keeps the vault in a fast test file.
import { mkdtempSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GUARD, KUMO_BIN } from "../../helpers/run.ts";

/** A folder holding an executable `kumo` that runs this build; put it first on PATH. */
export function kumoOnPath(): string {
  const dir = mkdtempSync(join(tmpdir(), "kumo-bin-"));
  const script = join(dir, "kumo");
  writeFileSync(script, `#!/bin/sh\nexec "${process.execPath}" "${KUMO_BIN}" "$@"\n`);
  chmodSync(script, 0o755);
  return dir;
}

export const PASSPHRASE = "test vault passphrase";

/** No credentials in the environment; the file vault with cheap KDF parameters; STS and IAM at the given endpoints. */
export function vaultEnv(opts: { sts: string; iam?: string; binDir?: string; extra?: Record<string, string | undefined> }): Record<string, string | undefined> {
  return {
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    KUMO_VAULT_BACKEND: "file",
    KUMO_VAULT_PASSPHRASE: PASSPHRASE,
    KUMO_VAULT_KDF: "N=1024,r=8,p=1",
    AWS_ENDPOINT_URL_STS: opts.sts,
    ...(opts.iam ? { AWS_ENDPOINT_URL_IAM: opts.iam } : {}),
    ...(opts.binDir ? { PATH: `${opts.binDir}:${process.env.PATH ?? "/usr/bin:/bin"}`, NODE_OPTIONS: `--import ${GUARD}` } : {}),
    ...opts.extra,
  };
}
