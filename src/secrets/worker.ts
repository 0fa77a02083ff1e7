// A worker thread of a parallel scan (see parallel.ts). Work trees: claims
// files from the shared counter, scans them and posts the results in
// batches. History: scans each block of `git log -p` output it is sent.
import { parentPort, workerData } from "node:worker_threads";
import { Detector } from "./detector.ts";
import { ScratchBuffer } from "./scratch-buffer.ts";
import type { FilesInput, LogBlock, LogInput, LogResult, WorkerBatch, WorkerInput } from "./parallel.ts";
import { fromRuleSpecs } from "./rules.ts";
import { scanFile, scanLogChunks } from "./scan.ts";

/** Results are posted every this many files or bytes, so progress and ordered output keep moving. */
const BATCH_FILES = 32;
const BATCH_BYTES = 4 << 20;

function scanFiles(input: FilesInput): void {
  const detector = new Detector(fromRuleSpecs(input.rules));
  const next = new Int32Array(input.next);
  const reader = new ScratchBuffer();
  let batch: WorkerBatch = [];
  let bytes = 0;
  for (;;) {
    const i = Atomics.add(next, 0, 1);
    if (i >= input.files.length) break;
    const f = input.files[i]!;
    const r = scanFile(reader, detector, f.abs, f.rel);
    batch.push([i, r]);
    bytes += r.bytes;
    if (batch.length >= BATCH_FILES || bytes >= BATCH_BYTES) {
      parentPort!.postMessage(batch);
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length) parentPort!.postMessage(batch);
}

function scanLog(input: LogInput): void {
  const detector = new Detector(fromRuleSpecs(input.rules));
  const scratch = new ScratchBuffer();
  parentPort!.on("message", (m: LogBlock) => {
    const r: LogResult = { tag: m.tag, scan: scanLogChunks(scratch, m.chunks, detector) };
    parentPort!.postMessage(r);
  });
}

if (parentPort) {
  const input = workerData as WorkerInput;
  if (input.mode === "files") scanFiles(input);
  else scanLog(input);
}
