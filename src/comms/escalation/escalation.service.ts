import { currentPlan } from "../../documents/document.service.js";
import type { PlanDocument } from "../../documents/plan.schema.js";
import { systemActor } from "../../domain/actor.js";
import { addDuration } from "../../domain/duration.js";
import type { Incident, NewTimelineEntry } from "../../domain/incident/model.js";
import { ESCALATION_STEP } from "../../jobs/job-kinds.js";
import type { JobHandler } from "../../jobs/worker.js";
import { PermanentJobError } from "../../jobs/worker.js";
import { incidentPages } from "../../response/incident-pages.js";
import { pinnedPlan } from "../../response/plan-context.js";
import { type CommsDeps, ENDED_PHASES, type HandlerDeps } from "../comms.deps.js";
import { appendOnce } from "../timeline-once.js";
import { dispatch, shownTitle } from "./dispatch.js";
import type { EscalationState, PathPosition } from "./escalation.types.js";
import { admitPaged } from "./paged-members.js";
import { resolveRecipients } from "./recipients.js";

/**
 * The escalation engine. Declaring an incident starts its severity's path: step 1 is paged at
 * once, and each step schedules the next as a durable `escalation.step` job due after the step's
 * `after`; the whole path runs `repeat` more times. Acknowledging stops it, a severity change
 * starts the new severity's path from step 1 (a new run), and every job re-reads the incident and
 * the state before acting, so a late or repeated job does nothing (see docs/escalation.md).
 */

export interface StepPayload {
  incidentId: string;
  run: number;
  severity: string;
  round: number;
  step: number;
  /** The job after the last step of the last round: marks the path exhausted. */
  final?: boolean;
  /** Set on the first step of a run that a severity change started: the old severity. */
  retargetedFrom?: string | null;
}

const ACTOR = systemActor("escalation");
const keyPrefix = (incidentId: string) => `${ESCALATION_STEP}:${incidentId}:`;
const jobKey = (p: StepPayload) =>
  `${keyPrefix(p.incidentId)}${p.run}:${p.final ? "final" : `${p.round}:${p.step}`}`;
const order = (p: PathPosition) => p.round * 10_000 + p.step;

type Path = PlanDocument["escalation"][number];

function scheduleStep(deps: CommsDeps, payload: StepPayload, dueAt: Date, now: Date) {
  return deps.jobs.schedule<StepPayload>(
    { kind: ESCALATION_STEP, payload, dueAt, dedupKey: jobKey(payload), maxAttempts: 10 },
    now,
  );
}

/** The step after `p`: the next step, the first step of the next round, or null at the end. */
export function nextPosition(path: Path, p: PathPosition): PathPosition | null {
  if (p.step + 1 < path.steps.length) return { round: p.round, step: p.step + 1 };
  if (p.round + 1 <= path.repeat) return { round: p.round + 1, step: 0 };
  return null;
}

/**
 * Starts (or restarts) the path for the incident's current severity as a new run, paging step 1
 * at once. Does nothing for an acknowledged or ended incident. `retargetedFrom` names the old
 * severity when a severity change restarts it.
 */
