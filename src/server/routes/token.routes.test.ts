import { describe, expect, it } from "vitest";
import { appPerTest } from "../../../test/support/app.js";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { userWithToken } from "../../../test/support/identity.js";
import { sha256 } from "../../auth/secrets.js";
import { fixedClock } from "../../domain/clock.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];

describe("API tokens", () => {
  const clock = fixedClock("2026-03-02T09:00:00Z");
  const served = appPerTest(sqlite, { clock });

  const create = (headers: Record<string, string>, body: object) =>
    served.app.inject({ method: "POST", url: "/api/v1/tokens", headers, payload: body });
  const incidents = (token: string) =>
    served.app.inject({
      method: "GET",
      url: "/api/v1/incidents",
      headers: { authorization: `Bearer ${token}` },
    });

  it("shows a new token once, stores only its hash, and lists it without the secret", async () => {
    const { headers } = await userWithToken(served.rt, "responder");
    const res = await create(headers, { name: "siem", scope: "read", expires_in: "P30D" });
    expect(res.statusCode, res.body).toBe(201);
    const { token, id, expires_at } = res.json();
    expect(token).toMatch(/^fbt_[\w-]{43}$/);
    expect(expires_at).toBe("2026-04-01T09:00:00.000Z");
    const row = await served.rt.db.kysely
      .selectFrom("api_tokens")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const list = await served.app.inject({ method: "GET", url: "/api/v1/tokens", headers });
    expect(list.body).not.toContain(token);
    expect(list.json().items.map((t: { id: string }) => t.id)).toContain(id);
    expect((await incidents(token)).statusCode).toBe(200);
    const audit = await served.rt.audit.list({ action: "token.created" }, 10);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("stops working when revoked, expired, or when its user is disabled", async () => {
    const { user, token, headers } = await userWithToken(served.rt, "responder");
    const short = (
      await create(headers, { name: "short", scope: "read", expires_in: "PT1H" })
    ).json();
    const spare = (await create(headers, { name: "spare", scope: "read" })).json();

    clock.advance(3600_000);
    expect((await incidents(short.token)).statusCode).toBe(401);
    expect((await incidents(spare.token)).statusCode).toBe(200);

    const revoke = await served.app.inject({
      method: "DELETE",
      url: `/api/v1/tokens/${spare.id}`,
      headers,
    });
    expect(revoke.statusCode).toBe(200);
    expect((await incidents(spare.token)).statusCode).toBe(401);

    await served.rt.identity.updateUser(user.id, {
      disabled: true,
      updated_at: clock.now().toISOString(),
    });
    expect((await incidents(token)).statusCode).toBe(401);
    const rejected = await served.rt.audit.list({ action: "token.rejected" }, 10);
    expect(rejected.length).toBe(3);
    expect(JSON.stringify(rejected)).not.toContain(spare.token);
  });

  it("audits at most ten made-up tokens a minute from one address, then says how many went unwritten", async () => {
    for (let i = 0; i < 30; i++) expect((await incidents(`fbt_made-up-${i}`)).statusCode).toBe(401);
    expect(await served.rt.audit.list({ action: "token.rejected" }, 100)).toHaveLength(10);
    clock.advance(60_000);
    expect((await incidents("fbt_made-up-again")).statusCode).toBe(401);
    const rejected = await served.rt.audit.list({ action: "token.rejected" }, 100);
    expect(rejected).toHaveLength(11);
    expect(rejected.map((r) => JSON.parse(String(r.details)))).toContainEqual({
      token_prefix: "fbt_made-u",
      unaudited_before: 20,
    });
  });

  it("never grants more than the creator holds", async () => {
    const observer = await userWithToken(served.rt, "observer");
    expect((await create(observer.headers, { name: "x", scope: "write" })).statusCode).toBe(403);
    expect((await create(observer.headers, { name: "x", scope: "ingest" })).statusCode).toBe(403);
    // An observer's read token cannot create tokens at all.
    expect((await create(observer.headers, { name: "x", scope: "read" })).statusCode).toBe(403);
    const responderRead = await userWithToken(served.rt, "responder", "read");
    expect((await create(responderRead.headers, { name: "x", scope: "read" })).statusCode).toBe(
      403,
    );
    const responder = await userWithToken(served.rt, "responder");
    expect((await create(responder.headers, { name: "x", scope: "ingest" })).statusCode).toBe(201);
    // Only admins make tokens for someone else.
    const other = await create(responder.headers, {
      name: "x",
      scope: "read",
      user: observer.user.email,
    });
    expect(other.statusCode).toBe(403);
    const admin = await userWithToken(served.rt, "admin");
    const forObserver = await create(admin.headers, {
      name: "x",
      scope: "write",
      user: observer.user.email,
    });
    expect(forObserver.statusCode).toBe(403);
    const ok = await create(admin.headers, { name: "x", scope: "read", user: observer.user.email });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().user_id).toBe(observer.user.id);
  });

  it("lists a user's own tokens only, even when they ask for all; an admin's all is everyone's", async () => {
    const a = await userWithToken(served.rt, "responder");
    const b = await userWithToken(served.rt, "responder");
    const admin = await userWithToken(served.rt, "admin");
    const list = async (headers: Record<string, string>, all = false) =>
      (
        await served.app.inject({
          method: "GET",
          url: `/api/v1/tokens${all ? "?all=true" : ""}`,
          headers,
        })
      )
        .json()
        .items.map((t: { user_id: string }) => t.user_id);
    for (const who of [a, b]) {
      expect(await list(who.headers)).toEqual([who.user.id]);
      expect(await list(who.headers, true)).toEqual([who.user.id]);
    }
    expect(await list(admin.headers)).toEqual([admin.user.id]);
    expect(new Set(await list(admin.headers, true))).toEqual(
      new Set([a.user.id, b.user.id, admin.user.id]),
    );
  });

  it("refuses tokens that live too long and users revoking others' tokens", async () => {
    const a = await userWithToken(served.rt, "responder");
    const b = await userWithToken(served.rt, "responder");
    expect(
      (await create(a.headers, { name: "x", scope: "read", expires_in: "P3Y" })).statusCode,
    ).toBe(400);
    expect(
      (await create(a.headers, { name: "x", scope: "read", expires_in: "soon" })).statusCode,
    ).toBe(400);
    const mine = (await create(a.headers, { name: "x", scope: "read" })).json();
    const theirs = await served.app.inject({
      method: "DELETE",
      url: `/api/v1/tokens/${mine.id}`,
      headers: b.headers,
    });
    expect(theirs.statusCode).toBe(404);
    expect((await incidents(mine.token)).statusCode).toBe(200);
  });
});
