// The commands that print a credential for another tool, against the
// reference AWS CLI v2: `rds generate-db-auth-token` and `eks get-token`
// (presigned, so both programs sign at the same pinned time: the CLI through
// AWS_AT_EPOCH in test/helpers/aws-zygote.py, kumo through
// test/helpers/fixed-clock.mjs) and
// `ecr get-login-password` (on moto). Output must be the same bytes.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { AWS_V2, GUARD, KUMO_BIN, ROOT, runAws, runKumo, sandboxHome } from "../helpers/run.ts";

const FIXED_CLOCK = join(ROOT, "test", "helpers", "fixed-clock.mjs");
const skip = !existsSync(AWS_V2) ? `the reference AWS CLI is not installed at ${AWS_V2}` : false;

const EPOCH = 1_700_000_123;
const KEYS = { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

interface Out {
  code: number;
  stdout: string;
  stderr: string;
}

function at(cmd: string, args: string[], env: Record<string, string>, home: string): Promise<Out> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, LANG: "C.UTF-8", AWS_EC2_METADATA_DISABLED: "true", KUMO_TEST_EPOCH: String(EPOCH), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    p.on("error", reject);
    p.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

// The region comes only from the case (baseEnv's default removed).
const awsAt = (args: string[], env: Record<string, string>, home: string) =>
  runAws(args, { home, env: { AWS_DEFAULT_REGION: undefined, AWS_AT_EPOCH: String(EPOCH), ...env } });
const kumoAt = (args: string[], env: Record<string, string>, home: string) =>
  at(process.execPath, ["--import", GUARD, "--import", FIXED_CLOCK, KUMO_BIN, ...args], env, home);

/** stderr with the program's name made the same. */
const sameName = (s: string) => s.replace(/\baws\b/g, "kumo");

describe("presigned tokens are the CLI's, byte for byte", { skip, concurrency: 6 }, () => {
  let home: string;
  before(() => {
    home = sandboxHome();
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  const cases: [string, string[], Record<string, string>][] = [
    ["rds token", ["rds", "generate-db-auth-token", "--hostname", "db.example.com", "--port", "5432", "--username", "app"], { AWS_DEFAULT_REGION: "eu-west-1" }],
    ["rds token: a user name to escape, a session token", ["rds", "generate-db-auth-token", "--hostname", "db.internal", "--port", "3306", "--username", "us er+x/é"], { AWS_DEFAULT_REGION: "us-east-1", AWS_SESSION_TOKEN: "tok/en+=" }],
    ["rds token: no region", ["rds", "generate-db-auth-token", "--hostname", "h", "--port", "1", "--username", "u"], {}],
    ["rds token: a port that is not a number", ["rds", "generate-db-auth-token", "--hostname", "h", "--port", "x1", "--username", "u"], { AWS_DEFAULT_REGION: "us-east-1" }],
    ["rds token: options missing", ["rds", "generate-db-auth-token", "--hostname", "h"], { AWS_DEFAULT_REGION: "us-east-1" }],
    ["eks token", ["eks", "get-token", "--cluster-name", "prod"], { AWS_DEFAULT_REGION: "eu-west-1" }],
    ["eks token: us-east-1 (regional endpoint)", ["eks", "get-token", "--cluster-name", "prod"], { AWS_DEFAULT_REGION: "us-east-1" }],
    ["eks token: no region (global endpoint)", ["eks", "get-token", "--cluster-name", "prod"], {}],
    ["eks token: China partition", ["eks", "get-token", "--cluster-name", "prod"], { AWS_DEFAULT_REGION: "cn-north-1" }],
    ["eks token: --cluster-id, a session token", ["eks", "get-token", "--cluster-id", "0123-abcd"], { AWS_DEFAULT_REGION: "us-west-2", AWS_SESSION_TOKEN: "sess/tok+" }],
    ["eks token: --region wins", ["eks", "get-token", "--cluster-name", "prod", "--region", "ap-southeast-2"], { AWS_DEFAULT_REGION: "us-east-1" }],
    ["eks token: v1 asked for", ["eks", "get-token", "--cluster-name", "prod"], { AWS_DEFAULT_REGION: "us-east-1", KUBERNETES_EXEC_INFO: '{"apiVersion": "client.authentication.k8s.io/v1"}' }],
    ["eks token: deprecated v1alpha1", ["eks", "get-token", "--cluster-name", "prod"], { AWS_DEFAULT_REGION: "us-east-1", KUBERNETES_EXEC_INFO: '{"apiVersion": "client.authentication.k8s.io/v1alpha1"}' }],
    ["eks token: unknown api", ["eks", "get-token", "--cluster-name", "prod"], { AWS_DEFAULT_REGION: "us-east-1", KUBERNETES_EXEC_INFO: '{"apiVersion": "v9"}' }],
    ["eks token: unreadable exec info", ["eks", "get-token", "--cluster-name", "prod"], { AWS_DEFAULT_REGION: "us-east-1", KUBERNETES_EXEC_INFO: "{not json" }],
    ["eks token: both name and id", ["eks", "get-token", "--cluster-name", "a", "--cluster-id", "b"], { AWS_DEFAULT_REGION: "us-east-1" }],
    ["eks token: neither name nor id", ["eks", "get-token"], { AWS_DEFAULT_REGION: "us-east-1" }],
    ["unknown option", ["eks", "get-token", "--cluster-name", "a", "--bogus"], { AWS_DEFAULT_REGION: "us-east-1" }],
  ];
  for (const [name, args, env] of cases) {
    test(name, async () => {
      const [want, got] = await Promise.all([awsAt(args, { ...KEYS, ...env }, home), kumoAt(args, { ...KEYS, ...env }, home)]);
      assert.equal(got.code, want.code, `exit code; kumo stderr: ${got.stderr}`);
      assert.equal(got.stdout, want.stdout);
      assert.equal(sameName(got.stderr), sameName(want.stderr));
    });
  }
});

describe("ecr get-login-password and eks get-token --role-arn on moto", { skip: skip || (spawnSync("python3", ["-c", "import moto.server"]).status !== 0 && "moto is not installed") }, () => {
  let moto: Moto;
  before(async () => {
    moto = await startMoto();
  });
  after(async () => moto?.stop());

  test("get-login-password prints the password half of the authorization token, as the CLI does", async () => {
    const args = ["ecr", "get-login-password", "--endpoint-url", moto.endpoint];
    const [aws, kumo] = await Promise.all([runAws(args), runKumo(args)]);
    assert.equal(aws.code, 0, aws.stderr);
    assert.equal(kumo.code, 0, kumo.stderr);
    assert.ok(aws.stdout.length > 1);
    assert.equal(kumo.stdout, aws.stdout);
    // --output does not change it: docker reads the raw password.
    assert.equal((await runKumo([...args, "--output", "json"])).stdout, aws.stdout);
  });

  test("get-token --role-arn signs with the role's session, from the STS endpoint configured for the profile", async () => {
    const home = sandboxHome();
    try {
      const r = await runKumo(["eks", "get-token", "--cluster-name", "prod", "--role-arn", "arn:aws:iam::123456789012:role/eks-admin"], {
        home,
        env: { AWS_ENDPOINT_URL_STS: moto.endpoint },
      });
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout) as { status: { token: string } };
      const url = new URL(Buffer.from(doc.status.token.slice("k8s-aws-v1.".length), "base64url").toString("utf8"));
      assert.equal(url.origin, moto.endpoint);
      // moto's role sessions have ASIA key IDs; the profile's key is "testing".
      assert.match(url.searchParams.get("X-Amz-Credential")!, /^ASIA[A-Z0-9]+\/\d{8}\/us-east-1\/sts\/aws4_request$/);
      assert.ok(url.searchParams.get("X-Amz-Security-Token"));
      assert.equal(url.searchParams.get("X-Amz-SignedHeaders"), "host;x-k8s-aws-id");
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
