// The credential server of `kumo exec --server`: the token check, the answer
// in the container-credentials shape, and a new session when the current one
// nears its expiry (an injected clock, no waiting).
import "../../helpers/loopback-guard.mjs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { RefreshingSource } from "../../../src/credentials/refreshing.ts";
import { sameToken, startCredentialServer } from "../../../src/commands/exec/server.ts";
import type { Credentials } from "../../../src/credentials/types.ts";

test("tokens are compared whole", () => {
  assert.ok(sameToken("abc", "abc"));
  assert.ok(!sameToken("abd", "abc"));
  assert.ok(!sameToken("ab", "abc"));
  assert.ok(!sameToken(undefined, "abc"));
});

test("the server answers only with the token, and hands out a new session shortly before expiry", async () => {
  let now = new Date("2030-01-01T00:00:00Z");
  let issued = 0;
  const fetchSession = async (): Promise<Credentials> => {
    issued++;
    return {
      accessKeyId: `ASIA${issued}`,
      secretAccessKey: `secret${issued}`,
      sessionToken: `token${issued}`,
      expiration: new Date(now.getTime() + 3600_000),
    };
  };
  const first = await fetchSession();
  const source = new RefreshingSource("test", fetchSession, { now: () => now, initial: first });
  const server = await startCredentialServer(source, "the-token");
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const get = (headers: Record<string, string>, path = "") => fetch(server.url + path, { headers });

    for (const headers of [{} as Record<string, string>, { authorization: "wrong" }, { authorization: "the-token2" }, { authorization: "Bearer the-token" }]) {
      const r = await get(headers);
      assert.equal(r.status, 403);
      assert.deepEqual(await r.json(), { Message: "The authorization token is missing or wrong." });
    }
    assert.equal(server.stats.refused, 4);
    assert.equal((await get({ authorization: "the-token" }, "other")).status, 404);

    const ok = await get({ authorization: "the-token" });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { AccessKeyId: "ASIA1", SecretAccessKey: "secret1", Token: "token1", Expiration: "2030-01-01T01:00:00Z" });

    now = new Date("2030-01-01T00:40:00Z"); // 20 minutes left: the same session
    assert.equal(((await (await get({ authorization: "the-token" })).json()) as { AccessKeyId: string }).AccessKeyId, "ASIA1");
    now = new Date("2030-01-01T00:46:00Z"); // 14 minutes left: a new one
    const renewed = (await (await get({ authorization: "the-token" })).json()) as Record<string, string>;
    assert.deepEqual(renewed, { AccessKeyId: "ASIA2", SecretAccessKey: "secret2", Token: "token2", Expiration: "2030-01-01T01:46:00Z" });
    assert.equal(issued, 2);
    assert.equal(server.stats.served, 3);
  } finally {
    await server.close();
  }
});

test("a failing refresh after expiry is answered with 500 and the reason", async () => {
  let now = new Date("2030-01-01T00:00:00Z");
  const source = new RefreshingSource(
    "test",
    async () => {
      throw new Error("MFA code needed");
    },
    { now: () => now, initial: { accessKeyId: "A", secretAccessKey: "S", sessionToken: "T", expiration: new Date("2030-01-01T00:05:00Z") } },
  );
  const server = await startCredentialServer(source, "t");
  try {
    now = new Date("2030-01-01T00:06:00Z");
    const r = await fetch(server.url, { headers: { authorization: "t" } });
    assert.equal(r.status, 500);
    assert.deepEqual(await r.json(), { Message: "MFA code needed" });
  } finally {
    await server.close();
  }
});
