import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import type { OidcLoginState } from "../auth/oidc.types.js";
import { createUser } from "../auth/user.service.js";
import { systemActor } from "../domain/actor.js";
import type { Runtime } from "../runtime.js";

const state = (id_hash: string, expires_at: string): OidcLoginState => ({
  id_hash,
  state: `state-${id_hash}`,
  nonce: `nonce-${id_hash}`,
  code_verifier: `verifier-${id_hash}`,
  created_at: "2026-12-06T09:00:00.000Z",
  expires_at,
});

describe.each(TEST_DIALECTS)("single sign-on store on $name", (dialect) => {
  let rt: Runtime;
  runtimePerTest(dialect, {}, (fresh) => {
    rt = fresh;
  });

  it("gives a sign-in under way to exactly one of the callers racing for it, and never after expiry", async () => {
    const now = "2026-12-06T09:05:00.000Z";
    await rt.oidc.saveLoginState(state("a", "2026-12-06T09:10:00.000Z"));
    await rt.oidc.saveLoginState(state("old", "2026-12-06T09:01:00.000Z"));
    const taken = await Promise.all([1, 2, 3].map(() => rt.oidc.takeLoginState("a", now)));
    expect(taken.filter(Boolean)).toEqual([state("a", "2026-12-06T09:10:00.000Z")]);
    expect(await rt.oidc.takeLoginState("old", now)).toBeUndefined();
    expect(await rt.db.kysely.selectFrom("oidc_login_states").selectAll().execute()).toEqual([]);
  });

  it("links one provider account to one user per issuer", async () => {
    const ann = await createUser(
      rt,
      { email: "ann@example.org", name: "Ann", role: "responder" },
      systemActor("test"),
    );
    const bob = await createUser(
      rt,
      { email: "bob@example.org", name: "Bob", role: "responder" },
      systemActor("test"),
    );
    const at = "2026-12-06T09:00:00.000Z";
    const link = { issuer: "https://idp", subject: "s1", user_id: ann.id, created_at: at };
    await rt.oidc.linkIdentity({ ...link, last_sign_in_at: at });
    await expect(
      rt.oidc.linkIdentity({ ...link, user_id: bob.id, last_sign_in_at: at }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      rt.oidc.linkIdentity({ ...link, subject: "s2", last_sign_in_at: at }),
    ).rejects.toMatchObject({ code: "conflict" });
    await rt.oidc.linkIdentity({ ...link, issuer: "https://other", last_sign_in_at: at });
    await rt.oidc.touchIdentity("https://idp", "s1", "2026-12-06T10:00:00.000Z");
    expect(await rt.oidc.findIdentity("https://idp", "s1")).toMatchObject({
      user_id: ann.id,
      last_sign_in_at: "2026-12-06T10:00:00.000Z",
    });
    expect((await rt.oidc.identityOfUser("https://idp", ann.id))?.subject).toBe("s1");
    expect(await rt.oidc.identityOfUser("https://idp", bob.id)).toBeUndefined();
  });
});
