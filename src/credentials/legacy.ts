// Two old places the CLI still looks for keys, after the profile and before
// the container and instance metadata:
//   ec2-credentials-file  AWS_CREDENTIAL_FILE, lines `AWSAccessKeyId=...` / `AWSSecretKey=...`
//   boto-config           the [Credentials] section of BOTO_CONFIG, else /etc/boto.cfg or ~/.boto
import { readFileSync } from "node:fs";
import { GeneralError } from "../errors/index.ts";
import type { Settings } from "../config/settings.ts";
import { expandPath, readIniFile } from "../config/files.ts";
import { partialCredentials } from "./chain.ts";
import { fixedSource } from "./refreshing.ts";
import type { CredentialSource } from "./types.ts";

function keyValueFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new GeneralError(`The specified config file (${path}) could not be found.`);
  }
  const out: Record<string, string> = {};
  for (const line of text.split(/\r\n|\r|\n/)) {
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

export function legacyFileSource(settings: Settings): CredentialSource | undefined {
  const env = settings.env;
  const home = settings.io.home;
  const ec2File = env.AWS_CREDENTIAL_FILE;
  if (ec2File !== undefined) {
    const creds = keyValueFile(expandPath(ec2File, {}, home));
    if (Object.hasOwn(creds, "AWSAccessKeyId")) {
      if (!Object.hasOwn(creds, "AWSSecretKey")) throw new GeneralError("'AWSSecretKey'");
      return fixedSource("ec2-credentials-file", { accessKeyId: creds.AWSAccessKeyId!, secretAccessKey: creds.AWSSecretKey! });
    }
  }
  const locations = env.BOTO_CONFIG !== undefined ? [env.BOTO_CONFIG] : ["/etc/boto.cfg", "~/.boto"];
  for (const location of locations) {
    const path = expandPath(location, env, home);
    const doc = readIniFile(path);
    const section = doc?.Credentials;
    if (!section || typeof section.aws_access_key_id !== "string") continue;
    const secret = section.aws_secret_access_key;
    if (typeof secret !== "string") throw partialCredentials("boto-config", "aws_secret_access_key");
    return fixedSource("boto-config", { accessKeyId: section.aws_access_key_id, secretAccessKey: secret }, path);
  }
  return undefined;
}
