import SQLite from "better-sqlite3";
import pg from "pg";

/** A row as bulk-inserted: column → value (text, number or null, as the tables store them). */
export type Row = Record<string, string | number | null>;

/**
 * Bulk inserts straight into a bench's own fresh database, beside (not through) the service
 * layer: generating a history of 100,000 incidents one use case at a time would take hours. The
 * whole history is one transaction (committed by `close`) — prepared statements on SQLite,
 * multi-row VALUES on PostgreSQL — on a database thrown away if the run dies: nothing is synced
 * before the end.
 */
export interface BulkWriter {
  insert(table: string, rows: readonly Row[]): Promise<void>;
  /** Runs SQL that needs no parameters (counters). */
  exec(statement: string): Promise<void>;
  /** Commits (then, on PostgreSQL, does what autovacuum would: statistics, visibility map). */
  close(): Promise<void>;
}

export function sqliteWriter(file: string): BulkWriter {
  const db = new SQLite(file);
  db.pragma("busy_timeout = 5000");
  db.pragma("synchronous = off");
  // Ids are random UUIDs, so every index of a 3 GB history is written at random pages: with the
  // default 2 MB page cache each insert read its pages back from the file system.
  db.pragma("cache_size = -524288");
  db.exec("begin");
  const statements = new Map<string, SQLite.Statement>();
  const prepared = (table: string, columns: string[]) => {
    const key = `${table}(${columns.join(",")})`;
    let s = statements.get(key);
    if (!s) {
      s = db.prepare(
        `insert into ${table} (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`,
      );
      statements.set(key, s);
    }
    return s;
  };
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const columns = Object.keys(rows[0] as Row);
      const s = prepared(table, columns);
      for (const r of rows) s.run(columns.map((c) => r[c] ?? null));
    },
    async exec(statement) {
      db.exec(statement);
    },
    async close() {
      // No ANALYZE: Firebreak never runs it, so a SQLite database in use has no statistics, and
      // the bench measures the plans chosen without them (with them, SQLite judged the phase
      // index by its average phase — 90 % of incidents are closed — and scanned every incident
      // for the dashboard).
      db.exec("commit");
      db.close();
    },
  };
}

/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMETERS = 60_000;

export async function postgresWriter(url: string): Promise<BulkWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // A bench's throwaway database: a crash loses the generated history, nothing else.
  await client.query("set synchronous_commit = off");
  await client.query("begin");
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const columns = Object.keys(rows[0] as Row);
      const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
      for (let at = 0; at < rows.length; at += perStatement) {
        const batch = rows.slice(at, at + perStatement);
        const values: (string | number | null)[] = [];
        const tuples = batch.map((r) => {
          const marks = columns.map((c) => {
            values.push(r[c] ?? null);
            return `$${values.length}`;
          });
          return `(${marks.join(", ")})`;
        });
        await client.query(
          `insert into ${table} (${columns.join(", ")}) values ${tuples.join(", ")}`,
          values,
        );
      }
    },
    async exec(statement) {
      await client.query(statement);
    },
    async close() {
      await client.query("commit");
      // VACUUM too: index-only scans (the metrics' covering index, migration 0034) skip the
      // table only on pages the visibility map marks, as autovacuum leaves a live database.
      await client.query("vacuum analyze");
      await client.end();
    },
  };
}
