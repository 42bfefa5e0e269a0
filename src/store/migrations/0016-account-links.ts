import type { Kysely } from "kysely";
import { table } from "./table.js";

/**
 * One-time account links: an invitation (a new user chooses a first password) or a password
 * reset. Only the SHA-256 of the link's token is kept, like API tokens.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await table(db, "account_links", {
    id: "text",
    token_hash: "text",
    user_id: "text",
    purpose: "text",
    created_by: "text",
    created_at: "text",
    expires_at: "text",
    used_at: "text?",
  })
    .addPrimaryKeyConstraint("account_links_pk", ["id"])
    .addUniqueConstraint("account_links_hash", ["token_hash"])
    .addForeignKeyConstraint("account_links_user", ["user_id"], "users", ["id"])
    .execute();
  await db.schema
    .createIndex("account_links_user")
    .on("account_links")
    .columns(["user_id", "purpose"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("account_links").execute();
}
