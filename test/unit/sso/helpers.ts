// In-process sign-in against the fake IAM Identity Center: Settings with a
// fresh HOME, captured stdout, a clock and sleeps we control, and an SsoApi
// that speaks the services' REST shapes to the fake with fetch (the built
// CLI's SDK clients are exercised by the integration tests).
import "../../helpers/loopback-guard.mjs";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { IO } from "../../../src/io.ts";
import type { GlobalArgs } from "../../../src/cli/globals.ts";
import type { CommandContext } from "../../../src/cli/run.ts";
import { Settings } from "../../../src/config/settings.ts";
import { ServiceError } from "../../../src/errors/index.ts";
import type { ApiDoc, SsoApi } from "../../../src/sso/api.ts";

export interface Harness {
  ctx: CommandContext;
  settings: Settings;
  home: string;
  stdout: () => string;
  sleeps: number[];
  stdin: PassThrough & { isTTY?: boolean };
}

export function makeHome(config?: string): string {
  const home = mkdtempSync(join(tmpdir(), "kumo-sso-"));
  mkdirSync(join(home, ".aws"), { mode: 0o700 });
  if (config !== undefined) writeFileSync(join(home, ".aws", "config"), config, { mode: 0o600 });
  return home;
}

export function harness(opts: { config?: string; home?: string; profile?: string; input?: string; now?: () => Date; env?: Record<string, string> } = {}): Harness {
  const home = opts.home ?? makeHome(opts.config);
  const out: string[] = [];
  const sleeps: number[] = [];
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (opts.input !== undefined) stdin.end(opts.input);
  const io: IO = {
    stdout: { write: (c) => void out.push(typeof c === "string" ? c : Buffer.from(c).toString("utf8")) },
    stderr: { write: () => {} },
    stdin,
    env: { PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: "true", ...opts.env },
    cwd: home,
    home,
    now: opts.now ?? (() => new Date()),
    sleep: async (ms) => void sleeps.push(ms),
  };
  const globals: GlobalArgs = {
    debug: false,
    verifySsl: true,
    paginate: true,
    version: false,
    color: "auto",
    signRequest: true,
    pager: false,
    hints: true,
    ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
  };
  const settings = new Settings(io, globals);
  return { ctx: { io, globals, settings }, settings, home, stdout: () => out.join(""), sleeps, stdin };
}

const ROUTES: Record<string, { method: string; path: string }> = {
  RegisterClient: { method: "POST", path: "/client/register" },
  StartDeviceAuthorization: { method: "POST", path: "/device_authorization" },
  CreateToken: { method: "POST", path: "/token" },
  ListAccounts: { method: "GET", path: "/assignment/accounts" },
  ListAccountRoles: { method: "GET", path: "/assignment/roles" },
  Logout: { method: "POST", path: "/logout" },
  GetRoleCredentials: { method: "GET", path: "/federation/credentials" },
};

const QUERY: Record<string, string> = { accountId: "account_id", roleName: "role_name", maxResults: "max_result", nextToken: "next_token" };

/** An SsoApi talking to the fake at `base`; `calls` records operation names and regions. */
export function fetchApi(base: string): SsoApi & { calls: { operation: string; region: string }[] } {
  const calls: { operation: string; region: string }[] = [];
  return {
    calls,
    async call(service, operation, input, region): Promise<ApiDoc> {
      calls.push({ operation, region });
      const route = ROUTES[operation]!;
      const url = new URL(route.path, base);
      const headers: Record<string, string> = {};
      let body: string | undefined;
      if (service === "sso") {
        for (const [k, v] of Object.entries(input)) {
          if (k === "accessToken") headers["x-amz-sso_bearer_token"] = String(v);
          else url.searchParams.set(QUERY[k] ?? k, String(v));
        }
      } else {
        headers["content-type"] = "application/json";
        body = JSON.stringify(input);
      }
      const res = await fetch(url, { method: route.method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      const doc = (text ? JSON.parse(text) : {}) as ApiDoc;
      if (!res.ok) {
        const code = (res.headers.get("x-amzn-errortype") ?? String(res.status)).split(":")[0]!;
        throw new ServiceError({ code, operation, message: String(doc.error_description ?? doc.message ?? ""), statusCode: res.status });
      }
      return doc;
    },
    async oidcBaseUrl() {
      return base;
    },
  };
}

/** A "browser" that signs in on the fake's pages as `user` and follows the redirect to the loopback listener. */
export function scriptedBrowser(opts: { user?: string; password?: string; decision?: "allow" | "deny"; tamper?: (callback: URL) => URL } = {}) {
  const visited: string[] = [];
  const open = async (url: string): Promise<boolean> => {
    visited.push(url);
    const base = new URL(url).origin;
    const first = await (await fetch(url)).text();
    const id = /name="request" value="([^"]+)"/.exec(first)?.[1];
    if (!id) throw new Error(`no sign-in form: ${first}`);
    const post = (p: string, body: Record<string, string>) => fetch(base + p, { method: "POST", body: new URLSearchParams(body), redirect: "manual" });
    await post("/authorize/sign-in", { request: id, username: opts.user ?? "alice", password: opts.password ?? "wonderland" });
    const decided = await post("/authorize/decide", { request: id, decision: opts.decision ?? "allow" });
    let callback = new URL(decided.headers.get("location")!);
    if (opts.tamper) callback = opts.tamper(callback);
    // Fire and forget, as a browser would: kumo is waiting for this request.
    void fetch(callback).then((r) => r.text(), () => "");
    return true;
  };
  return { open, visited };
}
