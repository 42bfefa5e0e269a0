import { currentPlan } from "../documents/document.service.js";
import type { StoredDocument } from "../documents/document.types.js";
import type { PreparationActivity } from "../documents/preparation.schema.js";
import { type Actor, describeActor } from "../domain/actor.js";
import { invalidInput, notFound } from "../domain/errors.js";
import { newRowId } from "../domain/row-id.js";
import { type ActivityStatus, activityStatus } from "./activities.js";
import type { Completion, PreparationDeps } from "./preparation.types.js";

type Deps = Pick<PreparationDeps, "documents" | "clock" | "preparation">;

/**
 * When each activity of the plan in force first appeared: the creation time of the oldest
 * stored version of the plan that lists it.
 */
async function listedSince(deps: Deps, plan: StoredDocument<"plan">): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const versions = (await deps.documents.versions("plan", plan.id)) as StoredDocument<"plan">[];
  for (const v of [...versions].sort((a, b) => a.version - b.version))
    for (const a of v.body.preparation ?? []) if (!out.has(a.id)) out.set(a.id, v.createdAt);
  return out;
}

/** Every preparation activity of the plan in force, with when it is due and how late it is. */
export async function listActivities(deps: Deps): Promise<ActivityStatus[]> {
  const plan = await currentPlan(deps.documents);
  const since = await listedSince(deps, plan);
  const done = await deps.preparation.completions.latestDone();
  const now = deps.clock.now();
  return plan.body.preparation.map((a) =>
    activityStatus(a, plan.body, done.get(a.id), since.get(a.id) ?? plan.createdAt, now),
  );
}

/** One activity with its history of completions, newest first. */
export async function getActivity(
  deps: Deps,
  id: string,
): Promise<ActivityStatus & { history: Completion[] }> {
  const status = (await listActivities(deps)).find((a) => a.id === id);
  if (!status) throw notFound("preparation activity", id);
  const history = await deps.preparation.completions.list({ activityId: id, limit: 200 });
  return { ...status, history };
}

/** What a person records when an activity is done. */
export interface CompletionInput {
  /** What proves it was done: references, links, short summaries. */
  evidence: string[];
  notes?: string;
  /** When it was done, if earlier than now (ISO 8601). */
  completed_at?: string;
}

function checkInput(activity: PreparationActivity, input: CompletionInput, now: Date) {
  const evidence = (input.evidence ?? []).map((e) => String(e).trim()).filter(Boolean);
  if (activity.evidence.length > 0 && evidence.length === 0)
    throw invalidInput(
      `'${activity.id}' is recorded with evidence: ${activity.evidence.join("; ")}`,
      [{ message: "at least one evidence item is required", path: "evidence" }],
    );
  if (evidence.some((e) => e.length > 2000))
    throw invalidInput("an evidence item is at most 2000 characters", [
      { message: "too long", path: "evidence" },
    ]);
  let at = now;
  if (input.completed_at !== undefined) {
    const t = Date.parse(input.completed_at);
    if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}/.test(input.completed_at))
      throw invalidInput("completed_at must be an ISO 8601 date or time", [
        { message: "not an ISO 8601 time", path: "completed_at" },
      ]);
    if (t > now.getTime())
      throw invalidInput("completed_at is in the future", [
        { message: "in the future", path: "completed_at" },
      ]);
    at = new Date(t);
  }
  return { evidence, at, notes: (input.notes ?? "").trim().slice(0, 10_000) };
}

/**
 * Records that an activity of the plan in force was done, with its evidence. The next cycle
 * counts from `completed_at`. Automatic checks record `failed` outcomes through
 * {@link recordOutcome}; those do not move the due time.
 */
export async function recordCompletion(
  deps: Deps,
  activityId: string,
  input: CompletionInput,
  actor: Actor,
): Promise<Completion> {
  const plan = await currentPlan(deps.documents);
  const activity = plan.body.preparation.find((a) => a.id === activityId);
  if (!activity) throw notFound("preparation activity", activityId);
  const now = deps.clock.now();
  const { evidence, at, notes } = checkInput(activity, input, now);
  return recordOutcome(deps, plan, activityId, { outcome: "done", evidence, notes, at }, actor);
}

/** Stores a completion or a failed check, as given (callers validate). */
export async function recordOutcome(
  deps: Deps,
  plan: StoredDocument<"plan">,
  activityId: string,
  o: {
    outcome: Completion["outcome"];
    evidence: string[];
    notes: string;
    at: Date;
    result?: unknown;
  },
  actor: Actor,
): Promise<Completion> {
  const completion: Completion = {
    id: newRowId(),
    activity_id: activityId,
    plan_id: plan.id,
    plan_version: plan.version,
    outcome: o.outcome,
    completed_at: o.at.toISOString(),
    recorded_at: deps.clock.now().toISOString(),
    completed_by: describeActor(actor),
    evidence: o.evidence,
    notes: o.notes,
    result: o.result ?? null,
  };
  await deps.preparation.completions.add(completion);
  return completion;
}

/**
 * Marks every activity of a kind done because Firebreak saw it happen: a plan approval is a
 * plan review, a finished exercise run is a drill. Returns the activities it recorded.
 */
export async function recordKindDone(
  deps: Deps,
  kind: PreparationActivity["kind"],
  evidence: string[],
  actor: Actor,
): Promise<string[]> {
  const plan = await currentPlan(deps.documents);
  const ids = plan.body.preparation.filter((a) => a.kind === kind).map((a) => a.id);
  for (const id of ids)
    await recordOutcome(
      deps,
      plan,
      id,
      { outcome: "done", evidence, notes: "Recorded by Firebreak.", at: deps.clock.now() },
      actor,
    );
  return ids;
}
