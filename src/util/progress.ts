// One status line on stderr while long work runs, only when stderr is a
// terminal: each update rewrites the line (at most every `intervalMs`, the
// first at once), cut to the terminal's width; done() clears it, so what
// stays on the screen is the command's own output.
import type { Writable } from "../io.ts";

export interface Progress {
  update(line: string, force?: boolean): void;
  done(): void;
}

export function terminalProgress(stream: Writable, opts: { intervalMs?: number; now?: () => number } = {}): Progress | undefined {
  if (!stream.isTTY) return undefined;
  const interval = opts.intervalMs ?? 100;
  const now = opts.now ?? Date.now;
  let last = -Infinity;
  let shown = false;
  return {
    update(line, force = false) {
      const t = now();
      if (!force && t - last < interval) return;
      last = t;
      // A terminal that does not say its width (0) gets 80 columns.
      const width = Math.max(20, (stream.columns || 80) - 1);
      stream.write(`\r\x1b[K${line.slice(0, width)}`);
      shown = true;
    },
    done() {
      if (shown) stream.write("\r\x1b[K");
      shown = false;
    },
  };
}
