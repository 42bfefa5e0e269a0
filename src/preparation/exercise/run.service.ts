import { findVisibleIncident } from "../../auth/incident-visibility.js";
import { declareFromAlerts } from "../../detection/alert.service.js";
import { currentPlan } from "../../documents/document.service.js";
import type { StoredDocument } from "../../documents/document.types.js";
import { type Actor, describeActor } from "../../domain/actor.js";
import { durationMs } from "../../domain/duration.js";
import { DomainError, invalidInput, notFound } from "../../domain/errors.js";
import { newRowId } from "../../domain/row-id.js";
import { declareIncident } from "../../response/incident.service.js";
import type { ExerciseRun, PreparationDeps, RunStatus } from "../preparation.types.js";
import { scheduleInject } from "./jobs.js";
import { changeRun, exerciseOf, requireRun, scenarioOffset } from "./run-record.js";
import { type RunView, runView } from "./run-view.js";
import type { Answer } from "./score.js";

/** Scenario seconds per real second: 1 (real time) up to 3600 (an hour a second). */
export const MAX_SPEED = 3600;

/**
 * Starts a run of an exercise (its current version) at a speed: the first inject becomes a
 * durable `exercise.inject` job due at start + offset / speed; each schedules the next, and the
 * last an `exercise.finish` job that ends the run after the exercise's duration (see
 * exercise/jobs.ts). The run pins the exercise and plan versions it started under.
 */
export async function startRun(
  deps: PreparationDeps,
  exerciseId: string,
  input: { speed?: number },
  actor: Actor,
): Promise<RunView> {
  const speed = input.speed ?? 1;
  if (!Number.isInteger(speed) || speed < 1 || speed > MAX_SPEED)
    throw invalidInput(`speed must be a whole number from 1 to ${MAX_SPEED}`, [
      { message: "out of range", path: "speed" },
    ]);
  const [doc] = (await deps.documents.current("exercise")).filter((d) => d.id === exerciseId) as
    | StoredDocument<"exercise">[]
    | [];
  if (!doc) throw notFound("exercise", exerciseId);
  const plan = await currentPlan(deps.documents);
  const now = deps.clock.now();
  const at = (offset: string) => new Date(now.getTime() + durationMs(offset) / speed);
  const run: ExerciseRun = {
    id: newRowId(),
    human_id: await deps.preparation.runs.nextHumanId(now.getUTCFullYear()),
    exercise_id: doc.id,
    exercise_version: doc.version,
    title: doc.title,
    expected_type: doc.body.expected.incident_type,
    plan_id: plan.id,
    plan_version: plan.version,
    speed,
    status: "running",
    started_at: now.toISOString(),
    ends_at: at(doc.body.duration).toISOString(),
    finished_at: null,
    started_by: describeActor(actor),
    incident_ids: [],
    signal_at: null,
    score: null,
    action_items: [],
    version: 1,
    updated_at: now.toISOString(),
  };
  await deps.preparation.runs.create(run);
  await deps.preparation.runs.append(run.id, [
    {
      at: run.started_at,
      kind: "run.started",
      actor,
      payload: { exercise: doc.id, version: doc.version, speed, ends_at: run.ends_at },
    },
  ]);
  await scheduleInject(deps, run, doc.body, 0);
  return runView(deps, run.id);
}

/** Runs, newest first. */
export function listRuns(
  deps: PreparationDeps,
  filter: { status?: RunStatus; limit?: number },
): Promise<ExerciseRun[]> {
  return deps.preparation.runs.list(
    { ...(filter.status ? { status: filter.status } : {}) },
    Math.min(Math.max(filter.limit ?? 50, 1), 500),
  );
}

function requireRunning(run: ExerciseRun) {
  if (run.status !== "running")
    throw new DomainError("conflict", `exercise run ${run.human_id} is ${run.status}`);
}

/**
 * Records the team's answer to a question inject that has gone out: a choice id for a question
 * with choices, else the answer in words (a facilitator may pass `correct` to score it). The
 * last answer counts; every answer stays in the log.
 */
