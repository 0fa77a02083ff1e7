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
  if (args.length === 1 && args[0] === "help") {
    // The operation list gains `login`; `logout` is kumo's own command, as in the CLI.
    let text = "";
    const io = { ...ctx.io, stdout: { ...ctx.io.stdout, write: (c: string | Uint8Array) => void (text += typeof c === "string" ? c : Buffer.from(c).toString("utf8")) } };
    const code = await runService({ ...ctx, io }, "sso", args);
    ctx.io.stdout.write(text.replace(/^( *)logout$/m, "$1login\n$1logout"));
    return code;
  }
  return runService(ctx, "sso", args);
}
