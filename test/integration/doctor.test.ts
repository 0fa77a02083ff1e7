// kumo doctor against a local AWS (moto): the age of a long-lived key comes
// from IAM, asked with the key itself; the clock is compared with the
// configured STS endpoint.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { runAws, runKumo, sandboxHome } from "../helpers/run.ts";
import { startMoto, type Moto } from "../helpers/moto.ts";

let moto: Moto | undefined;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto?.stop();
});

test("key age through IAM and clock skew against the configured endpoint", async () => {
  const ep = moto!.endpoint;
  const admin = sandboxHome();
  assert.equal((await runAws(["iam", "create-user", "--user-name", "dev", "--endpoint-url", ep], { home: admin })).code, 0);
  const made = await runAws(["iam", "create-access-key", "--user-name", "dev", "--endpoint-url", ep], { home: admin });
  assert.equal(made.code, 0, made.stderr);
  const key = JSON.parse(made.stdout).AccessKey as { AccessKeyId: string; SecretAccessKey: string };
  const home = sandboxHome({ credentials: `[default]\naws_access_key_id = ${key.AccessKeyId}\naws_secret_access_key = ${key.SecretAccessKey}\n` });
  const res = await runKumo(["doctor", "--output", "json"], { home, env: { AWS_ENDPOINT_URL: ep } });
  assert.equal(res.code, 1, res.stderr);
  const doc = JSON.parse(res.stdout) as { checks: { id: string; status: string; items: { message: string }[] }[] };
  const keys = doc.checks.find((c) => c.id === "static-keys")!;
  const today = new Date().toISOString().slice(0, 10);
  assert.match(keys.items[0]!.message, new RegExp(`created ${today} \\(0 days ago\\)`));
  assert.ok(!res.stdout.includes(key.SecretAccessKey));
  const clock = doc.checks.find((c) => c.id === "clock-skew")!;
  assert.equal(clock.status, "ok", JSON.stringify(clock));
  assert.match(clock.items[0]!.message, new RegExp(`local clock is \\d+ s (ahead of|behind) ${ep.replace(/[.]/g, "\\.")}`));

  const text = await runKumo(["doctor", "--endpoint-url", ep], { home, env: {} });
  assert.match(text.stdout, /\[ok\]   Clock skew against AWS/);
  assert.match(text.stdout, /\[!!\]   Long-lived access keys in plaintext files/);
});
