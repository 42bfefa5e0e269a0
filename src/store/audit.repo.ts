import { sql } from "kysely";
import type { AuditRow, AuditStore } from "../audit/audit.types.js";
import { GENESIS_HASH, linkHash } from "../domain/hash-chain.js";
import type { Db } from "./connect.js";
import { isUniqueViolation } from "./identity.repo.js";

/** Any fixed number: the PostgreSQL advisory lock that serialises audit appends across nodes. */
const AUDIT_LOCK = 7_201_000;

const fromRow = (r: AuditRow): AuditRow => ({ ...r, seq: Number(r.seq) });

/**
 * The audit log: one hash chain over the whole table. An append reads the chain's end and adds
 * the next link in one transaction; on PostgreSQL an advisory lock makes nodes take turns, and
 * on either dialect the primary key on `seq` turns a lost race into a retry, never a fork.
 */
export function auditRepo(db: Db): AuditStore {
  const k = db.kysely;
  return {
    async append(content) {
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
            const row = { seq, ...content };
            const stored = { ...row, prev_hash: prev, hash: linkHash(prev, row) };
            await tx.insertInto("audit_log").values(stored).execute();
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
  };
}
