import type { ExerciseDocument, ExerciseQuestion } from "../../documents/exercise.schema.js";
import type { PlanDocument } from "../../documents/plan.schema.js";
import { durationMs } from "../../domain/duration.js";
import type { Incident } from "../../domain/incident/model.js";
import { formatDuration } from "../../domain/metrics.js";

/**
 * How an exercise run went, against the plan's targets and the expected decisions. Pure.
 * Times are scenario time: real elapsed time multiplied by the run's speed, so a run at speed
 * 60 that took 30 real seconds to acknowledge took 30 scenario minutes.
 *
 * Points: each target met 1, late (within twice the target) ½, later or never 0; the expected
 * incident type and severity 1 each; each question answered as expected 1 (½ when later than
 * its `answer_within`), otherwise 0. Free-text questions count once a facilitator has marked
 * the answer right or wrong. The score is the share of points earned, 0–100.
 */

export type Outcome = "met" | "late" | "missed" | "right" | "wrong" | "unanswered" | "unscored";

/** One scored item: a target, the classification, or a decision. */
export type ScoreItem = {
  id: string;
  kind: "target" | "classification" | "decision";
  title: string;
  expected: string;
  actual: string;
  outcome: Outcome;
  points: number;
  max: number;
  /** What to improve, when points were lost: becomes an action item. */
  gap: { title: string; detail: string; owner_role: string | null } | null;
};

/** A run's score, its items and the gaps that become action items. */
export type RunScore = {
  score: number;
  earned: number;
  possible: number;
  items: ScoreItem[];
  gaps: NonNullable<ScoreItem["gap"]>[];
};

/** An answer as the run log keeps it. */
export type Answer = {
  inject_id: string;
  choice: string | null;
  text: string | null;
  /** For free-text questions: a facilitator's judgement. */
  correct: boolean | null;
  by: string;
  at: string;
  /** Scenario milliseconds between the question and the answer. */
  after_ms: number;
};

/** What a run is scored from. */
export interface ScoreInput {
  exercise: ExerciseDocument;
  plan: PlanDocument;
  speed: number;
  started_at: string;
  signal_at: string | null;
  incident: Incident | null;
  answers: Answer[];
}

/** The targets that apply: the exercise's own, else the plan's for the expected severity. */
export function resolvedTargets(exercise: ExerciseDocument, plan: PlanDocument) {
  const level = plan.severity_scale.find((s) => s.id === exercise.expected.severity);
  return {
    acknowledge: exercise.targets.acknowledge ?? level?.targets.acknowledge ?? null,
    declare: exercise.targets.declare ?? null,
    contain: exercise.targets.contain ?? level?.targets.contain ?? null,
  };
}

/** Which role answers for a kind of gap: the first of the candidates the plan defines. */
function roleFor(plan: PlanDocument, authority: string, preferred: string): string | null {
  if (plan.roles.some((r) => r.id === preferred)) return preferred;
  return plan.roles.find((r) => (r.authority as string[]).includes(authority))?.id ?? null;
}

const scenarioMs = (from: string, to: string, speed: number) =>
  (Date.parse(to) - Date.parse(from)) * speed;

function targetItem(
  id: string,
  title: string,
  target: string | null,
  actualMs: number | null,
  ownerRole: string | null,
  advice: string,
): ScoreItem | null {
  if (!target) return null;
  const limit = durationMs(target);
  const outcome: Outcome =
    actualMs === null
      ? "missed"
      : actualMs <= limit
        ? "met"
        : actualMs <= 2 * limit
          ? "late"
          : "missed";
  const points = outcome === "met" ? 1 : outcome === "late" ? 0.5 : 0;
  const actual = actualMs === null ? "not reached" : formatDuration(Math.max(0, actualMs));
  return {
    id: `target:${id}`,
    kind: "target",
    title,
    expected: `within ${formatDuration(limit)}`,
    actual,
    outcome,
    points,
    max: 1,
    gap:
      points < 1
        ? {
            title: `${title}: ${actual} against a target of ${formatDuration(limit)}`,
            detail: advice,
            owner_role: ownerRole,
          }
        : null,
  };
}

