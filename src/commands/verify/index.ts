// `kumo verify <file> --signature <file.sig> [--key <public-key>] [--sha256 <hex>]`:
// checks an installer before it is run. OpenPGP detached signatures are
// checked with openpgp.js (loaded only here) against the AWS CLI team's key
// unless --key names another; --sha256 compares the file's checksum.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { CommandContext } from "../../cli/run.ts";
import { EXIT, GeneralError, UsageError } from "../../errors/index.ts";
import { parseArgs, wantsHelp } from "../../secrets/args.ts";
import { AWS_CLI_KEY_FINGERPRINT, AWS_CLI_PUBLIC_KEY } from "./aws-cli-key.ts";

const USAGE = "usage: kumo verify <file> [--signature <file.sig>] [--key <public-key-file>] [--sha256 <hex>]";

export const VERIFY_HELP = `kumo verify <file> [--signature <file.sig>] [--key <public-key-file>] [--sha256 <hex>]
=====================================================================================

Checks a downloaded file (an AWS CLI installer, for instance) before you run it.

  --signature <file>  An OpenPGP detached signature (armored or binary). It is
                      checked against the AWS CLI team's public key, built in
                      (fingerprint FB5D B77F D5C1 18B8 0511  ADA8 A631 0ACC 4672 475C),
                      unless --key is given.
  --key <file>        Another public key (armored or binary) to check against.
  --sha256 <hex>      The expected SHA-256 checksum of the file.

At least one of --signature and --sha256 is needed. Prints a verdict and
exits 0 when every check passed, 1 when any failed.

Example:
  curl -o awscliv2.zip https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip
  curl -o awscliv2.sig https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip.sig
  kumo verify awscliv2.zip --signature awscliv2.sig
`;

/** `FB5DB77F…` → `FB5D B77F D5C1 18B8 0511  ADA8 A631 0ACC 4672 475C` (as gpg prints it). */
export function formatFingerprint(hex: string): string {
  const groups = hex.toUpperCase().match(/.{1,4}/g) ?? [];
  return groups.slice(0, 5).join(" ") + (groups.length > 5 ? "  " + groups.slice(5).join(" ") : "");
}

