import { resolveRecipients } from "../comms/escalation/recipients.js";
import { sendNotification } from "../comms/notification.service.js";
import { currentPlan } from "../documents/document.service.js";
import { systemActor } from "../domain/actor.js";
import { PREPARATION_REMINDER } from "../jobs/job-kinds.js";
import type { JobHandler } from "../jobs/worker.js";
import { type ActivityStatus, lateness, reminderLevels } from "./activities.js";
import { listActivities, recordOutcome } from "./activity.service.js";
import { logSourceCoverage } from "./log-sources.js";
import type { PreparationDeps } from "./preparation.types.js";

/**
 * Reminders and escalation of preparation activities as durable jobs (docs/jobs.md). Each
 * cycle of an activity has up to four levels (due soon, due, overdue, still overdue; see
 * `reminderLevels`), each a `preparation.reminder` job keyed by activity, due time and level.
 * A completion moves the due time, so jobs of the old cycle find nothing to do. Log source
 * checks run themselves when they come due.
 */

/** A reminder job: which activity, which cycle (its due time), which level. */
export interface ReminderPayload {
  activityId: string;
  dueAt: string;
  level: number;
}

const ACTOR = systemActor("preparation");
const keyOf = (p: ReminderPayload) =>
  `${PREPARATION_REMINDER}:${p.activityId}:${p.dueAt}:${p.level}`;

/**
 * Schedules the reminder jobs of every activity's current cycle: future levels at their time,
 * and the latest level already passed at once — unless it ran before (a restart must not send
 * the same reminder again). Safe to call any time; returns how many jobs it added.
 */
export async function scheduleReminders(deps: PreparationDeps): Promise<number> {
  const plan = (await currentPlan(deps.documents)).body;
  const now = deps.clock.now();
  let added = 0;
  for (const status of await listActivities(deps)) {
    const levels = reminderLevels(status, plan);
    const passed = levels.filter((l) => l.at <= now).at(-1);
    for (const l of levels) {
      if (l.at <= now && l !== passed) continue;
      const payload = { activityId: status.id, dueAt: status.due_at, level: l.level };
      const dedupKey = keyOf(payload);
      if (l.at <= now && (await deps.jobs.list({ dedupKeyPrefix: dedupKey, limit: 1 })).length > 0)
        continue;
      const { created } = await deps.jobs.schedule(
        {
          kind: PREPARATION_REMINDER,
          payload,
          dueAt: new Date(Math.max(l.at.getTime(), now.getTime())),
          dedupKey,
          maxAttempts: 10,
        },
        now,
      );
      if (created) added++;
    }
  }
  return added;
}

/** Cancels the pending reminders of an activity's cycles (after a completion). */
export function cancelReminders(deps: PreparationDeps, activityId: string): Promise<number> {
  return deps.jobs.cancel(
    { dedupKeyPrefix: `${PREPARATION_REMINDER}:${activityId}:` },
    deps.clock.now(),
  );
}

/**
 * Runs the log source check for an activity: all sources seen records it done (with the
 * coverage as its result), otherwise a failed check is recorded and the missing sources are
 * returned for the reminder.
 */
async function runLogSourceCheck(deps: PreparationDeps, status: ActivityStatus) {
  const coverage = await logSourceCoverage(deps);
  const plan = await currentPlan(deps.documents);
  const missing = coverage.sources.filter((s) => !s.seen).map((s) => s.label);
  const passed = coverage.needed > 0 && missing.length === 0;
  const evidence = [
    `log source coverage ${coverage.seen}/${coverage.needed} from ${coverage.since.slice(0, 10)} to ${coverage.until.slice(0, 10)} (${coverage.sampled_events} events sampled)`,
  ];
  await recordOutcome(
    deps,
    plan,
    status.id,
    {
      outcome: passed ? "done" : "failed",
      evidence,
      notes: passed ? "Checked by Firebreak." : `Not arriving: ${missing.join(", ")}`,
      at: deps.clock.now(),
      result: coverage,
    },
    ACTOR,
  );
  return { passed, missing };
}

function reminderText(status: ActivityStatus, label: string, missing: string[]): string {
  const when =
    status.state === "overdue"
      ? `It is overdue by ${lateness(status.overdue_by_ms ?? 0)} (due ${status.due_at.slice(0, 10)}).`
      : `It is due ${status.due_at.slice(0, 10)}.`;
  return [
    `Preparation activity "${status.title}" (${status.id}) is ${label}. ${when}`,
    status.description ?? "",
    status.evidence.length > 0 ? `Evidence to record: ${status.evidence.join("; ")}.` : "",
    missing.length > 0 ? `Log sources not arriving: ${missing.join(", ")}.` : "",
    `Record it with: firebreak preparation complete ${status.id} --evidence "…"`,
    status.last_done_at ? `Last done ${status.last_done_at.slice(0, 10)}.` : "Never done yet.",
  ]
    .filter(Boolean)
    .join("\n\n");
}

/**
 * The `preparation.reminder` handler: re-reads the activity; if its cycle moved on (done since)
 * or it left the plan, nothing happens. A due log source check runs first and reminds only
 * when sources are missing. Otherwise it sends the level's reminder over the plan's contacts.
 * A failed delivery is the notification's business (retried and logged there).
 */
export function reminderHandler(deps: PreparationDeps): JobHandler<ReminderPayload> {
  return async (job) => {
    const p = job.payload;
    const status = (await listActivities(deps)).find((a) => a.id === p.activityId);
    if (!status || status.due_at !== p.dueAt) return;
    let missing: string[] = [];
    if (status.kind === "log_source_check") {
      const check = await runLogSourceCheck(deps, status);
      if (check.passed) {
        await cancelReminders(deps, status.id);
        await scheduleReminders(deps);
        return;
      }
      missing = check.missing;
    }
    const plan = (await currentPlan(deps.documents)).body;
    const level = reminderLevels(status, plan).find((l) => l.level === p.level);
    if (!level) return;
    const now = deps.clock.now();
    const { deliveries } = resolveRecipients(plan, level.recipients, now);
    for (const d of deliveries)
      await sendNotification(deps, {
        kind: "reminder",
        channel: d.channel,
        recipient: d.recipient,
        subject: `Preparation ${level.label}: ${status.title}`,
        body: {
          text: `${reminderText(status, level.label, missing)}\n\nYou receive this as ${d.because.join(", ")}.`,
        },
        labels: ["preparation", `preparation:${status.id}`, `level:${level.level}`],
      });
  };
}
