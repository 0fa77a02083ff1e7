// Turns one installed @aws-sdk/client-* package into a kumo service pack: the
// SDK's runtime schemas as compact JSON, plus the per-operation facts that the
// SDK keeps in generated code (which endpoint-parameter and middleware set each
// command uses, and the paginator tokens).
//
// Loading a whole client package costs 0.3-0.7 s, most of it building every
// schema of the service up front. A pack is parsed in milliseconds and kumo
// rebuilds only the schemas that one operation touches (src/services/pack.ts).
//
// Run as: node extract-pack.cjs <package-name> <out-file>
"use strict";
const fs = require("node:fs");
const path = require("node:path");

function extract(pkgName, resolveFrom) {
  const pkgJsonPath = require.resolve(`${pkgName}/package.json`, { paths: [resolveFrom] });
  const pkgDir = path.dirname(pkgJsonPath);
  const pkgJson = JSON.parse(fs.readFileSync(pkgJsonPath, "utf8"));
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const mod = require(pkgDir);

  const nodes = [];
  const index = new Map();

  function encodeValue(v) {
    if (typeof v === "function") {
      // A thunk: to a schema node ({$r: id}) or to a constant such as "unit" ({$v: value}).
      const target = v();
      return Array.isArray(target) ? { $r: nodeOf(target) } : { $v: encodeValue(target) };
    }
    if (Array.isArray(v)) {
      return v.map(encodeValue);
    }
    if (v && typeof v === "object") {
      const o = {};
      for (const [k, val] of Object.entries(v)) o[k] = encodeValue(val);
      return o;
    }
    if (v === undefined) return null;
    if (typeof v === "number" || typeof v === "string" || typeof v === "boolean" || v === null) return v;
    throw new Error(`unexpected value in schema: ${typeof v}`);
  }

  function nodeOf(schema) {
    if (!Array.isArray(schema)) {
      // simple schemas (numbers, "unit") are stored inline
      return encodeValue(schema);
    }
    if (index.has(schema)) return index.get(schema);
    const id = nodes.length;
    index.set(schema, id);
    nodes.push(null);
    nodes[id] = schema.map(encodeValue);
    return id;
  }

  // Operation facts live in the generated command modules.
  const esDir = path.join(pkgDir, "dist-es");
  const commandsDir = path.join(esDir, "commands");
  const operations = {};
  for (const file of fs.readdirSync(commandsDir)) {
    if (!file.endsWith("Command.js")) continue;
    const src = fs.readFileSync(path.join(commandsDir, file), "utf8");
    const m = /extends command\((_ep\d+), (_mw\d+), "(\w+)", (\w+\$)\)/.exec(src);
    if (!m) throw new Error(`${pkgName}: unrecognised command module ${file}`);
    const [, ep, mw, name, schemaExport] = m;
    const schema = mod[schemaExport];
    if (!Array.isArray(schema) || schema[0] !== 9) throw new Error(`${pkgName}: ${schemaExport} is not an operation schema`);
    operations[name] = { s: nodeOf(schema), ep, mw };
  }

  const paginators = {};
  const pagDir = path.join(esDir, "pagination");
  if (fs.existsSync(pagDir)) {
    for (const file of fs.readdirSync(pagDir)) {
      const src = fs.readFileSync(path.join(pagDir, file), "utf8");
      const m = /createPaginator\(\w+, (\w+)Command, ("[^"]*"|undefined), ("[^"]*"|undefined), ("[^"]*"|undefined)\)/.exec(src);
      if (!m) continue;
      const un = (s) => (s === "undefined" ? null : JSON.parse(s));
      paginators[m[1]] = [un(m[2]), un(m[3]), un(m[4])];
    }
  }

  // Errors: every schema registered in the client's error registries.
  const errors = [];
  let namespace = null;
  let syntheticNamespace = null;
  for (const reg of mod.errorTypeRegistries ?? []) {
    if (reg.namespace.startsWith("smithy.ts.sdk.synthetic.")) syntheticNamespace = reg.namespace;
    else namespace = namespace ?? reg.namespace;
    for (const [schema] of reg.exceptions) {
      if (reg.namespace.startsWith("smithy.ts.sdk.synthetic.")) continue;
      errors.push(nodeOf(schema));
    }
  }

  // Client-level facts, read from a client instance's resolved config.
  const clientName = Object.keys(mod).find((k) => k.endsWith("Client") && typeof mod[k] === "function" && k !== "__Client");
  const client = new mod[clientName]({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
  const cfg = client.config;
  const protocol = cfg.protocol;
  const protocolName = typeof protocol === "function" ? protocol.name : protocol?.constructor?.name;
  const protocolSettings = {};
  for (const [k, v] of Object.entries(cfg.protocolSettings ?? {})) {
    if (v === null || ["string", "number", "boolean"].includes(typeof v)) protocolSettings[k] = v;
  }
  client.destroy?.();

  return {
    format: 1,
    package: pkgName,
    version: pkgJson.version,
    clientName,
    serviceId: cfg.serviceId,
    apiVersion: cfg.apiVersion,
    protocol: protocolName,
    protocolSettings,
    namespace,
    syntheticNamespace,
    operations,
    paginators,
    errors,
    nodes,
  };
}

// A pack is a header line, then one schema node per line; the header's
// `offsets` give each node's character range so a reader parses only the
// nodes it needs.
function packText(pack) {
  const { nodes, ...header } = pack;
  const lines = nodes.map((n) => JSON.stringify(n));
  let offsets = [];
  for (;;) {
    const headerText = JSON.stringify({ ...header, offsets });
    const next = [];
    let pos = headerText.length + 1;
    for (const l of lines) {
      next.push(pos);
      pos += l.length + 1;
    }
    next.push(pos);
    if (next.length === offsets.length && next.every((v, i) => v === offsets[i])) {
      return headerText + "\n" + lines.join("\n") + "\n";
    }
    offsets = next;
  }
}

module.exports = { extract, packText };

if (require.main === module) {
  const [pkgName, outFile, resolveFrom] = process.argv.slice(2);
  const pack = extract(pkgName, resolveFrom ?? process.cwd());
  const tmp = `${outFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, packText(pack));
  fs.renameSync(tmp, outFile);
}
