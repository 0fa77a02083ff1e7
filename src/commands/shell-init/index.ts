// `kumo shell-init <shell>`: prints a `kumo-assume` function for the shell's
// rc file, so that `kumo-assume prod` sets the session in the current shell
// (a program cannot change its parent's environment; the function evals what
// `kumo assume` prints).
import type { CommandContext } from "../../cli/run.ts";
import { choicesMessage } from "../../cli/argparse.ts";
import { EXIT, UsageError } from "../../errors/index.ts";

export const SHELL_INIT_HELP = `kumo shell-init
===============

Usage: kumo shell-init <bash | zsh | sh | fish | powershell>

Prints a kumo-assume function. Add it to your shell's startup file:

  bash   ~/.bashrc                          eval "$(kumo shell-init bash)"
  zsh    ~/.zshrc                           eval "$(kumo shell-init zsh)"
  fish   ~/.config/fish/config.fish         kumo shell-init fish | source
  pwsh   $PROFILE                           kumo shell-init powershell | Out-String | Invoke-Expression

Then  kumo-assume <profile | role-arn> [options]  sets the session's variables
in the current shell (see kumo assume help), and  kumo-assume --unset  clears
them. Arguments asking for help or --exec are passed to kumo assume as they are.
`;

const POSIX = `kumo-assume() {
  case " $* " in
    *" --unset "*)
      unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_CREDENTIAL_EXPIRATION KUMO_ASSUMED
      return 0 ;;
    *" help "*|*" --help "*|*" -h "*|*" --exec "*|*" -- "*)
      command kumo assume "$@"
      return $? ;;
  esac
  __kumo_assume_out="$(command kumo assume --shell %SHELL% "$@")" || { __kumo_assume_rc=$?; unset __kumo_assume_out; return $__kumo_assume_rc; }
  eval "$__kumo_assume_out"
  unset __kumo_assume_out
}
`;

const FISH = `function kumo-assume --description 'kumo assume in the current shell'
    if contains -- --unset $argv
        set -e AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_CREDENTIAL_EXPIRATION KUMO_ASSUMED
        return 0
    end
    if contains -- help $argv; or contains -- --help $argv; or contains -- -h $argv; or contains -- --exec $argv; or contains -- -- $argv
        command kumo assume $argv
        return $status
    end
    set -l out (command kumo assume --shell fish $argv | string collect)
    set -l rc $pipestatus[1]
    if test $rc -ne 0
        return $rc
    end
    echo $out | source
end
`;

const POWERSHELL = `function kumo-assume {
    if ($args -contains '--unset') {
        foreach ($n in 'AWS_ACCESS_KEY_ID','AWS_SECRET_ACCESS_KEY','AWS_SESSION_TOKEN','AWS_SECURITY_TOKEN','AWS_CREDENTIAL_EXPIRATION','KUMO_ASSUMED') {
            Remove-Item "Env:$n" -ErrorAction SilentlyContinue
        }
        return
    }
    if ($args -contains 'help' -or $args -contains '--help' -or $args -contains '-h' -or $args -contains '--exec' -or $args -contains '--') {
        & kumo assume @args
        return
    }
    $out = & kumo assume --shell powershell @args
    if ($LASTEXITCODE -ne 0) { return }
    Invoke-Expression ($out -join [Environment]::NewLine)
}
`;

export function shellInitScript(shell: string): string {
  switch (shell) {
    case "bash":
    case "zsh":
    case "sh":
      return POSIX.replace("%SHELL%", shell);
    case "fish":
      return FISH;
    case "powershell":
    case "pwsh":
      return POWERSHELL;
    default:
      throw new UsageError(`argument shell: ${choicesMessage(shell, ["bash", "zsh", "sh", "fish", "powershell"])}`);
  }
}

export async function run(ctx: CommandContext, args: string[]): Promise<number> {
  if (args.length === 0) throw new UsageError("the following arguments are required: shell");
  if (args.includes("help")) {
    ctx.io.stdout.write(SHELL_INIT_HELP);
    return EXIT.OK;
  }
  if (args.length > 1) throw new UsageError(`unrecognized arguments: ${args.slice(1).join(" ")}`);
  ctx.io.stdout.write(shellInitScript(args[0]!));
  return EXIT.OK;
}
