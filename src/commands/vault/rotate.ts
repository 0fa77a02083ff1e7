// `kumo vault rotate <profile>`: a new IAM access key replaces the stored one.
//
//   1. who owns the stored key (sts GetCallerIdentity), which must be an IAM user;
//   2. iam CreateAccessKey for that user;
//   3. the new key is checked with GetCallerIdentity (retried while IAM
//      propagates it), then stored in the vault, dropping cached sessions;
//   4. iam DeleteAccessKey for the old key.
// A new key that fails 3 is deleted again and the vault keeps the old one; an
// old key that cannot be deleted in 4 is named in the error, the vault
// already holding the new, working key.
import type { CommandContext } from "../../cli/run.ts";
import { EXIT, GeneralError, ServiceError } from "../../errors/index.ts";
import type { Settings } from "../../config/settings.ts";
import type { Credentials } from "../../credentials/types.ts";
import { parseArgs } from "../configure/args.ts";
import { openVault } from "../../vault/open.ts";
import { credentialsItem, encodeKeys, keyRef, readKeys, sessionItem } from "../../vault/items.ts";
import { profileCredentials, settingsFor } from "../../vault/sessions.ts";
import { BACKEND_SPEC, profileSpec } from "./args.ts";

/** Attempts and pauses while a new key becomes usable (IAM is eventually consistent). */
export const VERIFY_ATTEMPTS = 8;
export const VERIFY_PAUSE_MS = 2_000;
const PROPAGATION_ERRORS = ["InvalidClientTokenId", "SignatureDoesNotMatch", "AuthFailure", "UnrecognizedClientException"];

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The user name in an IAM user ARN (`arn:aws:iam::123456789012:user/path/name`), else undefined. */
export function iamUserName(arn: string): string | undefined {
  const m = /^arn:[^:]+:iam::\d+:user\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m?.[1];
}

export async function runRotate(ctx: CommandContext, args: string[]): Promise<number> {
  const values = parseArgs([profileSpec(), BACKEND_SPEC], args);
  const profile = values.profile as string;
  const backend = values.backend as string | undefined;
  const { io } = ctx;
  const vault = await openVault(io, { backend });
  const old = await readKeys(vault, profile);
  if (!old) throw new GeneralError(`The vault (${vault.location}) holds no keys for profile "${profile}".`);
  const s: Settings = settingsFor(ctx.settings, profile);
  const region = s.region?.value ?? "us-east-1";
  const { callAws } = await import("../../credentials/aws-calls.ts");
  const oldCreds: Credentials = { accessKeyId: old.accessKeyId, secretAccessKey: old.secretAccessKey };

  const identity = (await callAws(s, "sts", "GetCallerIdentity", {}, { region, credentials: oldCreds })).doc;
  const arn = String(identity.Arn ?? "");
  const userName = iamUserName(arn);
  if (!userName) throw new GeneralError(`The keys of profile "${profile}" belong to ${arn}, not to an IAM user; only IAM user keys can be rotated.`);

  // With mfa_serial the IAM calls are made with an MFA session (policies often require one).
  const mfa = s.files.profiles[profile]?.mfa_serial;
  const signer: Credentials =
    typeof mfa === "string" ? (await profileCredentials(ctx.settings, profile, { backend, vaultOnly: true })).credentials : oldCreds;

  const created = (await callAws(s, "iam", "CreateAccessKey", { UserName: userName }, { region, credentials: signer })).doc;
  const ak = (created.AccessKey ?? {}) as Record<string, unknown>;
  const fresh: Credentials = { accessKeyId: String(ak.AccessKeyId ?? ""), secretAccessKey: String(ak.SecretAccessKey ?? "") };
  io.stderr.write(`Created access key ${fresh.accessKeyId} for IAM user ${userName}.\n`);

  const undo = async (why: string): Promise<never> => {
    try {
      await callAws(s, "iam", "DeleteAccessKey", { UserName: userName, AccessKeyId: fresh.accessKeyId }, { region, credentials: signer });
    } catch (e) {
      throw new GeneralError(`${why}\nThe new key ${fresh.accessKeyId} could not be deleted either (${message(e)}); delete it yourself. The vault still holds the old key ${old.accessKeyId}.`);
    }
    throw new GeneralError(`${why}\nThe new key ${fresh.accessKeyId} was deleted again; the vault still holds the old key ${old.accessKeyId}.`);
  };

  let verified = false;
  let lastError = "";
  for (let attempt = 1; attempt <= VERIFY_ATTEMPTS && !verified; attempt++) {
    let retry = false;
    try {
      const who = (await callAws(s, "sts", "GetCallerIdentity", {}, { region, credentials: fresh })).doc;
      if (who.Arn === arn) verified = true;
      else lastError = `it belongs to ${String(who.Arn)}, not ${arn}`;
    } catch (e) {
      lastError = message(e);
      // A key IAM has not finished propagating is refused for a few seconds.
      retry = e instanceof ServiceError && PROPAGATION_ERRORS.includes(e.code);
    }
    if (!verified && !retry) break;
    if (!verified && attempt < VERIFY_ATTEMPTS) await io.sleep(VERIFY_PAUSE_MS);
  }
  if (!verified) await undo(`The new access key could not be verified: ${lastError}`);

  try {
    await vault.update({
      [credentialsItem(profile)]: {
        value: encodeKeys({ accessKeyId: fresh.accessKeyId, secretAccessKey: fresh.secretAccessKey }, io.now()),
        keyRef: keyRef(fresh.accessKeyId),
      },
      [sessionItem(profile)]: undefined,
    });
  } catch (e) {
    await undo(`The new access key could not be stored in the vault: ${message(e)}`);
  }

  try {
    await callAws(s, "iam", "DeleteAccessKey", { UserName: userName, AccessKeyId: old.accessKeyId }, { region, credentials: typeof mfa === "string" ? signer : fresh });
  } catch (e) {
    throw new GeneralError(
      `The vault now holds the new key ${fresh.accessKeyId}, but the old key ${old.accessKeyId} could not be deleted: ${message(e)}\n` +
        `Delete it with: aws iam delete-access-key --user-name ${userName} --access-key-id ${old.accessKeyId}`,
    );
  }
  io.stderr.write(`Deleted the old access key ${old.accessKeyId}. Profile "${profile}" now uses ${fresh.accessKeyId}.\n`);
  return EXIT.OK;
}
