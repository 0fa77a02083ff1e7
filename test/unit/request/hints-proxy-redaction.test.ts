// Pure pieces of the request layer: proxy choice, trace redaction, hints.
import { test } from "node:test";
import assert from "node:assert/strict";
import { bypassesProxy, maskProxyUrl, proxyAuthorization, proxyFor } from "../../../src/request/proxy.ts";
import { redactBody, redactHeaders, redactText, registerSecret, scrubSecrets } from "../../../src/request/debug.ts";
import { configureHints, hintFor, hintsAllowed, renewCommand, type HintContext } from "../../../src/errors/hints.ts";
import { GeneralError, NoCredentialsError, ServiceError } from "../../../src/errors/index.ts";

test("proxy choice: scheme-specific variables, lower case first, NO_PROXY", () => {
  const env = { HTTPS_PROXY: "proxy.corp:3128", https_proxy: "http://lower.corp:8080", HTTP_PROXY: "http://plain.corp:80" };
  assert.equal(proxyFor(new URL("https://sts.us-east-1.amazonaws.com/"), env)?.url.host, "lower.corp:8080");
  assert.equal(proxyFor(new URL("http://127.0.0.1:5000/"), env)?.url.host, "plain.corp");
  assert.equal(proxyFor(new URL("https://x/"), { HTTPS_PROXY: "proxy.corp:3128" })?.url.href, "http://proxy.corp:3128/");
  assert.equal(proxyFor(new URL("https://x/"), {}), undefined);
  assert.equal(proxyFor(new URL("https://s3.amazonaws.com/"), { HTTPS_PROXY: "p:1", NO_PROXY: ".amazonaws.com" }), undefined);

  assert.equal(bypassesProxy("sts.amazonaws.com", "443", "amazonaws.com"), true);
  assert.equal(bypassesProxy("amazonaws.com", "443", ".amazonaws.com"), true);
  assert.equal(bypassesProxy("example.org", "443", "amazonaws.com, localhost"), false);
  assert.equal(bypassesProxy("anything", "1", "*"), true);
  assert.equal(bypassesProxy("10.1.2.3", "443", "10.0.0.0/8"), true);
  assert.equal(bypassesProxy("11.1.2.3", "443", "10.0.0.0/8"), false);
  assert.equal(bypassesProxy("127.0.0.1", "5000", "127.0.0.1:5000"), true);
  assert.equal(bypassesProxy("127.0.0.1", "5000", "127.0.0.1:6000"), false);
  assert.equal(bypassesProxy("localhost", "80", undefined), false);
});

test("proxy credentials: masked in messages, sent as Basic auth", () => {
  assert.equal(maskProxyUrl("http://user:pa%40ss@proxy:3128"), "http://***:***@proxy:3128");
  assert.equal(maskProxyUrl("http://user@proxy:3128"), "http://***@proxy:3128");
  assert.equal(maskProxyUrl("http://proxy:3128"), "http://proxy:3128");
  assert.equal(proxyAuthorization(new URL("http://user:pa%40ss@proxy:3128")), `Basic ${Buffer.from("user:pa@ss").toString("base64")}`);
  assert.equal(proxyAuthorization(new URL("http://proxy:3128")), undefined);
  assert.equal(proxyFor(new URL("https://x/"), { HTTPS_PROXY: "http://u:secret@p:1" })?.display, "http://***:***@p:1");
});

