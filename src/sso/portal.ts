// The portal calls the sign-in wizard makes, every page of them:
// ListAccounts and ListAccountRoles (unsigned; the access token is a
// parameter, sent as the x-amz-sso_bearer_token header).
import type { ApiDoc, SsoApi } from "./api.ts";

export interface SsoAccountInfo {
  accountId: string;
  accountName: string | undefined;
  emailAddress: string | undefined;
}

async function allPages(api: SsoApi, operation: string, input: ApiDoc, region: string, listKey: string): Promise<ApiDoc[]> {
  const out: ApiDoc[] = [];
  let nextToken: unknown;
  do {
    const doc = await api.call("sso", operation, nextToken === undefined ? input : { ...input, nextToken }, region);
    out.push(...((doc[listKey] as ApiDoc[] | undefined) ?? []));
    nextToken = doc.nextToken;
  } while (typeof nextToken === "string" && nextToken !== "");
  return out;
}

export async function listAccounts(api: SsoApi, region: string, accessToken: string): Promise<SsoAccountInfo[]> {
  const list = await allPages(api, "ListAccounts", { accessToken }, region, "accountList");
  return list.map((a) => ({
    accountId: String(a.accountId),
    accountName: typeof a.accountName === "string" ? a.accountName : undefined,
    emailAddress: typeof a.emailAddress === "string" ? a.emailAddress : undefined,
  }));
}

export async function listAccountRoles(api: SsoApi, region: string, accessToken: string, accountId: string): Promise<string[]> {
  const list = await allPages(api, "ListAccountRoles", { accessToken, accountId }, region, "roleList");
  return list.map((r) => String(r.roleName));
}
