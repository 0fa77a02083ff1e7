// Summarises a V8 .cpuprofile written by `node --cpu-prof`: where the samples
// fall (loading modules, garbage collection, idle while waiting for the
// network, running code), and the functions and packages that take the most
// time, mapped back to src/ and node_modules through dist/'s source maps.
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

function sourceMaps() {
  const maps = new Map();
  return (url) => {
    if (!url.startsWith("file://")) return undefined;
    if (!maps.has(url)) {
      const file = `${fileURLToPath(url)}.map`;
      maps.set(url, existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, "utf8"))) : undefined);
    }
    return maps.get(url);
  };
}

/** "src/output/json.ts", "@aws-sdk/xml-builder", "node:internal/...", or the file path for unmapped code. */
function owner(source) {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
  if (nm) return nm[1];
  const src = /(?:^|\/)(src\/.*)$/.exec(source);
  return src ? src[1] : source.replace(/^file:\/\/.*?\/(dist|bin)\//, "$1/");
}

/** The profile as { totalMs, categories: {load, gc, idle, run, other}, functions: [[label, selfMs]], packages: [[name, selfMs]] }. */
export function summarize(profile) {
  const mapFor = sourceMaps();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const labels = new Map();
  for (const n of profile.nodes) {
    const cf = n.callFrame;
    let fn = cf.functionName || "(anonymous)";
    let source = cf.url || "(native)";
    let line = cf.lineNumber + 1;
    const entry = mapFor(cf.url)?.findEntry(cf.lineNumber, cf.columnNumber);
    if (entry?.originalSource) {
      source = entry.originalSource;
      line = entry.originalLine + 1;
      fn = entry.name || fn;
    }
    labels.set(n.id, { fn: `${fn} (${owner(source)}:${line})`, pkg: owner(source), raw: cf });
  }

  // Loading: the nearest frames are Node's module loader (resolving, reading,
  // compiling) rather than code from a file. Module top-level code, and all
  // that kumo runs from it, counts as running.
  const isLoading = (id) => {
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const { url, functionName } = byId.get(cur).callFrame;
      if (url.startsWith("file://")) return false;
      if (/internal\/modules\/|internal\/bootstrap\/realm/.test(url) || functionName === "compileSourceTextModule") return true;
    }
    return false;
  };
  const categories = { load: 0, gc: 0, idle: 0, run: 0, other: 0 };
  const selfFn = new Map();
  const selfPkg = new Map();
  let total = 0;
  const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    const name = byId.get(id).callFrame.functionName;
    if (name === "(idle)") categories.idle += ms;
    else if (name === "(garbage collector)") categories.gc += ms;
    else if (name === "(program)") categories.other += ms;
    else if (isLoading(id)) categories.load += ms;
    else {
      categories.run += ms;
      add(selfFn, labels.get(id).fn, ms);
      add(selfPkg, labels.get(id).pkg, ms);
    }
  });
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return { totalMs: total, categories, functions: sorted(selfFn), packages: sorted(selfPkg) };
}