test("redaction: headers, query and JSON bodies, XML, canonical requests, registered secrets", () => {
  const h = redactHeaders({
    Authorization: "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcdef0123456789abcdef0123456789",
    "X-Amz-Security-Token": "tok",
    "x-amz-sso_bearer_token": "bearer",
    "Proxy-Authorization": "Basic dTpw",
    "content-type": "text/xml",
  });
  assert.equal(h.Authorization, "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=<redacted>");
  assert.equal(h["X-Amz-Security-Token"], "<redacted>");
  assert.equal(h["x-amz-sso_bearer_token"], "<redacted>");
  assert.equal(h["Proxy-Authorization"], "<redacted>");
  assert.equal(h["content-type"], "text/xml");
  assert.equal(redactHeaders({ authorization: "Bearer abc" }).authorization, "<redacted>");

  assert.equal(
    redactBody("Action=AssumeRole&RoleArn=arn%3Aaws&SerialNumber=arn%3Amfa&TokenCode=123456&Version=2011-06-15"),
    "Action=AssumeRole&RoleArn=arn%3Aaws&SerialNumber=arn%3Amfa&TokenCode=<redacted>&Version=2011-06-15",
  );
  assert.equal(redactBody("Action=AssumeRoleWithWebIdentity&WebIdentityToken=eyJ.x.y"), "Action=AssumeRoleWithWebIdentity&WebIdentityToken=<redacted>");
  assert.equal(
    redactBody('{"clientId":"c","clientSecret":"s3cr3t","refreshToken":"r","grantType":"refresh_token","nested":{"SecretString":"x"}}'),
    '{"clientId":"c","clientSecret":"<redacted>","refreshToken":"<redacted>","grantType":"refresh_token","nested":{"SecretString":"<redacted>"}}',
  );
  assert.equal(redactBody("Action=CreateSecret&SecretString=hunter2"), "Action=CreateSecret&SecretString=<redacted>");
  assert.equal(
    redactText("<Credentials><AccessKeyId>ASIA</AccessKeyId><SecretAccessKey>abc</SecretAccessKey><SessionToken>def</SessionToken></Credentials>"),
    "<Credentials><AccessKeyId>ASIA</AccessKeyId><SecretAccessKey><redacted></SecretAccessKey><SessionToken><redacted></SessionToken></Credentials>",
  );
  assert.equal(redactText("POST\n/\n\nhost:x\nx-amz-security-token:FwoG\n\nhost;x-amz-security-token\nabc"), "POST\n/\n\nhost:x\nx-amz-security-token:<redacted>\n\nhost;x-amz-security-token\nabc");
  assert.equal(redactText("https://b.s3.amazonaws.com/k?X-Amz-Security-Token=abc&X-Amz-Signature=0123"), "https://b.s3.amazonaws.com/k?X-Amz-Security-Token=<redacted>&X-Amz-Signature=<redacted>");
  registerSecret("a-registered-secret-value");
  registerSecret("short");
  assert.equal(scrubSecrets("x a-registered-secret-value y short"), "x <redacted> y short");
});

const ctx = (over: Partial<HintContext> = {}): HintContext => ({
  service: "ec2",
  actionPrefix: "ec2",
  operation: "DescribeInstances",
  region: "eu-west-1",
  profile: "prod",
  retryMode: "standard",
  maxAttempts: 3,
  ...over,
});
const svc = (code: string, message = "msg", retries = 0) => new ServiceError({ code, operation: "DescribeInstances", message, retries });

test("hints: expired sessions name the command that renews them", () => {
  assert.equal(renewCommand(ctx({ credentialMethod: "sso", ssoSession: "corp" })), "kumo sso login --sso-session corp");
  assert.equal(renewCommand(ctx({ ssoProfile: true })), "kumo sso login --profile prod");
  assert.equal(renewCommand(ctx({ credentialMethod: "assume-role", roleArn: "arn:aws:iam::1:role/r" })), "kumo assume prod");
  assert.match(hintFor(svc("ExpiredToken"), ctx({ credentialMethod: "sso", ssoSession: "corp" }))!, /\n      kumo sso login --sso-session corp$/);
  assert.match(hintFor(svc("ExpiredTokenException"), ctx({ credentialMethod: "assume-role", roleArn: "r" }))!, /kumo assume prod/);
  assert.match(hintFor(svc("ExpiredToken"), ctx({ credentialMethod: "env" }))!, /AWS_SESSION_TOKEN has expired/);
  assert.match(hintFor(svc("ExpiredToken"), ctx({ credentialMethod: "env", assumed: "prod" }))!, /\n      eval "\$\(kumo assume prod\)"$/);
  assert.match(hintFor(svc("ExpiredToken"), ctx({ credentialMethod: "env", vaultProfile: "dev" }))!, /kumo exec dev --server -- <command>/);
  assert.match(hintFor(svc("ExpiredToken"), ctx({ credentialMethod: "custom-process" }))!, /credential_process/);
  assert.match(
    hintFor(new GeneralError("The SSO session associated with this profile has expired or is otherwise invalid."), ctx({ ssoSession: "corp" }))!,
    /kumo sso login --sso-session corp/,
  );
});

