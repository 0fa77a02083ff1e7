// `kumo configure sso` and `kumo configure sso-session`: the AWS CLI's
// wizards for IAM Identity Center, with its prompts, defaults and messages.
//
// configure sso: SSO session name (empty: a legacy profile with the start
// URL in it), start URL, region and registration scopes for a new session,
// then sign-in, the account and the role (a list to pick from when there is
// more than one), the profile's default region and output format, and the
// profile name (default <role>-<account>, or the --profile given). Writes the
// [profile NAME] block and the [sso-session NAME] block.
// configure sso-session: name, start URL, region, scopes; writes the block.
//
// Every answer can also be given as an option (--sso-session, --sso-start-url,
// --sso-region, --sso-registration-scopes, --account-id, --role-name,
// --default-region, --default-output, --profile-name); a question answered
// by an option is not asked.
import type { CommandContext } from "../../cli/run.ts";
import type { ArgSpec } from "../../cli/argparse.ts";
import { Settings } from "../../config/settings.ts";
import { updateConfigFile, type ConfigWriteValue } from "../../config/writer.ts";
import { EXIT, GeneralError, ServiceError } from "../../errors/index.ts";
import { PROGRAM } from "../../cli/usage.ts";
import { sdkSsoApi, type SsoApi } from "../../sso/api.ts";
import { parseScopes, sessionTarget, type SsoLoginTarget } from "../../sso/config.ts";
import { DEFAULT_SCOPE, ssoLogin } from "../../sso/login.ts";
import { listAccountRoles, listAccounts, type SsoAccountInfo } from "../../sso/portal.ts";
import { chosenProfile, parseArgs } from "./args.ts";
import { profileSection } from "./names.ts";
import { shellQuote } from "../../util/shell-quote.ts";
import { makePrompter, type SsoPrompter } from "./sso-prompter.ts";

export interface SsoWizardOptions {
  api?: SsoApi;
  prompter?: SsoPrompter;
  openBrowser?: (url: string) => Promise<boolean>;
  callbackTimeoutMs?: number;
}

const SESSION_SPECS: ArgSpec[] = [
  { dest: "ssoSession", options: ["--sso-session"] },
  { dest: "startUrl", options: ["--sso-start-url"] },
  { dest: "ssoRegion", options: ["--sso-region"] },
  { dest: "scopes", options: ["--sso-registration-scopes"] },
];

const SSO_SPECS: ArgSpec[] = [
  ...SESSION_SPECS,
  { dest: "accountId", options: ["--account-id"] },
  { dest: "roleName", options: ["--role-name"] },
  { dest: "defaultRegion", options: ["--default-region"] },
  { dest: "defaultOutput", options: ["--default-output"] },
  { dest: "profileName", options: ["--profile-name"] },
  { dest: "noBrowser", options: ["--no-browser"], action: "true" },
  { dest: "useDeviceCode", options: ["--use-device-code"], action: "true" },
];

type Validator = (answer: string, current: string | undefined) => string | undefined;

const required: Validator = (a, cur) => (a || cur ? undefined : "A value is required");

/** A start URL must be an http(s) URL with a host name. */
export function validStartUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === "https:" || u.protocol === "http:") && u.hostname !== "" && /^[A-Za-z0-9.\-[\]:]+$/.test(u.hostname);
  } catch {
    return false;
  }
}

const startUrlValidator: Validator = (a, cur) => (!a && cur ? undefined : validStartUrl(a) ? undefined : "Not a valid Start URL");

const scopesValidator: Validator = (a, cur) => {
  if (!a && cur) return undefined;
  return a.split(",").every((s) => !/\s/.test(s.trim())) ? undefined : "Scope values must be separated by commas";
};

class Asker {
  constructor(
    readonly prompter: SsoPrompter,
    readonly flags: Record<string, unknown>,
  ) {}

