// Opening a URL (the SSO sign-in page, a console sign-in link) in the user's browser,
// as Python's webbrowser module does for the AWS CLI: the BROWSER environment variable, when set,
// lists commands separated by ":" (each is run with the URL as its argument,
// or with "%s" in it replaced by the URL); otherwise the desktop's opener
// (`open` on macOS, the URL handler on Windows, `xdg-open` when a display is
// available). Opening never fails the command: the URL has been printed.
import { spawn } from "node:child_process";

export interface BrowserCommand {
  file: string;
  args: string[];
}

/** Splits a command line on blanks, honouring single and double quotes (enough of shlex for BROWSER). */
export function splitCommandLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quote: string | undefined;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      started = true;
    } else if (c === "\\" && i + 1 < line.length) {
      cur += line[++i];
      started = true;
    } else if (/\s/.test(c)) {
      if (started) out.push(cur);
      cur = "";
      started = false;
    } else {
      cur += c;
      started = true;
    }
  }
  if (started) out.push(cur);
  return out;
}

/** The commands to try, in order, for opening `url`. */
export function browserCommands(url: string, env: Record<string, string | undefined>, platform: string = process.platform): BrowserCommand[] {
  const browser = env.BROWSER;
  if (browser !== undefined && browser !== "") {
    return browser
      .split(platform === "win32" ? ";" : ":")
      .filter((c) => c !== "")
      .map((c) => {
        if (!c.includes("%s")) return { file: c, args: [url] };
        const [file, ...args] = splitCommandLine(c).map((a) => a.replaceAll("%s", url));
        return { file: file ?? c, args };
      });
  }
  if (platform === "darwin") return [{ file: "open", args: [url] }];
  if (platform === "win32") return [{ file: "rundll32", args: ["url.dll,FileProtocolHandler", url] }];
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return [{ file: "xdg-open", args: [url] }];
  return [];
}

function start(cmd: BrowserCommand, env: Record<string, string | undefined>): Promise<boolean> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(cmd.file, cmd.args, { stdio: "ignore", detached: true, env: env as NodeJS.ProcessEnv });
    } catch {
      return resolve(false);
    }
    child.once("error", () => resolve(false));
    child.once("spawn", () => {
      child.unref();
      resolve(true);
    });
  });
}

/** Opens `url`; true when a browser command could be started. */
export async function openBrowser(url: string, env: Record<string, string | undefined>): Promise<boolean> {
  for (const cmd of browserCommands(url, env)) {
    if (await start(cmd, env)) return true;
  }
  return false;
}
