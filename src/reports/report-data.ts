import { type ClockRecord, type ClockStatus, computeClocks } from "../compliance/clocks.js";
import type { StoredDocument } from "../documents/document.types.js";
import type { ProcedureDocument } from "../documents/procedure.schema.js";
import type { Actor } from "../domain/actor.js";
import type { IncidentTechnique } from "../domain/attack/incident-techniques.js";
import type {
  Asset,
  CustodyTransfer,
  Evidence,
  Incident,
  Indicator,
  RoleAssignment,
  Task,
  TimelineEntry,
} from "../domain/incident/model.js";
import type { Problem } from "../domain/problem.js";
import { type ActionItemView, listActionItems } from "../postincident/action-list.js";
import type { LessonsReview, Rca } from "../postincident/postincident.types.js";
import { incidentTechniques } from "../response/attack.service.js";
import { type ChangesBefore, changesBefore } from "../response/changes.service.js";
import { getIncident } from "../response/incident.service.js";
import { pinnedPlan, severityIds } from "../response/plan-context.js";
import type { ReportDeps } from "./report.types.js";

/** Everything a report is rendered from: the incident's record, read once, never re-typed. */
export interface ReportData {
  incident: Incident;
  plan: StoredDocument<"plan">;
  procedure: StoredDocument<"procedure"> | undefined;
  tasks: Task[];
  timeline: TimelineEntry[];
  evidence: (Evidence & { custody: CustodyTransfer[] })[];
  indicators: Indicator[];
  assets: Asset[];
  roles: RoleAssignment[];
  rcas: Rca[];
  lessons: LessonsReview | undefined;
  actionItems: ActionItemView[];
  problems: Problem[];
  clocks: ClockStatus[];
  /** The changes that touched its assets or services before its first activity. */
  changes: ChangesBefore;
  /** ATT&CK techniques: from its alerts' Sigma tags and added by hand. */
  techniques: IncidentTechnique[];
  now: Date;
}

/** The procedure step behind a task, if it came from the pinned procedure. */
export function stepOf(procedure: ProcedureDocument | undefined, task: Task) {
  if (!procedure || !task.step_id) return undefined;
  return Object.values(procedure.steps)
    .flat()
    .find((s) => s.id === task.step_id);
}

/** Reads the incident's whole record for rendering. */
export async function reportData(
  deps: ReportDeps,
  ref: string,
  viewer: Actor | undefined,
): Promise<ReportData> {
  const incident = await getIncident(deps, ref, viewer);
  const now = deps.clock.now();
  const plan = await pinnedPlan(deps, incident);
  const procedure = (await deps.documents.get(
    "procedure",
    incident.procedure_id,
    incident.procedure_version,
  )) as StoredDocument<"procedure"> | undefined;
  const [tasks, timeline, evidence, indicators, assets, roles, rcas, lessons, links] =
    await Promise.all([
      deps.incidents.tasks(incident.id),
      deps.incidents.timeline(incident.id),
      deps.incidents.evidence(incident.id),
      deps.incidents.indicators(incident.id),
      deps.incidents.assets(incident.id),
      deps.incidents.roles(incident.id),
      deps.postincident.listRcas({ incident: incident.id }),
      deps.postincident.getLessons(incident.id),
      deps.problems.list({ incident: incident.id }, 200),
    ]);
  // Analyses of problems this incident is linked to speak about it too.
  for (const p of links.items) rcas.push(...(await deps.postincident.listRcas({ problem: p.id })));
  const t = incident.times;
  const recorded = deps.clockRecords
    ? await deps.clockRecords.records([incident.id])
    : { notifications: [], stops: [] };
  const records: Record<string, ClockRecord> = {};
  const slot = (id: string): ClockRecord => {
    records[id] ??= {};
    return records[id];
  };
  for (const n of recorded.notifications)
    slot(n.obligation_id).notifications = [...(slot(n.obligation_id).notifications ?? []), n];
  for (const s of recorded.stops) slot(s.obligation_id).stop = { reason: s.reason, at: s.at };
  const clocks = computeClocks(
    plan.body.compliance,
    {
      severity: incident.severity,
      type: incident.type,
      attributes: incident.attributes,
      events: {
        awareness: t.detected_at,
        discovery: t.detected_at,
        declaration: t.declared_at,
        classification: t.classified_at,
        determination: t.determined_at,
      },
    },
    records,
    { now, severities: severityIds(plan.body) },
  );
  return {
    incident,
    plan,
    procedure,
    tasks,
    timeline,
    evidence: await Promise.all(
      evidence.map(async (e) => ({ ...e, custody: await deps.incidents.custody(e.id) })),
    ),
    indicators,
    assets,
    roles,
    rcas,
    lessons,
    actionItems: await listActionItems(deps, { incident: incident.id, limit: 1000 }, now),
    problems: links.items,
    clocks,
    changes: await changesBefore(deps, incident),
    techniques: await incidentTechniques(deps, incident.id),
    now,
  };
}
