import { type Kysely, sql, type Transaction } from "kysely";
import type { DocumentState, DocumentStore, StoredDocument } from "../documents/document.types.js";
import { type Actor, describeActor } from "../domain/actor.js";
import type { DocumentKind } from "../domain/document-kind.js";
import { DomainError } from "../domain/errors.js";
import { newRowId } from "../domain/row-id.js";
import type { Db } from "./connect.js";
import type { Database } from "./database.js";
import { isUniqueViolation } from "./plan-review.repo.js";
import type { DocumentStatesTable, DocumentsTable } from "./tables/documents.js";

function toStored(row: DocumentsTable): StoredDocument {
  return {
    kind: row.kind as DocumentKind,
    id: row.doc_id,
    version: Number(row.version_number),
    label: row.label,
    title: row.title,
    hash: row.hash,
    source: row.source,
    body: JSON.parse(row.body),
    origin: row.origin,
    createdAt: row.created_at,
    createdBy: row.created_by,
  } as StoredDocument;
}

function toState(row: DocumentStatesTable): DocumentState {
  return {
    kind: row.kind as DocumentKind,
    id: row.doc_id,
    n: Number(row.n),
    state: row.state as DocumentState["state"],
    version: row.version_number === null ? null : Number(row.version_number),
    hash: row.hash,
    at: row.at,
    by: row.set_by,
    reason: row.reason,
  };
}

type Writer = Kysely<Database> | Transaction<Database>;

/** Appends a state row after the document's last one (the primary key refuses a second n). */
async function appendState(
  k: Writer,
  change: Parameters<DocumentStore["setState"]>[0],
  actor: Actor,
  at: Date,
): Promise<DocumentState> {
  const last = await k
    .selectFrom("document_states")
    .select((eb) => eb.fn.max("n").as("n"))
    .where("kind", "=", change.kind)
    .where("doc_id", "=", change.id)
    .executeTakeFirst();
  const row: DocumentStatesTable = {
    kind: change.kind,
    doc_id: change.id,
    n: Number(last?.n ?? 0) + 1,
    version_number: change.version,
    hash: change.hash,
    state: change.state,
    at: at.toISOString(),
    set_by: describeActor(actor),
    reason: change.reason,
  };
  await k.insertInto("document_states").values(row).execute();
  return toState(row);
}

/** Any fixed number: the PostgreSQL advisory lock that makes first loads take turns. */
const FIRST_LOAD_LOCK = 7_201_013;

/**
 * Versions go in force without approval only as the first load into a database that holds no
 * document, and that is decided inside the storing transaction: whoever found the database empty
 * a moment ago (a CLI command, a starting server, another node) may since have lost the race to
 * another first load. On PostgreSQL the advisory lock makes first loads take turns, whatever
 * document ids they carry; SQLite serialises writers itself.
 */
async function mustBeEmpty(db: Db, tx: Transaction<Database>): Promise<void> {
  if (db.dialect === "postgres")
    await sql`select pg_advisory_xact_lock(${FIRST_LOAD_LOCK})`.execute(tx);
  if (await tx.selectFrom("documents").select("id").limit(1).executeTakeFirst())
    throw new DomainError(
      "conflict",
      "the database already holds documents: a library is in force without approval only as the first load into an empty database",
    );
}

