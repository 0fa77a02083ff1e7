// Every IAM user of the account (shared by the IAM checks).
import type { DocObject } from "../../output/document.ts";
import { list, type RegionApi } from "../types.ts";

export async function iamUsers(api: RegionApi): Promise<DocObject[]> {
  const users: DocObject[] = [];
  for await (const page of api.pages("iam", "ListUsers", {})) users.push(...list(page.Users));
  return users;
}
