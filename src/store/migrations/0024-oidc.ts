import type { Kysely } from "kysely";
import { table } from "./table.js";

/**
 * Single sign-on: the sign-ins under way (state, nonce, PKCE verifier, single use) and the
 * provider accounts linked to users, by issuer and subject.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await table(db, "oidc_login_states", {
    id_hash: "text",
    state: "text",
    nonce: "text",
    code_verifier: "text",
    created_at: "text",
    expires_at: "text",
  })
    .addPrimaryKeyConstraint("oidc_login_states_pk", ["id_hash"])
    .execute();
  await db.schema
    .createIndex("oidc_login_states_expiry")
    .on("oidc_login_states")
    .column("expires_at")
    .execute();
  await table(db, "oidc_identities", {
    issuer: "text",
    subject: "text",
    user_id: "text",
    created_at: "text",
    last_sign_in_at: "text",
  })
    .addPrimaryKeyConstraint("oidc_identities_pk", ["issuer", "subject"])
    .addUniqueConstraint("oidc_identities_user", ["issuer", "user_id"])
    .addForeignKeyConstraint("oidc_identities_user_fk", ["user_id"], "users", ["id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("oidc_identities").execute();
  await db.schema.dropTable("oidc_login_states").execute();
}
