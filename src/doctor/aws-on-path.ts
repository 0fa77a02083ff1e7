// Which `aws` runs when you type aws: several different ones on PATH, or one
// in a folder others can write to (or in the current folder), mean the one
// that runs may not be the one you installed.
import { readFileSync, realpathSync, statSync } from "node:fs";
import { delimiter, dirname } from "node:path";
import { isKumoShim } from "../commands/install-alias/shim.ts";
import { whichAll } from "./profiles.ts";
import { octal, result, type CheckItem, type CheckResult } from "./types.ts";

export function checkAwsOnPath(pathEnv: string | undefined, cwd: string): CheckResult {
  const found = whichAll("aws", pathEnv, cwd);
  if (found.length === 0) return result("aws-on-path", "The aws command on PATH", [{ message: "no aws command on PATH", attention: false }]);
  const items: CheckItem[] = [];
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const first = found[0]!;
  const entries = (pathEnv ?? "").split(delimiter);
  if (entries.some((e) => e === "" || e === ".") && dirname(first) === cwd) {
    items.push({ message: `${first} runs as aws because PATH contains the current folder`, attention: true });
  }
  try {
    const dmode = statSync(dirname(first)).mode;
    if (dmode & 0o002 && !(dmode & 0o1000)) {
      items.push({ message: `the first aws on PATH, ${first}, sits in a folder anyone can write to (mode ${octal(dmode)})`, attention: true });
    }
  } catch {
    // gone
  }
  const distinct = [...new Map(found.map((p) => [real(p), p])).values()];
  if (distinct.length > 1 && isShim(first)) {
    // `kumo install-alias` put it there to stand in for the others.
    items.push({ message: `aws is kumo's shim ${first} (kumo install-alias), in front of ${distinct.slice(1).join(", ")}`, attention: false });
  } else if (distinct.length > 1) {
    items.push({
      message: `${distinct.length} different aws commands on PATH: ${first} runs, shadowing ${distinct.slice(1).join(", ")}`,
      attention: true,
    });
  } else if (items.length === 0) {
    items.push({ message: `aws is ${first}${real(first) !== first ? ` (${real(first)})` : ""}`, attention: false });
  }
  return result("aws-on-path", "The aws command on PATH", items);
}

function isShim(path: string): boolean {
  try {
    return isKumoShim(readFileSync(path, "utf8").slice(0, 4096));
  } catch {
    return false;
  }
}
