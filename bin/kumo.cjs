#!/usr/bin/env node
// kumo's command-line entry point. `npm run build` (run automatically by
// `npm ci` / `npm install`) bundles the CLI into dist/kumo.cjs and one module
// per AWS service into dist/services/<name>.cjs.
//
// Start-up time is a feature of kumo, and on Node.js 20 most of it goes to
// compiling JavaScript. Node.js 20 has no compile cache for modules, so this
// file loads the bundles itself through vm.Script with V8's code cache: a run
// stores the compiled code (with every function it used) under
// ~/.cache/kumo, and later runs skip compiling. The CLI bundle keeps two
// caches, one from a run that called a service and one from a run that did
// not, because a cache only holds what its run compiled. Set
// KUMO_NO_CODE_CACHE=1 to turn caching off, KUMO_CACHE_DIR to move it.
"use strict";
const { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { dirname, join } = require("node:path");
const vm = require("node:vm");

const root = join(__dirname, "..");
const dist = join(root, "dist");
const main = join(dist, "kumo.cjs");
if (!existsSync(main)) {
  process.stderr.write(`kumo is not built yet: run \`npm run build\` in ${root}\n`);
  process.exit(255);
}

let manifest = {};
try {
  manifest = JSON.parse(readFileSync(join(dist, "manifest.json"), "utf8"));
} catch {
  // a partial build: run without a code cache
}

function cacheDir() {
  const env = process.env;
  if (env.KUMO_NO_CODE_CACHE === "1" || env.KUMO_NO_CODE_CACHE === "true") return undefined;
  const base =
    env.KUMO_CACHE_DIR || (env.XDG_CACHE_HOME && join(env.XDG_CACHE_HOME, "kumo")) || (env.HOME && join(env.HOME, ".cache", "kumo"));
  if (!base) return undefined;
  return join(base, "v8", `${manifest.version ?? "dev"}-v8-${process.versions.v8}-${process.arch}`);
}

function readOrUndefined(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCache(file, data) {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, data, { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // a cache is an optimisation; never fail a command over it
  }
}

const dir = cacheDir();
let servicesLoaded = 0;
const onExit = [];
process.on("exit", () => {
  for (const fn of onExit) fn();
});

/**
 * Compiles and runs a CommonJS bundle. `cacheFiles` are tried in order;
 * `cacheTarget` says at exit which cache file to (re)write, if any.
 */
function run(file, requireFn, cacheFiles, cacheTarget) {
  let cachedData;
  let used;
  for (const f of cacheFiles) {
    cachedData = readOrUndefined(f);
    if (cachedData) {
      used = f;
      break;
    }
  }
  const source = readFileSync(file, "utf8");
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  if (cacheFiles.length) {
    onExit.push(() => {
      const target = cacheTarget({ used, rejected: script.cachedDataRejected === true });
      if (target) writeCache(target, script.createCachedData());
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, requireFn ?? createRequire(file), module, file, dirname(file));
  return module.exports;
}

function cachePath(name, variant) {
  const hash = manifest.bundles?.[name];
  if (!dir || !hash) return undefined;
  return join(dir, `${name.replace(/[\\/]/g, "_")}-${hash}${variant ? `-${variant}` : ""}.cache`);
}

/** Loads a service bundle (dist/services/<name>.cjs) with its own cache. */
function loadBundle(file, requireFn) {
  servicesLoaded++;
  const target = cachePath(file.slice(dist.length + 1));
  return run(file, requireFn, target ? [target] : [], ({ used, rejected }) => (!used || rejected ? target : undefined));
}

const full = cachePath("kumo.cjs", "full");
const light = cachePath("kumo.cjs", "light");
globalThis.__kumo = { root, dist, loadBundle };
const kumo = run(main, undefined, full && light ? [full, light] : [], ({ used, rejected }) => {
  // "full" holds what a service call compiles; it also serves runs that call none.
  const wanted = servicesLoaded > 0 ? full : light;
  if (rejected || !used) return wanted;
  return wanted === full && used !== full ? full : undefined;
});
globalThis.__kumo.sharedModules = kumo.sharedModules;
kumo.main();
