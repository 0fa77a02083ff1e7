// Which services this kumo can call: the built-in ones (dist/services.json)
// and those added later (services.json in the user's services folder). Kept
// free of SDK imports so the CLI can consult it before loading any service.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { distDir } from "../runtime.ts";

export { distDir } from "../runtime.ts";

export interface InstalledService {
  package: string;
  version: string;
  clientName: string;
  /** built-in: bundled into dist/; added: installed later with `kumo services add`. */
  source?: "built-in" | "added";
}


let userDir: string | undefined;

/** Where `kumo services add` installs services: $KUMO_HOME/services (default ~/.kumo/services). */
export function setUserServicesDir(dir: string): void {
  userDir = dir;
  installed = undefined;
}

export function userServicesDir(): string | undefined {
  return userDir;
}

function readIndex(file: string, source: "built-in" | "added"): Record<string, InstalledService> {
  try {
    const services = (JSON.parse(readFileSync(file, "utf8")) as { services: Record<string, InstalledService> }).services;
    for (const s of Object.values(services)) s.source = source;
    return services;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw e;
  }
}

let installed: Record<string, InstalledService> | undefined;
export function installedServices(): Record<string, InstalledService> {
  if (!installed) {
    installed = {
      ...(userDir ? readIndex(join(userDir, "services.json"), "added") : {}),
      ...readIndex(join(distDir(), "services.json"), "built-in"),
    };
  }
  return installed;
}

/** Forget cached service lists (after `kumo services add`). */
export function resetInstalledServices(): void {
  installed = undefined;
}

