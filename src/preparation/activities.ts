import type { PlanDocument } from "../documents/plan.schema.js";
import type { PreparationActivity } from "../documents/preparation.schema.js";
import { addDuration, durationMs } from "../domain/duration.js";
import type { Completion } from "./preparation.types.js";

/**
 * When preparation activities are due and how late they are: pure rules over the plan, the
 * last completion and `now`. An activity never done is due one cadence after it entered the
 * plan (the plan version that first listed it), so adopting a programme does not make
 * everything overdue on day one.
 */

const DAY_MS = 86_400_000;

/** `ok`, `due_soon` (inside the warning window) or `overdue`. */
export type ActivityState = "ok" | "due_soon" | "overdue";

/** An activity of the plan with when it is due and how late it is (API and CLI shape). */
export type ActivityStatus = {
  id: string;
  title: string;
  kind: PreparationActivity["kind"];
  description: string | null;
  owner_role: string;
  /** People holding the owner role: who is reminded. */
  owners: string[];
  cadence: string;
  evidence: string[];
  state: ActivityState;
  due_at: string;
  /** From when reminders say "due soon". */
  warn_at: string;
  /** Positive when overdue. */
  overdue_by_ms: number | null;
  last_done_at: string | null;
  last_done_by: string | null;
  /** When the plan first listed the activity (the start of its first cycle). */
  listed_since: string;
};

/** How long before the due time reminders start: a quarter of the cadence, at most two weeks. */
export function warnWindowMs(cadence: string): number {
  return Math.min(durationMs(cadence) * 0.25, 14 * DAY_MS);
}

/** How long overdue before each escalation: a tenth of the cadence, between one and seven days. */
export function graceMs(cadence: string): number {
  return Math.min(Math.max(durationMs(cadence) * 0.1, DAY_MS), 7 * DAY_MS);
}

/** The status of one activity at `now`, from its last completion (or when it was listed). */
export function activityStatus(
  activity: PreparationActivity,
  plan: Pick<PlanDocument, "team">,
  lastDone: Pick<Completion, "completed_at" | "completed_by"> | undefined,
  listedSince: string,
  now: Date,
): ActivityStatus {
  const from = lastDone?.completed_at ?? listedSince;
  const due = addDuration(new Date(from), activity.cadence);
  const warn = new Date(due.getTime() - warnWindowMs(activity.cadence));
  const t = now.getTime();
  const state: ActivityState =
    t > due.getTime() ? "overdue" : t >= warn.getTime() ? "due_soon" : "ok";
  return {
    id: activity.id,
    title: activity.title,
    kind: activity.kind,
    description: activity.description ?? null,
    owner_role: activity.owner_role,
    owners: plan.team.filter((p) => p.roles.includes(activity.owner_role)).map((p) => p.id),
    cadence: activity.cadence,
    evidence: activity.evidence,
    state,
    due_at: due.toISOString(),
    warn_at: warn.toISOString(),
    overdue_by_ms: state === "overdue" ? t - due.getTime() : null,
    last_done_at: lastDone?.completed_at ?? null,
    last_done_by: lastDone?.completed_by ?? null,
    listed_since: listedSince,
  };
}

/** A reminder level: when it fires and whom it adds (recipient specs). */
export type ReminderLevel = {
  level: number;
  at: Date;
  /** "due soon", "due", "overdue", "still overdue". */
  label: string;
  recipients: string[];
};

/**
 * The reminder and escalation chain of one cycle: the owner role before the due time and at
 * it; then, when overdue, also the plan's owner (or the commanders); later also whoever may
 * approve the plan (the executive sponsors in the default plan).
 */
export function reminderLevels(
  status: Pick<ActivityStatus, "due_at" | "warn_at" | "owner_role" | "cadence">,
  plan: Pick<PlanDocument, "owner" | "team" | "roles">,
): ReminderLevel[] {
  const due = new Date(status.due_at);
  const grace = graceMs(status.cadence);
  const owners = [`role:${status.owner_role}`];
  const planOwner = plan.team.some((p) => p.id === plan.owner)
    ? `person:${plan.owner}`
    : plan.roles.some((r) => r.id === "commander")
      ? "role:commander"
      : undefined;
  const second = [...owners, ...(planOwner ? [planOwner] : [])];
  const approvers = plan.roles
    .filter((r) => r.authority.includes("approve_plan"))
    .map((r) => `role:${r.id}`);
  return [
    { level: 0, at: new Date(status.warn_at), label: "due soon", recipients: owners },
    { level: 1, at: due, label: "due", recipients: owners },
    { level: 2, at: new Date(due.getTime() + grace), label: "overdue", recipients: second },
    {
      level: 3,
      at: new Date(due.getTime() + 3 * grace),
      label: "still overdue",
      recipients: [...new Set([...second, ...approvers])],
    },
  ];
}

/** "3 days", "5 hours": how late, for people. */
export function lateness(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  if (days >= 1) return `${days} day${days === 1 ? "" : "s"}`;
  const hours = Math.max(1, Math.floor(ms / 3_600_000));
  return `${hours} hour${hours === 1 ? "" : "s"}`;
}
