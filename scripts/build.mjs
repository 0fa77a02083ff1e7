#!/usr/bin/env node
// Builds kumo into dist/:
//   dist/kumo.cjs                   the CLI and the SDK runtime, bundled with esbuild
//   dist/services/<name>.cjs        one small module per AWS service: the SDK
//                                   client class and command builder, without
//                                   the client's schema module
//   dist/manifest.json              bundle hashes (they name the code caches)
//   dist/packs/<name>.pack          that service's schemas as data (see
//                                   scripts/lib/extract-pack.cjs)
//   dist/services.json              which services this build carries
// The services are the @aws-sdk/client-* packages in package.json; any other
// installed client package can be added with `kumo services add`.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, renameSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { cpus } from "node:os";
import { buildServiceEntries, bundle } from "./lib/bundle.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const finalDist = join(root, "dist");
// Build into a fresh folder and swap it in at the end, so a failed or
// concurrent build never leaves a half-written dist/ behind.
const dist = join(root, `dist.build-${process.pid}`);
const quiet = process.argv.includes("--quiet");
const log = (m) => quiet || process.stderr.write(m + "\n");

function run(cmd, args) {
  return new Promise((res, rej) => {
    const p = spawn(cmd, args, { stdio: ["ignore", "inherit", "inherit"] });
    p.on("exit", (code) => (code === 0 ? res() : rej(new Error(`${cmd} ${args.join(" ")} exited ${code}`))));
  });
}

async function pool(items, n, fn) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (queue.length) await fn(queue.shift());
    }),
  );
}

const t0 = Date.now();
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const index = JSON.parse(readFileSync(join(root, "data/cli/index.json"), "utf8")).services;
const byPackage = new Map();
for (const [name, info] of Object.entries(index)) {
  if (!byPackage.has(info.package)) byPackage.set(info.package, name);
}
const packages = Object.keys(pkg.dependencies).filter((d) => d.startsWith("@aws-sdk/client-"));
const services = packages.map((p) => ({ package: p, name: byPackage.get(p) ?? p.slice("@aws-sdk/client-".length) }));

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, "packs"), { recursive: true });

log(`kumo build: extracting ${services.length} service packs`);
await pool(services, Math.max(1, Math.min(4, cpus().length)), (s) =>
  run(process.execPath, [join(root, "scripts/lib/extract-pack.cjs"), s.package, join(dist, "packs", `${s.name}.pack`), root]),
);

const catalog = {};
const operations = {};
for (const s of services) {
  const header = JSON.parse(readFileSync(join(dist, "packs", `${s.name}.pack`), "utf8").split("\n", 1)[0]);
  catalog[s.name] = { package: s.package, version: header.version, clientName: header.clientName };
  operations[s.package] = Object.keys(header.operations);
}

const genDir = `build/gen-${process.pid}`;
const entries = buildServiceEntries(root, catalog, genDir);
log(`kumo build: bundling`);
const { bundles } = await bundle({ root, outdir: dist, entries, operations, genDir });
writeFileSync(join(dist, "manifest.json"), JSON.stringify({ version: pkg.version, bundles }, null, 1) + "\n");
writeFileSync(join(dist, "services.json"), JSON.stringify({ services: catalog }, null, 1) + "\n");
rmSync(join(root, `build/gen-${process.pid}`), { recursive: true, force: true });
const old = join(root, `dist.old-${process.pid}`);
if (existsSync(finalDist)) renameSync(finalDist, old);
renameSync(dist, finalDist);
rmSync(old, { recursive: true, force: true });
log(`kumo build: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
