import type { Kysely, Transaction } from "kysely";
import { canonicalJson } from "../domain/canonical-json.js";
import { DomainError } from "../domain/errors.js";
import type { NewTimelineEntry } from "../domain/incident/model.js";
import { ACTIVE_PHASES } from "../domain/incident/phase.js";
import { entryHash } from "../domain/incident/timeline-chain.js";
import { checkTimelineEntry } from "../domain/incident/timeline-kinds.js";
import { stepCounts } from "../domain/metrics.js";
import type { IncidentChange, IncidentStore, MergeMove } from "../response/incident.types.js";
import type { Db } from "./connect.js";
import type { Database } from "./database.js";
import { findByRef, idOrHumanId, nextHumanId } from "./human-ids.js";
import {
  entryFromRow,
  incidentFromRow,
  incidentToRow,
  taskFromRow,
  taskToRow,
} from "./incident.rows.js";
import { durationColumns, metricCells, refreshStepCounts } from "./incident-metrics.sql.js";
import { keyedLock } from "./keyed-lock.js";
import { newestFirstPage } from "./keyset-page.js";
import { memberMethods } from "./member.repo.js";
import { whereContainsText } from "./text-search.sql.js";
import { notifyTimeline } from "./timeline-notify.js";
import { incidentVisibleTo } from "./visibility.sql.js";

const num = (r: { [k: string]: unknown }, k: string) => Number(r[k]);

/**
 * Appends entries to an incident's hash chain. Must run inside the transaction that changed the
 * incident: the incident's version check serialises writers, so `seq` and `prev_hash` are read
 * from a chain nobody else is extending. They come from the head the incident row keeps, not from
 * the chain's last row, so a removed tail stays a gap `verify` names instead of being papered over
 * by the next append; the row's head moves in the same transaction. An entry of an unknown kind
 * or with a payload its kind does not allow is refused before anything is chained: once chained,
 * it could not be corrected.
 */
async function appendTimeline(
  tx: Transaction<Database>,
  incidentId: string,
  entries: NewTimelineEntry[],
  now: string,
) {
  if (entries.length === 0) return;
  for (const e of entries) checkTimelineEntry(e);
  const head = await tx
    .selectFrom("incidents")
    .select(["timeline_head", "timeline_entries"])
    .where("id", "=", incidentId)
    .executeTakeFirstOrThrow();
  let seq = Number(head.timeline_entries);
  let prev = head.timeline_head;
  for (const e of entries) {
    seq++;
    const content = {
      incident_id: incidentId,
      seq,
      recorded_at: now,
      occurred_at: e.occurred_at ?? null,
      actor: canonicalJson(e.actor),
      kind: e.kind,
      payload: canonicalJson(e.payload),
    };
    const hash = entryHash(prev, content);
    await tx
      .insertInto("timeline")
      .values({ ...content, prev_hash: prev, hash })
      .execute();
    prev = hash;
  }
  await tx
    .updateTable("incidents")
    .set({ timeline_head: prev, timeline_entries: seq })
    .where("id", "=", incidentId)
    .execute();
  await notifyTimeline(tx, { incident_id: incidentId, seq });
}

/**
 * Writes one change in `tx`: the incident row only if it is still at `expectedVersion` (false and
 * nothing written otherwise), then its tasks, roles, evidence, indicators, assets and timeline.
 */
