import { currentPlan } from "../../documents/document.service.js";
import type { ExerciseDocument } from "../../documents/exercise.schema.js";
import { durationMs } from "../../domain/duration.js";
import type { ExerciseRun, PreparationDeps, RunLogEntry } from "../preparation.types.js";
import { exerciseOf, requireRun, scenarioOffset } from "./run-record.js";
import { type Answer, resolvedTargets } from "./score.js";

/** An inject as a run shows it: when it is (or was) due, whether it went out, its question. */
export type InjectView = {
  id: string;
  title: string;
  at: string;
  due_at: string;
  delivered_at: string | null;
  carries: ("events" | "alerts" | "message" | "question")[];
  question: {
    to: string[];
    text: string;
    choices: { id: string; text: string }[] | null;
    answer: Answer | null;
  } | null;
};

/** A run with what the API, the CLI and the web interface show about it. */
export type RunView = ExerciseRun & {
  exercise: {
    id: string;
    version: number;
    title: string;
    format: ExerciseDocument["format"];
    scenario: string;
    expected: ExerciseDocument["expected"];
    targets: { acknowledge: string | null; declare: string | null; contain: string | null };
    duration: string;
  };
  /** Scenario time now (or at the end), in milliseconds. */
  scenario_ms: number;
  injects: InjectView[];
  incidents: {
    id: string;
    human_id: string;
    title: string;
    type: string;
    severity: string;
    phase: string;
  }[];
  log: RunLogEntry[];
};

/** The answers recorded in a run's log. */
export function answersOf(log: readonly RunLogEntry[]): Answer[] {
  return log.filter((e) => e.kind === "answer").map((e) => e.payload as unknown as Answer);
}

/** A run with its exercise, injects (questions without their answers), incidents and log. */
export async function runView(deps: PreparationDeps, ref: string): Promise<RunView> {
  const run = await requireRun(deps, ref);
  const exercise = await exerciseOf(deps, run);
  const plan = (await currentPlan(deps.documents)).body;
  const log = await deps.preparation.runs.log(run.id);
  const answers = answersOf(log);
  const delivered = new Map(
    log
      .filter((e) => e.kind === "inject.delivered")
      .map((e) => [String(e.payload.inject_id), e.at]),
  );
  const start = Date.parse(run.started_at);
  const end = run.finished_at ? new Date(run.finished_at) : deps.clock.now();
  const incidents = [];
  for (const id of run.incident_ids) {
    const i = await deps.incidents.get(id);
    if (i)
      incidents.push({
        id: i.id,
        human_id: i.human_id,
        title: i.title,
        type: i.type,
        severity: i.severity,
        phase: i.phase,
      });
  }
  return {
    ...run,
    exercise: {
      id: run.exercise_id,
      version: run.exercise_version,
      title: run.title,
      format: exercise.format,
      scenario: exercise.scenario,
      expected: exercise.expected,
      targets: resolvedTargets(exercise, plan),
      duration: exercise.duration,
    },
    scenario_ms: Math.min(scenarioOffset(run, end), durationMs(exercise.duration)),
    injects: exercise.injects.map((i) => ({
      id: i.id,
      title: i.title,
      at: i.at,
      due_at: new Date(start + durationMs(i.at) / run.speed).toISOString(),
      delivered_at: delivered.get(i.id) ?? null,
      carries: (["events", "alerts", "message", "question"] as const).filter(
        (k) => i[k] !== undefined,
      ),
      question: i.question
        ? {
            to: i.question.to,
            text: i.question.text,
            choices: i.question.choices ?? null,
            answer: answers.filter((a) => a.inject_id === i.id).at(-1) ?? null,
          }
        : null,
    })),
    incidents,
    log,
  };
}
