import type { IncidentPhase } from "../domain/incident/phase.js";
import type { Problem, ProblemState } from "../domain/problem.js";
import type { ProblemStore } from "../response/problem.types.js";
import type { Db } from "./connect.js";
import { findByRef, nextHumanId } from "./human-ids.js";
import { newestFirstPage } from "./keyset-page.js";
import type { ProblemsTable } from "./tables/incidents.js";
import { whereContainsText } from "./text-search.sql.js";
import { updateAtVersion } from "./versioned-update.js";

const fromRow = (r: ProblemsTable): Problem => ({
  ...r,
  state: r.state as ProblemState,
  version: Number(r.version),
});

/** Problems and their links to incidents (tables from 0002, columns added by 0005). */
export function problemRepo(db: Db): ProblemStore {
  const k = db.kysely;
  return {
    nextHumanId: (prefix, year) => nextHumanId(k, prefix, year),

    async create(problem, incidentIds, linkedAt) {
      await k.transaction().execute(async (tx) => {
        await tx.insertInto("problems").values(problem).execute();
        if (incidentIds.length > 0)
          await tx
            .insertInto("problem_incidents")
            .values(
              incidentIds.map((incident_id) => ({
                problem_id: problem.id,
                incident_id,
                linked_at: linkedAt,
              })),
            )
            .execute();
      });
    },

    async get(ref) {
      const row = await findByRef(k, "problems", ref);
      return row ? fromRow(row) : undefined;
    },

    async list(filter, limit, cursor) {
      let q = k.selectFrom("problems").selectAll();
      if (filter.state?.length) q = q.where("state", "in", filter.state);
      if (filter.incident) {
        const incident = filter.incident;
        q = q.where("id", "in", (eb) =>
          eb
            .selectFrom("problem_incidents")
            .select("problem_id")
            .where("incident_id", "=", incident),
        );
      }
      if (filter.q) q = whereContainsText(q, filter.q, ["title", "human_id"]);
      return newestFirstPage(q, "problems", limit, cursor, fromRow);
    },

    async incidents(problemId) {
      const rows = await k
        .selectFrom("problem_incidents as pi")
        .innerJoin("incidents as i", "i.id", "pi.incident_id")
        .select([
          "pi.incident_id",
          "i.human_id",
          "i.title",
          "i.phase",
          "i.severity",
          "pi.linked_at",
        ])
        .where("pi.problem_id", "=", problemId)
        .orderBy("pi.linked_at")
        .orderBy("i.human_id")
        .execute();
      return rows.map((r) => ({ ...r, phase: r.phase as IncidentPhase }));
    },

    async update(problem, expectedVersion, link) {
      return k.transaction().execute(async (tx) => {
        if (!(await updateAtVersion(tx, "problems", problem, expectedVersion))) return false;
        if (link?.incidentIds.length)
          await tx
            .insertInto("problem_incidents")
            .values(
              link.incidentIds.map((incident_id) => ({
                problem_id: problem.id,
                incident_id,
                linked_at: link.at,
              })),
            )
            .onConflict((oc) => oc.columns(["problem_id", "incident_id"]).doNothing())
            .execute();
        return true;
      });
    },
  };
}
