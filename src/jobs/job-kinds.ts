/**
 * Every job kind Firebreak schedules, in one place. `JobStore.schedule` accepts only these, and
 * the registry (`registry.ts`) refuses to start unless each has exactly one handler: a kind that
 * is scheduled but never run can no longer go unnoticed. The strings are stored in the `jobs`
 * table, so never rename one that has shipped; add a new kind instead.
 */

/** Delivers one notification (`comms/notification.service.ts`). */
export const DELIVER_NOTIFICATION = "notification.deliver";
/** Runs one step of an incident's escalation path (`comms/escalation/`). */
export const ESCALATION_STEP = "escalation.step";
/** Reminds an audience that a status update is due (`comms/status-updates/cadence.ts`). */
export const STATUS_UPDATE_DUE = "status_update.due";
/** Reminds of an approaching or missed regulatory deadline (`compliance/`). */
export const CLOCK_REMINDER = "clock.reminder";
/** Hourly preparation housekeeping: reminders of new cycles, readiness history. */
export const PREPARATION_SYNC = "preparation.sync";
/** Reminds an owner of a preparation activity coming due (`preparation/reminders.ts`). */
export const PREPARATION_REMINDER = "preparation.reminder";
/** Replays one inject of an exercise run. */
export const EXERCISE_INJECT = "exercise.inject";
/** Ends an exercise run when its duration has passed (scenario time). */
export const EXERCISE_FINISH = "exercise.finish";
/** Deletes raw events older than `FIREBREAK_EVENT_RETENTION` (`detection/retention.ts`). */
export const EVENTS_PURGE = "events.purge";
/** Deletes finished jobs older than `FIREBREAK_JOB_RETENTION` (`jobs/retention.ts`). */
export const JOBS_PURGE = "jobs.purge";

/** The list the registry checks itself against; the type below is derived from it. */
export const JOB_KINDS = [
  DELIVER_NOTIFICATION,
  ESCALATION_STEP,
  STATUS_UPDATE_DUE,
  CLOCK_REMINDER,
  PREPARATION_SYNC,
  PREPARATION_REMINDER,
  EXERCISE_INJECT,
  EXERCISE_FINISH,
  EVENTS_PURGE,
  JOBS_PURGE,
] as const;

export type JobKind = (typeof JOB_KINDS)[number];

const KNOWN: ReadonlySet<string> = new Set(JOB_KINDS);

/** True for the kinds above; a row in the database may carry any text. */
export function isJobKind(kind: string): kind is JobKind {
  return KNOWN.has(kind);
}
