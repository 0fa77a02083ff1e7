// Where kumo's files are at run time. bin/kumo.cjs sets `globalThis.__kumo`
// before loading the bundle; when modules run from source (tests, tsx), the
// package root is found from this file's location.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

interface KumoRuntime {
  root: string;
  dist: string;
  /** Loads a CommonJS bundle from dist/ with V8's code cache (see bin/kumo.cjs). */
  loadBundle?: (file: string, requireFn?: (id: string) => unknown) => Record<string, unknown>;
  /**
   * The SDK runtime modules inside dist/kumo.cjs, by import specifier. Service
   * bundles leave those imports out and are given these, so a process has one
   * copy of the SDK runtime (its type registries are process-wide).
   */
  sharedModules?: Record<string, unknown>;
}

let runtime: KumoRuntime | undefined;

export function kumoRuntime(): KumoRuntime {
  if (!runtime) {
    const given = (globalThis as { __kumo?: KumoRuntime }).__kumo;
    if (given) runtime = given;
    else {
      const root = join(dirname(fileURLToPath(import.meta.url)), "..");
      runtime = { root, dist: join(root, "dist") };
    }
  }
  return runtime;
}

/** The package root (package.json, data/, dist/). */
export function packageRoot(): string {
  return kumoRuntime().root;
}

/** The build output folder (kumo.cjs, services/, packs/, services.json). */
export function distDir(): string {
  return kumoRuntime().dist;
}
