import { sql } from "kysely";
import type { AuditRow, AuditStore } from "../audit/audit.types.js";
import { auditLinkContent } from "../audit/audit-link.js";
import { GENESIS_HASH, linkHash } from "../domain/hash-chain.js";
import type { Db } from "./connect.js";
import { isUniqueViolation } from "./identity.repo.js";

/** Any fixed number: the PostgreSQL advisory lock that serialises audit appends across nodes. */
const AUDIT_LOCK = 7_201_000;

const fromRow = (r: AuditRow): AuditRow => ({
  ...r,
  seq: Number(r.seq),
  incident_entries: r.incident_entries === null ? null : Number(r.incident_entries),
});

/**
 * The audit log: one hash chain over the whole table. An append reads the chain's end and adds
 * the next link in one transaction; on PostgreSQL an advisory lock makes nodes take turns, and
 * on either dialect the primary key on `seq` turns a lost race into a retry, never a fork. An
 * entry about an incident copies the incident row's timeline head, and `audit_head` moves to the
 * new end, in the same transaction.
 */
export function auditRepo(db: Db): AuditStore {
  const k = db.kysely;
  return {
    async append(content, incident) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await k.transaction().execute(async (tx) => {
            if (db.dialect === "postgres")
              await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
            const last = await tx
              .selectFrom("audit_log")
              .select(["seq", "hash"])
              .orderBy("seq", "desc")
              .limit(1)
              .executeTakeFirst();
            const seq = last ? Number(last.seq) + 1 : 1;
            const prev = last?.hash ?? GENESIS_HASH;
            const about = incident
              ? await tx
                  .selectFrom("incidents")
                  .select(["id", "timeline_head", "timeline_entries"])
                  .where((eb) =>
                    eb.or([eb("id", "=", incident), eb("human_id", "=", incident.toUpperCase())]),
                  )
                  .executeTakeFirst()
              : undefined;
            const row = {
              seq,
              ...content,
              incident_id: about?.id ?? null,
              incident_head: about?.timeline_head ?? null,
              incident_entries: about ? Number(about.timeline_entries) : null,
            };
            const stored = { ...row, prev_hash: prev, hash: linkHash(prev, auditLinkContent(row)) };
            await tx.insertInto("audit_log").values(stored).execute();
            await tx
              .insertInto("audit_head")
              .values({ id: 1, hash: stored.hash, entries: seq })
              .onConflict((oc) => oc.column("id").doUpdateSet({ hash: stored.hash, entries: seq }))
              .execute();
            return stored;
          });
        } catch (e) {
          if (!isUniqueViolation(e) || attempt >= 20) throw e;
        }
      }
    },

    async list(filter, limit) {
      let q = k.selectFrom("audit_log").selectAll();
      if (filter.after !== undefined) q = q.where("seq", ">", filter.after);
      if (filter.before !== undefined) q = q.where("seq", "<", filter.before);
      if (filter.action) q = q.where("action", "=", filter.action);
      const rows = await q
        .orderBy("seq", filter.order ?? "desc")
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },

    async storedHead() {
      const row = await k.selectFrom("audit_head").select(["hash", "entries"]).executeTakeFirst();
      return row && { hash: row.hash, entries: Number(row.entries) };
    },

    async timelineAt(incidentId, seq) {
      const incident = await k
        .selectFrom("incidents")
        .select("human_id")
        .where("id", "=", incidentId)
        .executeTakeFirst();
      if (!incident) return undefined;
      const entry = await k
        .selectFrom("timeline")
        .select("hash")
        .where("incident_id", "=", incidentId)
        .where("seq", "=", seq)
        .executeTakeFirst();
      return { human_id: incident.human_id, hash: entry?.hash ?? null };
    },
  };
}
