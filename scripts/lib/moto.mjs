// Starts and stops a moto AWS emulator on a free loopback port, for the demo
// and the benchmarks (plain JavaScript, so they run without tsx).
//
//   import { startMoto, MotoMissingError } from "./scripts/lib/moto.mjs";
//   const moto = await startMoto();      // { endpoint, port, reset(), stop() }
//   ...
//   await moto.stop();
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";

export const INSTALL_HINT = 'pip install "moto[server]"';

/** Thrown when python3 or moto's server module is not installed. */
export class MotoMissingError extends Error {
  constructor(detail, pythonMissing = false) {
    super(`moto is not installed (${detail}); install ${pythonMissing ? "Python 3, then " : ""}it with: ${INSTALL_HINT}`);
    this.name = "MotoMissingError";
  }
}

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Checks that `python3 -c "import moto.server"` works; throws MotoMissingError if not. */
export function checkMotoInstalled(python = "python3") {
  const r = spawnSync(python, ["-c", "import moto.server"], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
  if (r.error) throw new MotoMissingError(`${python} was not found`, true);
  if (r.status !== 0) {
    const last = (r.stderr ?? "").trim().split("\n").pop() || `exit code ${r.status}`;
    throw new MotoMissingError(last);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `python3 -m moto.server` on 127.0.0.1 and waits until /moto-api/ answers.
 * Throws MotoMissingError when python3 or moto is not installed (the same test as
 * `python3 -c "import moto.server"`, without paying for a second interpreter start).
 * opts.timeoutMs  how long to wait for it (default 30 s)
 * Returns { endpoint, port, process, reset(), stop() }.
 */
export async function startMoto(opts = {}) {
  const python = opts.python ?? "python3";
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const proc = spawn(python, ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true" },
  });
  let spawnError;
  proc.once("error", (e) => (spawnError = e));
  let stderr = "";
  proc.stderr.on("data", (d) => {
    // Keep only the tail: moto logs every request here.
    stderr = (stderr + d.toString()).slice(-4000);
  });
  let exited = false;
  // "close" comes after the last stderr chunk, so the reason for an early exit is in `stderr`.
  proc.once("close", () => (exited = true));

  const stop = () =>
    new Promise((resolve) => {
      if (exited || proc.exitCode !== null || proc.signalCode !== null) return resolve();
      const force = setTimeout(() => proc.kill("SIGKILL"), 3000);
      proc.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      proc.kill("SIGTERM");
    });

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError) {
      throw spawnError.code === "ENOENT" ? new MotoMissingError(`${python} was not found`, true) : spawnError;
    }
    if (exited) {
      const missing = /No module named '?(moto|werkzeug|flask)/.exec(stderr);
      if (missing) throw new MotoMissingError(missing[0].replace(/'/g, ""));
      throw new Error(`moto exited before it answered on ${endpoint}:\n${stderr}`);
    }
    try {
      const r = await fetch(`${endpoint}/moto-api/`);
      await r.arrayBuffer();
      if (r.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`moto did not answer on ${endpoint} within ${timeoutMs / 1000} s:\n${stderr}`);
    }
    await sleep(100);
  }
  return {
    endpoint,
    port,
    process: proc,
    async reset() {
      const r = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
      await r.arrayBuffer();
    },
    stop,
  };
}

/**
 * The environment for running kumo or aws against the emulator only: test
 * credentials, the given region, a HOME (and config/credentials paths) of the
 * caller's choosing so that no real ~/.aws is read, no instance metadata, no
 * proxy, no pager, no automatic package installs. Nothing from the caller's
 * environment is passed on except PATH.
 */
export function emulatorCliEnv({ home, region = "us-east-1" }) {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_DEFAULT_REGION: region,
    AWS_CONFIG_FILE: `${home}/.aws/config`,
    AWS_SHARED_CREDENTIALS_FILE: `${home}/.aws/credentials`,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_PAGER: "",
    NO_PROXY: "127.0.0.1,localhost",
    KUMO_HOME: `${home}/.kumo`,
    KUMO_NO_AUTO_INSTALL: "1",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}
