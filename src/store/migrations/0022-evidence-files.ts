import type { Kysely } from "kysely";
import { isPostgres } from "./append-only-guard.js";

/**
 * Evidence files kept in PostgreSQL (docs/evidence.md), so that every server node on one
 * database sees every file: `evidence_blobs` names each kept file by its SHA-256, and its bytes
 * are 1 MiB `bytea` rows of `evidence_blob_chunks`, written in one transaction. Only PostgreSQL
 * has them: the embedded SQLite database keeps files in the data folder beside it. `size` is a
 * bigint because memory images outgrow the 2 GiB of an `integer`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await db.schema
    .createTable("evidence_blobs")
    .addColumn("sha256", "text", (c) => c.primaryKey())
    .addColumn("blob_id", "text", (c) => c.notNull().unique())
    .addColumn("size", "bigint", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("evidence_blob_chunks")
    .addColumn("blob_id", "text", (c) => c.notNull())
    .addColumn("idx", "integer", (c) => c.notNull())
    .addColumn("data", "bytea", (c) => c.notNull())
    .addPrimaryKeyConstraint("evidence_blob_chunks_pk", ["blob_id", "idx"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await db.schema.dropTable("evidence_blob_chunks").execute();
  await db.schema.dropTable("evidence_blobs").execute();
}
