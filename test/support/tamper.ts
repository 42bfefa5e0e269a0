import { type Kysely, sql } from "kysely";
import type { Db } from "../../src/store/connect.js";
import type { Database } from "../../src/store/database.js";

/**
 * Changes the append-only timeline and audit tables the only way the database allows: in one
 * transaction through the documented retention path (docs/security.md) — what an operator with
 * the database's credentials, or an attacker holding them, can do. Tests use it to prove that
 * `verify` and `audit verify` still notice.
 */
export async function throughRetention(
  db: Db,
  change: (tx: Kysely<Database>) => Promise<unknown>,
): Promise<void> {
  await db.kysely.transaction().execute(async (tx) => {
    if (db.dialect === "postgres") await sql`set local firebreak.retention = 'on'`.execute(tx);
    else await sql`update append_only_guard set retention = 1`.execute(tx);
    await change(tx);
    if (db.dialect === "sqlite") await sql`update append_only_guard set retention = 0`.execute(tx);
  });
}
