// Credentials that cannot be had: a credential_process that fails or prints
// something unusable or already expired, an instance metadata service or
// container endpoint that cannot be reached, a role's credential_source that
// finds nothing. kumo prints the AWS CLI's message (hints may follow it) and
// exits with its code; when /usr/bin/aws is installed, each case is also run
// through it to show that it prints the same. (Role configuration errors,
// such as a missing source profile or a loop, are in credentials-roles; more
// credential_process messages in test/unit/credentials/process.test.ts.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { AWS_V2, runAws, runKumo, sandboxHome, type RunResult } from "../helpers/run.ts";

const hasAws = existsSync(AWS_V2);
const REFUSED = "http://127.0.0.1:9"; // nothing listens there
let silent: Server;
let silentUrl: string;
const sockets = new Set<Socket>();

before(async () => {
  // Accepts connections and never answers: a metadata service that hangs.
  silent = createServer((s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
  const addr = silent.address();
  silentUrl = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
});
after(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => silent.close(() => r()));
});

interface ErrorCase {
  name: string;
  config: string;
  /** Scripts in HOME, by name (run with sh). */
  scripts?: Record<string, string>;
  env?: (home: string) => Record<string, string | undefined>;
  profile?: string;
  code: number;
  message: string;
}

const NO_KEYS = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined };
const processCase = (body: string): Pick<ErrorCase, "config" | "scripts"> => ({
  config: "[default]\ncredential_process = sh creds.sh\n",
  scripts: { "creds.sh": body },
});
const role = (source: string) => `[profile r]\nrole_arn = arn:aws:iam::123456789012:role/r\ncredential_source = ${source}\n`;
const NOT_FOUND = 'Unable to locate credentials. You can configure credentials by running "aws configure".';

const CASES: ErrorCase[] = [
  {
    name: "credential_process exits non-zero: its stderr",
    ...processCase(`echo "token expired, log in again" >&2; exit 3`),
    code: 255,
    message: "Error when retrieving credentials from custom-process: token expired, log in again\n",
  },
  { name: "credential_process prints no JSON", ...processCase(`echo 'please log in'`), code: 255, message: "Expecting value: line 1 column 1 (char 0)" },
  {
    name: "credential_process without AccessKeyId",
    ...processCase(`echo '{"Version": 1, "SecretAccessKey": "b"}'`),
    code: 255,
    message: "Error when retrieving credentials from custom-process: Missing required key in response: 'AccessKeyId'",
  },
  {
    name: "credential_process output already expired",
    ...processCase(`echo '{"Version": 1, "AccessKeyId": "a", "SecretAccessKey": "b", "Expiration": "2001-01-01T00:00:00Z"}'`),
    code: 255,
    message: "Credentials were refreshed, but the refreshed credentials are still expired.",
  },
  {
    name: "credential_process Expiration without a time zone",
    ...processCase(`echo '{"Version": 1, "AccessKeyId": "a", "SecretAccessKey": "b", "Expiration": "2099-01-01T00:00:00"}'`),
    code: 255,
    message: "can't subtract offset-naive and offset-aware datetimes",
  },
  {
    name: "instance metadata refuses connections: no credentials",
    config: "[default]\nregion = us-east-1\n",
    env: () => ({ AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: `${REFUSED}/` }),
    code: 253,
    message: NOT_FOUND,
  },
  {
    name: "instance metadata does not answer: no credentials after its timeout",
    config: "[default]\nregion = us-east-1\n",
    env: () => ({ AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: `${silentUrl}/` }),
    code: 253,
    message: NOT_FOUND,
  },
  {
    name: "credential_source = Ec2InstanceMetadata, unreachable",
    config: role("Ec2InstanceMetadata"),
    profile: "r",
    env: () => ({ AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: `${REFUSED}/` }),
    code: 255,
    message: "Error when retrieving credentials from Ec2InstanceMetadata: No credentials found in credential_source referenced in profile r",
  },
  {
    name: "credential_source = EcsContainer outside a container",
    config: role("EcsContainer"),
    profile: "r",
    code: 255,
    message: "Error when retrieving credentials from EcsContainer: No credentials found in credential_source referenced in profile r",
  },
  {
    name: "container endpoint refuses connections",
    config: "[default]\nregion = us-east-1\n",
    env: () => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${REFUSED}/creds` }),
    code: 255,
    message: `Error when retrieving credentials from container-role: Error retrieving metadata: Received error when attempting to retrieve ECS metadata: Could not connect to the endpoint URL: "${REFUSED}/creds"`,
  },
];

function setUp(c: ErrorCase): { home: string; args: string[]; env: Record<string, string | undefined> } {
  const home = sandboxHome({ config: c.config });
  for (const [name, body] of Object.entries(c.scripts ?? {})) writeFileSync(join(home, name), `${body}\n`, { mode: 0o755 });
  const args = ["sts", "get-caller-identity", "--endpoint-url", REFUSED, ...(c.profile ? ["--profile", c.profile] : [])];
  return { home, args, env: { ...NO_KEYS, ...c.env?.(home) } };
}

/** What kumo prints for the CLI's text: the same, naming kumo where the CLI names itself. */
const asKumo = (text: string) => text.replace('"aws configure"', '"kumo configure"');

function assertCliError(r: RunResult, c: ErrorCase, who: string): void {
  assert.equal(r.stdout, "", `${who}: ${c.name}`);
  assert.equal(r.code, c.code, `${who}: ${c.name}: ${r.stderr}`);
  const message = who === "kumo" ? asKumo(c.message) : c.message;
  // The CLI's stderr is a blank line, then the message; kumo may add a blank line and a hint after it.
  const cli = `\n${message}\n`;
  if (who === "kumo") assert.ok(r.stderr === cli || r.stderr.startsWith(`${cli}\n`), `${c.name}: ${JSON.stringify(r.stderr)}`);
  else assert.equal(r.stderr, cli, `${who}: ${c.name}`);
}

// The cases are independent; two run at a time (the CLI takes a second to start).
test("the CLI's messages and exit codes", { concurrency: 2 }, async (t) => {
  const runs = CASES.map((c) =>
    t.test(c.name, async () => {
      const { home, args, env } = setUp(c);
      const [kumo, aws] = await Promise.all([
        runKumo(args, { home, env, cwd: home }),
        hasAws ? runAws(args, { home, env, cwd: home }) : Promise.resolve(undefined),
      ]);
      assertCliError(kumo, c, "kumo");
      if (aws) assertCliError(aws, c, "aws");
    }),
  );
  await Promise.all(runs);
});
