// `kumo sso`: the SSO portal service's operations, plus the CLI's own `login`
// and `logout` commands (IAM Identity Center sign-in, src/sso/).
import type { CommandContext } from "../../cli/run.ts";
import { EXIT } from "../../errors/index.ts";

export async function run(ctx: CommandContext, args: string[]): Promise<number> {
  const word = args[0];
  if (word === "login" || word === "logout") {
    const rest = args.slice(1);
    if (rest.length === 1 && rest[0] === "help") {
      const { LOGIN_HELP, LOGOUT_HELP } = await import("./help.ts");
      ctx.io.stdout.write(word === "login" ? LOGIN_HELP : LOGOUT_HELP);
      return EXIT.OK;
    }
    if (word === "login") return (await import("./login.ts")).runLogin(ctx, rest);
    return (await import("./logout.ts")).runLogout(ctx, rest);
  }
  const { runService } = await import("../service/index.ts");
  return runService(ctx, "sso", args);
}
