import type { TaggedAlert, TechniqueChange } from "../domain/attack/incident-techniques.js";
import type { AttackStore } from "../response/attack.types.js";
import type { Db } from "./connect.js";

/** Parameters per query: far below SQLite's and PostgreSQL's limits, however many incidents. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * The raw material of incidents' ATT&CK techniques, over the `alerts_incident` index and the
 * timeline's (incident_id, seq) key: only rows of the given incidents are read, and of alerts
 * only those whose tags mention `attack.` at all.
 */
export function attackRepo(db: Db): AttackStore {
  const k = db.kysely;
  return {
    async taggedAlerts(incidentIds) {
      const out: (TaggedAlert & { incident_id: string })[] = [];
      for (const ids of chunks(incidentIds)) {
        const rows = await k
          .selectFrom("alerts")
          .select(["id", "incident_id", "tags"])
          .where("incident_id", "in", ids)
          .where("tags", "like", "%attack.%")
          .orderBy("first_seen")
          .orderBy("id")
          .execute();
        for (const r of rows)
          out.push({ id: r.id, incident_id: r.incident_id as string, tags: JSON.parse(r.tags) });
      }
      return out;
    },
    async techniqueChanges(incidentIds) {
      const out: (TechniqueChange & { incident_id: string })[] = [];
      for (const ids of chunks(incidentIds)) {
        const rows = await k
          .selectFrom("timeline")
          .select(["incident_id", "kind", "payload"])
          .where("incident_id", "in", ids)
          .where("kind", "in", ["attack.technique_added", "attack.technique_removed"])
          .orderBy("incident_id")
          .orderBy("seq")
          .execute();
        for (const r of rows)
          out.push({
            incident_id: r.incident_id,
            kind: r.kind as TechniqueChange["kind"],
            payload: JSON.parse(r.payload) as TechniqueChange["payload"],
          });
      }
      return out;
    },
  };
}
