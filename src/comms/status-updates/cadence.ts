import type { Audience, PlanDocument } from "../../documents/plan.schema.js";
import { systemActor } from "../../domain/actor.js";
import { conditionHolds } from "../../domain/condition-check.js";
import { addDuration } from "../../domain/duration.js";
import type { Incident, TimelineEntry } from "../../domain/incident/model.js";
import { formatSpan } from "../../domain/span.js";
import { STATUS_UPDATE_DUE } from "../../jobs/job-kinds.js";
import type { JobHandler } from "../../jobs/worker.js";
import { PermanentJobError } from "../../jobs/worker.js";
import { pinnedPlan, severityIds } from "../../response/plan-context.js";
import { type CommsDeps, ENDED_PHASES, type HandlerDeps } from "../comms.deps.js";
import { dispatch, shownTitle } from "../escalation/dispatch.js";
import { reminderLevels, resolveRecipients } from "../escalation/recipients.js";
import { appendOnce } from "../timeline-once.js";

/**
 * The plan's update cadence per severity and audience, as durable `status_update.due` jobs. Each
 * audience's next update is due one cadence after its last update (or the declaration). When it
 * is missed, the commander is reminded, then the reminder goes up the chain (deputies, then
 * whoever is on call as commander), every quarter cadence (at most hourly), up to
 * {@link MAX_CADENCE_REMINDERS} times. A new update, or a severity change, reschedules.
 */

/** Reminders per missed update; after that the timeline shows it and the chain has been told. */
export const MAX_CADENCE_REMINDERS = 6;

export interface CadencePayload {
  incidentId: string;
  audience: string;
  /** The last update's time (or the declaration's): what the due time counts from. */
  basis: string;
  /** 0 for the reminder at the due time, then 1, 2… */
  n: number;
}

const ACTOR = systemActor("cadence");
const prefix = (incidentId: string, audience = "") =>
  `${STATUS_UPDATE_DUE}:${incidentId}:${audience ? `${audience}:` : ""}`;
const jobKey = (p: CadencePayload) => `${prefix(p.incidentId, p.audience)}${p.basis}:${p.n}`;

/** Cadence reminders stop once the incident is in post-incident work or has ended. */
const quiet = (incident: Incident) =>
  ENDED_PHASES.has(incident.phase) || incident.phase === "post_incident";

/**
 * Whether the audience is to be kept updated on this incident: always, unless the plan gives it
 * a `condition` (e.g. customers only with `customer_impact`) that the incident does not meet.
 */
export function audienceApplies(
  plan: PlanDocument,
  audience: Audience,
  incident: Incident,
): boolean {
  return (
    audience.condition === undefined ||
    conditionHolds(audience.condition, incident, severityIds(plan))
  );
}

/** Time between reminders of one missed update: a quarter of the cadence, from 1 s to 1 h. */
export function reminderInterval(cadenceMs: number): number {
  return Math.min(3_600_000, Math.max(1_000, Math.floor(cadenceMs / 4)));
}

/** When each audience last got an update (timeline `status_update` entries). */
export function lastUpdates(timeline: readonly TimelineEntry[]): Map<string, string> {
  const last = new Map<string, string>();
  for (const e of timeline)
    if (e.kind === "status_update" && typeof e.payload.audience === "string")
      last.set(e.payload.audience, e.recorded_at);
  return last;
}

/**
 * Replaces the pending cadence reminders of the given audiences (default: all of the plan's) with
 * one due a cadence after each audience's last update. `basis` overrides the last update time.
 */