  /** `Text [current]: ` (or `format` when given); an empty answer keeps the current value. */
  async value(flag: string, text: string, current: string | undefined, validate?: Validator, format?: string): Promise<string | undefined> {
    const given = this.flags[flag];
    if (typeof given === "string") {
      const problem = validate?.(given.trim(), current);
      if (problem) throw new GeneralError(`${problem}: ${given}`);
      return given.trim() || current;
    }
    for (;;) {
      const answer = await this.prompter.ask(format ?? `${text} [${current ?? "None"}]: `);
      const problem = validate?.(answer, current);
      if (!problem) return answer || current;
      this.prompter.tell(`${problem}\n`);
    }
  }
}

/** The sso-session questions shared by both wizards; `config` is updated in place. */
class SessionQuestions {
  name: string | undefined;
  config: Record<string, string> = {};
  constructor(
    readonly asker: Asker,
    readonly sessions: Record<string, Record<string, string>>,
  ) {}

  select(name: string | undefined): void {
    this.name = name;
    this.config = name !== undefined && Object.hasOwn(this.sessions, name) ? { ...this.sessions[name]! } : {};
  }

  async sessionName(isRequired: boolean): Promise<string | undefined> {
    const text = "SSO session name";
    const format = this.name ? undefined : isRequired ? `${text}: ` : `${text} (Recommended): `;
    const answer = await this.asker.value("ssoSession", text, this.name, isRequired ? required : undefined, format);
    this.select(answer || undefined);
    return this.name;
  }

  async ask(key: string, flag: string, text: string, validate?: Validator): Promise<string | undefined> {
    const v = await this.asker.value(flag, text, this.config[key], validate);
    if (v) this.config[key] = v;
    return v;
  }

  startUrl(): Promise<string | undefined> {
    return this.ask("sso_start_url", "startUrl", "SSO start URL", startUrlValidator);
  }

  region(): Promise<string | undefined> {
    return this.ask("sso_region", "ssoRegion", "SSO region", required);
  }

  async scopes(): Promise<string[]> {
    if (!Object.hasOwn(this.config, "sso_registration_scopes")) this.config.sso_registration_scopes = DEFAULT_SCOPE;
    const raw = await this.ask("sso_registration_scopes", "scopes", "SSO registration scopes", scopesValidator);
    return parseScopes(raw ?? "");
  }

  write(configPath: string): void {
    if (this.name === undefined) return;
    // A name with blanks is quoted in the header, as the CLI writes it.
    const name = /\s/.test(this.name) ? shellQuote(this.name) : this.name;
    updateConfigFile(configPath, { section: `sso-session ${name}`, values: Object.entries(this.config) });
  }
}

function accountLabel(a: SsoAccountInfo): string {
  if (a.accountName === undefined && a.emailAddress === undefined) return a.accountId;
  if (a.emailAddress === undefined) return `${a.accountName} (${a.accountId})`;
  if (a.accountName === undefined) return `${a.emailAddress} (${a.accountId})`;
  return `${a.accountName}, ${a.emailAddress} (${a.accountId})`;
}

function accountSortKey(a: SsoAccountInfo): [number, string] {
  const onlyId = a.accountName === undefined && a.emailAddress === undefined ? 1 : 0;
  return [onlyId, (a.accountName ?? a.emailAddress ?? a.accountId).toLowerCase()];
}

/** Settings without a profile: the SSO calls need none, and the named one may not exist yet. */
function profileFreeSettings(ctx: CommandContext): Settings {
  const env = { ...ctx.io.env };
  delete env.AWS_PROFILE;
  delete env.AWS_DEFAULT_PROFILE;
  const { profile: _ignored, ...globals } = ctx.globals;
  return new Settings({ ...ctx.io, env }, globals);
}

