// The OS keyring backend against a real Secret Service: gnome-keyring in its
// own D-Bus session (dbus-run-session), its login keyring created and
// unlocked with a known password. Skipped, with the reason, where that
// cannot run (no dbus-run-session or gnome-keyring-daemon, or the daemon
// does not answer).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { baseEnv, sandboxHome } from "../helpers/run.ts";
import { startRecorder, type Recorder } from "../fakes/recorder.ts";
import { kumoOnPath, vaultEnv } from "../unit/vault/harness.ts";

function missingTool(): string | undefined {
  for (const tool of ["dbus-run-session", "gnome-keyring-daemon"]) {
    if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) return `${tool} is not installed`;
  }
  return undefined;
}
const missing = missingTool();

let moto: Moto;
let sts: Recorder;
before(async () => {
  if (missing) return;
  moto = await startMoto();
  sts = await startRecorder(moto.endpoint);
});
after(async () => {
  await sts?.stop();
  await moto?.stop();
});

/** Runs `script` inside a fresh D-Bus session with an unlocked gnome-keyring. */
function inKeyringSession(script: string, env: Record<string, string>): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const wrapped =
    `printf '%s' "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || { echo "SKIP: gnome-keyring-daemon --unlock failed"; exit 0; }\n` +
    `probe=$(kumo vault list --backend keyring 2>&1) || { echo "SKIP: the Secret Service does not answer: $(printf '%s' "$probe" | tr '\\n' ' ')"; exit 0; }\n` +
    script;
  return new Promise((resolve, reject) => {
    const p = spawn("dbus-run-session", ["--", "sh", "-c", wrapped], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d));
    p.stderr.on("data", (d: Buffer) => (stderr += d));
    p.on("error", reject);
    p.on("close", (code) => resolve({ stdout, stderr, code }));
  });
}

test("add, list, sessions, credentials and remove through the Secret Service", { skip: missing ?? false }, async (t) => {
  const home = sandboxHome();
  const env = baseEnv(
    home,
    vaultEnv({
      sts: sts.url,
      binDir: kumoOnPath(),
      extra: {
        KUMO_VAULT_BACKEND: undefined,
        KUMO_VAULT_PASSPHRASE: undefined,
        KUMO_VAULT_KEYRING_SERVICE: `kumo-vault-test-${process.pid}`,
        KEYRING_PASSWORD: "keyring test password",
        XDG_DATA_HOME: join(home, ".local", "share"),
        XDG_RUNTIME_DIR: undefined,
      },
    }),
  );
  const script = [
    `printf 'AKIAKEYRINGEXAMPLE01\\nkeyring-secret\\n' | kumo vault add kr --backend keyring --no-add-config 2>&1`,
    `echo "--- credentials"; kumo vault list --backend keyring --credentials`,
    `echo "--- auto"; kumo vault list --credentials`,
    `echo "--- keys"; kumo vault credentials kr --no-session`,
    `echo "--- session"; kumo vault credentials kr >/dev/null && kumo vault list --sessions | cut -f1`,
    `echo "--- remove"; kumo vault remove kr 2>&1; kumo vault list --credentials; echo end`,
  ].join("\n");
  const r = await inKeyringSession(script, env);
  const skip = /^SKIP: (.*)$/m.exec(r.stdout);
  if (skip) {
    t.skip(skip[1]);
    return;
  }
  assert.equal(r.code, 0, r.stderr);
  const service = `kumo-vault-test-${process.pid}`;
  assert.equal(
    r.stdout,
    `Added credentials of profile "kr" to the vault (OS keyring, service "${service}").\n` +
      "--- credentials\nkr\n" +
      "--- auto\nkr\n" +
      '--- keys\n{\n  "Version": 1,\n  "AccessKeyId": "AKIAKEYRINGEXAMPLE01",\n  "SecretAccessKey": "keyring-secret"\n}\n' +
      "--- session\nkr\n" +
      '--- remove\nDeleted the credentials and sessions of profile "kr" from the vault.\nend\n',
  );
  assert.equal(sts.calls("GetSessionToken").length, 1);
  assert.ok(!existsSync(join(home, ".kumo", "vault", "vault.kv")), "nothing went to the file backend");
});