test("hints: access denied, signatures, unknown keys, throttling", () => {
  const denied = hintFor(
    svc("UnauthorizedOperation", "You are not authorized to perform this operation. Encoded authorization failure message: AbC-123"),
    ctx({ credentialMethod: "shared-credentials-file", accessKeyId: "AKIAIOSFODNN7EXAMPLE" }),
  )!;
  assert.match(denied, /^Hint: the credentials of profile "prod" from shared-credentials-file, access key AKIA…MPLE is not allowed to call ec2:DescribeInstances\./);
  assert.match(denied, /kumo sts decode-authorization-message --encoded-message AbC-123/);
  assert.match(denied, /kumo sts get-caller-identity --profile prod/);
  assert.match(
    hintFor(svc("AccessDenied", "User: arn:aws:sts::1:assumed-role/r/s is not authorized to perform: ec2:DescribeInstances with an explicit deny in a service control policy"), ctx())!,
    /explicit deny in a service control policy/,
  );
  assert.match(hintFor(svc("AuthFailure"), ctx({ skewSeconds: -900 }))!, /clock is 15 minutes ahead of the service's/);
  assert.match(hintFor(svc("SignatureDoesNotMatch"), ctx({ skewSeconds: 2 }))!, /secret access key does not belong/);
  assert.match(hintFor(svc("InvalidClientTokenId"), ctx({ accessKeyId: "AKIAIOSFODNN7EXAMPLE" }))!, /AWS does not know access key AKIA…MPLE/);
  assert.equal(hintFor(svc("Throttling"), ctx()), undefined, "no hint before any retry");
  assert.match(hintFor(svc("RequestLimitExceeded", "m", 2), ctx())!, /retry_mode = adaptive[\s\S]*kumo configure set retry_mode adaptive --profile prod/);
  assert.match(hintFor(svc("RequestLimitExceeded", "m", 2), ctx({ retryMode: "adaptive" }))!, /even with retry_mode = adaptive/);
  assert.equal(hintFor(svc("InvalidInstanceID.NotFound"), ctx()), undefined);
});

test("hints: connection failures name the URL, proxy, DNS and VPC endpoints", () => {
  const url = "https://ec2.eu-west-1.amazonaws.com/";
  const h = hintFor(new GeneralError(`Could not connect to the endpoint URL: "${url}"`), ctx({ url }))!;
  assert.match(h, /kumo could not reach https:\/\/ec2\.eu-west-1\.amazonaws\.com\/ \(after 3 attempts\)/);
  assert.match(h, /getent hosts ec2\.eu-west-1\.amazonaws\.com/);
  assert.match(h, /interface VPC endpoint/);
  assert.match(h, /Region in use: eu-west-1/);
  const viaProxy = hintFor(new GeneralError(`Could not connect to the endpoint URL: "${url}"`), ctx({ url, proxy: "http://proxy:3128" }))!;
  assert.match(viaProxy, /went through http:\/\/proxy:3128/);
  assert.match(hintFor(new GeneralError('Failed to connect to proxy URL: "http://proxy:3128"'), ctx({ proxy: "http://proxy:3128" }))!, /NO_PROXY/);
});

test("hints: credential configuration errors", () => {
  assert.match(
    hintFor(new GeneralError('The source_profile "base" referenced in the profile "prod" does not exist.'), ctx())!,
    /profile "prod" takes its credentials from profile "base"/,
  );
  assert.match(
    hintFor(
      new GeneralError(
        "Infinite loop in credential configuration detected. Attempting to load from profile a which has already been visited. Visited profiles: ['a', 'b']",
      ),
      ctx(),
    )!,
    /a -> b -> a/,
  );
  assert.match(hintFor(new GeneralError("Error when retrieving credentials from custom-process: boom"), ctx({ credentialProcess: "vault-creds prod" }))!, /vault-creds prod/);
  assert.match(
    hintFor(new GeneralError("Expecting value: line 1 column 1 (char 0)"), ctx({ credentialProcess: "get-creds", credentialError: true }))!,
    /credential_process of profile "prod" failed or printed something kumo cannot use/,
  );
  assert.match(
    hintFor(new GeneralError("Credentials were refreshed, but the refreshed credentials are still expired."), ctx({ credentialMethod: "custom-process" }))!,
    /Expiration that has already passed/,
  );
  const none = hintFor(new NoCredentialsError(), ctx({ metadataEndpoint: "http://127.0.0.1:9/" }))!;
  assert.match(none, /Instance metadata \(http:\/\/127\.0\.0\.1:9\/\) did not answer/);
  assert.doesNotMatch(hintFor(new NoCredentialsError(), ctx({ metadataDisabled: true }))!, /Instance metadata/);
});

test("hints: cli_hints = false in the profile turns them off for that run", () => {
  const envA = {};
  const envB = {};
  assert.equal(configureHints(envA, "false"), false);
  assert.equal(configureHints(envB, undefined), true);
  assert.equal(hintsAllowed(envA), false);
  assert.equal(hintsAllowed(envB), true);
  assert.equal(hintsAllowed({}), true);
});
