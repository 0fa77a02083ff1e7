// AWS calls for the audit, made in-process with the SDK clients kumo builds
// from its service models: one client per service and region for each
// account, reused by every check, with the adaptive retry mode unless the
// user chose a mode.
import type { Settings } from "../config/settings.ts";
import type { Credentials } from "../credentials/types.ts";
import type { DocObject } from "../output/document.ts";
import type { ClientHandle } from "../request/client.ts";
import type { LoadedService } from "../services/load.ts";
import type { RegionApi } from "./types.ts";

interface CachedClient {
  handle: ClientHandle;
  service: LoadedService;
}

/** The calls of one account: clients made on first use and kept until close(). */
export class AccountApi {
  private readonly clients = new Map<string, Promise<CachedClient>>();
  private readonly settings: Settings;
  private readonly credentials: Credentials | undefined;

  /** `credentials`: sign with these instead of the settings' profile (an organization account's role). */
  constructor(settings: Settings, credentials?: Credentials) {
    this.settings = settings;
    this.credentials = credentials;
  }

  region(region: string): RegionApi {
    return {
      call: (service, operation, input = {}) => this.call(service, region, operation, input),
      pages: (service, operation, input = {}) => this.pages(service, region, operation, input),
    };
  }

  private client(serviceName: string, region: string): Promise<CachedClient> {
    const key = `${serviceName}\u0000${region}`;
    let hit = this.clients.get(key);
    if (!hit) {
      hit = (async () => {
        const [{ loadService }, { makeClient }] = await Promise.all([import("../services/load.ts"), import("../request/client.ts")]);
        const service = await loadService(serviceName);
        const handle = await makeClient(this.settings, service, this.credentials ? { region, credentials: this.credentials } : { region });
        return { handle, service };
      })();
      // A failed set-up (no credentials, a bad region) is not cached as a client.
      hit.catch(() => this.clients.delete(key));
      this.clients.set(key, hit);
    }
    return hit;
  }

  async call(serviceName: string, region: string, operation: string, input: Record<string, unknown>): Promise<DocObject> {
    const [{ handle, service }, { toKumoError }, { operationShapes }, { normalizeResponse }] = await Promise.all([
      this.client(serviceName, region),
      import("../request/errors.ts"),
      import("../services/shape.ts"),
      import("../output/normalize.ts"),
    ]);
    const Cmd = service.commandClass(operation);
    let out: Record<string, unknown>;
    try {
      out = await handle.client.send(new Cmd(input));
    } catch (e) {
      throw toKumoError(e, operation, handle.lastUrl(), service.pack.header.protocol);
    }
    const shape = operationShapes(service.pack.operation(operation)).output;
    return shape.kind === "unit" ? {} : normalizeResponse(out, shape, "iso8601");
  }

  async *pages(serviceName: string, region: string, operation: string, input: Record<string, unknown>): AsyncGenerator<DocObject> {
    const [{ service }, { paginatorFor, paginate }] = await Promise.all([this.client(serviceName, region), import("../paginate/index.ts")]);
    const paginator = paginatorFor(service.name, operation, service.pack.header.paginators);
    if (!paginator) {
      yield await this.call(serviceName, region, operation, input);
      return;
    }
    yield* paginate({ call: (inp) => this.call(serviceName, region, operation, inp), input, paginator });
  }

  /** Closes every client (their keep-alive sockets). */
  async close(): Promise<void> {
    const all = [...this.clients.values()];
    this.clients.clear();
    for (const c of await Promise.allSettled(all)) if (c.status === "fulfilled") c.value.handle.client.destroy();
  }
}

/**
 * Settings for the audit's clients: the given profile, and the adaptive
 * retry mode (client-side rate limiting as throttling appears) unless
 * AWS_RETRY_MODE or the profile's retry_mode says otherwise.
 */
export async function auditSettings(base: Settings, profile: string | undefined): Promise<Settings> {
  profile ??= base.globals.profile;
  const { Settings: SettingsClass } = await import("../config/settings.ts");
  const io = base.io;
  const probe = new SettingsClass(io, { ...base.globals, profile });
  const chosen = io.env.AWS_RETRY_MODE ?? (probe.profile ? probe.profileValue("retry_mode") : undefined);
  if (chosen !== undefined) return probe;
  return new SettingsClass({ ...io, env: { ...io.env, AWS_RETRY_MODE: "adaptive" } }, { ...base.globals, profile });
}