async function writeChange(tx: Transaction<Database>, change: IncidentChange): Promise<boolean> {
  const { version: _v, ...row } = incidentToRow(change.incident);
  const updated = await tx
    .updateTable("incidents")
    .set({ ...row, ...durationColumns(change.incident), version: change.expectedVersion + 1 })
    .where("id", "=", change.incident.id)
    .where("version", "=", change.expectedVersion)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return false;
  const now = change.incident.updated_at;
  if (change.insertTasks?.length)
    await tx.insertInto("tasks").values(change.insertTasks.map(taskToRow)).execute();
  for (const t of change.updateTasks ?? [])
    await tx.updateTable("tasks").set(taskToRow(t)).where("id", "=", t.id).execute();
  if (change.insertRoles?.length)
    await tx.insertInto("role_assignments").values(change.insertRoles).execute();
  for (const r of change.endRoles ?? [])
    await tx
      .updateTable("role_assignments")
      .set({ ended_at: r.ended_at })
      .where("id", "=", r.id)
      .execute();
  if (change.insertEvidence?.length)
    await tx.insertInto("evidence").values(change.insertEvidence).execute();
  for (const e of change.updateEvidence ?? [])
    await tx.updateTable("evidence").set(e).where("id", "=", e.id).execute();
  if (change.insertCustody?.length)
    await tx.insertInto("custody_transfers").values(change.insertCustody).execute();
  if (change.insertIndicators?.length)
    await tx.insertInto("indicators").values(change.insertIndicators).execute();
  for (const a of change.upsertAssets ?? [])
    await tx
      .insertInto("assets")
      .values(a)
      .onConflict((oc) =>
        oc
          .columns(["incident_id", "name"])
          .doUpdateSet({ kind: a.kind, status: a.status, updated_at: a.updated_at }),
      )
      .execute();
  await refreshStepCounts(tx, change.incident.id, change.incident.phase);
  await appendTimeline(tx, change.incident.id, change.timeline, now);
  if (change.merge) await moveToSurvivor(tx, change.incident.id, change.merge);
  return true;
}

/**
 * Moves a merged incident's records to the surviving incident and writes the survivor's change,
 * in the merged incident's transaction. Custody transfers follow their evidence. A survivor that
 * changed meanwhile throws (rolling back both changes) rather than answering false: by then the
 * merged incident's change is written in this transaction and false would leave it committed.
 */
async function moveToSurvivor(tx: Transaction<Database>, fromId: string, move: MergeMove) {
  const to = move.into.incident.id;
  const now = move.into.incident.updated_at;
  await tx
    .updateTable("alerts")
    .set({ incident_id: to, updated_at: now })
    .where("incident_id", "=", fromId)
    .execute();
  for (const [table, ids] of [
    ["evidence", move.evidence],
    ["indicators", move.indicators],
    ["assets", move.assets],
  ] as const)
    if (ids.length > 0)
      await tx
        .updateTable(table)
        .set({ incident_id: to })
        .where("incident_id", "=", fromId)
        .where("id", "in", ids)
        .execute();
  if (!(await writeChange(tx, move.into)))
    throw new DomainError(
      "conflict",
      `${move.into.incident.human_id} changed while merging into it; nothing was merged, try again`,
    );
}

/** An incident's tasks in checklist order, read through `q` (the pool or a transaction). */
async function tasksOf(q: Kysely<Database>, incidentId: string) {
  const rows = await q
    .selectFrom("tasks")
    .selectAll()
    .where("incident_id", "=", incidentId)
    .orderBy("position")
    .orderBy("created_at")
    .execute();
  return rows.map(taskFromRow);
}

/** Serialises changes per incident in this process; at most 4 hold a PostgreSQL connection. */
const LOCKED_AT_ONCE = 4;

