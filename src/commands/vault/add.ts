// `kumo vault add <profile>`: stores a key pair, then offers to point the
// profile at the vault with credential_process.
import type { CommandContext } from "../../cli/run.ts";
import { EXIT, GeneralError } from "../../errors/index.ts";
import type { IO } from "../../io.ts";
import { parseArgs } from "../configure/args.ts";
import { openVault } from "../../vault/open.ts";
import { credentialsItem, encodeKeys, keyRef, sessionItem } from "../../vault/items.ts";
import { BACKEND_SPEC, confirm, profileSpec } from "./args.ts";

interface KeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}

async function readStdinLines(io: IO, count: number): Promise<string[]> {
  const { LineReader } = await import("../configure/prompt.ts");
  const reader = new LineReader(io.stdin);
  const lines: string[] = [];
  try {
    while (lines.length < count) {
      const line = await reader.readLine();
      if (line === undefined) break;
      if (line.trim() !== "") lines.push(line.trim());
    }
  } finally {
    reader.close();
  }
  return lines;
}

async function readKeyPair(ctx: CommandContext, fromEnv: boolean): Promise<KeyPair> {
  const { io } = ctx;
  if (fromEnv) {
    const accessKeyId = io.env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = io.env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) throw new GeneralError("--env: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must both be set.");
    return { accessKeyId, secretAccessKey };
  }
  if (io.stdin.isTTY) {
    const { promptSecret } = await import("../../util/prompt.ts");
    const accessKeyId = (await promptSecret(io, "Enter Access Key ID: ")).trim();
    const secretAccessKey = (await promptSecret(io, "Enter Secret Access Key: ")).trim();
    return { accessKeyId, secretAccessKey };
  }
  const [accessKeyId = "", secretAccessKey = ""] = await readStdinLines(io, 2);
  if (!secretAccessKey) {
    throw new GeneralError("Expected two lines on stdin: the access key ID, then the secret access key.");
  }
  return { accessKeyId, secretAccessKey };
}

function checkKeyPair(k: KeyPair): void {
  if (!/^[A-Za-z0-9]{4,128}$/.test(k.accessKeyId)) throw new GeneralError("The access key ID must be letters and digits only (e.g. AKIA...).");
  if (k.secretAccessKey === "" || /\s/.test(k.secretAccessKey)) throw new GeneralError("The secret access key cannot be empty or contain spaces.");
}

/** The credential_process line for `profile` (quoted as a shell would need). */
export function credentialProcessLine(profile: string, backend?: string): string {
  const quote = (w: string) => (/^[A-Za-z0-9_.,@%+=:/-]+$/.test(w) ? w : `"${w.replace(/(["\\])/g, "\\$1")}"`);
  return `kumo vault credentials ${quote(profile)}${backend ? ` --backend ${backend}` : ""}`;
}

function sectionName(profile: string): string {
  return profile === "default" ? "default" : `profile ${profile}`;
}

async function offerConfig(ctx: CommandContext, profile: string, values: Record<string, unknown>): Promise<void> {
  const { io, settings } = ctx;
  const files = settings.files;
  const data = files.profiles[profile] ?? {};
  const backend = values.backend === "keyring" || values.backend === "file" ? (values.backend as string) : undefined;
  const line = credentialProcessLine(profile, backend);
  const sources = files.sources[profile] ?? {};
  for (const key of ["aws_access_key_id", "aws_secret_access_key", "aws_session_token"]) {
    if (Object.hasOwn(data, key)) {
      const where = sources[key] === "credentials-file" ? files.credentialsPath : files.configPath;
      io.stderr.write(
        `Profile "${profile}" still has ${key} in ${where}. Delete the profile's plaintext keys there: they are used before credential_process.\n`,
      );
    }
  }
  const existing = typeof data.credential_process === "string" ? data.credential_process : undefined;
  if (existing !== undefined && existing.trim() === line) return;
  if (values.noAddConfig === true) return;
  if (Object.hasOwn(data, "role_arn") || Object.keys(data).some((k) => k.startsWith("sso_"))) return;
  if (existing !== undefined && values.addConfig !== true) {
    io.stderr.write(`Profile "${profile}" already has credential_process = ${existing}; left as it is.\n`);
    return;
  }
  let write = values.addConfig === true;
  if (!write) {
    if (!io.stdin.isTTY) {
      io.stderr.write(`To let aws and the SDKs use the vault, add to [${sectionName(profile)}] in ${files.configPath}:\n  credential_process = ${line}\n(or run again with --add-config)\n`);
      return;
    }
    write = await confirm(io, `Add "credential_process = ${line}" to [${sectionName(profile)}] in ${files.configPath}? [Y/n] `, true);
  }
  if (!write) return;
  const { updateConfigFile } = await import("../../config/writer.ts");
  updateConfigFile(files.configPath, { section: sectionName(profile), values: [["credential_process", line]] });
  io.stderr.write(`Wrote credential_process for profile "${profile}" to ${files.configPath}.\n`);
}

export async function runAdd(ctx: CommandContext, args: string[]): Promise<number> {
  const values = parseArgs(
    [
      profileSpec(),
      { dest: "env", options: ["--env"], action: "true" },
      { dest: "addConfig", options: ["--add-config"], action: "true" },
      { dest: "noAddConfig", options: ["--no-add-config"], action: "true" },
      BACKEND_SPEC,
    ],
    args,
  );
  const profile = values.profile as string;
  const vault = await openVault(ctx.io, { backend: values.backend as string | undefined });
  const keys = await readKeyPair(ctx, values.env === true);
  checkKeyPair(keys);
  await vault.update({
    [credentialsItem(profile)]: { value: encodeKeys(keys, ctx.io.now()), keyRef: keyRef(keys.accessKeyId) },
    [sessionItem(profile)]: undefined,
  });
  ctx.io.stderr.write(`Added credentials of profile "${profile}" to the vault (${vault.location}).\n`);
  await offerConfig(ctx, profile, values);
  return EXIT.OK;
}
