// A container credentials endpoint on 127.0.0.1, as the ECS agent
// (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) and the EKS Pod Identity agent
// (AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE)
// serve them: GET <path> answers
//
//   {"RoleArn": ..., "AccessKeyId": ..., "SecretAccessKey": ..., "Token": ..., "Expiration": ..., "AccountId"?: ...}
//
// When `authorization` is set the request must carry exactly that
// Authorization header: missing → 401, different → 403. Another path → 404.
import { isoIn, listenLoopback, readBody, sendJson, type RecordedRequest } from "./http-util.ts";

export interface ContainerCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  Token: string;
  Expiration: string;
  RoleArn?: string;
  AccountId?: string;
}

export interface ContainerOptions {
  path?: string;
  authorization?: string;
  credentials?: () => ContainerCredentials;
  /** Answer every request with this status and body instead (e.g. 500 to test retries). */
  fail?: { status: number; body: string };
}

export interface ContainerFake {
  /** Base URL without a trailing slash (http://127.0.0.1:<port>). */
  url: string;
  /** The full URI of the credentials document. */
  fullUri: string;
  requests: RecordedRequest[];
  options: ContainerOptions;
  stop(): Promise<void>;
}

export function defaultContainerCredentials(): ContainerCredentials {
  return {
    RoleArn: "arn:aws:iam::123456789012:role/kumo-task-role",
    AccessKeyId: "ASIACONTAINERFAKE001",
    SecretAccessKey: "container/fake/secret/EXAMPLEKEY",
    Token: "container-fake-session-token",
    Expiration: isoIn(6 * 3600),
  };
}

export async function startContainerCredentials(options: ContainerOptions = {}): Promise<ContainerFake> {
  const requests: RecordedRequest[] = [];
  const fake: ContainerFake = { url: "", fullUri: "", requests, options, stop: async () => {} };
  const listening = await listenLoopback(async (req, res) => {
    const body = await readBody(req);
    requests.push({ method: req.method ?? "", url: req.url ?? "/", headers: { ...req.headers }, body });
    const opts = fake.options;
    if (opts.fail) {
      res.writeHead(opts.fail.status, { "content-type": "text/plain" });
      return res.end(opts.fail.body);
    }
    if (req.method !== "GET" || (req.url ?? "") !== (opts.path ?? "/v2/credentials/kumo-task")) {
      return sendJson(res, 404, { code: "NotFound", message: "Credentials not found" });
    }
    if (opts.authorization !== undefined) {
      const got = req.headers.authorization;
      if (got === undefined) return sendJson(res, 401, { code: "AccessDeniedException", message: "Authorization header is missing" });
      if (got !== opts.authorization) return sendJson(res, 403, { code: "AccessDeniedException", message: "Authorization token is not valid" });
    }
    return sendJson(res, 200, (opts.credentials ?? defaultContainerCredentials)());
  });
  fake.url = listening.url;
  fake.fullUri = listening.url + (options.path ?? "/v2/credentials/kumo-task");
  fake.stop = listening.stop;
  return fake;
}
