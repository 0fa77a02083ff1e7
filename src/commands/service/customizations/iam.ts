// iam create-virtual-mfa-device --outfile --bootstrap-method: the chosen
// bootstrap data (a QR code PNG or the Base32 seed) is written to the file
// and both are left out of the printed response (awscli/customizations/iamvirtmfa.py).
import { accessSync, constants, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ParamError } from "../../../errors/index.ts";
import { expandUser, expandVars } from "../../../params/paramfile.ts";
import type { DocObject } from "../../../output/document.ts";
import type { CallContext, CallHandlers, OptionContext } from "./types.ts";

export const BOOTSTRAP_METHODS = ["QRCodePNG", "Base32StringSeed"] as const;

/** An output file whose folder must be writable before the call is made. */
export function writableOutfile(value: unknown, ctx: OptionContext): string | undefined {
  if (value === undefined || value === null) return undefined;
  const outfile = expandUser(expandVars(String(value), ctx.env), ctx);
  const path = resolve(ctx.cwd, outfile);
  try {
    accessSync(dirname(path), constants.W_OK);
  } catch {
    throw new ParamError(`Unable to write to file: ${outfile}`);
  }
  return path;
}

/** Writes the bootstrap data to --outfile and removes it from the response. */
export function saveBootstrap(c: CallContext): Partial<CallHandlers> {
  const outfile = c.options.outfile;
  const method = c.options["bootstrap-method"];
  if (typeof outfile !== "string" || typeof method !== "string") return {};
  return {
    after(doc: DocObject) {
      const device = doc.VirtualMFADevice;
      if (!device || typeof device !== "object" || Array.isArray(device) || !(method in device)) return doc;
      const body = device[method];
      writeFileSync(outfile, typeof body === "string" ? Buffer.from(body, "base64") : "");
      for (const m of BOOTSTRAP_METHODS) delete device[m];
      return doc;
    },
  };
}
