import { clocksOf } from "../compliance/clock-view.js";
import type { DeadlineStatus } from "../compliance/clocks.js";
import { nextReminder, type Reminder } from "../compliance/reminders.js";
import { fulfillingSteps, type Obligation } from "../documents/plan.schema.js";
import type { ProcedureDocument } from "../documents/procedure.schema.js";
import { systemActor } from "../domain/actor.js";
import type { Incident } from "../domain/incident/model.js";
import { formatSpan } from "../domain/span.js";
import { CLOCK_REMINDER } from "../jobs/job-kinds.js";
import type { JobHandler } from "../jobs/worker.js";
import { PermanentJobError } from "../jobs/worker.js";
import { pinnedPlan } from "../response/plan-context.js";
import type { CommsDeps, HandlerDeps } from "./comms.deps.js";
import { dispatch, shownTitle } from "./escalation/dispatch.js";
import { reminderLevels, resolveRecipients } from "./escalation/recipients.js";
import { appendOnce } from "./timeline-once.js";

/**
 * Reminders of regulatory deadlines as durable `clock.reminder` jobs. When a clock starts or its
 * facts change (declaration, classification, a decision, a recorded notification) the pending
 * reminders of the incident are replaced: one catch-up reminder for the latest instant already
 * passed, and the next one to come. Each reminder, when it fires, schedules its successor, so an
 * overdue deadline keeps reminding (`nextReminder` never runs out) until it is met or stopped.
 */

export interface ClockReminderPayload {
  incidentId: string;
  obligationId: string;
  deadlineId: string;
  /** The reminder's instant (its identity). */
  at: string;
  /** The deadline's due time when scheduled: a different one now means the facts changed. */
  dueAt: string;
  /** Earlier reminder instants this one supersedes, not sent (the worker was catching up). */
  skipped?: string[];
}

const ACTOR = systemActor("clocks");
const OPEN = new Set(["pending", "due_soon", "overdue"]);
const prefix = (incidentId: string) => `${CLOCK_REMINDER}:${incidentId}:`;
const jobKey = (p: ClockReminderPayload) =>
  `${prefix(p.incidentId)}${p.obligationId}:${p.deadlineId}:${p.at}`;
/** Clocks of declined or merged incidents are not theirs to keep. */
const GONE = new Set(["declined", "merged"]);

function schedule(deps: CommsDeps, p: ClockReminderPayload, r: Reminder, now: Date) {
  // The "due" reminder fires just after the due instant, so that it can say "overdue".
  const dueAt = new Date(Date.parse(r.at) + (r.kind === "due" ? 1 : 0));
  return deps.jobs.schedule<ClockReminderPayload>(
    {
      kind: CLOCK_REMINDER,
      payload: p,
      dueAt: dueAt < now ? now : dueAt,
      dedupKey: jobKey(p),
      maxAttempts: 10,
    },
    now,
  );
}

/** Every reminder instant from `from` (included) up to `until` (excluded), oldest first. */
function instantsBetween(d: DeadlineStatus, from: string, until: string): string[] {
  const out: string[] = [];
  let r = nextReminder(d, new Date(Date.parse(from) - 1));
  for (let i = 0; r && r.at < until && i < 10_000; i++) {
    out.push(r.at);
    r = nextReminder(d, new Date(r.at));
  }
  return out;
}

/** The latest reminder at or before `now`, walking the (endless) series from the start. */
function latestPast(d: DeadlineStatus, now: Date): Reminder | null {
  let found: Reminder | null = null;
  let r = nextReminder(d, new Date(Date.parse(d.counts_from ?? "") - 1));
  for (let i = 0; r && Date.parse(r.at) <= now.getTime() && i < 10_000; i++) {
    found = r;
    r = nextReminder(d, new Date(r.at));
  }
  return found;
}

/** Replaces the incident's pending clock reminders with ones for its current facts. */
export async function scheduleClockReminders(deps: CommsDeps, incident: Incident): Promise<number> {
  const now = deps.clock.now();
  await deps.jobs.cancel({ dedupKeyPrefix: prefix(incident.id) }, now);
  if (GONE.has(incident.phase)) return 0;
  let scheduled = 0;
  for (const clock of await clocksOf(deps, incident)) {
    if (!clock.applies) continue;
    for (const d of clock.deadlines) {
      if (!OPEN.has(d.state) || !d.due_at) continue;
      const base = { incidentId: incident.id, obligationId: clock.obligation_id, deadlineId: d.id };
      for (const r of [latestPast(d, now), nextReminder(d, now)]) {
        if (!r) continue;
        await schedule(deps, { ...base, at: r.at, dueAt: d.due_at }, r, now);
        scheduled++;
      }
    }
  }
  return scheduled;
}

/**
 * Who the obligation's fulfilling steps name on this incident: the assignees of its tasks for
 * those steps, else their roles; without such a task, the role of the step in the incident's
 * procedure (or, for a step bound to another procedure, in that one).
 */
