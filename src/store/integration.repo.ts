import type { Kysely, Selectable } from "kysely";
import type { Integration, IntegrationStore } from "../detection/alert.types.js";
import type { IntegrationKind } from "../domain/alert.js";
import type { Db } from "./connect.js";
import type { Database } from "./database.js";
import type { IntegrationsTable } from "./tables/detection.js";

function fromRow(r: Selectable<IntegrationsTable>): Integration & { key_hash: string } {
  return {
    id: r.id,
    kind: r.kind as IntegrationKind,
    name: r.name,
    key_hint: r.key_hint,
    key_hash: r.key_hash,
    mapping: r.mapping === null ? null : (JSON.parse(r.mapping) as Record<string, unknown>),
    created_at: r.created_at,
    created_by: r.created_by,
    last_received_at: r.last_received_at,
  };
}

/** Integrations over Kysely (both dialects); keys are stored hashed. */
export function integrationRepo(db: Db): IntegrationStore {
  const k: Kysely<Database> = db.kysely;
  return {
    async create(i, keyHash) {
      await k
        .insertInto("integrations")
        .values({
          ...i,
          key_hash: keyHash,
          mapping: i.mapping === null ? null : JSON.stringify(i.mapping),
        })
        .execute();
    },
    async received(id, at) {
      await k
        .updateTable("integrations")
        .set({ last_received_at: at })
        .where("id", "=", id)
        .execute();
    },
    async byKeyHash(keyHash) {
      const row = await k
        .selectFrom("integrations")
        .selectAll()
        .where("key_hash", "=", keyHash)
        .executeTakeFirst();
      return row ? fromRow(row) : undefined;
    },
    async get(id) {
      const row = await k
        .selectFrom("integrations")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? fromRow(row) : undefined;
    },
    async list() {
      const rows = await k.selectFrom("integrations").selectAll().orderBy("created_at").execute();
      return rows.map((r) => {
        const { key_hash: _hash, ...rest } = fromRow(r);
        return rest;
      });
    },
    async delete(id) {
      const res = await k.deleteFrom("integrations").where("id", "=", id).executeTakeFirst();
      return Number(res.numDeletedRows) > 0;
    },
  };
}
