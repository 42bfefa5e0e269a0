import { stopEscalation } from "../../comms/escalation/escalation.service.js";
import { cancelCadence } from "../../comms/status-updates/cadence.js";
import { currentPlan } from "../../documents/document.service.js";
import type { StoredDocument } from "../../documents/document.types.js";
import type { PlanDocument } from "../../documents/plan.schema.js";
import type { Actor } from "../../domain/actor.js";
import type { Incident } from "../../domain/incident/model.js";
import { EXERCISE_FINISH, EXERCISE_INJECT } from "../../jobs/job-kinds.js";
import { addActionItem } from "../../postincident/action-item.service.js";
import { mutateIncident } from "../../response/mutate.js";
import { recordKindDone } from "../activity.service.js";
import type { ExerciseRun, PreparationDeps } from "../preparation.types.js";
import { takeSnapshot } from "../readiness.service.js";
import { jobPrefix } from "./job-kinds.js";
import { changeRun, exerciseOf, requireRun } from "./run-record.js";
import { answersOf, type RunView, runView } from "./run-view.js";
import { type RunScore, scoreRun } from "./score.js";

/** Gap action items are due this long after the exercise. */
const ACTION_DUE_MS = 30 * 86_400_000;

async function planOf(deps: PreparationDeps, run: ExerciseRun): Promise<PlanDocument> {
  const pinned = (await deps.documents.get("plan", run.plan_id, run.plan_version)) as
    | StoredDocument<"plan">
    | undefined;
  return (pinned ?? (await currentPlan(deps.documents))).body;
}

/** Who owns a gap: the first person holding its role, else the plan's owner, else anyone. */
function ownerFor(plan: PlanDocument, role: string | null): string {
  const holder = role ? plan.team.find((p) => p.roles.includes(role)) : undefined;
  if (holder) return holder.id;
  if (plan.team.some((p) => p.id === plan.owner)) return plan.owner;
  return (plan.team[0] as PlanDocument["team"][number]).id;
}

/** Stops the pages and update reminders of a run's exercise incidents: the drill is over. */
async function quietIncidents(deps: PreparationDeps, run: ExerciseRun) {
  await deps.jobs.cancel({ dedupKeyPrefix: jobPrefix(run.id, EXERCISE_INJECT) }, deps.clock.now());
  await deps.jobs.cancel({ dedupKeyPrefix: jobPrefix(run.id, EXERCISE_FINISH) }, deps.clock.now());
  for (const id of run.incident_ids) {
    await stopEscalation(deps, id, "ended");
    await cancelCadence(deps, id);
  }
}

async function raiseActionItems(
  deps: PreparationDeps,
  run: ExerciseRun,
  plan: PlanDocument,
  score: RunScore,
  incident: Incident | undefined,
  actor: Actor,
): Promise<{ ids: string[]; failures: string[] }> {
  const due = new Date(deps.clock.now().getTime() + ACTION_DUE_MS).toISOString();
  const ids: string[] = [];
  const failures: string[] = [];
  for (const gap of score.gaps) {
    try {
      const item = await addActionItem(
        deps,
        {
          title: `Exercise ${run.human_id}: ${gap.title}`.slice(0, 500),
          description: `Found in exercise run ${run.human_id} (${run.title}).\n\n${gap.detail}`,
          owner: ownerFor(plan, gap.owner_role),
          due_at: due,
          ...(incident ? { incident: incident.id } : {}),
        },
        actor,
      );
      ids.push(item.id);
    } catch (e) {
      failures.push(`${gap.title}: ${(e as Error).message}`);
    }
  }
  return { ids, failures };
}

/**
 * Ends a run and scores it: against the targets (scenario time), the expected type and
 * severity, and the expected decisions. Each gap becomes an owned, dated action item; the
 * run's incidents stop paging; the drill counts as done for the readiness programme; the
 * readiness score is snapshotted. Ending a run that has already ended changes nothing.
 */
export async function finishRun(
  deps: PreparationDeps,
  ref: string,
  actor: Actor,
  reason = "ended by the facilitator",
): Promise<RunView> {
  const run = await requireRun(deps, ref);
  if (run.status !== "running") return runView(deps, run.id);
  const exercise = await exerciseOf(deps, run);
  const plan = await planOf(deps, run);
  const incident = run.incident_ids[0] ? await deps.incidents.get(run.incident_ids[0]) : undefined;
  const now = deps.clock.now().toISOString();
  const score = scoreRun({
    exercise,
    plan,
    speed: run.speed,
    started_at: run.started_at,
    signal_at: run.signal_at,
    incident: incident ?? null,
    answers: answersOf(await deps.preparation.runs.log(run.id)),
  });
  const { run: finished, changed } = await changeRun(deps, run.id, (r) =>
    r.status === "running" ? { ...r, status: "finished", finished_at: now, score } : undefined,
  );
  if (!changed) return runView(deps, run.id);
  await quietIncidents(deps, finished);
  const items = await raiseActionItems(deps, finished, plan, score, incident, actor);
  await changeRun(deps, run.id, (r) => ({ ...r, action_items: items.ids }));
  await deps.preparation.runs.append(run.id, [
    {
      at: deps.clock.now().toISOString(),
      kind: "run.finished",
      actor,
      payload: {
        reason,
        score: score.score,
        gaps: score.gaps.length,
        action_items: items.ids,
        failures: items.failures,
      },
    },
  ]);
  if (incident)
    await mutateIncident(deps, incident.id, undefined, undefined, ({ incident: i }) => ({
      incident: i,
      timeline: [
        {
          kind: "exercise.finished",
          actor,
          payload: { run: finished.human_id, score: score.score, gaps: score.gaps.length },
        },
      ],
    }));
  await recordKindDone(
    deps,
    "drill",
    [
      `exercise run ${finished.human_id} "${finished.title}": score ${score.score}/100, ${score.gaps.length} gap(s)`,
    ],
    actor,
  );
  await takeSnapshot(deps);
  return runView(deps, run.id);
}

/** Stops a run without scoring it (started by mistake, or abandoned). */
export async function cancelRun(
  deps: PreparationDeps,
  ref: string,
  actor: Actor,
  reason: string,
): Promise<RunView> {
  const run = await requireRun(deps, ref);
  const now = deps.clock.now().toISOString();
  const { run: cancelled, changed } = await changeRun(deps, run.id, (r) =>
    r.status === "running" ? { ...r, status: "cancelled", finished_at: now } : undefined,
  );
  if (changed) {
    await quietIncidents(deps, cancelled);
    await deps.preparation.runs.append(run.id, [
      { at: now, kind: "run.cancelled", actor, payload: { reason } },
    ]);
  }
  return runView(deps, run.id);
}
