// The output pager, with kumo on a pseudo-terminal (util-linux `script`).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { baseEnv, GUARD, KUMO_BIN, sandboxHome } from "../helpers/run.ts";

let moto: Moto;
const hasScript = spawnSync("script", ["--version"]).status === 0;

before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto?.stop();
});

function onTerminal(args: string[], env: Record<string, string>): { out: string; code: number } {
  const quoted = [process.execPath, KUMO_BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const r = spawnSync("script", ["-qec", quoted, "/dev/null"], {
    env: { ...baseEnv(sandboxHome()), NODE_OPTIONS: `--import ${GUARD}`, ...env },
    encoding: "utf8",
  });
  return { out: r.stdout.replace(/\r\n/g, "\n"), code: r.status ?? -1 };
}

test("output on a terminal goes through AWS_PAGER, with LESS=FRX", { skip: hasScript ? false : "util-linux script is not installed" }, () => {
  const r = onTerminal(["sts", "get-caller-identity", "--endpoint-url", moto.endpoint], {
    AWS_PAGER: "sh -c 'sed \"s/^/[$LESS]/\"'",
  });
  assert.equal(r.code, 0);
  assert.match(r.out, /^\[FRX\]\{\n\[FRX\] {4}"UserId"/);
});

test("--no-cli-pager and an empty AWS_PAGER print directly", { skip: hasScript ? false : "util-linux script is not installed" }, () => {
  for (const [args, env] of [
    [["--no-cli-pager"], { AWS_PAGER: "sed s/^/PAGED:/" }],
    [[], { AWS_PAGER: "" }],
  ] as [string[], Record<string, string>][]) {
    const r = onTerminal(["sts", "get-caller-identity", "--endpoint-url", moto.endpoint, ...args], env);
    assert.equal(r.code, 0);
    assert.match(r.out, /^\{\n {4}"UserId"/);
  }
});

test("a pager that cannot start is a configuration error (253)", { skip: hasScript ? false : "util-linux script is not installed" }, () => {
  const r = onTerminal(["sts", "get-caller-identity", "--endpoint-url", moto.endpoint], { AWS_PAGER: "no-such-pager-kumo" });
  assert.equal(r.code, 253);
  assert.match(
    r.out,
    /Unable to redirect output to pager\. Received the following error when opening pager:\n\[Errno 2\] No such file or directory: 'no-such-pager-kumo'\n\nLearn more about configuring the output pager/,
  );
});

test("no pager when stdout is not a terminal", async () => {
  const { runKumo } = await import("../helpers/run.ts");
  const r = await runKumo(["sts", "get-caller-identity", "--endpoint-url", moto.endpoint], { env: { AWS_PAGER: "sed s/^/PAGED:/" } });
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^\{\n/);
});

test("sso login and logout talk to the terminal directly; other sso commands are paged", { skip: hasScript ? false : "util-linux script is not installed" }, () => {
  const pager = { AWS_PAGER: "sed s/^/PAGED:/" };
  // No token is cached, so logout has nothing to revoke and says nothing; its help is plain.
  const help = onTerminal(["sso", "logout", "help"], pager);
  assert.equal(help.code, 0);
  assert.ok(help.out.length > 0 && !help.out.includes("PAGED:"), help.out);
  const list = onTerminal(["sso", "help"], pager);
  assert.equal(list.code, 0);
  assert.match(list.out, /^PAGED:/m);
});
