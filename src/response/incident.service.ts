import { findVisibleIncident } from "../auth/incident-visibility.js";
import { currentPlan } from "../documents/document.service.js";
import type { StoredDocument } from "../documents/document.types.js";
import type { PlanDocument } from "../documents/plan.schema.js";
import type { ProcedureDocument } from "../documents/procedure.schema.js";
import type { Actor } from "../domain/actor.js";
import { describeActor } from "../domain/actor.js";
import { invalidInput, notFound } from "../domain/errors.js";
import type { Incident, NewTimelineEntry, RoleAssignment, Task } from "../domain/incident/model.js";
import { newRowId } from "../domain/row-id.js";
import { COMMANDER_ROLE, requireAuthority } from "./authority.js";
import { checklist, type TaskDraft } from "./checklist.js";
import type { ResponseDeps } from "./deps.js";
import { isoTime } from "./incident-change.js";
import { mutateIncident } from "./mutate.js";
import { phaseEntries } from "./phase-targets.js";
import {
  authorityContext,
  pinnedPlan,
  requireSeverity,
  requireType,
  severityIds,
  validateAttributes,
} from "./plan-context.js";
import { startsSetBy } from "./start-events.js";

export interface DeclareInput {
  title: string;
  type: string;
  /** Defaults to the incident type's default severity in the plan. */
  severity?: string;
  description?: string;
  attributes?: Record<string, unknown>;
  assets?: string[];
  /** ISO 8601: when the adverse activity first happened, if known. */
  first_activity_at?: string;
  /** ISO 8601: when the organisation became aware (defaults to now). */
  aware_at?: string;
  source_alerts?: string[];
  commander?: string;
  restricted?: boolean;
  exercise?: boolean;
}

/** The procedure for a type at a severity: the plan's choice if it applies, else any that does. */
async function procedureFor(
  deps: ResponseDeps,
  plan: PlanDocument,
  type: string,
  severity: string,
): Promise<StoredDocument<"procedure">> {
  const procedures = (await deps.documents.current("procedure")) as StoredDocument<"procedure">[];
  const applies = (p: ProcedureDocument) =>
    p.applies_to.incident_types.includes(type) &&
    (p.applies_to.severities.length === 0 || p.applies_to.severities.includes(severity));
  const preferred = requireType(plan, type).procedure;
  const found =
    procedures.find((p) => p.id === preferred && applies(p.body)) ??
    procedures.find((p) => applies(p.body));
  if (!found)
    throw invalidInput(`no procedure covers incident type '${type}' at severity '${severity}'`);
  return found;
}

export function taskFromDraft(incidentId: string, d: TaskDraft, now: string): Task {
  return {
    id: newRowId(),
    incident_id: incidentId,
    phase: d.phase,
    step_id: d.stepId,
    procedure_id: d.procedureId,
    procedure_version: d.procedureVersion,
    title: d.title,
    role: d.role,
    instructions: d.instructions,
    required: d.required,
    reporting: d.reporting,
    evidence_expected: d.evidenceExpected,
    due_at: d.dueAt,
    status: "open",
    assignee: null,
    skip_reason: null,
    follow_up: false,
    notes: [],
    evidence_ids: [],
    position: d.order,
    created_at: now,
    updated_at: now,
    completed_at: null,
    completed_by: null,
  };
}

/**
 * A declared time, read as every other incident time is (incident-change.ts `isoTime`): an
 * ISO 8601 date first, never in the future. Date.parse alone took "+275760-09-13…", which
 * sorts as text before today and broke the clocks' calendar arithmetic later.
 */
function isoOrThrow(field: string, value: string | undefined, now: Date): string | null {
  return value === undefined ? null : isoTime(field, value, now);
}

/**
 * Declares an incident: checks type, severity and attributes against the plan in force, pins the
 * plan and procedure versions, turns the procedure into the checklist, and opens the timeline.
 */