export async function answerQuestion(
  deps: PreparationDeps,
  ref: string,
  input: { inject: string; choice?: string; text?: string; correct?: boolean },
  actor: Actor,
): Promise<RunView> {
  const run = await requireRun(deps, ref);
  requireRunning(run);
  const exercise = await exerciseOf(deps, run);
  const inject = exercise.injects.find((i) => i.id === input.inject);
  if (!inject?.question) throw notFound("question inject", `${run.human_id}/${input.inject}`);
  const q = inject.question;
  const log = await deps.preparation.runs.log(run.id);
  const asked = log.find((e) => e.kind === "inject.delivered" && e.payload.inject_id === inject.id);
  if (!asked) throw new DomainError("conflict", `question ${inject.id} has not been asked yet`);
  if (q.choices && !q.choices.some((c) => c.id === input.choice))
    throw invalidInput(`choose one of: ${q.choices.map((c) => c.id).join(", ")}`, [
      { message: "unknown choice", path: "choice" },
    ]);
  const text = input.text?.trim() || null;
  if (!q.choices && !text)
    throw invalidInput("this question is answered in words (text)", [
      { message: "required", path: "text" },
    ]);
  if (input.correct !== undefined && actor.admin !== true && actor.kind !== "system")
    throw new DomainError(
      "forbidden",
      "only a facilitator (an administrator) marks answers right or wrong",
    );
  const now = deps.clock.now();
  const answer: Answer = {
    inject_id: inject.id,
    choice: input.choice ?? null,
    text,
    correct: input.correct ?? null,
    by: describeActor(actor),
    at: now.toISOString(),
    after_ms: scenarioOffset(run, now) - scenarioOffset(run, new Date(asked.at)),
  };
  await deps.preparation.runs.append(run.id, [
    { at: answer.at, kind: "answer", actor, payload: { ...answer } },
  ]);
  return runView(deps, run.id);
}

/**
 * Declares the run's incident by hand (a tabletop, or a drill whose alerts no policy declared),
 * or links an exercise incident someone already declared. A declaration takes the run's open
 * alerts as its source, so later alerts of the run join it.
 */
export async function declareForRun(
  deps: PreparationDeps,
  ref: string,
  input: { incident?: string; type?: string; severity?: string; title?: string },
  actor: Actor,
): Promise<RunView> {
  const run = await requireRun(deps, ref);
  requireRunning(run);
  let incidentId: string;
  if (input.incident) {
    const incident = await findVisibleIncident(deps, actor, input.incident);
    if (!incident) throw notFound("incident", input.incident);
    if (!incident.exercise)
      throw new DomainError("conflict", `${incident.human_id} is a real incident, not an exercise`);
    incidentId = incident.id;
  } else {
    if (!input.type)
      throw invalidInput("say the incident type (type)", [{ message: "required", path: "type" }]);
    const open = (await deps.detection.alerts.list({ triage: true }, 500)).items.filter(
      (a) => a.exercise_run_id === run.id,
    );
    const base = {
      type: input.type,
      ...(input.severity ? { severity: input.severity } : {}),
      title: input.title ?? `${run.title} (${run.human_id})`,
    };
    const incident =
      open.length > 0
        ? await declareFromAlerts(
            deps,
            open.map((a) => a.id),
            base,
            actor,
          )
        : await declareIncident(
            deps,
            {
              ...base,
              description: `Declared during exercise run ${run.human_id}.`,
              exercise: true,
            },
            actor,
          );
    incidentId = incident.id;
  }
  await changeRun(deps, run.id, (r) =>
    r.incident_ids.includes(incidentId)
      ? undefined
      : { ...r, incident_ids: [...r.incident_ids, incidentId] },
  );
  await deps.preparation.runs.append(run.id, [
    {
      at: deps.clock.now().toISOString(),
      kind: "incident.linked",
      actor,
      payload: { incident_id: incidentId },
    },
  ]);
  return runView(deps, run.id);
}
