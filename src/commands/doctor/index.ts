// `kumo doctor [--fix] [--offline]`: checks this workstation's AWS set-up
// and, with --fix, repairs what it can (file modes). `--output json` gives
// the results as JSON. Exit status 1 when something needs attention.
import type { CommandContext } from "../../cli/run.ts";
import { resolveConfiguredEndpointUrl } from "../../config/endpoint-url.ts";
import { Settings } from "../../config/settings.ts";
import { EXIT } from "../../errors/index.ts";
import { parseArgs, wantsHelp } from "../../secrets/args.ts";
import { vaultFilePath } from "../../vault/open.ts";
import { dirname } from "node:path";
import { applyFixes, attentionCount, renderChecklist, renderJson, runChecks } from "../../doctor/doctor.ts";
import type { KeyAge, StaticKey } from "../../doctor/profiles.ts";

export const DOCTOR_HELP = `kumo doctor [--fix] [--offline] [--output json]
==============================================

Checks this workstation's AWS set-up:

  - ~/.aws is mode 700 and every file in it (config, credentials, the CLI and
    SSO caches) mode 600; the same for the kumo vault's folder
  - long-lived access keys kept in plaintext files, and their age (asked of
    IAM with the key itself, when IAM can be reached)
  - profiles that mix static keys with a role, SSO or credential_process
  - credential_process commands given as relative paths, or whose program
    (or its folder) anyone can change
  - SSO sessions that have expired or expire within the hour
  - clock skew against the STS endpoint (the configured one, if any)
  - several different aws commands on PATH, or one in a folder others can write

  --fix       Repair what can be repaired safely: file and folder modes
              (nothing else is changed; each repair is listed)
  --offline   Skip the checks that call AWS (clock skew, key age)
  --output json
              The results as JSON

Exit status: 0 when nothing needs attention, 1 otherwise.
`;

const KEY_AGE_TIMEOUT_MS = 8000;

/** A timestamp from an SDK response: a Date, or kumo's wire value (text or epoch seconds). */
function toDate(v: unknown): Date | undefined {
  const raw = v instanceof Date ? v : typeof v === "object" && v !== null && "raw" in v ? (v as { raw: unknown }).raw : v;
  const d = raw instanceof Date ? raw : typeof raw === "number" ? new Date(raw * 1000) : typeof raw === "string" ? new Date(raw) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
}

function keyAgeLookup(ctx: CommandContext): (key: StaticKey) => Promise<KeyAge> {
  return async (key) => {
    const work = (async (): Promise<KeyAge> => {
      const [{ loadService }, { makeClient }] = await Promise.all([import("../../services/load.ts"), import("../../request/client.ts")]);
      const settings = new Settings(ctx.io, { ...ctx.globals, profile: key.profile });
      const iam = await loadService("iam");
      const handle = await makeClient(settings, iam, {
        region: "us-east-1",
        credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
      });
      try {
        const Cmd = iam.commandClass("ListAccessKeys");
        const out = (await handle.client.send(new Cmd({}))) as { AccessKeyMetadata?: { AccessKeyId?: string; CreateDate?: unknown }[] };
        const meta = out.AccessKeyMetadata?.find((m) => m.AccessKeyId === key.accessKeyId);
        const created = meta ? toDate(meta.CreateDate) : undefined;
        return created ? { created } : { error: "IAM does not list this key" };
      } finally {
        handle.client.destroy();
      }
    })();
    const timeout = new Promise<KeyAge>((res) => setTimeout(() => res({ error: "IAM did not answer in time" }), KEY_AGE_TIMEOUT_MS).unref());
    try {
      return await Promise.race([work, timeout]);
    } catch (e) {
      const name = (e as { name?: string }).name;
      return { error: `IAM not reachable${name && name !== "Error" ? `: ${name}` : ""}` };
    }
  };
}

function stsEndpoint(ctx: CommandContext): string {
  const s = ctx.settings;
  let configured: string | undefined;
  try {
    configured = resolveConfiguredEndpointUrl({
      serviceId: "STS",
      profile: s.profile,
      services: s.files.services,
      env: s.env,
      cliEndpointUrl: ctx.globals.endpointUrl,
    });
  } catch {
    configured = undefined;
  }
  if (configured) return configured;
  const region = s.region?.value ?? "us-east-1";
  return `https://sts.${region}.amazonaws.com/`;
}

export async function run(ctx: CommandContext, args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    ctx.io.stdout.write(DOCTOR_HELP);
    return EXIT.OK;
  }
  const p = parseArgs(args, { fix: "flag", offline: "flag" }, "usage: kumo doctor [--fix] [--offline] [--output json]");
  const offline = p.flags.has("offline");
  const checks = await runChecks({
    home: ctx.io.home,
    cwd: ctx.io.cwd,
    env: ctx.io.env,
    files: ctx.settings.files,
    now: () => ctx.io.now(),
    clockEndpoint: offline ? undefined : stsEndpoint(ctx),
    keyAge: offline ? undefined : keyAgeLookup(ctx),
    extraFolders: [dirname(vaultFilePath(ctx.io))],
  });
  const fixing = p.flags.has("fix");
  if (fixing) applyFixes(checks);
  ctx.io.stdout.write(ctx.globals.output === "json" ? renderJson(checks) : renderChecklist(checks, fixing));
  return attentionCount(checks) > 0 ? EXIT.GENERAL : EXIT.OK;
}
