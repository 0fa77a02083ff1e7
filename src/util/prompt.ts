// Reading a secret (an MFA code) from the user, as Python's getpass does for
// the AWS CLI: on a terminal the prompt is written to the terminal itself
// (/dev/tty, so it shows even when stderr is redirected) and what is typed is
// not echoed; a newline follows the answer. When stdin is not a terminal the
// prompt goes to stderr and one line is read from stdin. End of input before
// a line is an error with an empty message (exit 255), as in the CLI; Ctrl-C
// interrupts the command (exit 130).
import { closeSync, openSync, writeSync } from "node:fs";
import { GeneralError } from "../errors/index.ts";
import type { IO } from "../io.ts";

type Input = IO["stdin"] & { setRawMode?: (raw: boolean) => unknown; isRaw?: boolean };

export interface PromptOptions {
  /** Where the prompt goes when stdin is a terminal; default /dev/tty (stderr if it cannot be opened). */
  terminal?: { write(text: string): void; close?(): void };
  /** Called for Ctrl-C typed at the prompt; default: the process's SIGINT handling (exit 130). */
  onInterrupt?: () => void;
}

function openTerminal(io: IO): { write(text: string): void; close(): void } {
  try {
    const fd = openSync("/dev/tty", "w");
    return { write: (t) => void writeSync(fd, t), close: () => closeSync(fd) };
  } catch {
    return { write: (t) => io.stderr.write(t), close: () => {} };
  }
}

/** Reads one line from a stream that is not a terminal, leaving the rest unread. */
function readLine(input: Input): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    const done = (err: Error | undefined, line?: string, rest?: string) => {
      input.removeListener("data", onData);
      input.removeListener("end", onEnd);
      input.removeListener("error", onError);
      input.pause();
      if (rest) (input as unknown as { unshift(chunk: Buffer): void }).unshift(Buffer.from(rest, "utf8"));
      if (err) reject(err);
      else resolve(line!);
    };
    const onData = (chunk: Buffer | string) => {
      text += typeof chunk === "string" ? chunk : chunk.toString("utf8");
      const nl = text.indexOf("\n");
      if (nl >= 0) done(undefined, text.slice(0, nl), text.slice(nl + 1));
    };
    const onEnd = () => (text ? done(undefined, text) : done(new GeneralError("")));
    const onError = (e: Error) => done(e);
    input.on("data", onData);
    input.on("end", onEnd);
    input.on("error", onError);
    input.resume();
  });
}

/**
 * Reads what is typed at a terminal without echoing it, until Enter. Echo is
 * off before the prompt is shown, so nothing typed at once is echoed.
 */
function readHidden(input: Input, showPrompt: () => void, onInterrupt: () => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    const wasRaw = input.isRaw === true;
    input.setRawMode?.(true);
    showPrompt();
    const finish = (err: Error | undefined) => {
      input.removeListener("data", onData);
      input.setRawMode?.(wasRaw);
      input.pause();
      if (err) reject(err);
      else resolve(text);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of typeof chunk === "string" ? chunk : chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return finish(undefined);
        if (ch === "\u0003") {
          finish(new GeneralError(""));
          onInterrupt();
          return;
        }
        if (ch === "\u0004") {
          if (text === "") return finish(new GeneralError(""));
          return finish(undefined);
        }
        if (ch === "\u007f" || ch === "\b") text = [...text].slice(0, -1).join("");
        else if (ch === "\u0015") text = "";
        else if (ch >= " ") text += ch;
      }
    };
    input.on("data", onData);
    input.resume();
  });
}

/** Prompts for a secret; see the top of this file for where the prompt goes and how input is read. */
export async function promptSecret(io: IO, prompt: string, opts: PromptOptions = {}): Promise<string> {
  const input = io.stdin as Input;
  if (input.isTTY) {
    const terminal = opts.terminal ?? openTerminal(io);
    try {
      const answer = await readHidden(input, () => terminal.write(prompt), opts.onInterrupt ?? (() => process.kill(process.pid, "SIGINT")));
      terminal.write("\n");
      return answer;
    } finally {
      terminal.close?.();
    }
  }
  io.stderr.write(prompt);
  const answer = await readLine(input);
  io.stderr.write("\n");
  return answer;
}
