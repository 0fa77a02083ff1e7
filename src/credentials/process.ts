// custom-process: credential_process names a program that prints credentials
// as JSON on stdout:
//
//   {"Version": 1, "AccessKeyId": ..., "SecretAccessKey": ..., "SessionToken"?: ..., "Expiration"?: ISO 8601}
//
// As in the CLI the command line is split with POSIX shell rules and run
// without a shell (no expansion, no pipes), with kumo's environment, stdin
// and terminal; its stderr is captured and becomes the message when it exits
// non-zero. With an Expiration the program is run again when the credentials
// near it. (The SDK's own process provider runs the line through a shell and
// words its errors differently, so kumo does this itself.)
import { spawn } from "node:child_process";
import { GeneralError } from "../errors/index.ts";
import type { Settings } from "../config/settings.ts";
import { shellSplit, shellSplitError } from "../config/files.ts";
import { parsePythonJson } from "../params/python-json.ts";
import { pyStr, pyStrRepr, pyTypeName } from "../params/python-values.ts";
import type { ChainContext } from "./chain.ts";
import { osErrorMessage } from "./os-errors.ts";
import { RefreshingSource } from "./refreshing.ts";
import { expiryFields, parseExpiry, secondsUntil } from "./time.ts";
import type { CredentialSource, Credentials } from "./types.ts";

const METHOD = "custom-process";

function retrievalError(message: string): GeneralError {
  return new GeneralError(`Error when retrieving credentials from ${METHOD}: ${message}`);
}

/** Python's shlex.split errors for a line that does not split. */
function splitCommand(line: string): string[] {
  const words = shellSplit(line);
  if (words !== undefined) return words;
  throw new GeneralError(shellSplitError(line));
}

function runProgram(settings: Settings, argv: string[]): Promise<{ code: number; stdout: Buffer; stderr: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      env: settings.env as NodeJS.ProcessEnv,
      cwd: settings.io.cwd,
      stdio: ["inherit", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("error", (e) => reject(new GeneralError(osErrorMessage(e, argv[0]!))));
    child.on("close", (code, signal) =>
      resolve({ code: code ?? (signal ? -1 : 0), stdout: Buffer.concat(out), stderr: Buffer.concat(err) }),
    );
  });
}

/** Runs the program once and reads its answer. */
export async function runCredentialProcess(settings: Settings, command: string): Promise<Credentials> {
  const argv = splitCommand(command);
  // The CLI fails the same way on an empty command.
  if (argv.length === 0) throw new GeneralError("list index out of range");
  const result = await runProgram(settings, argv);
  if (result.code !== 0) throw retrievalError(result.stderr.toString("utf8"));
  let parsed: unknown;
  try {
    parsed = parsePythonJson(result.stdout.toString("utf8"));
  } catch (e) {
    throw new GeneralError((e as Error).message);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new GeneralError(`'${pyTypeName(parsed).slice(8, -2)}' object has no attribute 'get'`);
  }
  const doc = parsed as Record<string, unknown>;
  const version = Object.hasOwn(doc, "Version") ? doc.Version : "<Version key not provided>";
  // Python's `version != 1`: 1, 1.0 and True are all 1.
  if (version !== 1 && version !== true) {
    throw retrievalError(`Unsupported version '${pyStr(version, doc, "Version")}' for credential process provider, supported versions: 1`);
  }
  for (const key of ["AccessKeyId", "SecretAccessKey"]) {
    if (!Object.hasOwn(doc, key)) throw retrievalError(`Missing required key in response: ${pyStrRepr(key)}`);
  }
  const token = doc.SessionToken;
  const expiration = doc.Expiration ?? null;
  let expiry: ReturnType<typeof expiryFields> | undefined;
  if (expiration !== null) {
    const t = parseExpiry(expiration);
    secondsUntil(t, settings.io.now()); // a time without a zone fails, as in the CLI
    expiry = expiryFields(t);
  }
  return {
    accessKeyId: String(doc.AccessKeyId),
    secretAccessKey: String(doc.SecretAccessKey),
    sessionToken: typeof token === "string" && token !== "" ? token : undefined,
    ...expiry,
    accountId: typeof doc.AccountId === "string" ? doc.AccountId : undefined,
  };
}

/** The custom-process link: the program runs now; again near the Expiration it gives. */
export async function processSource(ctx: ChainContext, command: string): Promise<CredentialSource> {
  const { settings } = ctx;
  const initial = await runCredentialProcess(settings, command);
  return new RefreshingSource(METHOD, () => runCredentialProcess(settings, command), { now: () => settings.io.now(), initial });
}