export async function startEscalation(
  deps: CommsDeps,
  incident: Incident,
  retargetedFrom: string | null = null,
): Promise<EscalationState | undefined> {
  if (incident.times.acknowledged_at || ENDED_PHASES.has(incident.phase)) return undefined;
  const now = deps.clock.now();
  const plan = (await pinnedPlan(deps, incident)).body;
  const path = plan.escalation.find((e) => e.severity === incident.severity);
  await deps.jobs.cancel({ dedupKeyPrefix: keyPrefix(incident.id) }, now);
  const state: EscalationState = {
    incident_id: incident.id,
    run: incident.version,
    severity: incident.severity,
    status: path ? "active" : "no_path",
    last: null,
    next: path ? { round: 0, step: 0, at: now.toISOString() } : null,
    started_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await deps.escalations.put(state);
  if (path)
    await scheduleStep(
      deps,
      {
        incidentId: incident.id,
        run: state.run,
        severity: state.severity,
        round: 0,
        step: 0,
        retargetedFrom,
      },
      now,
      now,
    );
  return state;
}

/** Stops paging: pending steps are cancelled, and a step already running sees the new status. */
export async function stopEscalation(
  deps: CommsDeps,
  incidentId: string,
  status: "acknowledged" | "ended",
): Promise<void> {
  const now = deps.clock.now();
  await deps.jobs.cancel({ dedupKeyPrefix: keyPrefix(incidentId) }, now);
  const state = await deps.escalations.get(incidentId);
  if (state && state.status !== "acknowledged")
    await deps.escalations.put({ ...state, status, next: null, updated_at: now.toISOString() });
}

function severityName(plan: PlanDocument, id: string): string {
  return plan.severity_scale.find((s) => s.id === id)?.name ?? id;
}

/** Resolves against the plan in force (today's on-call), falling back to the pinned plan. */
async function recipients(deps: CommsDeps, pinned: PlanDocument, notify: string[], at: Date) {
  const current = (await currentPlan(deps.documents).catch(() => undefined))?.body ?? pinned;
  const now = resolveRecipients(current, notify, at);
  if (current === pinned) return now;
  const missing = now.resolved.filter(
    (r) => r.via === "unknown" || (r.via === "role_holders" && r.people.length === 0),
  );
  if (missing.length === 0) return now;
  const old = resolveRecipients(
    pinned,
    missing.map((r) => r.spec),
    at,
  );
  return {
    resolved: [...now.resolved.filter((r) => !missing.includes(r)), ...old.resolved],
    deliveries: [...now.deliveries, ...old.deliveries],
  };
}

/**
 * The `escalation.step` handler. Idempotent: the notifications of a step are labelled with the
 * step's key and the timeline entry is appended once, so a job that runs twice pages once.
 */
export function escalationStepHandler(deps: HandlerDeps): JobHandler<StepPayload> {
  return async (job) => {
    const p = job.payload;
    const incident = await deps.incidents.get(p.incidentId);
    if (!incident) throw new PermanentJobError(`incident ${p.incidentId} is gone`);
    const state = await deps.escalations.get(incident.id);
    if (!state || state.run !== p.run) return;
    // An exhausted path still owes the pages of a step whose worker died before sending them:
    // the final job may have run while that step's lease was running out.
    const owed = state.status === "exhausted" && !p.final;
    if (state.status !== "active" && !owed) return;
    if (incident.times.acknowledged_at) return stopEscalation(deps, incident.id, "acknowledged");
    if (ENDED_PHASES.has(incident.phase)) return stopEscalation(deps, incident.id, "ended");
    // A severity change is re-targeting the path; its new run takes over.
    if (incident.severity !== p.severity) return;
    const plan = (await pinnedPlan(deps, incident)).body;
    const path = plan.escalation.find((e) => e.severity === p.severity);
    const now = deps.clock.now();
    if (!path) {
      await deps.escalations.put({ ...state, status: "no_path", next: null });
      return;
    }
    if (p.final) {
      await appendOnce(
        deps,
        incident.id,
        (e) => e.kind === "escalation.exhausted" && e.payload.run === p.run,
        [
          {
            kind: "escalation.exhausted",
            actor: ACTOR,
            payload: { run: p.run, severity: p.severity, rounds: path.repeat + 1 },
          },
        ],
      );
      await deps.escalations.put({
        ...state,
        status: "exhausted",
        next: null,
        updated_at: now.toISOString(),
      });
      return;
    }
    const step = path.steps[p.step];
    if (!step) throw new PermanentJobError(`the path for ${p.severity} has no step ${p.step + 1}`);

    const key = `${p.run}.${p.round}.${p.step}`;
    const next = nextPosition(path, p);
    const following: StepPayload = next
      ? { ...p, ...next, retargetedFrom: null }
      : { ...p, final: true, retargetedFrom: null };
    // The next step is scheduled before anyone is paged: a crash after a page went out must not
    // lose the step after it. A re-run finds its step already recorded and only makes sure.
    let nextAt = addDuration(now, step.after);
    const recorded = state.last ? order(state.last) - order(p) : -1;
    if (recorded < 0) {
      await deps.escalations.put({
        ...state,
        last: { round: p.round, step: p.step, at: now.toISOString() },
        next: next ? { ...next, at: nextAt.toISOString() } : null,
        updated_at: now.toISOString(),
      });
      await scheduleStep(deps, following, nextAt, now);
    } else if (recorded === 0 && !owed) {
      nextAt = state.next
        ? new Date(state.next.at)
        : addDuration(new Date(state.last?.at ?? now), step.after);
      await scheduleStep(deps, following, nextAt, now);
    }

    const { resolved, deliveries } = await recipients(deps, plan, step.notify, now);
    await admitPaged(deps, incident, resolved, key, ACTOR, now);
    const position = `step ${p.step + 1} of ${path.steps.length}, round ${p.round + 1} of ${path.repeat + 1}`;
    const notifications = await dispatch(deps, incident, deliveries, {
      kind: "page",
      subject: `Page: ${shownTitle(incident)}`,
      text: [
        `${incident.human_id} (${severityName(plan, incident.severity)}) needs a responder and nobody has acknowledged it yet: ${shownTitle(incident)}.`,
        `Escalation ${position}. ${next ? `The next step is paged in ${step.after} unless someone acknowledges.` : "This is the last step."}`,
        `Acknowledge with the link below, with \`firebreak ack ${incident.human_id}\`, or in Firebreak.`,
      ].join("\n\n"),
      label: `escalation:${key}`,
      ackLinks: true,
    });
    const entries: NewTimelineEntry[] = [];
    if (p.retargetedFrom && p.round === 0 && p.step === 0)
      entries.push({
        kind: "escalation.retargeted",
        actor: ACTOR,
        payload: { run: p.run, from: p.retargetedFrom, to: p.severity },
      });
    entries.push({
      kind: "escalation.paged",
      actor: ACTOR,
      payload: {
        key,
        run: p.run,
        severity: p.severity,
        round: p.round + 1,
        rounds: path.repeat + 1,
        step: p.step + 1,
        steps: path.steps.length,
        recipients: resolved,
        notifications,
        next_at: next ? nextAt.toISOString() : null,
      },
    });
    await appendOnce(
      deps,
      incident.id,
      (e) => e.kind === "escalation.paged" && e.payload.key === key,
      entries,
    );
  };
}

/** When the path of an active state whose last step was recorded runs out: that step's `after` on. */
async function finalDue(deps: CommsDeps, incident: Incident, state: EscalationState) {
  const now = deps.clock.now();
  if (!state.last) return now;
  const path = (await pinnedPlan(deps, incident)).body.escalation.find(
    (e) => e.severity === state.severity,
  );
  const step = path?.steps[state.last.step];
  return step ? addDuration(new Date(state.last.at), step.after) : now;
}

/** Incidents declared longer ago than this without an escalation are not paged on a restart. */
const RESUME_WINDOW_MS = 24 * 3_600_000;

/**
 * Repairs escalations after a crash: an open, unacknowledged incident declared in the last 24
 * hours without an escalation gets its path started (its declaration's reaction did not run),
 * and an active path whose next step has no live job gets it scheduled again. Safe on every start
 * and every node (dedup keys). Older incidents without a path are left alone, so an upgrade does
 * not page for last month's forgotten incidents.
 */
export async function resumeEscalations(deps: CommsDeps): Promise<number> {
  let touched = 0;
  for await (const page of incidentPages(deps.incidents, { open: true, exercise: true }, 200)) {
    for (const incident of page) {
      if (incident.times.acknowledged_at) continue;
      const state = await deps.escalations.get(incident.id);
      const recent =
        deps.clock.now().getTime() - Date.parse(incident.times.declared_at) < RESUME_WINDOW_MS;
      if (!state && !recent) continue;
      if (!state || (state.status === "active" && state.severity !== incident.severity)) {
        await startEscalation(deps, incident, state?.severity ?? null);
        touched++;
      } else if (state.status === "active") {
        const now = deps.clock.now();
        const next = state.next;
        const base = { incidentId: incident.id, run: state.run, severity: state.severity };
        const { created } = next
          ? await scheduleStep(deps, { ...base, ...next }, new Date(next.at), now)
          : await scheduleStep(
              deps,
              { ...base, round: 0, step: 0, final: true },
              await finalDue(deps, incident, state),
              now,
            );
        if (created) touched++;
      }
    }
  }
  return touched;
}