export async function runConfigureSso(ctx: CommandContext, args: string[], opts: SsoWizardOptions = {}): Promise<number> {
  const flags = parseArgs(SSO_SPECS, args);
  const { io, settings } = ctx;
  const files = settings.files;
  const originalProfile = chosenProfile(settings);
  const profileConfig = (originalProfile !== undefined ? files.profiles[originalProfile] : files.profiles.default) ?? {};
  const str = (k: string) => (typeof profileConfig[k] === "string" ? (profileConfig[k] as string) : undefined);
  const prompter = opts.prompter ?? makePrompter(io);
  const asker = new Asker(prompter, flags);
  const session = new SessionQuestions(asker, files.ssoSessions);
  const callSettings = profileFreeSettings(ctx);
  const api = opts.api ?? sdkSsoApi(callSettings);
  const newProfile: Record<string, string> = {};
  try {
    if (str("sso_session")) session.select(str("sso_session"));
    const name = await session.sessionName(false);
    let target: SsoLoginTarget;
    let forceRefresh = false;
    // Questions about the start URL and region start from the profile's values.
    const seedFromProfile = (into: Record<string, string>) => {
      if (str("sso_start_url")) into.sso_start_url = str("sso_start_url")!;
      if (str("sso_region")) into.sso_region = str("sso_region")!;
    };
    if (name === undefined) {
      const bright = io.stdout.isTTY ? ["\x1b[1m", "\x1b[0m"] : ["", ""];
      io.stdout.write(
        `${bright[0]}WARNING: Configuring using legacy format (e.g. without an SSO session).\n` +
          `Consider re-running "configure sso" command and providing a session name.\n${bright[1]}`,
      );
      // The answers belong to the profile itself.
      session.config = newProfile;
      seedFromProfile(newProfile);
      const startUrl = (await session.startUrl())!;
      const region = (await session.region())!;
      target = { startUrl, region, sessionName: undefined, scopes: undefined };
    } else {
      newProfile.sso_session = name;
      if (Object.hasOwn(files.ssoSessions, name)) {
        target = sessionTarget(settings, name);
      } else {
        seedFromProfile(session.config);
        const startUrl = (await session.startUrl())!;
        const region = (await session.region())!;
        const scopes = await session.scopes();
        target = { startUrl, region, sessionName: name, scopes };
        forceRefresh = true;
      }
    }

    const token = await ssoLogin(callSettings, target, {
      api,
      forceRefresh,
      noBrowser: flags.noBrowser === true,
      useDeviceCode: flags.useDeviceCode === true,
      ...(opts.openBrowser ? { openBrowser: opts.openBrowser } : {}),
      ...(opts.callbackTimeoutMs !== undefined ? { callbackTimeoutMs: opts.callbackTimeoutMs } : {}),
    });

    let accountId: string | undefined;
    let roleName: string | undefined;
    try {
      accountId = await chooseAccount(ctx, api, prompter, flags, target.region, token.accessToken);
      newProfile.sso_account_id = accountId;
      roleName = await chooseRole(ctx, api, prompter, flags, target.region, token.accessToken, accountId);
      newProfile.sso_role_name = roleName;
    } catch (e) {
      if (!(e instanceof ServiceError && e.code === "UnauthorizedException")) throw e;
      io.stdout.write("Unable to list AWS accounts and/or roles. Skipping configuring AWS credential provider for profile.\n");
    }

    const region = await asker.value("defaultRegion", "CLI default client Region", str("region"));
    if (region) newProfile.region = region;
    const output = await asker.value("defaultOutput", "CLI default output format", str("output"));
    if (output) newProfile.output = output;

    let profileName = originalProfile;
    if (profileName === undefined) {
      const suggested = accountId && roleName ? `${roleName}-${accountId}` : undefined;
      profileName = (await asker.value("profileName", "CLI profile name", suggested, required))!;
    }

    if (Object.keys(newProfile).length) {
      updateConfigFile(files.configPath, { section: profileSection(profileName), values: Object.entries(newProfile) as [string, ConfigWriteValue][] });
    }
    session.write(files.configPath);

    if (accountId && roleName) {
      io.stdout.write(`\nTo use this profile, specify the profile name using --profile, as shown:\n\n${PROGRAM} s3 ls --profile ${profileName}\n`);
    } else {
      io.stdout.write(`Successfully configured SSO for profile: ${profileName}\n`);
    }
    return EXIT.OK;
  } finally {
    prompter.close();
  }
}

