// Runs kumo's request layer inside the test process: makeClient and
// toKumoError with a real SDK client (from the SDK packages, not kumo's
// bundle), an IO whose clock and sleeps the test controls, and the loopback
// guard loaded so that nothing can leave the machine.
import "../../helpers/loopback-guard.mjs";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import type { IO } from "../../../src/io.ts";
import type { GlobalArgs } from "../../../src/cli/globals.ts";
import type { LoadedService } from "../../../src/services/load.ts";
import { Settings } from "../../../src/config/settings.ts";
import { makeClient } from "../../../src/request/client.ts";
import { toKumoError } from "../../../src/request/errors.ts";
import { printError } from "../../../src/cli/usage.ts";
import type { KumoError } from "../../../src/errors/index.ts";

const SERVICES = {
  sts: { serviceId: "STS", protocol: "AwsQueryProtocol", Client: STSClient, command: GetCallerIdentityCommand, operation: "GetCallerIdentity" },
  dynamodb: { serviceId: "DynamoDB", protocol: "AwsJson1_0Protocol", Client: DynamoDBClient, command: ListTablesCommand, operation: "ListTables" },
} as const;

function fakeService(name: keyof typeof SERVICES): LoadedService {
  const s = SERVICES[name];
  return {
    name,
    pack: { header: { serviceId: s.serviceId, protocol: s.protocol } },
    module: { Client: s.Client },
    commandClass: () => s.command,
  } as unknown as LoadedService;
}

export interface CallOptions {
  service?: keyof typeof SERVICES;
  endpoint: string;
  env?: Record<string, string | undefined>;
  config?: string;
  credentials?: string;
  globals?: Partial<GlobalArgs>;
  /** Calls made with the same client (paginated commands make several). */
  calls?: number;
}

export interface CallResult {
  /** Exit code as the CLI would give it (0 when every call succeeded). */
  code: number;
  error: KumoError | undefined;
  /** What printError writes for the error (message and hint). */
  printed: string;
  stderr: string;
  /** Milliseconds each io.sleep was asked for (retry backoff, rate limiter). */
  sleeps: number[];
  outputs: unknown[];
}

export function globals(over: Partial<GlobalArgs> = {}): GlobalArgs {
  return { debug: false, verifySsl: true, paginate: true, version: false, color: "auto", signRequest: true, pager: false, hints: true, ...over };
}

export async function callKumo(o: CallOptions): Promise<CallResult> {
  const home = mkdtempSync(join(tmpdir(), "kumo-req-"));
  mkdirSync(join(home, ".aws"), { mode: 0o700 });
  if (o.config !== undefined) writeFileSync(join(home, ".aws", "config"), o.config);
  if (o.credentials !== undefined) writeFileSync(join(home, ".aws", "credentials"), o.credentials);
  let stderr = "";
  let printed = "";
  const sleeps: number[] = [];
  // A whole second, so the adaptive limiter's half-second rate buckets fall the same way every run.
  let t = Math.floor(Date.now() / 1000) * 1000;
  const stdin = new PassThrough();
  stdin.end();
  const io: IO = {
    stdout: { write: () => {} },
    stderr: { write: (c) => void (stderr += typeof c === "string" ? c : Buffer.from(c).toString("utf8")) },
    stdin,
    env: {
      PATH: process.env.PATH,
      HOME: home,
      AWS_ACCESS_KEY_ID: "testing",
      AWS_SECRET_ACCESS_KEY: "testing",
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_EC2_METADATA_DISABLED: "true",
      ...o.env,
    },
    cwd: home,
    home,
    now: () => new Date(t),
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
  };
  const g = globals({ endpointUrl: o.endpoint, ...o.globals });
  const settings = new Settings(io, g);
  const name = o.service ?? "sts";
  const service = fakeService(name);
  const outputs: unknown[] = [];
  let error: KumoError | undefined;
  try {
    const handle = await makeClient(settings, service);
    try {
      for (let i = 0; i < (o.calls ?? 1); i++) {
        const Cmd = service.commandClass(SERVICES[name].operation);
        outputs.push(await handle.client.send(new Cmd({})));
      }
    } catch (e) {
      throw toKumoError(e, SERVICES[name].operation, handle.lastUrl(), service.pack.header.protocol);
    }
  } catch (e) {
    error = e as KumoError;
    const errIo = { ...io, stderr: { write: (c: string | Uint8Array) => void (printed += String(c)) } };
    printError(errIo, error, g.hints);
  }
  return { code: error ? error.exitCode : 0, error, printed, stderr, sleeps, outputs };
}
