// Opens a URL in the user's browser: $BROWSER when set (a command; `%s` is
// replaced by the URL, else the URL is added as the last argument; several
// commands may be separated by ":" as Python's webbrowser reads it), else the
// platform's opener (open, xdg-open, start). The browser runs detached.
import { spawn } from "node:child_process";

function trySpawn(cmd: string, args: string[], env: Record<string, string | undefined>): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      const child = spawn(cmd, args, { stdio: "ignore", detached: true, env: env as NodeJS.ProcessEnv });
      child.on("error", () => resolve(false));
      child.on("spawn", () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}

function commandsFor(url: string, env: Record<string, string | undefined>, platform: NodeJS.Platform): [string, string[]][] {
  const browser = env.BROWSER;
  if (browser) {
    return browser
      .split(":")
      .filter((c) => c.trim() !== "")
      .map((c) => {
        const words = c.trim().split(/\s+/);
        const withUrl = words.some((w) => w.includes("%s")) ? words.map((w) => w.replace(/%s/g, url)) : [...words, url];
        return [withUrl[0]!, withUrl.slice(1)];
      });
  }
  if (platform === "darwin") return [["open", [url]]];
  if (platform === "win32") return [["cmd", ["/c", "start", '""', url.replace(/&/g, "^&")]]];
  return [["xdg-open", [url]], ["sensible-browser", [url]]];
}

/** True when a browser was started. */
export async function openBrowser(url: string, env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  for (const [cmd, args] of commandsFor(url, env, platform)) {
    if (await trySpawn(cmd, args, env)) return true;
  }
  return false;
}