export async function scheduleCadence(
  deps: CommsDeps,
  incident: Incident,
  options: { audiences?: string[]; basis?: string } = {},
): Promise<void> {
  const now = deps.clock.now();
  const plan = (await pinnedPlan(deps, incident)).body;
  const audiences = plan.communication.audiences.filter(
    (a) => !options.audiences || options.audiences.includes(a.id),
  );
  for (const a of audiences)
    await deps.jobs.cancel({ dedupKeyPrefix: prefix(incident.id, a.id) }, now);
  if (quiet(incident)) return;
  const last = options.basis ? undefined : lastUpdates(await deps.incidents.timeline(incident.id));
  for (const a of audiences) {
    const cadence = a.cadence[incident.severity];
    if (!cadence || !audienceApplies(plan, a, incident)) continue;
    const basis = options.basis ?? last?.get(a.id) ?? incident.times.declared_at;
    const payload: CadencePayload = { incidentId: incident.id, audience: a.id, basis, n: 0 };
    await deps.jobs.schedule(
      {
        kind: STATUS_UPDATE_DUE,
        payload,
        dueAt: addDuration(new Date(basis), cadence),
        dedupKey: jobKey(payload),
      },
      now,
    );
  }
}

/** Cancels every pending cadence reminder of the incident. */
export async function cancelCadence(deps: CommsDeps, incidentId: string): Promise<void> {
  await deps.jobs.cancel({ dedupKeyPrefix: prefix(incidentId) }, deps.clock.now());
}

/**
 * The `status_update.due` handler: reminds the commander chain that an audience's update is due,
 * records `status_update.due` on the timeline, and schedules the next reminder. Does nothing when
 * an update was posted since, or when the cadence changed so that it is not due yet.
 */
export function cadenceHandler(deps: HandlerDeps): JobHandler<CadencePayload> {
  return async (job) => {
    const p = job.payload;
    const incident = await deps.incidents.get(p.incidentId);
    if (!incident) throw new PermanentJobError(`incident ${p.incidentId} is gone`);
    if (quiet(incident)) return;
    const plan = (await pinnedPlan(deps, incident)).body;
    const audience = plan.communication.audiences.find((a) => a.id === p.audience);
    const cadence = audience?.cadence[incident.severity];
    if (!audience || !cadence || !audienceApplies(plan, audience, incident)) return;
    const timeline = await deps.incidents.timeline(incident.id);
    const last = lastUpdates(timeline).get(p.audience);
    if (last && last > p.basis) return;
    const now = deps.clock.now();
    const due = addDuration(new Date(p.basis), cadence);
    // A severity change to a slower cadence: the rescheduled job will come at the right time.
    if (due.getTime() > now.getTime() + 1_000) return;

    const levels = reminderLevels(plan, incident.commander);
    const level = Math.min(p.n, levels.length - 1);
    const { resolved, deliveries } = resolveRecipients(plan, levels[level] ?? [], now);
    const late = now.getTime() - due.getTime();
    const key = `${p.audience}:${p.basis}:${p.n}`;
    const notifications = await dispatch(deps, incident, deliveries, {
      kind: "reminder",
      subject: `Status update for ${audience.name} is due`,
      text: [
        `The ${audience.name} update for ${incident.human_id} (${shownTitle(incident)}) was due at ${due.toISOString()}${late >= 1000 ? `, ${formatSpan(late)} ago` : ""}: the plan asks for one every ${cadence} at this severity.`,
        `Post it with: firebreak incident update ${incident.human_id} --audience ${audience.id} --summary "…"`,
        p.n > 0 ? `Reminder ${p.n + 1}: the commander has not posted it yet.` : "",
      ]
        .filter(Boolean)
        .join("\n\n"),
      label: `status_update.due:${key}`,
      ackLinks: true,
    });
    await appendOnce(
      deps,
      incident.id,
      (e) => e.kind === "status_update.due" && e.payload.key === key,
      [
        {
          kind: "status_update.due",
          actor: ACTOR,
          payload: {
            key,
            audience: p.audience,
            due_at: due.toISOString(),
            reminder: p.n + 1,
            level,
            recipients: resolved,
            notifications,
          },
        },
      ],
    );
    if (p.n + 1 >= MAX_CADENCE_REMINDERS) return;
    const nextAt = new Date(
      due.getTime() + (p.n + 1) * reminderInterval(due.getTime() - Date.parse(p.basis)),
    );
    const next: CadencePayload = { ...p, n: p.n + 1 };
    await deps.jobs.schedule(
      {
        kind: STATUS_UPDATE_DUE,
        payload: next,
        dueAt: nextAt < now ? now : nextAt,
        dedupKey: jobKey(next),
      },
      now,
    );
  };
}