function decisionItem(
  injectId: string,
  q: ExerciseQuestion,
  answer: Answer | undefined,
  fallbackRole: string | null,
): ScoreItem {
  const role = q.to.find((t) => t.startsWith("role:"))?.slice(5) ?? fallbackRole;
  const expectedText = q.choices?.find((c) => c.id === q.expected)?.text ?? q.expected;
  let outcome: Outcome = "unanswered";
  if (answer) {
    const right = q.choices ? answer.choice === q.expected : answer.correct;
    outcome = right === null ? "unscored" : right ? "right" : "wrong";
  }
  const late =
    outcome === "right" &&
    q.answer_within &&
    answer &&
    answer.after_ms > durationMs(q.answer_within);
  const points = outcome === "right" ? (late ? 0.5 : 1) : 0;
  const actual = !answer
    ? "no answer"
    : `${q.choices?.find((c) => c.id === answer.choice)?.text ?? answer.text ?? answer.choice ?? ""}${late ? " (late)" : ""}`;
  const question = q.text.split("\n")[0] as string;
  return {
    id: `decision:${injectId}`,
    kind: "decision",
    title: question,
    expected: expectedText,
    actual,
    outcome,
    points,
    max: outcome === "unscored" ? 0 : 1,
    gap:
      outcome === "unscored" || points === 1
        ? null
        : {
            title: `Decision "${question}": ${outcome === "unanswered" ? "not taken" : late ? "taken late" : "not the plan's"}`,
            detail: `Expected: ${expectedText}.${q.rationale ? ` Why: ${q.rationale}` : ""}`,
            owner_role: role,
          },
  };
}

/** Scores a run (see the module comment for the points). */
export function scoreRun(input: ScoreInput): RunScore {
  const { exercise, plan, speed, incident } = input;
  const targets = resolvedTargets(exercise, plan);
  const commander = roleFor(plan, "override_gate", "commander");
  const triage = roleFor(plan, "declare", "security-analyst");
  const signal = input.signal_at ?? input.started_at;
  const at = (t: string | null | undefined) => (t ? t : null);
  const declared = at(incident?.times.declared_at);
  const items: (ScoreItem | null)[] = [
    targetItem(
      "declare",
      "Time to declare",
      targets.declare,
      declared ? scenarioMs(signal, declared, speed) : null,
      triage,
      "Review triage: which alert should have led to a declaration, and what held it up.",
    ),
    targetItem(
      "acknowledge",
      "Time to acknowledge",
      targets.acknowledge,
      declared && incident?.times.acknowledged_at
        ? scenarioMs(declared, incident.times.acknowledged_at, speed)
        : null,
      commander,
      "Check paging: contact details, the on-call rotation and the escalation path for this severity.",
    ),
    targetItem(
      "contain",
      "Time to contain",
      targets.contain,
      declared && incident?.times.contained_at
        ? scenarioMs(declared, incident.times.contained_at, speed)
        : null,
      commander,
      "Walk the containment steps of the procedure: which were slow, unclear or blocked.",
    ),
  ];
  const classification = (
    id: "type" | "severity",
    title: string,
    want: string,
    got: string | undefined,
  ) => {
    const right = got === want;
    items.push({
      id: `classification:${id}`,
      kind: "classification",
      title,
      expected: want,
      actual: got ?? "no incident",
      outcome: right ? "right" : got === undefined ? "missed" : "wrong",
      points: right ? 1 : 0,
      max: 1,
      gap: right
        ? null
        : {
            title: `${title}: ${got ?? "no incident declared"} instead of ${want}`,
            detail: `The scenario calls for ${want}; review the plan's definitions with the team.`,
            owner_role: commander,
          },
    });
  };
  classification("type", "Incident type", exercise.expected.incident_type, incident?.type);
  classification("severity", "Severity", exercise.expected.severity, incident?.severity);
  for (const inject of exercise.injects)
    if (inject.question)
      items.push(
        decisionItem(
          inject.id,
          inject.question,
          input.answers.filter((a) => a.inject_id === inject.id).at(-1),
          commander,
        ),
      );
  const scored = items.filter((x): x is ScoreItem => x !== null);
  const earned = scored.reduce((s, x) => s + x.points, 0);
  const possible = scored.reduce((s, x) => s + x.max, 0);
  return {
    score: possible > 0 ? Math.round((100 * earned) / possible) : 0,
    earned,
    possible,
    items: scored,
    gaps: scored.flatMap((x) => (x.gap ? [x.gap] : [])),
  };
}
