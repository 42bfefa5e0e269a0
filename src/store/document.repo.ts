import { randomUUID } from "node:crypto";
import type { DocumentStore, StoredDocument } from "../documents/document.types.js";
import type { DocumentKind } from "../documents/kinds.js";
import { describeActor } from "../domain/actor.js";
import type { Db } from "./connect.js";
import type { DocumentsTable } from "./tables/documents.js";

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

export function documentRepo(db: Db): DocumentStore {
  const k = db.kysely;
  return {
    async current(kind) {
      let latest = k
        .selectFrom("documents")
        .select(["kind", "doc_id"])
        .select((eb) => eb.fn.max("version_number").as("v"))
        .groupBy(["kind", "doc_id"]);
      if (kind) latest = latest.where("kind", "=", kind);
      const rows = await k
        .selectFrom("documents as d")
        .innerJoin(latest.as("l"), (j) =>
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
      let q = k
        .selectFrom("documents")
        .selectAll()
        .where("kind", "=", kind)
        .where("doc_id", "=", id);
      q =
        version === undefined
          ? q.orderBy("version_number", "desc").limit(1)
          : q.where("version_number", "=", version);
      const row = await q.executeTakeFirst();
      return row ? toStored(row) : undefined;
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

    async append(versions, actor, at) {
      return k.transaction().execute(async (tx) => {
        const stored: StoredDocument[] = [];
        for (const v of versions) {
          const last = await tx
            .selectFrom("documents")
            .select((eb) => eb.fn.max("version_number").as("n"))
            .where("kind", "=", v.kind)
            .where("doc_id", "=", v.id)
            .executeTakeFirst();
          const row: DocumentsTable = {
            id: randomUUID(),
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
          stored.push(toStored(row));
        }
        return stored;
      });
    },
  };
}
