// Loaded into every kumo process a test starts (NODE_OPTIONS=--import ...):
// any TCP connection to a host other than loopback fails loudly, so a test can
// never reach a public AWS address by accident. Every TCP client in Node.js
// (http, https, tls, net) connects through net.Socket.prototype.connect.
import net from "node:net";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;
const orig = net.Socket.prototype.connect;

net.Socket.prototype.connect = function (...args) {
  let opts = args[0];
  if (Array.isArray(opts)) opts = opts[0]; // internal normalized form
  let host;
  let isPath = false;
  if (opts && typeof opts === "object") {
    host = opts.host;
    isPath = typeof opts.path === "string";
  } else if (typeof opts === "number" || (typeof opts === "string" && /^\d+$/.test(opts))) {
    host = typeof args[1] === "string" ? args[1] : undefined;
  } else if (typeof opts === "string") {
    isPath = true;
  }
  if (!isPath) {
    const h = String(host ?? "localhost").replace(/^\[|\]$/g, "");
    if (!LOOPBACK.test(h)) {
      const msg = `loopback guard: refused a connection to ${h} (tests may only talk to 127.0.0.1)`;
      process.stderr.write(msg + "\n");
      process.exit(99);
    }
  }
  return orig.apply(this, args);
};
