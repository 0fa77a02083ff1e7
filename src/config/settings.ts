// One resolved view of configuration for a command: flags over environment
// over the profile over defaults, each value with where it came from.
import type { IO } from "../io.ts";
import type { GlobalArgs, OutputFormat } from "../cli/globals.ts";
import { OUTPUT_FORMATS } from "../cli/globals.ts";
import { ConfigError, GeneralError, ProfileNotFoundError } from "../errors/index.ts";
import { loadConfigFiles, type ConfigFiles } from "./files.ts";

export type Source = "flag" | "env" | "profile" | "default" | "imds";

export interface Sourced<T> {
  value: T;
  source: Source;
  /** Env var name or file path the value came from. */
  where?: string | undefined;
}

export type ProfileData = Record<string, string | Record<string, string>>;

export class Settings {
  readonly io: IO;
  readonly globals: GlobalArgs;
  private _files: ConfigFiles | undefined;

  constructor(io: IO, globals: GlobalArgs) {
    this.io = io;
    this.globals = globals;
  }

  get env(): Record<string, string | undefined> {
    return this.io.env;
  }

  get files(): ConfigFiles {
    if (!this._files) this._files = loadConfigFiles({ env: this.io.env, home: this.io.home });
    return this._files;
  }

  /**
   * Profile name: --profile > AWS_PROFILE > AWS_DEFAULT_PROFILE > default.
   * A variable that is set counts even when empty: the CLI then looks for a
   * profile named "" and fails, rather than quietly using the default one.
   */
  get profileName(): Sourced<string> {
    if (this.globals.profile !== undefined) return { value: this.globals.profile, source: "flag", where: "--profile" };
    const env = this.io.env;
    if (env.AWS_PROFILE !== undefined) return { value: env.AWS_PROFILE, source: "env", where: "AWS_PROFILE" };
    if (env.AWS_DEFAULT_PROFILE !== undefined) return { value: env.AWS_DEFAULT_PROFILE, source: "env", where: "AWS_DEFAULT_PROFILE" };
    return { value: "default", source: "default" };
  }

  /** The selected profile's keys (credentials file merged over config), or undefined when it does not exist. */
  get profile(): ProfileData | undefined {
    return this.files.profiles[this.profileName.value];
  }

  /** The profile's data; an unknown non-default profile is an error, as in the CLI. */
  requireProfile(): ProfileData {
    const name = this.profileName.value;
    const p = this.files.profiles[name];
    if (p) return p;
    if (name === "default") return {};
    throw new ProfileNotFoundError(name);
  }

  /** A string key of the selected profile. */
  profileValue(key: string): string | undefined {
    const v = this.profile?.[key];
    return typeof v === "string" ? v : undefined;
  }

  /**
   * Region: --region > AWS_REGION > AWS_DEFAULT_REGION > the profile. (An
   * empty variable is skipped here; the CLI would sign with an empty region,
   * which no endpoint accepts.)
   */
  get region(): Sourced<string> | undefined {
    if (this.globals.region) return { value: this.globals.region, source: "flag", where: "--region" };
    const env = this.io.env;
    if (env.AWS_REGION) return { value: env.AWS_REGION, source: "env", where: "AWS_REGION" };
    if (env.AWS_DEFAULT_REGION) return { value: env.AWS_DEFAULT_REGION, source: "env", where: "AWS_DEFAULT_REGION" };
    const r = this.profileValue("region");
    if (r) return { value: r, source: "profile", where: this.files.configPath };
    return undefined;
  }

  get output(): OutputFormat {
    const v = this.globals.output ?? this.io.env.AWS_DEFAULT_OUTPUT ?? this.profileValue("output") ?? "json";
    if (!(OUTPUT_FORMATS as readonly string[]).includes(v)) throw new GeneralError(`Unknown output type: ${v}`);
    return v as OutputFormat;
  }

  /** cli_timestamp_format (config file only, read from the profile). */
  get timestampFormat(): "iso8601" | "wire" {
    const v = this.profileValue("cli_timestamp_format") ?? "iso8601";
    if (v !== "iso8601" && v !== "wire") {
      throw new ConfigError(`Unknown cli_timestamp_format value: ${v}, valid values are "wire" or "iso8601"`);
    }
    return v;
  }

  get binaryFormat(): "base64" | "raw-in-base64-out" {
    const v = this.globals.binaryFormat ?? this.profileValue("cli_binary_format") ?? "base64";
    if (v !== "base64" && v !== "raw-in-base64-out") {
      throw new GeneralError(`Invalid value for cli_binary_format: ${v}, valid values are "base64" or "raw-in-base64-out"`);
    }
    return v;
  }
}