export function documentRepo(db: Db): DocumentStore {
  const k = db.kysely;
  /** Each document's last decision, when it put a version in force. */
  const inForce = (kind?: DocumentKind) => {
    let last = k
      .selectFrom("document_states")
      .select(["kind", "doc_id"])
      .select((eb) => eb.fn.max("n").as("n"))
      .groupBy(["kind", "doc_id"]);
    if (kind) last = last.where("kind", "=", kind);
    return k
      .selectFrom("document_states as s")
      .innerJoin(last.as("l"), (j) =>
        j
          .onRef("l.kind", "=", "s.kind")
          .onRef("l.doc_id", "=", "s.doc_id")
          .onRef("l.n", "=", "s.n"),
      )
      .innerJoin("documents as d", (j) =>
        j
          .onRef("d.kind", "=", "s.kind")
          .onRef("d.doc_id", "=", "s.doc_id")
          .onRef("d.version_number", "=", "s.version_number"),
      )
      .where("s.state", "=", "in_force")
      .selectAll("d");
  };
  return {
    async current(kind) {
      const rows = await inForce(kind).orderBy("d.kind").orderBy("d.doc_id").execute();
      return rows.map(toStored);
    },

    async latest(kind) {
      let newest = k
        .selectFrom("documents")
        .select(["kind", "doc_id"])
        .select((eb) => eb.fn.max("version_number").as("v"))
        .groupBy(["kind", "doc_id"]);
      if (kind) newest = newest.where("kind", "=", kind);
      const rows = await k
        .selectFrom("documents as d")
        .innerJoin(newest.as("l"), (j) =>
          j
            .onRef("l.kind", "=", "d.kind")
            .onRef("l.doc_id", "=", "d.doc_id")
            .onRef("l.v", "=", "d.version_number"),
        )
        .selectAll("d")
        .orderBy("d.kind")
        .orderBy("d.doc_id")
        .execute();
      return rows.map(toStored);
    },

    async versions(kind, id) {
      const rows = await k
        .selectFrom("documents")
        .selectAll()
        .where("kind", "=", kind)
        .where("doc_id", "=", id)
        .orderBy("version_number", "desc")
        .execute();
      return rows.map(toStored);
    },

    async get(kind, id, version) {
      const row =
        version === undefined
          ? await inForce(kind).where("d.doc_id", "=", id).executeTakeFirst()
          : await k
              .selectFrom("documents")
              .selectAll()
              .where("kind", "=", kind)
              .where("doc_id", "=", id)
              .where("version_number", "=", version)
              .executeTakeFirst();
      return row ? toStored(row) : undefined;
    },

    async isEmpty() {
      return (
        (await k.selectFrom("documents").select("id").limit(1).executeTakeFirst()) === undefined
      );
    },

    async states(kind, id) {
      const rows = await k
        .selectFrom("document_states")
        .selectAll()
        .where("kind", "=", kind)
        .where("doc_id", "=", id)
        .orderBy("n", "asc")
        .execute();
      return rows.map(toState);
    },

    async setState(change, actor, at) {
      // Two decisions at the same moment both read the same last n; the loser tries again after.
      for (let attempt = 0; ; attempt++) {
        try {
          return await appendState(k, change, actor, at);
        } catch (e) {
          if (!isUniqueViolation(e) || attempt >= 4) throw e;
        }
      }
    },

    async knownHashes(kind, id) {
      const rows = await k
        .selectFrom("documents")
        .select("hash")
        .where("kind", "=", kind)
        .where("doc_id", "=", id)
        .execute();
      return new Set(rows.map((r) => r.hash));
    },

    async append(versions, actor, at, options) {
      return k.transaction().execute(async (tx) => {
        if (options?.inForce) await mustBeEmpty(db, tx);
        const stored: StoredDocument[] = [];
        for (const v of versions) {
          const last = await tx
            .selectFrom("documents")
            .select((eb) => eb.fn.max("version_number").as("n"))
            .where("kind", "=", v.kind)
            .where("doc_id", "=", v.id)
            .executeTakeFirst();
          const row: DocumentsTable = {
            id: newRowId(),
            kind: v.kind,
            doc_id: v.id,
            version_number: Number(last?.n ?? 0) + 1,
            hash: v.hash,
            label: v.label,
            title: v.title,
            source: v.source,
            body: JSON.stringify(v.body),
            origin: v.origin,
            created_at: at.toISOString(),
            created_by: describeActor(actor),
          };
          // The unique (kind, doc_id, version_number) constraint turns a concurrent writer of the
          // same document into an error instead of two versions with one number.
          await tx.insertInto("documents").values(row).execute();
          if (options?.inForce)
            await appendState(
              tx,
              {
                kind: v.kind,
                id: v.id,
                state: "in_force",
                version: row.version_number,
                hash: v.hash,
                reason: options.inForce.reason,
              },
              actor,
              at,
            );
          stored.push(toStored(row));
        }
        return stored;
      });
    },
  };
}
