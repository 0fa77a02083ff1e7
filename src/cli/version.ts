import { release, arch, type } from "node:os";

export const KUMO_VERSION = "0.1.0";

/** `kumo --version`, shaped like the AWS CLI's version string. */
export function versionString(env: Record<string, string | undefined>): string {
  const execEnv = env.AWS_EXECUTION_ENV ? ` exec-env/${env.AWS_EXECUTION_ENV}` : "";
  return `kumo/${KUMO_VERSION} Node.js/${process.versions.node} ${type()}/${release()}${execEnv} source/${arch()} prompt/off`;
}
