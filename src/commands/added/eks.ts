// `kumo eks get-token`: the bearer token kubectl sends to an EKS cluster's
// API server (an exec credential plugin, as in kubeconfig's
// `users[].user.exec`). The token is "k8s-aws-v1." and the unpadded
// URL-safe base64 of an STS GetCallerIdentity URL presigned for 60 seconds
// with the cluster's name in the signed `x-k8s-aws-id` header; the cluster
// calls that URL to learn who signed it. As in the CLI, the STS client takes
// the profile's region (the global endpoint without one) and the endpoint
// configured for STS, never --endpoint-url, which names the EKS endpoint.
import { EXIT, ParamError } from "../../errors/index.ts";
import type { Credentials } from "../../credentials/types.ts";
import { signingCredentials } from "./credentials.ts";
import type { AddedCommand } from "./index.ts";
import { presignGet } from "./presign.ts";

const BETA_API = "client.authentication.k8s.io/v1beta1";
const SUPPORTED_APIS = ["client.authentication.k8s.io/v1", BETA_API];
const DEPRECATED_APIS = ["client.authentication.k8s.io/v1alpha1"];
const TOKEN_MINUTES = 14;

/** The ExecCredential apiVersion kubectl asked for in KUBERNETES_EXEC_INFO, with the CLI's warnings. */
export function execCredentialApi(raw: string | undefined, warn: (line: string) => void): string {
  if (!raw) return BETA_API;
  let info: unknown;
  try {
    info = JSON.parse(raw);
  } catch {
    warn(`Error parsing KUBERNETES_EXEC_INFO, defaulting to ${BETA_API}. This is likely a bug in your Kubernetes client. Please update your Kubernetes client.`);
    return BETA_API;
  }
  const api = info !== null && typeof info === "object" ? (info as { apiVersion?: unknown }).apiVersion : undefined;
  if (typeof api === "string" && SUPPORTED_APIS.includes(api)) return api;
  if (typeof api === "string" && DEPRECATED_APIS.includes(api)) {
    warn(`Kubeconfig user entry is using deprecated API version ${api}. Run 'aws eks update-kubeconfig' to update.`);
    return api;
  }
  warn(`Unrecognized API version in KUBERNETES_EXEC_INFO, defaulting to ${BETA_API}. This is likely due to an outdated AWS CLI. Please update your AWS CLI.`);
  return BETA_API;
}

/** Python's datetime.strftime('%Y-%m-%dT%H:%M:%SZ') of a UTC time. */
function utcSeconds(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

export const getToken: AddedCommand = {
  summary: "Get a token for authentication with an Amazon EKS cluster. This can be used as an alternative to the aws-iam-authenticator.",
  options: [
    {
      spec: { dest: "clusterName", options: ["--cluster-name"] },
      help: "Specify the name of the Amazon EKS cluster to create a token for. (Note: for local clusters on AWS Outposts, please use --cluster-id parameter)",
    },
    {
      spec: { dest: "roleArn", options: ["--role-arn"] },
      help:
        "Assume this role for credentials when signing the token. Use this optional parameter when the credentials for signing the token " +
        "differ from that of the current role session. Using this parameter results in new role session credentials that are used to sign the token.",
    },
    {
      spec: { dest: "clusterId", options: ["--cluster-id"] },
      help: "Specify the id of the Amazon EKS cluster to create a token for. (Note: for local clusters on AWS Outposts only)",
    },
  ],
  async run(ctx, values) {
    const { loadService } = await import("../../services/load.ts");
    const { makeClient } = await import("../../request/client.ts");
    const region = ctx.settings.region?.value;
    // Without a region, STS's global endpoint (signed for us-east-1); the
    // client is only asked where it would send a request.
    const handle = await makeClient(ctx.settings, await loadService("sts"), { region: region ?? "aws-global", ignoreCliEndpoint: true });
    try {
      // As the CLI: a role's session, assumed with the profile's credentials, signs instead
      // (assumed before the options are checked; the profile's own are read after).
      let credentials: Credentials | undefined;
      const roleArn = values.roleArn as string | undefined;
      if (roleArn !== undefined) {
        const source = await signingCredentials(ctx, region);
        const { callAws } = await import("../../credentials/aws-calls.ts");
        const { registerSecret } = await import("../../request/debug.ts");
        const input = { RoleArn: roleArn, RoleSessionName: "EKSGetTokenAuth" };
        const { doc } = await callAws(ctx.settings, "sts", "AssumeRole", input, { region: region ?? "aws-global", credentials: source });
        const c = doc.Credentials as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
        credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
        registerSecret(credentials.secretAccessKey);
        registerSecret(credentials.sessionToken);
      }
      const name = values.clusterName as string | undefined;
      const id = values.clusterId as string | undefined;
      if (name !== undefined && id !== undefined) {
        throw new ParamError('The key "cluster_id" cannot be specified when one of the following keys are also specified: cluster_name');
      }
      const identifier = id ?? name;
      if (identifier === undefined) {
        ctx.io.stderr.write("Either parameter --cluster-name or --cluster-id must be specified.\n");
        return EXIT.GENERAL;
      }
      credentials ??= await signingCredentials(ctx, region);
      const endpoint = await stsEndpoint(handle, region);
      const now = ctx.io.now();
      const url = await presignGet({
        origin: endpoint.origin,
        params: [
          ["Action", "GetCallerIdentity"],
          ["Version", "2011-06-15"],
        ],
        headers: { "x-k8s-aws-id": identifier },
        service: "sts",
        region: endpoint.signingRegion,
        credentials,
        expiresIn: 60,
        now,
      });
      const token = `k8s-aws-v1.${Buffer.from(url, "utf8").toString("base64url")}`;
      const api = execCredentialApi(ctx.io.env.KUBERNETES_EXEC_INFO, (line) => ctx.io.stderr.write(`${line}\n`));
      const expires = utcSeconds(new Date(now.getTime() + TOKEN_MINUTES * 60_000));
      // json.dumps layout: ", " and ": " separators, one line.
      ctx.io.stdout.write(
        `{"kind": "ExecCredential", "apiVersion": ${JSON.stringify(api)}, "spec": {}, "status": {"expirationTimestamp": ${JSON.stringify(expires)}, "token": ${JSON.stringify(token)}}}\n`,
      );
      return EXIT.OK;
    } finally {
      handle.client.destroy();
    }
  },
};

/** Where the STS client would send GetCallerIdentity, and the region it would sign for. */
async function stsEndpoint(
  handle: { client: { config: unknown }; endpoint: string | undefined },
  region: string | undefined,
): Promise<{ origin: string; signingRegion: string }> {
  const signingRegion = region ?? "us-east-1";
  if (handle.endpoint) return { origin: new URL(handle.endpoint).origin, signingRegion };
  const config = handle.client.config as {
    endpointProvider: (p: Record<string, unknown>) => { url: URL; properties?: { authSchemes?: { signingRegion?: string }[] } };
    useFipsEndpoint: () => Promise<boolean>;
    useDualstackEndpoint: () => Promise<boolean>;
  };
  const resolved = config.endpointProvider({
    Region: region ?? "aws-global",
    UseFIPS: await config.useFipsEndpoint(),
    UseDualStack: await config.useDualstackEndpoint(),
    UseGlobalEndpoint: false,
  });
  return { origin: resolved.url.origin, signingRegion: resolved.properties?.authSchemes?.[0]?.signingRegion ?? signingRegion };
}
