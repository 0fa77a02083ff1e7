// Every AWS service the CLI knows (data/cli/index.json, from botocore) and
// which of them this kumo build carries (dist/services.json).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { installedServices } from "./installed.ts";
import { packageRoot } from "../runtime.ts";

export interface CatalogEntry {
  serviceId: string;
  package: string;
  protocol?: string;
  apiVersion?: string;
}

let catalog: Record<string, CatalogEntry> | undefined;

export { packageRoot };

export function knownServices(): Record<string, CatalogEntry> {
  if (!catalog) {
    const text = readFileSync(join(packageRoot(), "data", "cli", "index.json"), "utf8");
    catalog = (JSON.parse(text) as { services: Record<string, CatalogEntry> }).services;
  }
  return catalog;
}

export function isInstalled(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(installedServices(), name);
}
