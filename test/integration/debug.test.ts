// --debug traces the request on stderr without leaking secrets; stdout is unchanged.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startMoto, type Moto } from "../helpers/moto.ts";
import { runKumo } from "../helpers/run.ts";

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto?.stop();
});

test("--debug shows the lifecycle and redacts signatures and tokens", async () => {
  const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY";
  const token = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN0123456789";
  const env = { AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: token };
  const args = ["sts", "get-caller-identity", "--endpoint-url", moto.endpoint];
  const plain = await runKumo(args, { env });
  const r = await runKumo([...args, "--debug"], { env });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, plain.stdout);
  assert.match(r.stderr, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} - MainThread - kumo\.config - DEBUG - Profile: default/m);
  assert.match(r.stderr, /Found credentials from env/);
  assert.match(r.stderr, /Attempt 1 of 3: sending http request: method=POST, url=http:\/\/127\.0\.0\.1:\d+\//);
  assert.match(r.stderr, /CanonicalRequest:\nPOST\n/);
  assert.match(r.stderr, /StringToSign:\nAWS4-HMAC-SHA256\n/);
  assert.match(r.stderr, /Signature=<redacted>/);
  assert.match(r.stderr, /"x-amz-security-token":"<redacted>"/);
  assert.match(r.stderr, /Attempt 1: response received: status=200/);
  assert.match(r.stderr, /GetCallerIdentity succeeded: HTTP 200, 1 attempt\(s\)/);
  assert.ok(!r.stderr.includes(secret), "secret key in --debug output");
  assert.ok(!r.stderr.includes(token), "session token in --debug output");
  assert.doesNotMatch(r.stderr, /Signature=[0-9a-f]{64}/);
});

test("--debug on a failure still redacts, and shows the error", async () => {
  const token = "FwoGZXIvYXdzEXAMPLESESSIONTOKENfailure";
  const r = await runKumo(["iam", "get-user", "--user-name", "nobody", "--endpoint-url", moto.endpoint, "--debug"], {
    env: { AWS_SESSION_TOKEN: token },
  });
  assert.equal(r.code, 254);
  assert.match(r.stderr, /Attempt 1: request failed after \d+ ms with status=404: NoSuchEntityException: The user with name nobody cannot be found/);
  assert.match(r.stderr, /Not retrying request\./);
  assert.match(r.stderr, /GetUser failed after 1 attempt\(s\)/);
  assert.match(r.stderr, /An error occurred \(NoSuchEntity\) when calling the GetUser operation/);
  assert.ok(!r.stderr.includes(token));
});