function readInput(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new GeneralError(`Cannot read ${what} ${path}: ${code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
}

function isArmored(buf: Buffer): boolean {
  return buf.subarray(0, 64).toString("latin1").includes("-----BEGIN PGP");
}

export interface SignatureVerdict {
  ok: boolean;
  lines: string[];
}

/** Checks `data` against a detached signature with `keyBytes` (the AWS CLI key when undefined). */
export async function checkSignature(data: Uint8Array, sigBytes: Buffer, keyBytes: Buffer | undefined): Promise<SignatureVerdict> {
  const openpgp = await import("openpgp");
  let key;
  try {
    key = keyBytes
      ? isArmored(keyBytes)
        ? await openpgp.readKey({ armoredKey: keyBytes.toString("utf8") })
        : await openpgp.readKey({ binaryKey: new Uint8Array(keyBytes) })
      : await openpgp.readKey({ armoredKey: AWS_CLI_PUBLIC_KEY });
  } catch (e) {
    return { ok: false, lines: [`FAILED: the public key cannot be read (${(e as Error).message})`] };
  }
  const fingerprint = key.getFingerprint().toUpperCase();
  if (!keyBytes && fingerprint !== AWS_CLI_KEY_FINGERPRINT) {
    return { ok: false, lines: ["FAILED: the built-in AWS CLI key does not have the published fingerprint"] };
  }
  let signature;
  try {
    signature = isArmored(sigBytes)
      ? await openpgp.readSignature({ armoredSignature: sigBytes.toString("utf8") })
      : await openpgp.readSignature({ binarySignature: new Uint8Array(sigBytes) });
  } catch (e) {
    return { ok: false, lines: [`FAILED: the signature file is not a valid OpenPGP signature (${(e as Error).message})`] };
  }
  const packet = signature.packets[0];
  const issuer = packet?.issuerKeyID.toHex().toUpperCase() ?? "";
  const created = packet?.created ?? undefined;
  const keyIds = key.getKeyIDs().map((k) => k.toHex().toUpperCase());
  const who = key.getUserIDs()[0] ?? fingerprint;
  if (issuer && !/^0+$/.test(issuer) && !keyIds.includes(issuer)) {
    return {
      ok: false,
      lines: [`FAILED: the file was signed by key ${issuer}, not by "${who}" (${formatFingerprint(fingerprint)})`],
    };
  }
  const message = await openpgp.createMessage({ binary: data });
  const attempt = async (date?: Date) => {
    const result = await openpgp.verify({ message, signature, verificationKeys: key, format: "binary", ...(date ? { date } : {}) });
    const sig = result.signatures[0];
    if (!sig) throw new Error("no signature");
    await sig.verified;
  };
  const good = (extra: string[]): SignatureVerdict => ({
    ok: true,
    lines: [
      `Good signature from "${who}"`,
      `  Primary key fingerprint: ${formatFingerprint(fingerprint)}`,
      ...(created ? [`  Signed: ${created.toISOString()}`] : []),
      ...extra,
    ],
  });
  const expiryNote = async (): Promise<string[]> => {
    const exp = await key.getExpirationTime();
    return exp instanceof Date && exp.getTime() < Date.now()
      ? [`  Note: the key expired on ${exp.toISOString().slice(0, 10)}; the signature was made before that`]
      : [];
  };
  try {
    await attempt();
    return good(await expiryNote());
  } catch (e) {
    const msg = (e as Error).message;
    if (/expired/i.test(msg) && created) {
      // As gpg does: a signature made while the key was valid stays good; say the key has expired since.
      try {
        await attempt(created);
        return good(await expiryNote());
      } catch (e2) {
        return { ok: false, lines: [`BAD signature: ${(e2 as Error).message}`] };
      }
    }
    return { ok: false, lines: [`BAD signature from "${who}": the file does not match the signature (${msg})`] };
  }
}

export async function run(ctx: CommandContext, args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    ctx.io.stdout.write(VERIFY_HELP);
    return EXIT.OK;
  }
  const p = parseArgs(args, { signature: "value", key: "value", sha256: "value" }, USAGE);
  if (p.positionals.length !== 1) {
    throw new UsageError(p.positionals.length === 0 ? "the following arguments are required: file" : `unrecognized arguments: ${p.positionals.slice(1).join(" ")}`, { usage: USAGE });
  }
  const sigPath = p.values.get("signature");
  const expected = p.values.get("sha256");
  if (!sigPath && !expected) throw new UsageError("give --signature, --sha256 or both", { usage: USAGE });
  if (expected !== undefined && !/^[0-9a-fA-F]{64}$/.test(expected.trim())) {
    throw new UsageError(`argument --sha256: expected 64 hexadecimal digits, got '${expected}'`, { usage: USAGE });
  }
  const cwd = ctx.io.cwd;
  const file = resolve(cwd, p.positionals[0]!);
  const data = readInput(file, "file");
  let ok = true;
  const out: string[] = [];
  if (expected !== undefined) {
    const actual = createHash("sha256").update(data).digest("hex");
    if (actual === expected.trim().toLowerCase()) out.push(`SHA-256 OK: ${actual}`);
    else {
      ok = false;
      out.push(`SHA-256 MISMATCH: expected ${expected.trim().toLowerCase()}, got ${actual}`);
    }
  }
  if (sigPath) {
    const sig = readInput(resolve(cwd, sigPath), "signature");
    const keyPath = p.values.get("key");
    const keyBytes = keyPath ? readInput(resolve(cwd, keyPath), "public key") : undefined;
    const v = await checkSignature(data, sig, keyBytes);
    ok &&= v.ok;
    out.push(...v.lines);
  }
  out.push(ok ? `Verified: ${p.positionals[0]}` : `NOT VERIFIED: ${p.positionals[0]} (do not run it)`);
  ctx.io.stdout.write(out.join("\n") + "\n");
  return ok ? EXIT.OK : EXIT.GENERAL;
}
