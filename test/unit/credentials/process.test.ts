// credential_process: run without a shell, the JSON contract, the CLI's
// messages (checked against AWS CLI 2.9.19 with the same scripts), and
// re-running near the Expiration it reports.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { credentialSource, resolveCredentials } from "../../../src/credentials/chain.ts";
import { makeHome, script, testSettings } from "./helpers.ts";

async function withProcess(body: string, opts: { args?: string; now?: () => Date; env?: Record<string, string> } = {}) {
  const home = makeHome();
  const path = script(home, "creds.sh", body);
  writeFileSync(join(home, ".aws", "config"), `[default]\ncredential_process = ${path}${opts.args ?? ""}\n`);
  return testSettings({ home, ...(opts.now ? { now: opts.now } : {}), ...(opts.env ? { env: opts.env } : {}) });
}

const OK = `echo '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "proc-secret", "SessionToken": "tok"}'`;

test("the program's keys, with method custom-process", async () => {
  const { settings } = await withProcess(OK);
  const r = await resolveCredentials(settings);
  assert.equal(r.method, "custom-process");
  assert.deepEqual(r.credentials, { accessKeyId: "AKIDPROC", secretAccessKey: "proc-secret", sessionToken: "tok", accountId: undefined });
});

test("the command line is split like a POSIX shell and run without one", async () => {
  const { settings, home } = await withProcess(`printf '%s\\n' "$@" > "$(dirname "$0")/argv"\necho "$MY_VAR" >> "$(dirname "$0")/argv"\n${OK}`, {
    args: ` "two words" 'single $HOME' \\$PATH plain|not-a-pipe`,
    env: { MY_VAR: "from-kumo-env" },
  });
  await resolveCredentials(settings);
  assert.equal(readFileSync(join(home, "argv"), "utf8"), "two words\nsingle $HOME\n$PATH\nplain|not-a-pipe\nfrom-kumo-env\n");
});

test("failures carry the CLI's messages", async () => {
  const cases: [string, string][] = [
    [`echo "boom on stderr" >&2; exit 3`, "Error when retrieving credentials from custom-process: boom on stderr\n"],
    [`echo 'not json'`, "Expecting value: line 1 column 1 (char 0)"],
    [`echo '{"Version": 2, "AccessKeyId": "a", "SecretAccessKey": "b"}'`, "Error when retrieving credentials from custom-process: Unsupported version '2' for credential process provider, supported versions: 1"],
    [`echo '{"Version": "1", "AccessKeyId": "a", "SecretAccessKey": "b"}'`, "Error when retrieving credentials from custom-process: Unsupported version '1' for credential process provider, supported versions: 1"],
    [`echo '{"AccessKeyId": "a", "SecretAccessKey": "b"}'`, "Error when retrieving credentials from custom-process: Unsupported version '<Version key not provided>' for credential process provider, supported versions: 1"],
    [`echo '{"Version": 1, "SecretAccessKey": "b"}'`, "Error when retrieving credentials from custom-process: Missing required key in response: 'AccessKeyId'"],
    [`echo '{"Version": 1, "AccessKeyId": "a"}'`, "Error when retrieving credentials from custom-process: Missing required key in response: 'SecretAccessKey'"],
    [`echo '[1]'`, "'list' object has no attribute 'get'"],
    [`echo '{"Version": 1, "AccessKeyId": "a", "SecretAccessKey": "b", "Expiration": "garbage"}'`, "Unknown string format: garbage"],
    [`echo '{"Version": 1, "AccessKeyId": "a", "SecretAccessKey": "b", "Expiration": 12345}'`, "Parser must be a string or character stream, not int"],
    [`echo '{"Version": 1, "AccessKeyId": "a", "SecretAccessKey": "b", "Expiration": "2099-01-01T00:00:00"}'`, "can't subtract offset-naive and offset-aware datetimes"],
    [`echo '{"Version": 1, "AccessKeyId": "a", "SecretAccessKey": "b", "Expiration": "2001-01-01T00:00:00Z"}'`, "Credentials were refreshed, but the refreshed credentials are still expired."],
  ];
  for (const [body, message] of cases) {
    const { settings } = await withProcess(body);
    await assert.rejects(resolveCredentials(settings), (e: Error & { exitCode?: number }) => {
      assert.equal(e.message, message, body);
      assert.equal(e.exitCode, 255);
      return true;
    });
  }
});

test("Version 1.0 and true count as 1, as in Python", async () => {
  for (const v of ["1.0", "true"]) {
    const { settings } = await withProcess(`echo '{"Version": ${v}, "AccessKeyId": "a", "SecretAccessKey": "b"}'`);
    assert.equal((await resolveCredentials(settings)).credentials.accessKeyId, "a");
  }
});

test("command lines that cannot run", async () => {
  const cases: [string, string][] = [
    ["/nonexistent/creds arg", "[Errno 2] No such file or directory: '/nonexistent/creds'"],
    ["/bin/true 'unterminated", "No closing quotation"],
    ["/bin/true \\", "No escaped character"],
    ["", "list index out of range"],
  ];
  for (const [line, message] of cases) {
    const { settings } = testSettings({ config: `[default]\ncredential_process = ${line}\n` });
    await assert.rejects(resolveCredentials(settings), { message });
  }
});

test("with an Expiration the program runs again when fewer than 15 minutes remain", async () => {
  let now = new Date();
  const home = makeHome();
  const counter = join(home, "count");
  const exp = new Date(now.getTime() + 30 * 60_000).toISOString();
  const path = script(home, "creds.sh", `echo x >> ${counter}\necho '{"Version": 1, "AccessKeyId": "AKID'$(wc -l < ${counter})'", "SecretAccessKey": "b", "Expiration": "${exp}"}'`);
  writeFileSync(join(home, ".aws", "config"), `[default]\ncredential_process = ${path}\n`);
  const { settings } = testSettings({ home, now: () => now });
  const source = await credentialSource(settings);
  assert.equal((await source.get()).accessKeyId, "AKID1");
  now = new Date(now.getTime() + 10 * 60_000); // 20 minutes left
  assert.equal((await source.get()).accessKeyId, "AKID1");
  now = new Date(now.getTime() + 6 * 60_000); // 14 minutes left
  assert.equal((await source.get()).accessKeyId, "AKID2");
  assert.equal(readFileSync(counter, "utf8"), "x\nx\n");
});
