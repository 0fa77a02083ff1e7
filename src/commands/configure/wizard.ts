// `kumo configure [--profile NAME]`: asks for the access key, secret key,
// region and output format, showing the current values (keys masked); an
// empty answer keeps a value. Keys go to the credentials file, region and
// output to the config file (`[profile NAME]`, or `[default]`).
import type { CommandContext } from "../../cli/run.ts";
import { EXIT } from "../../errors/index.ts";
import type { IniValue } from "../../config/ini.ts";
import { updateConfigFile, type ConfigWriteValue } from "../../config/writer.ts";
import { pyStrRepr } from "../../params/python-values.ts";
import { chosenProfile } from "./args.ts";
import { maskValue } from "./list-format.ts";
import { profileSection } from "./names.ts";
import { LineReader, ask } from "./prompt.ts";

const QUESTIONS: readonly (readonly [key: string, text: string])[] = [
  ["aws_access_key_id", "AWS Access Key ID"],
  ["aws_secret_access_key", "AWS Secret Access Key"],
  ["region", "Default region name"],
  ["output", "Default output format"],
];

const CREDENTIAL_KEYS = new Set(["aws_access_key_id", "aws_secret_access_key"]);

/** How a current value shows in brackets: as Python prints it, keys masked. */
export function shownValue(key: string, value: IniValue | undefined): string {
  if (value === undefined) return "None";
  const text =
    typeof value === "string"
      ? value
      : `{${Object.entries(value)
          .map(([k, v]) => `${pyStrRepr(k)}: ${pyStrRepr(v)}`)
          .join(", ")}}`;
  return CREDENTIAL_KEYS.has(key) ? maskValue(text) : text;
}

export async function runWizard(ctx: CommandContext): Promise<number> {
  const { io, settings } = ctx;
  const files = settings.files;
  const profile = chosenProfile(settings);
  // A profile that does not exist yet starts empty.
  const current = files.profiles[profile ?? "default"] ?? {};
  const answers: [string, string][] = [];
  const reader = new LineReader(io.stdin);
  try {
    for (const [key, text] of QUESTIONS) {
      const value = Object.hasOwn(current, key) ? current[key] : undefined;
      const answer = await ask(io, reader, `${text} [${shownValue(key, value)}]: `);
      if (answer !== "" && answer !== value) answers.push([key, answer]);
    }
  } finally {
    reader.close();
  }
  if (answers.length === 0) return EXIT.OK;
  const keys: [string, ConfigWriteValue][] = answers.filter(([k]) => CREDENTIAL_KEYS.has(k));
  const rest: [string, ConfigWriteValue][] = answers.filter(([k]) => !CREDENTIAL_KEYS.has(k));
  if (keys.length) updateConfigFile(files.credentialsPath, { section: profile ?? "default", values: keys });
  // The config file gets the profile's section even when only keys changed, as with the CLI.
  updateConfigFile(files.configPath, { section: profile === undefined ? "default" : profileSection(profile), values: rest });
  return EXIT.OK;
}
