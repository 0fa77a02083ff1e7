// The AWS CLI's global options, in its order (which shows in "ambiguous
// option" messages), plus kumo's own.
import type { ArgSpec } from "./argparse.ts";

export const OUTPUT_FORMATS = ["json", "text", "table", "yaml", "yaml-stream"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface GlobalArgs {
  debug: boolean;
  endpointUrl?: string | undefined;
  verifySsl: boolean;
  paginate: boolean;
  output?: OutputFormat | undefined;
  query?: string | undefined;
  profile?: string | undefined;
  /** Every --profile given, in order (the AWS CLI uses the last; `kumo audit` uses them all). */
  profiles?: string[] | undefined;
  region?: string | undefined;
  version: boolean;
  color: "on" | "off" | "auto";
  signRequest: boolean;
  caBundle?: string | undefined;
  readTimeout?: string | undefined;
  connectTimeout?: string | undefined;
  binaryFormat?: "base64" | "raw-in-base64-out" | undefined;
  pager: boolean;
  autoPrompt?: boolean | undefined;
  hints: boolean;
}

export const GLOBAL_SPECS: ArgSpec[] = [
  { dest: "debug", options: ["--debug"], action: "true" },
  { dest: "endpointUrl", options: ["--endpoint-url"] },
  { dest: "verifySsl", options: ["--no-verify-ssl"], action: "false" },
  { dest: "paginate", options: ["--no-paginate"], action: "false" },
  { dest: "output", options: ["--output"], choices: OUTPUT_FORMATS },
  { dest: "query", options: ["--query"] },
  { dest: "profile", options: ["--profile"], collect: "profiles" },
  { dest: "region", options: ["--region"] },
  { dest: "version", options: ["--version"], action: "signal" },
  { dest: "color", options: ["--color"], choices: ["on", "off", "auto"], default: "auto" },
  { dest: "signRequest", options: ["--no-sign-request"], action: "false" },
  { dest: "caBundle", options: ["--ca-bundle"] },
  { dest: "readTimeout", options: ["--cli-read-timeout"] },
  { dest: "connectTimeout", options: ["--cli-connect-timeout"] },
  { dest: "binaryFormat", options: ["--cli-binary-format"], choices: ["base64", "raw-in-base64-out"] },
  { dest: "pager", options: ["--no-cli-pager"], action: "false" },
  { dest: "autoPrompt", options: ["--cli-auto-prompt"], action: "const", constValue: true },
  { dest: "autoPromptOff", options: ["--no-cli-auto-prompt"], action: "const", constValue: false },
  { dest: "hints", options: ["--no-hints"], action: "false" },
];