export async function declareIncident(
  deps: ResponseDeps,
  input: DeclareInput,
  actor: Actor,
): Promise<Incident> {
  const plan = await currentPlan(deps.documents);
  const type = requireType(plan.body, input.type);
  const severity = input.severity ?? type.default_severity;
  requireSeverity(plan.body, severity);
  const attributes = input.attributes ?? {};
  validateAttributes(plan.body, attributes);
  if (input.commander && !plan.body.team.some((p) => p.id === input.commander))
    throw invalidInput(`commander '${input.commander}' is not in the plan's team`);
  const procedure = await procedureFor(deps, plan.body, type.id, severity);

  const now = deps.clock.now();
  // Naming the commander at declaration is putting someone in command, under the same rule.
  if (input.commander)
    requireAuthority(
      {
        plan: plan.body,
        incident: { human_id: "a new incident", commander: null },
        roles: [],
        actor,
        now,
      },
      { kind: "assign_role", role: COMMANDER_ROLE },
    );
  const nowIso = now.toISOString();
  const firstActivity = isoOrThrow("first_activity_at", input.first_activity_at, now);
  const awareAt = isoOrThrow("aware_at", input.aware_at, now) ?? nowIso;
  if (firstActivity && firstActivity > awareAt)
    throw invalidInput("first_activity_at cannot be after aware_at");

  const id = newRowId();
  const humanId = await deps.incidents.nextHumanId(
    input.exercise ? "EXR" : "INC",
    now.getUTCFullYear(),
  );
  const incident: Incident = {
    id,
    human_id: humanId,
    title: input.title,
    description: input.description ?? "",
    type: type.id,
    severity,
    phase: "detection",
    commander: input.commander ?? null,
    attributes,
    source_alerts: input.source_alerts ?? [],
    plan_id: plan.id,
    plan_version: plan.version,
    procedure_id: procedure.id,
    procedure_version: procedure.version,
    restricted: input.restricted ?? false,
    exercise: input.exercise ?? false,
    merged_into: null,
    end_reason: null,
    reopen_phase: null,
    times: {
      first_activity_at: firstActivity,
      detected_at: awareAt,
      reported_at: nowIso,
      acknowledged_at: null,
      declared_at: nowIso,
      classified_at: null,
      determined_at: null,
      ...startsSetBy(plan.body, attributes, { classified_at: null, determined_at: null }, nowIso),
      contained_at: null,
      eradicated_at: null,
      recovered_at: null,
      remediation_opened_at: null,
      closed_at: null,
    },
    created_by: describeActor(actor),
    updated_at: nowIso,
    version: 1,
  };
  const drafts = checklist(
    procedure,
    { severity, type: type.id, attributes },
    severityIds(plan.body),
    now,
  );
  const tasks = drafts.map((d) => taskFromDraft(id, d, nowIso));
  const roles: RoleAssignment[] = input.commander
    ? [
        {
          id: newRowId(),
          incident_id: id,
          role: COMMANDER_ROLE,
          person: input.commander,
          assigned_at: nowIso,
          assigned_by: describeActor(actor),
          ended_at: null,
        },
      ]
    : [];
  const timeline: NewTimelineEntry[] = [
    {
      kind: "incident.declared",
      actor,
      payload: {
        title: incident.title,
        type: incident.type,
        severity,
        attributes,
        plan: `${plan.id}@v${plan.version}`,
        procedure: `${procedure.id}@v${procedure.version}`,
        tasks: tasks.length,
        source_alerts: incident.source_alerts,
        assets: input.assets ?? [],
      },
    },
    ...roles.map(
      (r): NewTimelineEntry => ({
        kind: "role.assigned",
        actor,
        payload: { role: r.role, person: r.person },
      }),
    ),
  ];
  await deps.incidents.create(incident, tasks, timeline, roles);
  if (input.assets?.length)
    return mutateIncident(deps, id, actor, undefined, ({ incident: current, now: at }) => ({
      incident: current,
      upsertAssets: (input.assets ?? []).map((name) => ({
        id: newRowId(),
        incident_id: id,
        name,
        kind: "host",
        status: "suspected",
        updated_at: at.toISOString(),
      })),
      timeline: [],
    }));
  return incident;
}

/**
 * The incident by id or human id, as `viewer` may see it: a restricted incident they do not take
 * part in answers with the 404 of a missing one (auth/incident-visibility.ts). Every route, the
 * CLI's local mode and the web reach an incident through here or `mutateIncident`, so the rule
 * holds whoever calls. `undefined` is the organisation itself (timers, rules, local CLI).
 */
