// Reads answers to visible prompts one line at a time, from a terminal or a
// pipe. Lines end at "\n" only (a "\r" before it stays part of the answer,
// as with the AWS CLI); a last line without "\n" is still an answer.
import { StringDecoder } from "node:string_decoder";
import type { IO } from "../../io.ts";
import { GeneralError } from "../../errors/index.ts";

export class LineReader {
  private readonly stream: NodeJS.ReadableStream;
  private readonly decoder = new StringDecoder("utf8");
  private buffered = "";
  private ended = false;
  private listening = false;
  private wake: (() => void) | undefined;
  private readonly onData = (chunk: string | Buffer): void => {
    this.buffered += typeof chunk === "string" ? chunk : this.decoder.write(chunk);
    this.notify();
  };
  private readonly onEnd = (): void => {
    this.buffered += this.decoder.end();
    this.ended = true;
    this.notify();
  };

  constructor(stream: NodeJS.ReadableStream) {
    this.stream = stream;
  }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  /** The next line without its "\n"; undefined at the end of the input. */
  async readLine(): Promise<string | undefined> {
    if (!this.listening) {
      this.listening = true;
      this.stream.on("data", this.onData);
      this.stream.on("end", this.onEnd);
      this.stream.on("error", this.onEnd);
      this.stream.resume();
    }
    for (;;) {
      const nl = this.buffered.indexOf("\n");
      if (nl >= 0) {
        const line = this.buffered.slice(0, nl);
        this.buffered = this.buffered.slice(nl + 1);
        return line;
      }
      if (this.ended) {
        if (this.buffered === "") return undefined;
        const line = this.buffered;
        this.buffered = "";
        return line;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Stops reading, so that the process can exit while the input stays open. */
  close(): void {
    if (!this.listening) return;
    this.listening = false;
    this.stream.removeListener("data", this.onData);
    this.stream.removeListener("end", this.onEnd);
    this.stream.removeListener("error", this.onEnd);
    this.stream.pause();
  }
}

/** Writes `text` to stdout and reads the answer; the end of the input is an error, as in the CLI. */
export async function ask(io: IO, reader: LineReader, text: string): Promise<string> {
  io.stdout.write(text);
  const line = await reader.readLine();
  if (line === undefined) throw new GeneralError("EOF when reading a line");
  return line;
}
