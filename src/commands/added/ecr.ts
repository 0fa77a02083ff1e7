// `kumo ecr get-login-password`: the password half of ECR's authorization
// token, for `docker login --username AWS --password-stdin <registry>`.
import { EXIT, GeneralError } from "../../errors/index.ts";
import type { AddedCommand } from "./index.ts";

export const getLoginPassword: AddedCommand = {
  summary:
    "Display a password to use with a container client such as Docker to authenticate to any Amazon ECR registry " +
    "your IAM principal has access to (valid for 12 hours): kumo ecr get-login-password | docker login --username AWS " +
    "--password-stdin <account>.dkr.ecr.<region>.amazonaws.com",
  options: [],
  async run(ctx) {
    const { loadService } = await import("../../services/load.ts");
    const { makeClient } = await import("../../request/client.ts");
    const { toKumoError } = await import("../../request/errors.ts");
    const service = await loadService("ecr");
    const handle = await makeClient(ctx.settings, service);
    let result: { authorizationData?: { authorizationToken?: string }[] };
    try {
      const GetAuthorizationToken = service.commandClass("GetAuthorizationToken");
      result = (await handle.client.send(new GetAuthorizationToken({}))) as typeof result;
    } catch (e) {
      throw toKumoError(e, "GetAuthorizationToken", handle.lastUrl());
    } finally {
      handle.client.destroy();
    }
    const token = result.authorizationData?.[0]?.authorizationToken;
    if (token === undefined) throw new GeneralError("The GetAuthorizationToken response holds no authorization token.");
    // "AWS:<password>"
    const decoded = Buffer.from(token, "base64").toString("utf8");
    ctx.io.stdout.write(`${decoded.slice(decoded.indexOf(":") + 1)}\n`);
    return EXIT.OK;
  },
};
