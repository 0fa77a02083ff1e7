// `kumo sso login [--sso-session NAME] [--no-browser] [--use-device-code]`
import type { CommandContext } from "../../cli/run.ts";
import { EXIT } from "../../errors/index.ts";
import { parseArgs } from "../configure/args.ts";
import { loginTarget } from "../../sso/config.ts";
import { ssoLogin } from "../../sso/login.ts";

export async function runLogin(ctx: CommandContext, args: string[]): Promise<number> {
  const values = parseArgs(
    [
      { dest: "noBrowser", options: ["--no-browser"], action: "true" },
      { dest: "useDeviceCode", options: ["--use-device-code"], action: "true" },
      { dest: "ssoSession", options: ["--sso-session"] },
    ],
    args,
  );
  const target = loginTarget(ctx.settings, values.ssoSession as string | undefined);
  await ssoLogin(ctx.settings, target, {
    noBrowser: values.noBrowser === true,
    useDeviceCode: values.useDeviceCode === true,
    forceRefresh: true,
  });
  ctx.io.stdout.write(`Successfully logged into Start URL: ${target.startUrl}\n`);
  return EXIT.OK;
}
