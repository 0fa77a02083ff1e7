// The local web server the browser is sent back to at the end of the
// authorization-code sign-in: http://127.0.0.1:<free port>/oauth/callback.
// The first request to that path carrying `code` and `state`, or `error`,
// ends the wait; the browser is shown a page saying it can be closed. The
// wait gives up after 10 minutes, as the AWS CLI does.
import { createServer, type Server } from "node:http";
import { GeneralError } from "../errors/index.ts";

export const CALLBACK_PATH = "/oauth/callback";
/** The redirect URI registered with the OIDC service (any loopback port matches it). */
export const REDIRECT_URI_WITHOUT_PORT = `http://127.0.0.1${CALLBACK_PATH}`;
export const CALLBACK_TIMEOUT_MS = 10 * 60 * 1000;

export interface CallbackResult {
  code: string | undefined;
  state: string | undefined;
  error: string | undefined;
}

export interface CallbackListener {
  port: number;
  /** http://127.0.0.1:<port>/oauth/callback */
  redirectUri: string;
  /** Resolves with the first callback; rejects after `timeoutMs`. */
  wait(): Promise<CallbackResult>;
  close(): void;
}

const html = (title: string, text: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body><h1>${title}</h1><p id="message">${text}</p></body></html>`;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function startCallbackListener(opts: { timeoutMs?: number } = {}): Promise<CallbackListener> {
  let settle: ((r: CallbackResult) => void) | undefined;
  let result: CallbackResult | undefined;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method !== "GET" || url.pathname !== CALLBACK_PATH) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("Not Found");
      return;
    }
    const q = url.searchParams;
    const error = q.get("error") ?? undefined;
    const body = error
      ? html("Sign-in failed", `The authentication redirect failed with the following error: ${escape(error)}`)
      : html("Sign-in complete", "Your credentials have been shared successfully and can be used until your session expires. You can now close this tab.");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(body), connection: "close" });
    res.end(body);
    if (result) return;
    if (error || (q.has("code") && q.has("state"))) {
      result = error ? { code: undefined, state: undefined, error } : { code: q.get("code")!, state: q.get("state")!, error: undefined };
      settle?.(result);
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", (e) =>
      reject(
        new GeneralError(
          `Unable to initialize the OAuth 2.0 authorization callback handler: ${e.message} \n You may use --use-device-code to fall back to the device code flow which does not require the callback handler.`,
        ),
      ),
    );
    server.listen(0, "127.0.0.1", () => {
      const addr = server.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      const close = () => {
        server.closeAllConnections();
        server.close();
      };
      resolve({
        port,
        redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
        close,
        wait: () =>
          new Promise<CallbackResult>((res, rej) => {
            if (result) return res(result);
            const timer = setTimeout(() => {
              settle = undefined;
              rej(new GeneralError("The pending authorization to retrieve an SSO token has expired. The login flow to retrieve an SSO token must be restarted."));
            }, opts.timeoutMs ?? CALLBACK_TIMEOUT_MS);
            settle = (r) => {
              clearTimeout(timer);
              res(r);
            };
          }),
      });
    });
  });
}
