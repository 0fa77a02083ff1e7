// `kumo configure list-profiles`: every profile name, one a line, in the
// order the CLI lists them: the config file's profiles in file order, then
// those found only in the credentials file.
import { readFileSync } from "node:fs";
import type { CommandContext } from "../../cli/run.ts";
import { EXIT } from "../../errors/index.ts";
import { shellSplit } from "../../config/files.ts";
import { decodeIniBytes, pyStrip } from "../../config/ini.ts";
import { parseArgs } from "./args.ts";

/**
 * The section headers of an INI text in file order (first appearance), with
 * the reader's rules: a `[name]` line, unless it is indented under a key as
 * part of that key's value.
 */
export function sectionHeaders(text: string): string[] {
  const out: string[] = [];
  let inSection = false;
  let afterKey = false;
  let indentLevel = 0;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = pyStrip(raw);
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const indent = raw.indexOf(line);
    if (inSection && afterKey && indent > indentLevel) continue;
    indentLevel = indent;
    const close = line.lastIndexOf("]");
    if (line.startsWith("[") && close >= 2) {
      out.push(line.slice(1, close));
      inSection = true;
      afterKey = false;
      continue;
    }
    afterKey = true;
  }
  return out;
}

/** Profile names in the CLI's order, from the two files' texts (undefined when a file is missing). */
export function profileNamesInOrder(configText: string | undefined, credentialsText: string | undefined): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  const add = (name: string): void => {
    if (!seen.has(name)) {
      seen.add(name);
      names.push(name);
    }
  };
  for (const header of configText === undefined ? [] : sectionHeaders(configText)) {
    if (header.startsWith("profile")) {
      const words = shellSplit(header);
      if (words !== undefined && words.length === 2) add(words[1]!);
    } else if (header === "default") {
      add(header);
    }
  }
  for (const header of credentialsText === undefined ? [] : sectionHeaders(credentialsText)) {
    if (header !== "DEFAULT") add(header);
  }
  return names;
}

function readText(path: string): string | undefined {
  try {
    return decodeIniBytes(readFileSync(path), path);
  } catch {
    return undefined;
  }
}

export async function runListProfiles(ctx: CommandContext, args: string[]): Promise<number> {
  parseArgs([], args);
  const files = ctx.settings.files;
  const ordered = profileNamesInOrder(readText(files.configPath), readText(files.credentialsPath));
  // The parsed files decide which profiles exist; the texts only give the order.
  const names = ordered.filter((n) => Object.hasOwn(files.profiles, n));
  for (const n of Object.keys(files.profiles)) if (!names.includes(n)) names.push(n);
  for (const n of names) ctx.io.stdout.write(`${n}\n`);
  return EXIT.OK;
}
