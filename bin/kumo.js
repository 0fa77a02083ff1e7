#!/usr/bin/env node
// kumo's command-line entry point. The CLI itself is built into dist/ by
// `npm run build` (run automatically by `npm ci` / `npm install`).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = new URL("../dist/main.mjs", import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write("kumo is not built yet: run `npm run build` in " + fileURLToPath(new URL("..", import.meta.url)) + "\n");
  process.exit(255);
}
await import(main.href);
