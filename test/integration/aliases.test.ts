// Command aliases from ~/.aws/cli/alias, against the reference AWS CLI v2 on
// moto: the same alias file in HOME, the same arguments, the same exit code
// and output (stderr with the program's name made the same).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { AWS_V2, runAws, runKumo, sandboxHome } from "../helpers/run.ts";

const skip = !existsSync(AWS_V2)
  ? `the reference AWS CLI is not installed at ${AWS_V2}`
  : spawnSync("python3", ["-c", "import moto.server"], { stdio: "ignore" }).status !== 0
    ? 'moto is not installed (pip install "moto[server]")'
    : false;

const ALIASES = `[toplevel]
whoami = sts get-caller-identity
  --query Account
ident = whoami --output text
acct = sts get-caller-identity --output text --query Account
sts = sts --query UserId
ext = !f() { echo "args:$#:$1:$2"; exit 3; }; f
bad = sts get-caller-identity --profile x
nodebug = sts get-caller-identity --debug
unq = sts "get-caller-identity
badopt = sts get-caller-identity --output xml

[command sts]
me = get-caller-identity --query Arn
list-roles = get-caller-identity --query UserId --output text
extme = !echo external-sub
`;

describe("aliases in ~/.aws/cli/alias work as in the AWS CLI", { skip, concurrency: 4 }, () => {
  let moto: Moto;
  let home: string;
  before(async () => {
    moto = await startMoto();
    home = sandboxHome();
    mkdirSync(join(home, ".aws", "cli"), { recursive: true });
    writeFileSync(join(home, ".aws", "cli", "alias"), ALIASES);
  });
  after(async () => {
    await moto?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const cases: [string, string[]][] = [
    ["an alias over two lines", ["whoami"]],
    ["global options given with an alias", ["whoami", "--output", "text"]],
    ["global options before an alias", ["--output", "text", "whoami"]],
    ["an alias naming an alias", ["ident"]],
    ["the alias's options win over the command line's", ["acct", "--output", "json"]],
    ["an alias shadowing a service", ["sts", "get-caller-identity"]],
    ["a service's alias", ["sts", "me"]],
    ["a service's alias with options", ["sts", "me", "--output", "text"]],
    ["a service's alias shadowing nothing", ["sts", "list-roles"]],
    ["an external alias gets the arguments, quoted, and gives its exit status", ["ext", "a b", "c"]],
    ["an external service alias", ["sts", "extme", "x y"]],
    ["--profile may not be set by an alias", ["bad"]],
    ["--debug may not be set by an alias", ["nodebug"]],
    ["an alias that does not split", ["unq"]],
    ["an alias with a bad option value", ["badopt"]],
  ];
  for (const [name, args] of cases) {
    test(name, async () => {
      const full = [...args, "--endpoint-url", moto.endpoint];
      const [aws, kumo] = await Promise.all([runAws(full, { home }), runKumo(full, { home })]);
      assert.equal(kumo.code, aws.code, `exit code; kumo: ${kumo.stderr}; aws: ${aws.stderr}`);
      assert.equal(kumo.stdout, aws.stdout);
      assert.equal(kumo.stderr.replace(/\bkumo\b/g, "aws"), aws.stderr);
    });
  }

  test("without an alias file nothing changes, and an alias is not a command elsewhere", async () => {
    const plain = sandboxHome();
    try {
      const r = await runKumo(["whoami", "--endpoint-url", moto.endpoint], { home: plain });
      assert.equal(r.code, 252);
      assert.match(r.stderr, /argument command: Invalid choice/);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
