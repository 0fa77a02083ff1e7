// Questions for `configure sso` and `configure sso-session`. On a terminal a
// question is a line-edited prompt (`Text [current]: `) and a choice among
// accounts or roles is an arrow-key list with type-to-filter
// (@inquirer/search, loaded only here). When input is piped, answers are
// read one a line, and a choice is answered with a line naming the item
// (an account ID or name, a role name).
import { createInterface } from "node:readline";
import { Writable as NodeWritable } from "node:stream";
import type { IO } from "../../io.ts";
import { EXIT, GeneralError, KumoError } from "../../errors/index.ts";
import { LineReader } from "./prompt.ts";

export interface Choice<T> {
  value: T;
  /** What the list shows. */
  label: string;
  /** Texts a typed line may match exactly (piped input). */
  keys: string[];
}

export interface SsoPrompter {
  /** Shows `prompt` and returns the answer with blanks around it removed. */
  ask(prompt: string): Promise<string>;
  choose<T>(message: string, choices: Choice<T>[]): Promise<T>;
  /** A line for the user (a rejected answer). */
  tell(text: string): void;
  close(): void;
}

/** An output stream for libraries that want one, writing through IO. */
function outputStream(io: IO): NodeJS.WritableStream {
  const out = new NodeWritable({
    write(chunk: Buffer | string, _enc, done) {
      io.stdout.write(typeof chunk === "string" ? chunk : new Uint8Array(chunk));
      done();
    },
  });
  Object.defineProperty(out, "isTTY", { value: true });
  Object.defineProperty(out, "columns", { get: () => io.stdout.columns ?? 80 });
  Object.defineProperty(out, "rows", { get: () => 24 });
  return out;
}

/** Case-insensitive match of every blank-separated word of `term` in the label. */
export function matchesFilter(label: string, term: string | undefined): boolean {
  if (!term) return true;
  const text = label.toLowerCase();
  return term
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => text.includes(w));
}

class TerminalPrompter implements SsoPrompter {
  constructor(private readonly io: IO) {}

  ask(prompt: string): Promise<string> {
    const rl = createInterface({ input: this.io.stdin, output: outputStream(this.io), terminal: true });
    return new Promise((resolve, reject) => {
      let answered = false;
      rl.on("SIGINT", () => {
        answered = true;
        rl.close();
        reject(new KumoError("", EXIT.INTERRUPTED));
      });
      rl.on("close", () => {
        if (!answered) reject(new GeneralError("EOF when reading a line"));
      });
      rl.question(prompt, (answer) => {
        answered = true;
        rl.close();
        resolve(answer.trim());
      });
    });
  }

  async choose<T>(message: string, choices: Choice<T>[]): Promise<T> {
    const { default: search } = await import("@inquirer/search");
    const list = choices.map((c) => ({ value: c.value, name: c.label }));
    try {
      return await search(
        {
          message,
          pageSize: 10,
          source: (term) => list.filter((c) => matchesFilter(c.name, term)),
        },
        { input: this.io.stdin, output: outputStream(this.io), clearPromptOnDone: true },
      );
    } catch (e) {
      if (e instanceof Error && e.name === "ExitPromptError") throw new KumoError("", EXIT.INTERRUPTED);
      throw e;
    }
  }

  tell(text: string): void {
    this.io.stdout.write(text);
  }

  close(): void {}
}

class PipedPrompter implements SsoPrompter {
  private readonly reader: LineReader;
  constructor(private readonly io: IO) {
    this.reader = new LineReader(io.stdin);
  }

  async line(prompt: string): Promise<string> {
    this.io.stdout.write(prompt);
    const line = await this.reader.readLine();
    if (line === undefined) throw new GeneralError("EOF when reading a line");
    return line.trim();
  }

  ask(prompt: string): Promise<string> {
    return this.line(prompt);
  }

  async choose<T>(message: string, choices: Choice<T>[]): Promise<T> {
    for (;;) {
      const answer = await this.line(`${message}: `);
      const hit = choices.find((c) => c.keys.includes(answer) || c.label === answer);
      if (hit) return hit.value;
      this.io.stdout.write(`No choice matches ${JSON.stringify(answer)}; one of: ${choices.map((c) => c.keys[0]).join(", ")}\n`);
    }
  }

  tell(text: string): void {
    this.io.stdout.write(text);
  }

  close(): void {
    this.reader.close();
  }
}

export function makePrompter(io: IO): SsoPrompter {
  return io.stdin.isTTY ? new TerminalPrompter(io) : new PipedPrompter(io);
}
