import { type Kysely, PostgresAdapter, sql } from "kysely";
import { GENESIS_HASH } from "../../domain/hash-chain.js";
import { createSqliteSearchTriggers } from "./search-index.js";

/**
 * The database's own refusal to change or remove timeline and audit entries (migration 0013), in
 * each dialect's trigger language. The one way through is the retention path (docs/security.md):
 * PostgreSQL `SET LOCAL firebreak.retention = 'on'` in the removing transaction; SQLite
 * `UPDATE append_only_guard SET retention = 1` in it, and back to 0 before it commits. Triggers
 * stop mistakes and casual edits; whoever can drop them is caught by the hash chains instead.
 */
export const GUARDED_TABLES = ["timeline", "audit_log"] as const;

const message = (t: string) =>
  `${t} entries are append-only: UPDATE and DELETE are refused (retention path: docs/security.md)`;

export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function createGuards(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql
      .raw(`create function firebreak_append_only() returns trigger language plpgsql as $$
begin
  if coalesce(current_setting('firebreak.retention', true), '') = 'on' then
    if tg_op = 'DELETE' then return old; end if;
    return new;
  end if;
  raise exception '% entries are append-only: % is refused (retention path: docs/security.md)',
    tg_table_name, tg_op using errcode = 'P0001';
end $$`)
      .execute(db);
    for (const t of GUARDED_TABLES) {
      await sql
        .raw(`create trigger ${t}_append_only before update or delete on ${t}
  for each row execute function firebreak_append_only()`)
        .execute(db);
      await sql
        .raw(`create trigger ${t}_no_truncate before truncate on ${t}
  for each statement execute function firebreak_append_only()`)
        .execute(db);
    }
    return;
  }
  await sql`create table append_only_guard (retention integer not null)`.execute(db);
  await sql`insert into append_only_guard (retention) values (0)`.execute(db);
  for (const t of GUARDED_TABLES)
    for (const op of ["update", "delete"])
      await sql
        .raw(`create trigger ${t}_no_${op} before ${op} on ${t}
when (select retention from append_only_guard) is not 1
begin select raise(abort, '${message(t)}'); end`)
        .execute(db);
}

export async function dropGuards(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    for (const t of GUARDED_TABLES) {
      await sql.raw(`drop trigger ${t}_append_only on ${t}`).execute(db);
      await sql.raw(`drop trigger ${t}_no_truncate on ${t}`).execute(db);
    }
    await sql`drop function firebreak_append_only()`.execute(db);
    return;
  }
  for (const t of GUARDED_TABLES)
    for (const op of ["update", "delete"]) await sql.raw(`drop trigger ${t}_no_${op}`).execute(db);
  await sql`drop table append_only_guard`.execute(db);
}

/**
 * Puts the guards of an SQLite database back as the migrations made them, in one transaction:
 * every trigger goes and the guards (and the search index's triggers) are created afresh with
 * the retention switch off. A restore runs this on the copy it puts in place: a backup whose guards
 * were dropped, replaced by no-ops, left with `retention = 1`, or joined by a trigger that turns
 * them off later still verifies (its chains are intact), but would then take UPDATE and DELETE
 * on its logs without a word. Answers whether anything differed from the fresh guards.
 */
export async function reinstallSqliteGuards(db: Kysely<unknown>): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const state = async () => {
      const { rows: triggers } = await sql<{ name: string; sql: string }>`select name, sql
        from sqlite_master where type = 'trigger' order by name`.execute(tx);
      const { rows: switches } = await sql<{ retention: number }>`select retention
        from append_only_guard`
        .execute(tx)
        .catch(() => ({ rows: [] }));
      return { triggers, text: JSON.stringify([triggers, switches]) };
    };
    const before = await state();
    for (const { name } of before.triggers) await sql`drop trigger ${sql.id(name)}`.execute(tx);
    await sql`drop table if exists append_only_guard`.execute(tx);
    await createGuards(tx);
    // The search index's triggers (migration 0030) are the only others, made afresh as well.
    await createSqliteSearchTriggers(tx);
    return before.text !== (await state()).text;
  });
}

/** Every existing incident's chain end, as `appendTimeline` keeps it from now on. */
export async function backfillHeads(db: Kysely<unknown>): Promise<void> {
  await sql`update incidents set
    timeline_entries = coalesce((select max(t.seq) from timeline t where t.incident_id = incidents.id), 0),
    timeline_head = coalesce((select t.hash from timeline t where t.incident_id = incidents.id
      order by t.seq desc limit 1), ${GENESIS_HASH})`.execute(db);
}