export async function getIncident(
  deps: ResponseDeps,
  ref: string,
  viewer: Actor | undefined,
): Promise<Incident> {
  const incident = await findVisibleIncident(deps, viewer, ref);
  if (!incident) throw notFound("incident", ref);
  return incident;
}

export interface ClassifyInput {
  severity?: string;
  type?: string;
  attributes?: Record<string, unknown>;
  reason: string;
}

/**
 * Changes severity, type or attributes, with a reason. The procedure's conditions are evaluated
 * again: tasks that now apply are added; tasks already there, done or not, stay. A new type brings
 * its own procedure, whose version the incident then pins.
 */
export async function classifyIncident(
  deps: ResponseDeps,
  ref: string,
  input: ClassifyInput,
  actor: Actor,
  expectedVersion?: number,
): Promise<Incident> {
  if (!input.reason?.trim())
    throw invalidInput("a reason is required to change severity, type or attributes");
  if (input.severity === undefined && input.type === undefined && input.attributes === undefined)
    throw invalidInput("nothing to change: give severity, type or attributes");
  return mutateIncident(deps, ref, actor, expectedVersion, async ({ incident, tasks, now }) => {
    const plan = await pinnedPlan(deps, incident);
    const severity = input.severity ?? incident.severity;
    const type = input.type ?? incident.type;
    requireSeverity(plan.body, severity);
    requireType(plan.body, type);
    if (severity !== incident.severity || type !== incident.type)
      requireAuthority(await authorityContext(deps, incident, actor, now), { kind: "reclassify" });
    const attributes = { ...incident.attributes, ...(input.attributes ?? {}) };
    validateAttributes(plan.body, attributes);

    const procedure =
      type === incident.type
        ? await deps.documents.get("procedure", incident.procedure_id, incident.procedure_version)
        : await procedureFor(deps, plan.body, type, severity);
    if (!procedure)
      throw notFound("procedure version", `${incident.procedure_id}@${incident.procedure_version}`);
    const existing = new Set(
      tasks
        .filter((t) => t.procedure_id === procedure.id && t.step_id)
        .map((t) => t.step_id as string),
    );
    const drafts = checklist(
      procedure as StoredDocument<"procedure">,
      { severity, type, attributes },
      severityIds(plan.body),
      new Date(incident.times.declared_at),
      existing,
      phaseEntries(incident, await deps.incidents.timeline(incident.id)),
    );
    const insertTasks = drafts.map((d) => ({
      ...taskFromDraft(incident.id, d, now.toISOString()),
      status: "open" as const,
    }));

    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (severity !== incident.severity)
      changes.severity = { from: incident.severity, to: severity };
    if (type !== incident.type) changes.type = { from: incident.type, to: type };
    for (const [k, v] of Object.entries(input.attributes ?? {}))
      if (JSON.stringify(incident.attributes[k]) !== JSON.stringify(v))
        changes[`attributes.${k}`] = { from: incident.attributes[k] ?? null, to: v };

    // `major_ict: true` records the classification time unless a decision already did.
    const starts = startsSetBy(plan.body, attributes, incident.times, now.toISOString());
    return {
      incident: {
        ...incident,
        severity,
        type,
        attributes,
        procedure_id: procedure.id,
        procedure_version: procedure.version,
        times: { ...incident.times, ...starts },
      },
      insertTasks,
      timeline: [
        {
          kind: "incident.classified",
          actor,
          payload: {
            reason: input.reason,
            changes,
            tasks_added: insertTasks.map((t) => t.title),
            ...(Object.keys(starts).length ? { times_set: starts } : {}),
          },
        },
      ],
    };
  });
}

/** Records that a responder has taken the incident on (MTTA); later acknowledgements are notes. */
export async function acknowledgeIncident(
  deps: ResponseDeps,
  ref: string,
  actor: Actor,
  via = "api",
  expectedVersion?: number,
): Promise<Incident> {
  return mutateIncident(deps, ref, actor, expectedVersion, ({ incident, now }) => ({
    incident: incident.times.acknowledged_at
      ? incident
      : { ...incident, times: { ...incident.times, acknowledged_at: now.toISOString() } },
    timeline: [
      {
        kind: "incident.acknowledged",
        actor,
        payload: { via, first: !incident.times.acknowledged_at },
      },
    ],
  }));
}
