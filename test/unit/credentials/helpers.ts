// Settings for running the credential chain inside the test process: a fresh
// HOME with the given files, an environment of our choosing and a clock we
// control. Importing this also loads the loopback guard, so nothing here can
// reach instance metadata at 169.254.169.254 or any other non-loopback host.
import "../../helpers/loopback-guard.mjs";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { IO } from "../../../src/io.ts";
import type { GlobalArgs } from "../../../src/cli/globals.ts";
import { Settings } from "../../../src/config/settings.ts";

export interface TestSettingsOptions {
  config?: string;
  credentials?: string;
  /** The environment (nothing is inherited; instance metadata is off unless set otherwise). */
  env?: Record<string, string | undefined>;
  /** --profile on the command line. */
  profile?: string;
  region?: string;
  home?: string;
  now?: () => Date;
  stdin?: PassThrough & { isTTY?: boolean };
}

export interface TestSettings {
  settings: Settings;
  home: string;
  stderr: () => string;
  sleeps: number[];
}

export function makeHome(files: { config?: string; credentials?: string } = {}): string {
  const home = mkdtempSync(join(tmpdir(), "kumo-cred-"));
  mkdirSync(join(home, ".aws"), { mode: 0o700 });
  if (files.config !== undefined) writeFileSync(join(home, ".aws", "config"), files.config);
  if (files.credentials !== undefined) writeFileSync(join(home, ".aws", "credentials"), files.credentials);
  return home;
}

export function globals(over: Partial<GlobalArgs> = {}): GlobalArgs {
  return {
    debug: false,
    verifySsl: true,
    paginate: true,
    version: false,
    color: "auto",
    signRequest: true,
    pager: false,
    hints: true,
    ...over,
  };
}

export function testSettings(opts: TestSettingsOptions = {}): TestSettings {
  const home = opts.home ?? makeHome({ ...(opts.config !== undefined ? { config: opts.config } : {}), ...(opts.credentials !== undefined ? { credentials: opts.credentials } : {}) });
  const err: string[] = [];
  const sleeps: number[] = [];
  const stdin = opts.stdin ?? new PassThrough();
  if (!opts.stdin) stdin.end();
  const io: IO = {
    stdout: { write: () => {} },
    stderr: { write: (c) => void err.push(typeof c === "string" ? c : Buffer.from(c).toString("utf8")) },
    stdin,
    env: { PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: "true", ...opts.env },
    cwd: home,
    home,
    now: opts.now ?? (() => new Date()),
    sleep: async (ms) => void sleeps.push(ms),
  };
  const settings = new Settings(io, globals({ ...(opts.profile !== undefined ? { profile: opts.profile } : {}), ...(opts.region !== undefined ? { region: opts.region } : {}) }));
  return { settings, home, stderr: () => err.join(""), sleeps };
}

/** Writes an executable script and returns its path. */
export function script(dir: string, name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return path;
}
