import type { User } from "../../src/auth/identity.types.js";
import { userPrincipal } from "../../src/auth/principal.js";
import { createToken } from "../../src/auth/token.service.js";
import { createUser } from "../../src/auth/user.service.js";
import type { Role, TokenScope } from "../../src/domain/access-roles.js";
import { systemActor } from "../../src/domain/actor.js";
import type { Runtime } from "../../src/runtime.js";
import type { App } from "../../src/server/app.js";

/** A password that meets the policy, for test users. */
export const PASSWORD = "correct horse battery staple";

let n = 0;

/**
 * A user of the given role with an API token of the given scope (by default the widest the role
 * may hold); `headers` authenticate an `app.inject` call as them.
 */
export async function userWithToken(
  rt: Runtime,
  role: Role,
  scope: TokenScope = role === "observer" ? "read" : "write",
  extra: { person_id?: string; email?: string } = {},
): Promise<{ user: User; token: string; headers: { authorization: string } }> {
  n++;
  const user = await createUser(
    rt,
    {
      email: extra.email ?? `${role}-${n}@example.org`,
      name: `${role} ${n}`,
      role,
      person_id: extra.person_id ?? null,
      password: PASSWORD,
    },
    systemActor("test"),
  );
  const created = await createToken(rt, userPrincipal(user, { session: { csrf: "" } }), {
    name: "test",
    scope,
  });
  return { user, token: created.token, headers: { authorization: `Bearer ${created.token}` } };
}

/** Signs in over HTTP (`POST /api/v1/session`) from `ip`, as a browser would. */
export const signInOver = (app: App, email: string, password = PASSWORD, ip = "203.0.113.7") =>
  app.inject({
    method: "POST",
    url: "/api/v1/session",
    payload: { email, password },
    remoteAddress: ip,
  });
