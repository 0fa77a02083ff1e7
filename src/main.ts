// Entry point of the bundled CLI (dist/main.mjs).
import { processIO } from "./io.ts";
import { run } from "./cli/run.ts";

const io = processIO();
process.on("SIGINT", () => {
  // The CLI prints a newline on stdout and exits 130 on Ctrl-C.
  process.stdout.write("\n");
  process.exit(130);
});
const code = await run(process.argv.slice(2), io);
process.exitCode = code;
