import type { Kysely } from "kysely";
import type { TaskStatus } from "../domain/incident/task.js";
import type { ActionStatus } from "../domain/post-incident-states.js";
import type {
  ActionItem,
  ActionItemStore,
  FollowUpTask,
} from "../postincident/postincident.types.js";
import type { Db } from "./connect.js";
import type { Database } from "./database.js";
import { findByRef, nextHumanId } from "./human-ids.js";
import type { ActionItemsTable } from "./tables/postincident.js";
import { updateAtVersion } from "./versioned-update.js";
import { notInHiddenIncident } from "./visibility.sql.js";

const fromRow = (r: ActionItemsTable): ActionItem => ({
  ...r,
  status: r.status as ActionStatus,
  version: Number(r.version),
});

/** Tasks that still count as open work: not done and not skipped. */
const OPEN_TASK: TaskStatus[] = ["open", "in_progress", "blocked"];

/** Action items (table from 0007), and follow-up tasks of ended incidents read beside them. */
export function actionItemRepo(db: Db): ActionItemStore {
  const k: Kysely<Database> = db.kysely;
  return {
    nextHumanId: (prefix, year) => nextHumanId(k, prefix, year),

    async create(item) {
      await k.insertInto("action_items").values(item).execute();
    },

    async get(ref) {
      const row = await findByRef(k, "action_items", ref);
      return row ? fromRow(row) : undefined;
    },

    async list(filter, limit) {
      let q = k.selectFrom("action_items").selectAll();
      if (filter.status?.length) q = q.where("status", "in", filter.status);
      if (filter.owner) q = q.where("owner", "=", filter.owner);
      if (filter.incident) q = q.where("incident_id", "=", filter.incident);
      if (filter.problem) q = q.where("problem_id", "=", filter.problem);
      if (filter.rca) q = q.where("rca_id", "=", filter.rca);
      if (filter.overdueAt)
        q = q.where("status", "in", ["open", "in_progress"]).where("due_at", "<", filter.overdueAt);
      if (filter.visibleTo !== undefined)
        q = q.where(notInHiddenIncident(filter.visibleTo, "action_items.incident_id"));
      const rows = await q.orderBy("due_at").orderBy("human_id").limit(limit).execute();
      return rows.map(fromRow);
    },

    update: (item, expectedVersion) => updateAtVersion(k, "action_items", item, expectedVersion),

    async followUpTasks(filter) {
      let q = k
        .selectFrom("tasks as t")
        .innerJoin("incidents as i", "i.id", "t.incident_id")
        .select([
          "t.id as task_id",
          "t.incident_id",
          "i.human_id as incident_human_id",
          "i.title as incident_title",
          "t.title",
          "t.assignee",
          "t.role",
          "t.due_at",
          "t.status",
          "t.created_at",
          "t.completed_at",
        ])
        .where("t.follow_up", "=", 1)
        .where("i.phase", "=", "closed")
        .where("i.exercise", "=", 0);
      if (filter.incident) q = q.where("t.incident_id", "=", filter.incident);
      if (filter.overdueAt)
        q = q.where("t.status", "in", OPEN_TASK).where("t.due_at", "<", filter.overdueAt);
      if (filter.visibleTo !== undefined)
        q = q.where(notInHiddenIncident(filter.visibleTo, "t.incident_id"));
      const rows: FollowUpTask[] = await q.orderBy("t.due_at").orderBy("t.created_at").execute();
      return rows;
    },
  };
}