export function incidentRepo(db: Db): IncidentStore {
  const k: Kysely<Database> = db.kysely;
  const locks = keyedLock(LOCKED_AT_ONCE);
  return {
    ...memberMethods(k),
    nextHumanId: (prefix, year) => nextHumanId(k, prefix, year),

    async create(incident, tasks, timeline, roles) {
      await k.transaction().execute(async (tx) => {
        const steps = stepCounts(tasks, incident.phase);
        await tx
          .insertInto("incidents")
          .values({
            ...incidentToRow(incident),
            ...durationColumns(incident),
            steps_on_time: steps.on_time,
            steps_late: steps.late,
            steps_skipped: steps.skipped,
            steps_not_done: steps.not_done,
          })
          .execute();
        if (tasks.length > 0) await tx.insertInto("tasks").values(tasks.map(taskToRow)).execute();
        if (roles.length > 0) await tx.insertInto("role_assignments").values(roles).execute();
        await appendTimeline(tx, incident.id, timeline, incident.updated_at);
      });
    },

    async get(ref) {
      const row = await findByRef(k, "incidents", ref);
      return row ? incidentFromRow(row) : undefined;
    },

    async list(filter, limit, cursor) {
      let q = k.selectFrom("incidents").selectAll();
      if (filter.phase?.length) q = q.where("phase", "in", filter.phase);
      if (filter.severity?.length) q = q.where("severity", "in", filter.severity);
      if (filter.type?.length) q = q.where("type", "in", filter.type);
      if (!filter.exercise) q = q.where("exercise", "=", 0);
      // The active phases (an index range), not "not ended" (a pass over all history).
      if (filter.open) q = q.where("phase", "in", ACTIVE_PHASES);
      if (filter.q) q = whereContainsText(q, filter.q, ["title", "human_id"]);
      if (filter.visibleTo !== undefined) q = q.where(incidentVisibleTo(filter.visibleTo));
      return newestFirstPage(q, "incidents", limit, cursor, incidentFromRow);
    },

    async tasks(incidentId) {
      return tasksOf(k, incidentId);
    },

    metricCells: (scope) => metricCells(k, db.dialect, scope),

    async timeline(incidentId, afterSeq = 0) {
      const rows = await k
        .selectFrom("timeline")
        .selectAll()
        .where("incident_id", "=", incidentId)
        .where("seq", ">", afterSeq)
        .orderBy("seq")
        .execute();
      return rows.map(entryFromRow);
    },

    async timelineRows(incidentId) {
      const rows = await k
        .selectFrom("timeline")
        .selectAll()
        .where("incident_id", "=", incidentId)
        .orderBy("seq")
        .execute();
      return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
    },

    async timelineHead(incidentId) {
      const row = await k
        .selectFrom("incidents")
        .select(["timeline_head", "timeline_entries"])
        .where("id", "=", incidentId)
        .executeTakeFirstOrThrow();
      return { hash: row.timeline_head, entries: Number(row.timeline_entries) };
    },

    async roles(incidentId) {
      const rows = await k
        .selectFrom("role_assignments")
        .selectAll()
        .where("incident_id", "=", incidentId)
        .orderBy("assigned_at")
        .execute();
      return rows.map((r) => ({ ...r }));
    },

    async evidence(incidentId) {
      const rows = await k
        .selectFrom("evidence")
        .selectAll()
        .where("incident_id", "=", incidentId)
        .orderBy("created_at")
        .execute();
      return rows.map((r) => ({ ...r, size: num(r, "size") }));
    },

    async custody(evidenceId) {
      return k
        .selectFrom("custody_transfers")
        .selectAll()
        .where("evidence_id", "=", evidenceId)
        .orderBy("at")
        .execute();
    },

    async indicators(incidentId) {
      return k
        .selectFrom("indicators")
        .selectAll()
        .where("incident_id", "=", incidentId)
        .orderBy("created_at")
        .execute();
    },

    async hiddenFrom(person) {
      return k
        .selectFrom("incidents")
        .select(["id", "human_id"])
        .where("restricted", "=", 1)
        .where((eb) => eb.not(incidentVisibleTo(person)(eb)))
        .execute();
    },

    async assets(incidentId) {
      return k
        .selectFrom("assets")
        .selectAll()
        .where("incident_id", "=", incidentId)
        .orderBy("name")
        .execute();
    },

    async commit(change) {
      return k.transaction().execute((tx) => writeChange(tx, change));
    },

    async withLock(ref, fn) {
      const found = await k
        .selectFrom("incidents")
        .select("id")
        .where(idOrHumanId(ref))
        .executeTakeFirst();
      if (!found) return fn(undefined);
      const id = found.id;
      return locks.run(id, async () => {
        if (db.dialect === "postgres")
          // The row lock queues other nodes' changes to this incident until this transaction ends;
          // the incident and its tasks are read after the lock is granted, so they are current.
          return k.transaction().execute(async (tx) => {
            const row = await tx
              .selectFrom("incidents")
              .selectAll()
              .where("id", "=", id)
              .forUpdate()
              .executeTakeFirstOrThrow();
            return fn({
              incident: incidentFromRow(row),
              tasks: await tasksOf(tx, id),
              commit: (change) => writeChange(tx, change),
            });
          });
        // SQLite allows one writer, and Kysely runs it on one connection: a transaction held while
        // `fn` computes would block `fn`'s own reads. The in-process lock serialises this
        // process's changes; the commit's version check catches another process's write.
        const row = await k
          .selectFrom("incidents")
          .selectAll()
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        return fn({
          incident: incidentFromRow(row),
          tasks: await tasksOf(k, id),
          commit: (change) => k.transaction().execute((tx) => writeChange(tx, change)),
        });
      });
    },
  };
}
