// `configure list` names the link of the chain that supplied the
// credentials. The links that answer from files are replayed against the AWS
// CLI's own output in recorded.test.ts ("list: the link that supplied the
// credentials"); the two that need a server are here, with the fakes on
// 127.0.0.1. The expected tables are what AWS CLI 2.9.19 prints against the
// same fakes.
import "../../helpers/loopback-guard.mjs";
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startContainerCredentials, type ContainerFake } from "../../fakes/container-credentials.ts";
import { startImds, type ImdsFake } from "../../fakes/imds.ts";
import { runKumoStep, setUpHome } from "./recording.ts";

let container: ContainerFake;
let imds: ImdsFake;
before(async () => {
  container = await startContainerCredentials({ authorization: "pod-identity-token" });
  imds = await startImds();
});
after(async () => {
  await container?.stop();
  await imds?.stop();
});

const table = (key: string, secret: string, type: string) =>
  "      Name                    Value             Type    Location\n" +
  "      ----                    -----             ----    --------\n" +
  "   profile                <not set>             None    None\n" +
  `access_key     ****************${key} ${type.padStart(16)}    \n` +
  `secret_key     ****************${secret} ${type.padStart(16)}    \n` +
  "    region                <not set>             None    None\n";

test("container-role: the container credentials endpoint (EKS Pod Identity: full URI and token file)", async () => {
  const home = setUpHome({ name: "container", steps: [] });
  const tokenFile = join(home, "eks-token");
  writeFileSync(tokenFile, "pod-identity-token");
  const r = await runKumoStep(home, {
    args: ["configure", "list"],
    env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: container.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile },
  });
  assert.equal(r.stderr, "");
  assert.equal(r.code, 0);
  assert.equal(r.stdout, table("E001", "EKEY", "container-role"));
  assert.equal(container.requests.at(-1)?.headers.authorization, "pod-identity-token");
});

test("iam-role: instance metadata", async () => {
  const home = setUpHome({ name: "imds", steps: [] });
  const r = await runKumoStep(home, {
    args: ["configure", "list"],
    env: { AWS_EC2_METADATA_DISABLED: "false", AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint },
  });
  assert.equal(r.stderr, "");
  assert.equal(r.code, 0);
  assert.equal(r.stdout, table("PLE1", "EKEY", "iam-role"));
  // IMDSv2: a token first.
  assert.equal(imds.requests[0]?.method, "PUT");
});