async function fulfillers(deps: CommsDeps, incident: Incident, o: Obligation): Promise<string[]> {
  const wanted = fulfillingSteps(o);
  const matches = (procedure: string | null, step: string | null) =>
    wanted.some((w) => w.step === step && (w.procedure === undefined || w.procedure === procedure));
  const tasks = (await deps.incidents.tasks(incident.id)).filter((t) =>
    matches(t.procedure_id, t.step_id),
  );
  if (tasks.length > 0)
    return [
      ...new Set(
        tasks.map((t) => (t.assignee ? `person:${t.assignee}` : t.role ? `role:${t.role}` : "")),
      ),
    ].filter(Boolean);
  const procedures = (await deps.documents.current("procedure")).map(
    (p) => p.body as ProcedureDocument,
  );
  const own = procedures.filter((p) => p.id === incident.procedure_id);
  for (const p of [...own, ...procedures]) {
    const step = Object.values(p.steps)
      .flat()
      .find((s) => matches(p.id, s.id));
    if (step) return [`role:${step.role}`];
  }
  return [];
}

const LEVEL = { info: 0, warning: 1, critical: 2 } as const;

/**
 * The `clock.reminder` handler. Does nothing when the deadline was met or stopped, or its due
 * time moved (a newer reminder is scheduled). Otherwise it reminds the people who fulfil the
 * obligation and, as the deadline nears and passes, the commander chain; records a
 * `clock.reminder` entry (and `clock.overdue` the first time the deadline is past); and schedules
 * the next reminder. Idempotent per reminder instant.
 */
export function clockReminderHandler(deps: HandlerDeps): JobHandler<ClockReminderPayload> {
  return async (job) => {
    const p = job.payload;
    const incident = await deps.incidents.get(p.incidentId);
    if (!incident) throw new PermanentJobError(`incident ${p.incidentId} is gone`);
    if (GONE.has(incident.phase)) return;
    const plan = (await pinnedPlan(deps, incident)).body;
    const obligation = plan.compliance.find((o) => o.id === p.obligationId);
    const clock = (await clocksOf(deps, incident)).find((c) => c.obligation_id === p.obligationId);
    const d = clock?.deadlines.find((x) => x.id === p.deadlineId);
    if (!obligation || !clock?.applies || !d || !OPEN.has(d.state) || d.due_at !== p.dueAt) return;
    const reminder = nextReminder(d, new Date(Date.parse(p.at) - 1));
    if (!reminder || reminder.at !== p.at) return;

    const now = deps.clock.now();
    // Catching up (the worker was down): when a later reminder is due already, sending this one
    // and each level after it at once would look like duplicates. Only the latest due fires; it
    // records the ones it supersedes.
    const latest = latestPast(d, now);
    if (latest && latest.at > p.at) {
      const skipped = [...(p.skipped ?? []), ...instantsBetween(d, p.at, latest.at)];
      await schedule(deps, { ...p, at: latest.at, skipped }, latest, now);
      return;
    }
    const overdue = d.state === "overdue";
    const left = Date.parse(d.due_at) - now.getTime();
    const when = overdue ? `OVERDUE by ${formatSpan(left)}` : `due in ${formatSpan(left)}`;
    const levels = reminderLevels(plan, incident.commander);
    const level = levels[Math.min(LEVEL[reminder.urgency], levels.length - 1)] ?? [];
    const specs = [...new Set([...(await fulfillers(deps, incident, obligation)), ...level])];
    const { resolved, deliveries } = resolveRecipients(plan, specs, now);
    const key = `${p.obligationId}:${p.deadlineId}:${p.at}`;
    const notifications = await dispatch(deps, incident, deliveries, {
      kind: "reminder",
      subject: `${clock.regulation}: ${d.name} ${when}`,
      text: [
        `${d.name} to ${clock.recipient} for ${incident.human_id} (${shownTitle(incident)}) is ${when}: due ${d.due_at}.`,
        `Record it when sent: firebreak clocks record ${incident.human_id} ${p.obligationId} --deadline ${p.deadlineId} --recipient "…" --reference "…" (or stop the clock with a reason: firebreak clocks stop).`,
      ].join("\n\n"),
      label: `clock.reminder:${key}`,
      ackLinks: false,
    });
    const same = (e: { payload: Record<string, unknown> }) =>
      e.payload.obligation_id === p.obligationId && e.payload.deadline_id === p.deadlineId;
    const base = {
      obligation_id: p.obligationId,
      regulation: clock.regulation,
      deadline_id: p.deadlineId,
      due_at: d.due_at,
    };
    await appendOnce(
      deps,
      incident.id,
      (e) => e.kind === "clock.reminder" && same(e) && e.payload.at === p.at,
      [
        {
          kind: "clock.reminder",
          actor: ACTOR,
          payload: {
            ...base,
            at: p.at,
            urgency: reminder.urgency,
            recipients: resolved,
            notifications,
            ...(p.skipped?.length ? { skipped: p.skipped } : {}),
          },
        },
      ],
    );
    if (overdue)
      await appendOnce(
        deps,
        incident.id,
        (e) => e.kind === "clock.overdue" && same(e) && e.payload.due_at === d.due_at,
        [{ kind: "clock.overdue", actor: ACTOR, payload: { ...base, late_by_ms: -left } }],
      );
    const next = nextReminder(d, new Date(p.at));
    if (next) await schedule(deps, { ...p, at: next.at, skipped: undefined }, next, now);
  };
}
