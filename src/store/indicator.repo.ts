import type { IncidentPhase } from "../domain/incident/phase.js";
import type { IndicatorIndex } from "../response/indicator.types.js";
import type { Db } from "./connect.js";
import { notInHiddenIncident } from "./visibility.sql.js";

/** The cross-incident indicator lookup, over the (type, value) index of 0002. */
export function indicatorRepo(db: Db): IndicatorIndex {
  return {
    async sightings(readings, { exercise = false, limit, visibleTo }) {
      if (readings.length === 0) return [];
      let q = db.kysely
        .selectFrom("indicators as ind")
        .innerJoin("incidents as inc", "inc.id", "ind.incident_id")
        .select([
          "ind.id",
          "ind.incident_id",
          "ind.type",
          "ind.value",
          "ind.description",
          "ind.created_at",
          "ind.created_by",
          "inc.human_id",
          "inc.title",
          "inc.type as incident_type",
          "inc.severity",
          "inc.phase",
          "inc.declared_at",
          "inc.restricted",
          "inc.exercise",
        ])
        .where((eb) =>
          eb.or(
            readings.map((r) =>
              eb.and([eb("ind.type", "=", r.type), eb("ind.value", "=", r.value)]),
            ),
          ),
        );
      if (!exercise) q = q.where("inc.exercise", "=", 0);
      if (visibleTo !== undefined) q = q.where(notInHiddenIncident(visibleTo, "ind.incident_id"));
      const rows = await q
        .orderBy("inc.declared_at", "desc")
        .orderBy("ind.created_at")
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        indicator: {
          id: r.id,
          incident_id: r.incident_id,
          type: r.type,
          value: r.value,
          description: r.description,
          created_at: r.created_at,
          created_by: r.created_by,
        },
        incident: {
          id: r.incident_id,
          human_id: r.human_id,
          title: r.title,
          type: r.incident_type,
          severity: r.severity,
          phase: r.phase as IncidentPhase,
          declared_at: r.declared_at,
          restricted: Boolean(r.restricted),
          exercise: Boolean(r.exercise),
        },
      }));
    },
  };
}
