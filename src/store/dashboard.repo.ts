import { type ExpressionBuilder, type Kysely, type SqlBool, sql } from "kysely";
import { ACTIVE_PHASES, type IncidentPhase } from "../domain/incident/phase.js";
import type {
  DashboardScope,
  DashboardStore,
  IncidentSummary,
} from "../response/dashboard.types.js";
import type { Db } from "./connect.js";
import type { Database } from "./database.js";
import { entryFromRow, taskFromRow } from "./incident.rows.js";
import { incidentVisibleTo } from "./visibility.sql.js";
import { withoutJit } from "./without-jit.js";

const SUMMARY = [
  "incidents.id as i_id",
  "incidents.human_id as i_human_id",
  "incidents.title as i_title",
  "incidents.severity as i_severity",
  "incidents.phase as i_phase",
] as const;

type SummaryColumns = {
  i_id: string;
  i_human_id: string;
  i_title: string;
  i_severity: string;
  i_phase: string;
};

const summaryOf = (r: SummaryColumns): IncidentSummary => ({
  id: r.i_id,
  human_id: r.i_human_id,
  title: r.i_title,
  severity: r.i_severity,
  phase: r.i_phase as IncidentPhase,
});

/** Open, not an exercise, and visible to the scope's person. */
function openIn(scope: DashboardScope) {
  return (eb: ExpressionBuilder<Database, "incidents">) =>
    eb.and([
      // `in` the active phases, not `not in` the ended ones: the same rows, but a range of the
      // phase index instead of a pass over every incident (or every task) ever recorded.
      eb("incidents.phase", "in", ACTIVE_PHASES),
      eb("incidents.exercise", "=", 0),
      ...(scope.visibleTo === undefined ? [] : [incidentVisibleTo(scope.visibleTo)(eb)]),
    ]);
}

/** The dashboard's reads across open incidents (response/dashboard.types.ts). */
export function dashboardRepo(db: Db): DashboardStore {
  const k: Kysely<Database> = db.kysely;
  return {
    async recentActivity(scope, limit) {
      // Newest first by the (recorded_at, seq) index (migration 0034): the walk stops after
      // `limit` entries of open incidents instead of reading every open incident's whole
      // timeline. A cross join because SQLite keeps the order of the tables of one (timeline
      // outside) where it otherwise started from the open incidents; PostgreSQL plans it as the
      // inner join it is.
      const rows = await k
        .selectFrom("timeline")
        .crossJoin("incidents")
        .whereRef("incidents.id", "=", "timeline.incident_id")
        .selectAll("timeline")
        .select(SUMMARY)
        .where(openIn(scope))
        .orderBy("timeline.recorded_at", "desc")
        .orderBy("timeline.seq", "desc")
        .limit(limit)
        .execute();
      return rows.map((r) => ({ incident: summaryOf(r), entry: entryFromRow(r) }));
    },

    async openTasks(scope, which, limit) {
      const rows = await withoutJit(k, db.dialect, (q) =>
        q
          .selectFrom("tasks")
          .innerJoin("incidents", "incidents.id", "tasks.incident_id")
          .selectAll("tasks")
          .select(SUMMARY)
          .where(openIn(scope))
          // Written out, not bound: the partial index tasks_unfinished (migration 0034) holds the
          // rows of this very condition, and a planner matches it only against literal values.
          .where(sql<SqlBool>`tasks.status not in ('done', 'skipped')`)
          .$if(which.dueBefore !== undefined, (q) =>
            q.where("tasks.due_at", "<", which.dueBefore as string),
          )
          .$if(which.assignee !== undefined, (q) =>
            q.where("tasks.assignee", "=", which.assignee as string),
          )
          // Undated tasks last on both databases (PostgreSQL sorts nulls first when descending
          // only; SQLite sorts them first ascending).
          .orderBy((eb) => eb.case().when("tasks.due_at", "is", null).then(1).else(0).end())
          .orderBy("tasks.due_at")
          .orderBy("tasks.position")
          .limit(limit)
          .execute(),
      );
      return rows.map((r) => ({ incident: summaryOf(r), task: taskFromRow(r) }));
    },
  };
}
