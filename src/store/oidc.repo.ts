import type { OidcStore } from "../auth/oidc.types.js";
import { DomainError } from "../domain/errors.js";
import type { Db } from "./connect.js";
import { isUniqueViolation } from "./identity.repo.js";

/** Single sign-on's sign-ins under way and linked provider accounts, over either dialect. */
export function oidcRepo(db: Db): OidcStore {
  const k = db.kysely;
  return {
    async saveLoginState(state) {
      await k.insertInto("oidc_login_states").values(state).execute();
    },

    async takeLoginState(idHash, now) {
      await k.deleteFrom("oidc_login_states").where("expires_at", "<=", now).execute();
      // One DELETE … RETURNING: of two requests racing with the same cookie, one gets the row.
      return k
        .deleteFrom("oidc_login_states")
        .where("id_hash", "=", idHash)
        .returningAll()
        .executeTakeFirst();
    },

    async findIdentity(issuer, subject) {
      return k
        .selectFrom("oidc_identities")
        .selectAll()
        .where("issuer", "=", issuer)
        .where("subject", "=", subject)
        .executeTakeFirst();
    },

    async identityOfUser(issuer, userId) {
      return k
        .selectFrom("oidc_identities")
        .selectAll()
        .where("issuer", "=", issuer)
        .where("user_id", "=", userId)
        .executeTakeFirst();
    },

    async linkIdentity(identity) {
      try {
        await k.insertInto("oidc_identities").values(identity).execute();
      } catch (e) {
        if (isUniqueViolation(e))
          throw new DomainError("conflict", "this account is linked to another sign-in already");
        throw e;
      }
    },

    async touchIdentity(issuer, subject, at) {
      await k
        .updateTable("oidc_identities")
        .set({ last_sign_in_at: at })
        .where("issuer", "=", issuer)
        .where("subject", "=", subject)
        .execute();
    },
  };
}
