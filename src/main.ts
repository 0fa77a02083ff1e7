// Entry point of the bundled CLI (dist/kumo.cjs, loaded by bin/kumo.cjs).
import { processIO } from "./io.ts";
import { run } from "./cli/run.ts";

export function main(): void {
  const io = processIO();
  process.on("SIGINT", () => {
    // The CLI prints a newline on stdout and exits 130 on Ctrl-C.
    process.stdout.write("\n");
    process.exit(130);
  });
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") {
      // The reader went away (`kumo ... | head`): stop, as the CLI does.
      process.stderr.write("\n[Errno 32] Broken pipe\n");
      process.exit(255);
    }
    throw e;
  });
  void run(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