async function chooseAccount(
  ctx: CommandContext,
  api: SsoApi,
  prompter: SsoPrompter,
  flags: Record<string, unknown>,
  region: string,
  accessToken: string,
): Promise<string> {
  const accounts = await listAccounts(api, region, accessToken);
  if (accounts.length === 0) throw new GeneralError("No AWS accounts are available to you.");
  let chosen: string;
  const given = flags.accountId as string | undefined;
  if (given !== undefined) {
    const hit = accounts.find((a) => a.accountId === given || a.accountName === given);
    if (!hit) throw new GeneralError(`The account ${given} is not available to you; available: ${accounts.map((a) => a.accountId).join(", ")}`);
    chosen = hit.accountId;
  } else if (accounts.length === 1) {
    chosen = accounts[0]!.accountId;
    ctx.io.stdout.write(`The only AWS account available to you is: ${chosen}\n`);
  } else {
    ctx.io.stdout.write(`There are ${accounts.length} AWS accounts available to you.\n`);
    const sorted = [...accounts].sort((a, b) => {
      const [x, y] = [accountSortKey(a), accountSortKey(b)];
      return x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0);
    });
    chosen = await prompter.choose(
      "Select an account (type to filter)",
      sorted.map((a) => ({ value: a.accountId, label: accountLabel(a), keys: [a.accountId, ...(a.accountName ? [a.accountName] : [])] })),
    );
  }
  ctx.io.stdout.write(`Using the account ID ${chosen}\n`);
  return chosen;
}

async function chooseRole(
  ctx: CommandContext,
  api: SsoApi,
  prompter: SsoPrompter,
  flags: Record<string, unknown>,
  region: string,
  accessToken: string,
  accountId: string,
): Promise<string> {
  const roles = await listAccountRoles(api, region, accessToken, accountId);
  if (roles.length === 0) throw new GeneralError(`No roles are available for the account ${accountId}`);
  let chosen: string;
  const given = flags.roleName as string | undefined;
  if (given !== undefined) {
    if (!roles.includes(given)) throw new GeneralError(`The role ${given} is not available in account ${accountId}; available: ${roles.join(", ")}`);
    chosen = given;
  } else if (roles.length === 1) {
    chosen = roles[0]!;
    ctx.io.stdout.write(`The only role available to you is: ${chosen}\n`);
  } else {
    ctx.io.stdout.write(`There are ${roles.length} roles available to you.\n`);
    const sorted = [...roles].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
    chosen = await prompter.choose("Select a role (type to filter)", sorted.map((r) => ({ value: r, label: r, keys: [r] })));
  }
  ctx.io.stdout.write(`Using the role name "${chosen}"\n`);
  return chosen;
}

export async function runConfigureSsoSession(ctx: CommandContext, args: string[], opts: SsoWizardOptions = {}): Promise<number> {
  const flags = parseArgs(SESSION_SPECS, args);
  const { io, settings } = ctx;
  const prompter = opts.prompter ?? makePrompter(io);
  const session = new SessionQuestions(new Asker(prompter, flags), settings.files.ssoSessions);
  try {
    const name = (await session.sessionName(true))!;
    await session.startUrl();
    await session.region();
    await session.scopes();
    session.write(settings.files.configPath);
    io.stdout.write(
      `\nCompleted configuring SSO session: ${name}\n` +
        "Run the following to login and refresh access token for this session:\n\n" +
        `${PROGRAM} sso login --sso-session ${name}\n`,
    );
    return EXIT.OK;
  } finally {
    prompter.close();
  }
}
