// assume-role-with-web-identity: an OIDC token in a file (EKS IRSA, CI
// systems) is exchanged for a role session with STS AssumeRoleWithWebIdentity,
// an unsigned call. The token file is read for each call (it is rotated);
// sessions are cached in ~/.aws/cli/cache like assume-role's, keyed on the
// role and the configured session name.
import { readFileSync } from "node:fs";
import { GeneralError } from "../errors/index.ts";
import { callAws } from "./aws-calls.ts";
import { cachedSession } from "./cache.ts";
import type { ChainContext } from "./chain.ts";
import { osErrorMessage } from "./os-errors.ts";
import { RefreshingSource } from "./refreshing.ts";
import type { CredentialSource } from "./types.ts";

export interface WebIdentityConfig {
  tokenFile: string;
  roleArn: string | undefined;
  roleSessionName: string | undefined;
}

export function webIdentitySource(ctx: ChainContext, config: WebIdentityConfig): CredentialSource {
  const { settings } = ctx;
  if (!config.roleArn) {
    // (The missing space in "role_arnconfiguration" is the CLI's.)
    throw new GeneralError(
      "The provided profile or the current environment is configured to assume role with web identity but has no role ARN configured. " +
        "Ensure that the profile has the role_arnconfiguration set or the AWS_ROLE_ARN env var is set.",
    );
  }
  const keyArgs: Record<string, string> = { RoleArn: config.roleArn };
  if (config.roleSessionName !== undefined) keyArgs.RoleSessionName = config.roleSessionName;
  const sessionName = config.roleSessionName ?? `botocore-session-${Math.floor(settings.io.now().getTime() / 1000)}`;

  const fetch = () =>
    cachedSession(settings, keyArgs, async () => {
      let token: string;
      try {
        token = readFileSync(config.tokenFile, "utf8");
      } catch (e) {
        throw new GeneralError(osErrorMessage(e, config.tokenFile));
      }
      const input = { RoleArn: config.roleArn, RoleSessionName: sessionName, WebIdentityToken: token };
      const { doc } = await callAws(settings, "sts", "AssumeRoleWithWebIdentity", input, { region: ctx.region });
      return doc;
    });
  return new RefreshingSource("assume-role-with-web-identity", fetch, { now: () => settings.io.now() });
}
