// Loads one service: its bundled client module (dist/services/<name>.mjs) and
// its schema pack (dist/packs/<name>.pack), and wires the pack's error schemas
// into the registries the SDK's protocols consult.
import { createRequire } from "node:module";
import { join } from "node:path";
import { TypeRegistry } from "@smithy/core/schema";
import { ServiceException } from "@smithy/core/client";
import { cliServiceData } from "../paginate/config.ts";
import { Pack, type StaticSchema } from "./pack.ts";
import { setMemberOrder } from "./shape.ts";
import { distDir, installedServices, userServicesDir, type InstalledService } from "./installed.ts";
import { kumoRuntime } from "../runtime.ts";

export { distDir, installedServices, resetInstalledServices, setUserServicesDir, userServicesDir, type InstalledService } from "./installed.ts";

export interface ServiceModule {
  Client: new (config: Record<string, unknown>) => SdkClient;
  builder: Record<string, unknown> & {
    command: (ep: unknown, mw: unknown, name: string, schema: StaticSchema) => new (input: unknown) => unknown;
  };
  errorTypeRegistries: unknown[];
  placeholders: Record<string, unknown[]>;
}

export interface SdkClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<Record<string, unknown>>;
  destroy(): void;
  config: Record<string, unknown>;
  middlewareStack: { add(mw: unknown, opts: Record<string, unknown>): void; addRelativeTo(mw: unknown, opts: Record<string, unknown>): void };
}

export interface LoadedService {
  name: string;
  pack: Pack;
  module: ServiceModule;
  /** An SDK command class for one operation of this service. */
  commandClass(operation: string): new (input: unknown) => unknown;
}

const loaded = new Map<string, LoadedService>();

export async function loadService(name: string): Promise<LoadedService> {
  const hit = loaded.get(name);
  if (hit) return hit;
  const info = installedServices()[name];
  if (!info) throw new Error(`service ${name} is not installed`);
  let pack: Pack;
  let module: ServiceModule;
  const userDir = userServicesDir();
  if (info.source === "added" && userDir) {
    pack = Pack.load(join(userDir, "packs", `${name}.pack`));
    module = addedServiceModule(userDir, info);
  } else {
    const dir = distDir();
    pack = Pack.load(join(dir, "packs", `${name}.pack`));
    module = builtInServiceModule(join(dir, "services", `${name}.cjs`));
  }
  for (const [op, target] of Object.entries(module.placeholders)) {
    const entry = pack.header.operations[op];
    if (entry && target.length === 0) pack.adopt(entry.s, target);
  }
  registerErrors(pack, module, info.clientName);
  const order = cliServiceData(name)?.order;
  const namespace = pack.header.namespace ?? (pack.header.protocolSettings.defaultNamespace as string | undefined);
  if (order && namespace) setMemberOrder(namespace, order);
  const classes = new Map<string, new (input: unknown) => unknown>();
  const service: LoadedService = {
    name,
    pack,
    module,
    commandClass(operation) {
      let cls = classes.get(operation);
      if (!cls) {
        const op = pack.header.operations[operation];
        if (!op) throw new Error(`${name} has no operation ${operation}`);
        cls = module.builder.command(module.builder[op.ep], module.builder[op.mw], operation, pack.node(op.s));
        classes.set(operation, cls);
      }
      return cls;
    },
  };
  loaded.set(name, service);
  return service;
}

/** A built-in service's module (dist/services/<name>.cjs), sharing the SDK runtime of dist/kumo.cjs. */
function builtInServiceModule(file: string): ServiceModule {
  const rt = kumoRuntime();
  if (!rt.loadBundle || !rt.sharedModules) {
    throw new Error("kumo's service modules load from its built bundle: run `npm run build` and use bin/kumo.cjs");
  }
  const shared = rt.sharedModules;
  const nodeRequire = createRequire(file);
  return rt.loadBundle(file, (id) => shared[id] ?? nodeRequire(id)) as unknown as ServiceModule;
}

/**
 * A service added after installation is loaded from its SDK package as
 * published (CommonJS build, own copy of the SDK runtime): slower to start
 * than a built-in service, but it needs no rebuild of kumo.
 */
function addedServiceModule(dir: string, info: InstalledService): ServiceModule {
  const req = createRequire(join(dir, "package.json"));
  const mod = req(info.package) as Record<string, unknown>;
  return {
    Client: mod[info.clientName] as ServiceModule["Client"],
    builder: {
      command: (_ep: unknown, _mw: unknown, name: string) => {
        const cls = mod[`${name}Command`];
        if (typeof cls !== "function") throw new Error(`${info.package} has no ${name}Command`);
        return cls as new (input: unknown) => unknown;
      },
    },
    errorTypeRegistries: (mod.errorTypeRegistries as unknown[]) ?? [],
    placeholders: {},
  };
}

function registerErrors(pack: Pack, module: ServiceModule, clientName: string): void {
  if (module.errorTypeRegistries.length > 0) return;
  const { namespace, syntheticNamespace } = pack.header;
  if (syntheticNamespace) {
    const synthetic = new TypeRegistry(syntheticNamespace);
    const baseName = clientName.replace(/Client$/, "") + "ServiceException";
    synthetic.registerError([-3, syntheticNamespace, baseName, 0, [], []] as never, ServiceException as never);
    module.errorTypeRegistries.push(synthetic);
  }
  if (namespace) {
    const registry = new TypeRegistry(namespace);
    for (const schema of pack.errorSchemas()) {
      const s = schema as [number, string, string, Record<string, unknown> | number];
      registry.registerError(s as never, errorClass(s[2], s[3]) as never);
    }
    module.errorTypeRegistries.push(registry);
  }
}

function errorClass(name: string, traits: Record<string, unknown> | number): unknown {
  const fault = typeof traits === "object" && traits.error === "server" ? "server" : "client";
  const cls = class extends ServiceException {
    constructor(opts: object) {
      super({ name, $fault: fault, ...opts } as never);
    }
  };
  Object.defineProperty(cls, "name", { value: name });
  return cls;
}
