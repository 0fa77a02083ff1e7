// Preloaded into a kumo process by bench/profile.mjs (`node --import`): prints
// to stderr, in milliseconds since the process started, when Node.js handed
// over to kumo, when each HTTP request started and was answered, when the
// first output was written and when the process exited.
import dc from "node:diagnostics_channel";
import { performance } from "node:perf_hooks";

const mark = (what) => process.stderr.write(`@phase ${performance.now().toFixed(1)} ${what}\n`);
mark("node ready");
dc.subscribe("http.client.request.start", ({ request }) => {
  mark(`request ${request.method} ${request.path.slice(0, 80)}`);
});
dc.subscribe("http.client.response.finish", ({ response }) => {
  mark(`response headers ${response.statusCode}`);
  response.once("end", () => mark("response body read"));
});
const write = process.stdout.write;
process.stdout.write = function (...args) {
  process.stdout.write = write;
  mark("first output");
  return write.apply(this, args);
};
process.on("exit", () => mark("exit"));
