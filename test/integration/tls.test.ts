// TLS options against moto serving HTTPS with a certificate made for the test.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../helpers/moto.ts";
import { runKumo } from "../helpers/run.ts";

const hasOpenssl = spawnSync("openssl", ["version"]).status === 0;
const dir = mkdtempSync(join(tmpdir(), "kumo-tls-"));
const cert = join(dir, "cert.pem");
let endpoint = "";
let moto: ChildProcess | undefined;

before(async () => {
  if (!hasOpenssl) return;
  const gen = spawnSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", cert,
    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
  ]);
  assert.equal(gen.status, 0, String(gen.stderr));
  const port = await freePort();
  endpoint = `https://127.0.0.1:${port}`;
  moto = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port), "-c", cert, "-k", join(dir, "key.pem")], { stdio: "ignore" });
  for (let i = 0; i < 300; i++) {
    const probe = spawnSync(process.execPath, ["-e", `require("node:https").get("${endpoint}/moto-api/", {rejectUnauthorized:false}, r => process.exit(0)).on("error", () => process.exit(1))`]);
    if (probe.status === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("moto did not start with TLS");
});
after(() => {
  moto?.kill();
});

const skip = hasOpenssl ? false : "openssl is not installed";

test("an untrusted certificate fails with the CLI's message (255)", { skip }, async () => {
  const r = await runKumo(["sts", "get-caller-identity", "--endpoint-url", endpoint]);
  assert.equal(r.code, 255);
  assert.equal(
    r.stderr,
    `\nSSL validation failed for ${endpoint}/ [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate\n`,
  );
});

test("--no-verify-ssl connects, with a warning on stderr", { skip }, async () => {
  const r = await runKumo(["sts", "get-caller-identity", "--endpoint-url", endpoint, "--no-verify-ssl"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /"Account": "123456789012"/);
  assert.match(r.stderr, /InsecureRequestWarning: Unverified HTTPS request is being made to host '127\.0\.0\.1'/);
});

test("--ca-bundle, AWS_CA_BUNDLE and ca_bundle trust the certificate", { skip }, async () => {
  const ok = (r: { code: number; stdout: string; stderr: string }) => {
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
  };
  ok(await runKumo(["sts", "get-caller-identity", "--endpoint-url", endpoint, "--ca-bundle", cert]));
  ok(await runKumo(["sts", "get-caller-identity", "--endpoint-url", endpoint], { env: { AWS_CA_BUNDLE: cert } }));
  const { sandboxHome } = await import("../helpers/run.ts");
  ok(await runKumo(["sts", "get-caller-identity", "--endpoint-url", endpoint], { home: sandboxHome({ config: `[default]\nca_bundle = ${cert}\n` }) }));
});
