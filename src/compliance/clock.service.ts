import { visibleTo } from "../auth/incident-visibility.js";
import type { Actor } from "../domain/actor.js";
import type { NotificationChannel } from "../domain/clock-states.js";
import { DomainError, invalidInput, notFound } from "../domain/errors.js";
import type { Incident } from "../domain/incident/model.js";
import { newRowId } from "../domain/row-id.js";
import { getIncident } from "../response/incident.service.js";
import { isoTime, requiredText } from "../response/incident-change.js";
import { incidentPages } from "../response/incident-pages.js";
import { appendTimeline, requireVersion } from "../response/mutate.js";
import { pinnedPlan } from "../response/plan-context.js";
import { type ClockDeps, type ClockView, clocksOf } from "./clock-view.js";
import type { ClockState } from "./clocks.js";

/**
 * Regulatory clocks on incidents: reading them, meeting a deadline by recording the
 * notification, stopping a clock with a reason, and the overdue list across incidents.
 */

/** Every obligation's clock of one incident (those that do not apply say `not_applicable`). */
export async function incidentClocks(
  deps: ClockDeps,
  ref: string,
  viewer: Actor | undefined,
): Promise<{ incident: Incident; clocks: ClockView[] }> {
  const incident = await getIncident(deps, ref, viewer);
  return { incident, clocks: await clocksOf(deps, incident) };
}

async function obligationOf(deps: ClockDeps, incident: Incident, obligationId: string) {
  const plan = (await pinnedPlan(deps, incident)).body;
  const obligation = plan.compliance.find((o) => o.id === obligationId);
  if (!obligation)
    throw notFound(`obligation of plan ${plan.id} v${incident.plan_version}:`, obligationId);
  return obligation;
}

/**
 * The clock once a record is on the timeline. Its reminders are rescheduled by the reaction to
 * that timeline entry (`comms/reactions.ts`), as for every other change of a clock's facts.
 */
async function clockAfter(deps: ClockDeps, incident: Incident, obligationId: string) {
  const clocks = await clocksOf(deps, incident);
  return clocks.find((c) => c.obligation_id === obligationId) as ClockView;
}

export interface ClockNotificationInput {
  deadline_id: string;
  /** ISO 8601; defaults to now. */
  sent_at?: string;
  /** Defaults to the obligation's recipient. */
  recipient?: string;
  reference?: string | null;
  channel?: NotificationChannel | null;
}

/**
 * Records a notification sent for a deadline (which meets it: on time or late) and notes it on
 * the timeline. Deadlines counting `from` this one start now. Returns the clock afterwards.
 */
export async function recordClockNotification(
  deps: ClockDeps,
  ref: string,
  obligationId: string,
  input: ClockNotificationInput,
  actor: Actor,
  expectedVersion?: number,
): Promise<ClockView> {
  const incident = await getIncident(deps, ref, actor);
  requireVersion(incident, expectedVersion);
  const obligation = await obligationOf(deps, incident, obligationId);
  const deadline = obligation.deadlines.find((d) => d.id === input.deadline_id);
  if (!deadline)
    throw invalidInput(
      `obligation ${obligationId} has no deadline '${input.deadline_id}'; it has ${obligation.deadlines.map((d) => d.id).join(", ")}`,
      [{ message: "unknown deadline", path: "deadline_id" }],
    );
  const now = deps.clock.now();
  const sentAt = input.sent_at ? isoTime("sent_at", input.sent_at, now) : now.toISOString();
  const recipient = input.recipient?.trim()
    ? requiredText("recipient", input.recipient, 500)
    : obligation.recipient;
  const reference = input.reference?.trim()
    ? requiredText("reference", input.reference, 500)
    : null;
  await deps.clockRecords.addNotification({
    id: newRowId(),
    incident_id: incident.id,
    obligation_id: obligationId,
    deadline_id: deadline.id,
    sent_at: sentAt,
    recipient,
    reference,
    channel: input.channel ?? null,
    recorded_at: now.toISOString(),
    recorded_by: actor,
  });
  const updated = await appendTimeline(deps, incident.id, actor, [
    {
      kind: "clock.notification_recorded",
      actor,
      occurred_at: sentAt < now.toISOString() ? sentAt : null,
      payload: {
        obligation_id: obligationId,
        regulation: obligation.regulation,
        deadline_id: deadline.id,
        sent_at: sentAt,
        recipient,
        reference,
        channel: input.channel ?? null,
      },
    },
  ]);
  return clockAfter(deps, updated, obligationId);
}

/** Stops a clock for good, with a reason; a second stop is refused (409). */
export async function stopClock(
  deps: ClockDeps,
  ref: string,
  obligationId: string,
  input: { reason: string },
  actor: Actor,
  expectedVersion?: number,
): Promise<ClockView> {
  const incident = await getIncident(deps, ref, actor);
  requireVersion(incident, expectedVersion);
  const obligation = await obligationOf(deps, incident, obligationId);
  const reason = requiredText("reason", input.reason);
  const now = deps.clock.now().toISOString();
  const stored = await deps.clockRecords.addStop({
    incident_id: incident.id,
    obligation_id: obligationId,
    reason,
    at: now,
    recorded_by: actor,
  });
  if (!stored)
    throw new DomainError("conflict", `the ${obligation.regulation} clock is already stopped`);
  const updated = await appendTimeline(deps, incident.id, actor, [
    {
      kind: "clock.stopped",
      actor,
      payload: { obligation_id: obligationId, regulation: obligation.regulation, reason },
    },
  ]);
  return clockAfter(deps, updated, obligationId);
}

export interface ClockListFilter {
  /** Clock states to keep; default every state but `not_applicable`. */
  states?: ClockState[];
  /** Include exercises. */
  exercise?: boolean;
  /** Who is asking: restricted incidents they do not take part in are left out. */
  viewer?: Actor;
}

const URGENCY: Record<ClockState, number> = {
  overdue: 0,
  due_soon: 1,
  running: 2,
  waiting: 3,
  met: 4,
  stopped: 5,
  not_applicable: 6,
};

/**
 * Clocks across incidents (declined and merged ones excepted), most urgent first: overdue, due
 * soon, running…, then by next due time. Computed on read from each incident's pinned plan.
 */
export async function listClocks(
  deps: ClockDeps,
  filter: ClockListFilter = {},
): Promise<ClockView[]> {
  const keep = (s: ClockState) =>
    filter.states ? filter.states.includes(s) : s !== "not_applicable";
  const out: ClockView[] = [];
  const listed = { exercise: filter.exercise, visibleTo: visibleTo(filter.viewer) };
  for await (const page of incidentPages(deps.incidents, listed, 200)) {
    const incidents = page.filter((i) => i.phase !== "declined" && i.phase !== "merged");
    const records = await deps.clockRecords.records(incidents.map((i) => i.id));
    for (const incident of incidents)
      for (const c of await clocksOf(deps, incident, records)) if (keep(c.state)) out.push(c);
  }
  return out.sort(
    (a, b) =>
      URGENCY[a.state] - URGENCY[b.state] ||
      (a.next_due_at ?? "~").localeCompare(b.next_due_at ?? "~") ||
      a.incident.human_id.localeCompare(b.incident.human_id),
  );
}
