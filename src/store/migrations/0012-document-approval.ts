import { type Kysely, sql } from "kysely";
import { table } from "./table.js";

/**
 * Document approval: which version of each document is in force is no longer "the newest one"
 * but a recorded decision. `document_states` is append-only: each row puts one version in force
 * (first load, or an approval completed) or retires the document; the row with the highest `n`
 * per document is where it stands, and the rows before it are its history (supersede, retire).
 * Review rounds and sign-offs, until now for plans only, gain the document kind.
 *
 * Existing databases keep what they were running: the newest version of every document, which
 * was in force before this migration, is put in force by it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await table(db, "document_states", {
    kind: "text",
    doc_id: "text",
    /** 1, 2, 3… per document; the unique key turns two concurrent decisions into one error. */
    n: "integer",
    /** The version in force from now on; null when the document was retired. */
    version_number: "integer?",
    hash: "text?",
    /** in_force or retired. */
    state: "text",
    at: "text",
    set_by: "text",
    reason: "text",
  })
    .addPrimaryKeyConstraint("document_states_pk", ["kind", "doc_id", "n"])
    .execute();
  await sql`
    insert into document_states (kind, doc_id, n, version_number, hash, state, at, set_by, reason)
    select d.kind, d.doc_id, 1, d.version_number, d.hash, 'in_force', d.created_at,
           'system:migration', 'in force before document approval existed'
    from documents d
    where d.version_number = (
      select max(x.version_number) from documents x where x.kind = d.kind and x.doc_id = d.doc_id
    )`.execute(db);

  for (const t of ["plan_reviews", "plan_signoffs"])
    await db.schema
      .alterTable(t)
      .addColumn("kind", "text", (c) => c.notNull().defaultTo("plan"))
      .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["plan_signoffs", "plan_reviews"])
    await db.schema.alterTable(t).dropColumn("kind").execute();
  await db.schema.dropTable("document_states").execute();
}
