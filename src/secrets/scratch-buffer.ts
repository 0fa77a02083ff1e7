// One buffer reused for every file read (or history block joined) by a
// scanning thread. A fresh buffer each time (readFileSync, Buffer.concat)
// makes the process fault in new pages again and again; over a large work
// tree or history that costs more than the reads themselves.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

export class ScratchBuffer {
  private buf = Buffer.allocUnsafe(1 << 20);

  private room(size: number, keep = 0): void {
    if (size <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(size, this.buf.length * 2));
    this.buf.copy(bigger, 0, 0, keep);
    this.buf = bigger;
  }

  /** The file's bytes, valid until the next call; undefined when it cannot be read. */
  read(path: string): Buffer | undefined {
    let fd: number;
    try {
      fd = openSync(path, "r");
    } catch {
      return undefined;
    }
    try {
      this.room(fstatSync(fd).size + 1);
      let len = 0;
      for (;;) {
        // The file may have grown since fstat: keep reading until end of file.
        if (len === this.buf.length) this.room(len * 2, len);
        const n = readSync(fd, this.buf, len, this.buf.length - len, null);
        if (n === 0) break;
        len += n;
      }
      return this.buf.subarray(0, len);
    } catch {
      return undefined;
    } finally {
      closeSync(fd);
    }
  }

  /** The chunks joined, valid until the next call. */
  join(chunks: readonly Uint8Array[]): Buffer {
    let size = 0;
    for (const c of chunks) size += c.length;
    this.room(size);
    let at = 0;
    for (const c of chunks) {
      this.buf.set(c, at);
      at += c.length;
    }
    return this.buf.subarray(0, size);
  }
}
