import { type Kysely, sql } from "kysely";
import type { DialectName } from "./connect.js";
import type { Database } from "./database.js";

/**
 * Runs `read` with PostgreSQL's JIT compilation off. PostgreSQL compiles a query it estimates
 * costly to machine code before running it; for the reads over history that a request makes
 * (the metrics aggregate, the dashboard's open tasks) that compilation cost more than the query:
 * at 100,000 incidents 1.8 s of a 2.7 s aggregate, 90 ms of the open tasks, on every request
 * (bench/scale.ts). SQLite has no JIT: `read` runs as it is.
 */
export async function withoutJit<T>(
  k: Kysely<Database>,
  dialect: DialectName,
  read: (q: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (dialect !== "postgres") return read(k);
  return k.transaction().execute(async (tx) => {
    await sql`set local jit = off`.execute(tx);
    return read(tx);
  });
}
