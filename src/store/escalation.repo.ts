import type {
  AckNonceStore,
  EscalationState,
  EscalationStatus,
  EscalationStore,
  SecretStore,
} from "../comms/escalation/escalation.types.js";
import type { Db } from "./connect.js";
import type { EscalationsTable } from "./tables/escalation.js";

function toState(r: EscalationsTable): EscalationState {
  const round = Number(r.round);
  const step = Number(r.step);
  return {
    incident_id: r.incident_id,
    run: Number(r.run),
    severity: r.severity,
    status: r.status as EscalationStatus,
    last: step >= 0 && r.last_paged_at ? { round, step, at: r.last_paged_at } : null,
    next:
      r.next_at !== null && r.next_round !== null && r.next_step !== null
        ? { round: Number(r.next_round), step: Number(r.next_step), at: r.next_at }
        : null,
    started_at: r.started_at,
    updated_at: r.updated_at,
  };
}

function toRow(s: EscalationState): EscalationsTable {
  return {
    incident_id: s.incident_id,
    run: s.run,
    severity: s.severity,
    status: s.status,
    round: s.last?.round ?? 0,
    step: s.last?.step ?? -1,
    last_paged_at: s.last?.at ?? null,
    next_round: s.next?.round ?? null,
    next_step: s.next?.step ?? null,
    next_at: s.next?.at ?? null,
    started_at: s.started_at,
    updated_at: s.updated_at,
  };
}

/** Escalation state per incident. */
export function escalationRepo(db: Db): EscalationStore {
  const k = db.kysely;
  return {
    async get(incidentId) {
      const row = await k
        .selectFrom("escalations")
        .selectAll()
        .where("incident_id", "=", incidentId)
        .executeTakeFirst();
      return row ? toState(row) : undefined;
    },
    async put(state) {
      const { incident_id: _id, ...rest } = toRow(state);
      await k
        .insertInto("escalations")
        .values(toRow(state))
        .onConflict((oc) => oc.column("incident_id").doUpdateSet(rest))
        .execute();
    },
  };
}

/** Used acknowledgement-link nonces. */
export function ackNonceRepo(db: Db): AckNonceStore {
  return {
    async use(nonce, incidentId, recipient, at) {
      const result = await db.kysely
        .insertInto("ack_nonces")
        .values({ nonce, incident_id: incidentId, recipient, used_at: at.toISOString() })
        .onConflict((oc) => oc.column("nonce").doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async isUsed(nonce) {
      const row = await db.kysely
        .selectFrom("ack_nonces")
        .select("nonce")
        .where("nonce", "=", nonce)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

/** Generated server secrets. */
export function secretRepo(db: Db): SecretStore {
  return {
    async getOrCreate(name, generated, now) {
      await db.kysely
        .insertInto("server_secrets")
        .values({ name, value: generated, created_at: now.toISOString() })
        .onConflict((oc) => oc.column("name").doNothing())
        .execute();
      const row = await db.kysely
        .selectFrom("server_secrets")
        .select("value")
        .where("name", "=", name)
        .executeTakeFirstOrThrow();
      return row.value;
    },
  };
}
