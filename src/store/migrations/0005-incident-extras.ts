import { type Kysely, PostgresAdapter, sql } from "kysely";

/**
 * What evidence and problems needed beyond 0002:
 * - evidence.size as a 64-bit integer on PostgreSQL: disk and memory images are far larger than
 *   the 2 GiB a PostgreSQL `integer` holds (SQLite integers are 64-bit already);
 * - a problem's description and who opened it (every change has an author).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`alter table evidence alter column size type bigint`.execute(db);
  await db.schema
    .alterTable("problems")
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("problems")
    .addColumn("opened_by", "text", (c) => c.notNull().defaultTo(""))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("problems").dropColumn("opened_by").execute();
  await db.schema.alterTable("problems").dropColumn("description").execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`alter table evidence alter column size type integer`.execute(db);
}
