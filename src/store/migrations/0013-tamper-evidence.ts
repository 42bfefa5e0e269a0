import { type Kysely, sql } from "kysely";
import { GENESIS_HASH } from "../../domain/hash-chain.js";
import { backfillHeads, createGuards, dropGuards } from "./append-only-guard.js";

/**
 * Tamper evidence that also covers removal (docs/security.md): the incident row keeps its
 * timeline's head hash and length, an audit entry commits to the head of the incident it
 * concerns, a one-row table keeps the audit log's own head, and both logs refuse UPDATE and
 * DELETE at the database.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("incidents")
    .addColumn("timeline_head", "text", (c) => c.notNull().defaultTo(GENESIS_HASH))
    .execute();
  await db.schema
    .alterTable("incidents")
    .addColumn("timeline_entries", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await backfillHeads(db);
  for (const [column, type] of [
    ["incident_id", "text"],
    ["incident_head", "text"],
    ["incident_entries", "integer"],
  ] as const)
    await db.schema.alterTable("audit_log").addColumn(column, type).execute();
  await db.schema
    .createTable("audit_head")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("entries", "integer", (c) => c.notNull())
    .execute();
  await sql`insert into audit_head (id, hash, entries)
    select 1, hash, seq from audit_log order by seq desc limit 1`.execute(db);
  await createGuards(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropGuards(db);
  await db.schema.dropTable("audit_head").execute();
  for (const column of ["incident_entries", "incident_head", "incident_id"])
    await db.schema.alterTable("audit_log").dropColumn(column).execute();
  for (const column of ["timeline_entries", "timeline_head"])
    await db.schema.alterTable("incidents").dropColumn(column).execute();
}
