import type { Kysely } from "kysely";
import { table } from "./table.js";

/** Identity and access: users, sessions, API tokens, sign-in throttling, the audit log. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await table(db, "users", {
    id: "text",
    email: "text",
    name: "text",
    role: "text",
    person_id: "text?",
    password_hash: "text?",
    disabled: "integer",
    created_at: "text",
    updated_at: "text",
    last_sign_in_at: "text?",
  })
    .addPrimaryKeyConstraint("users_pk", ["id"])
    .addUniqueConstraint("users_email", ["email"])
    .execute();

  await table(db, "sessions", {
    id_hash: "text",
    user_id: "text",
    created_at: "text",
    last_seen_at: "text",
    expires_at: "text",
    ip: "text?",
    user_agent: "text?",
  })
    .addPrimaryKeyConstraint("sessions_pk", ["id_hash"])
    .addForeignKeyConstraint("sessions_user", ["user_id"], "users", ["id"])
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await table(db, "api_tokens", {
    id: "text",
    user_id: "text",
    name: "text",
    scope: "text",
    token_hash: "text",
    prefix: "text",
    created_at: "text",
    expires_at: "text?",
    revoked_at: "text?",
    last_used_at: "text?",
  })
    .addPrimaryKeyConstraint("api_tokens_pk", ["id"])
    .addUniqueConstraint("api_tokens_hash", ["token_hash"])
    .addForeignKeyConstraint("api_tokens_user", ["user_id"], "users", ["id"])
    .execute();
  await db.schema.createIndex("api_tokens_user").on("api_tokens").column("user_id").execute();

  await table(db, "sign_in_throttle", {
    key: "text",
    failures: "integer",
    window_started_at: "text",
    locked_until: "text?",
  })
    .addPrimaryKeyConstraint("sign_in_throttle_pk", ["key"])
    .execute();

  await table(db, "audit_log", {
    seq: "integer",
    at: "text",
    actor: "text",
    action: "text",
    target: "text?",
    outcome: "text",
    ip: "text?",
    details: "text",
    prev_hash: "text",
    hash: "text",
  })
    .addPrimaryKeyConstraint("audit_log_pk", ["seq"])
    .execute();
  await db.schema
    .createIndex("audit_log_action")
    .on("audit_log")
    .columns(["action", "at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["audit_log", "sign_in_throttle", "api_tokens", "sessions", "users"])
    await db.schema.dropTable(t).execute();
}
