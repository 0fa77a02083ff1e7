// kumo verify from the built command: openpgp.js is loaded on demand from
// the bundle, and the verdict and exit code reach the shell.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as openpgp from "openpgp";
import { runKumo } from "../helpers/run.ts";

test("good and bad signatures through the built command", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kumo-verify-int-"));
  const { privateKey, publicKey } = await openpgp.generateKey({ type: "ecc", curve: "ed25519Legacy", userIDs: [{ name: "Pub", email: "pub@example.com" }], format: "object" });
  const data = new TextEncoder().encode("payload\n");
  const sig = await openpgp.sign({ message: await openpgp.createMessage({ binary: data }), signingKeys: privateKey, detached: true });
  writeFileSync(join(dir, "f"), data);
  writeFileSync(join(dir, "g"), "payload!\n");
  writeFileSync(join(dir, "f.asc"), sig);
  writeFileSync(join(dir, "k.asc"), publicKey.armor());
  const good = await runKumo(["verify", "f", "--signature", "f.asc", "--key", "k.asc"], { cwd: dir });
  assert.equal(good.code, 0, good.stderr);
  assert.match(good.stdout, /^Good signature from "Pub <pub@example.com>"/);
  const bad = await runKumo(["verify", "g", "--signature", "f.asc", "--key", "k.asc"], { cwd: dir });
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /BAD signature[\s\S]*NOT VERIFIED: g/);
});
