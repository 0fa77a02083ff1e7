// The `aws` shim: a small shell script that runs kumo, so that scripts
// written for the AWS CLI run unchanged. A file that does not carry the
// marker line is someone else's `aws` and is never replaced without --force.

export const SHIM_MARKER = "# kumo-aws-shim: runs kumo in place of the AWS CLI";

/** Single-quotes a word for POSIX sh. */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The shim's text: exec node on kumo's entry point with every argument. */
export function shimScript(nodePath: string, kumoEntry: string): string {
  return [
    "#!/bin/sh",
    SHIM_MARKER,
    "# Created by `kumo install-alias`; remove it with `kumo install-alias --uninstall`.",
    `exec ${shQuote(nodePath)} ${shQuote(kumoEntry)} "$@"`,
    "",
  ].join("\n");
}

/** Whether a file's text is a kumo shim. */
export function isKumoShim(text: string): boolean {
  return text.split("\n", 3).includes(SHIM_MARKER);
}
