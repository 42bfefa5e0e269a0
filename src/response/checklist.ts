import type { ProcedureDocument, ProcedureStep } from "../documents/procedure.schema.js";
import { parseCondition } from "../domain/condition.js";
import { type ConditionFacts, evaluateCondition } from "../domain/condition-check.js";
import { addDuration } from "../domain/duration.js";
import { TASK_PHASES, type TaskPhase } from "../domain/incident/phase.js";

/**
 * A procedure document as a checklist of tasks: which steps apply to an incident and when each
 * is due. It reads procedure documents (`documents/`), so it lives with the response use cases
 * that make and update tasks rather than in the document-free domain.
 */

/** A task as the checklist makes it, before it is stored. */
export interface TaskDraft {
  phase: TaskPhase;
  stepId: string | null;
  procedureId: string | null;
  procedureVersion: number | null;
  title: string;
  role: string | null;
  instructions: string;
  required: boolean;
  reporting: boolean;
  evidenceExpected: string[];
  dueAt: string | null;
  /** Position inside its phase, in the procedure's order. */
  order: number;
}

export function stepApplies(
  step: ProcedureStep,
  facts: ConditionFacts,
  severities: readonly string[],
): boolean {
  return (
    step.condition === undefined ||
    evaluateCondition(parseCondition(step.condition), facts, severities)
  );
}

/** When the incident first entered each phase it has entered (detection: the declaration). */
export type PhaseEntries = Partial<Record<TaskPhase, Date>>;

/**
 * When a step is due: `target` after the declaration, or after the incident first entered the
 * step's `target_from` phase; null without a target or while that phase has not been entered.
 */
export function stepDueAt(
  step: ProcedureStep,
  declaredAt: Date,
  entries: PhaseEntries,
): Date | null {
  if (!step.target) return null;
  // Versions stored before `target_from` existed have none: they count from the declaration.
  const phase = step.target_from ?? "declaration";
  const from = phase === "declaration" ? declaredAt : entries[phase];
  return from ? addDuration(from, step.target) : null;
}

/**
 * The procedure as a checklist: every step whose condition holds becomes a task, due `target`
 * after the declaration (or after entering its `target_from` phase, if it has been entered).
 * Steps already present (by step id) are left out, so calling it again after a severity or type
 * change adds only the tasks that newly apply — none disappear.
 */
export function checklist(
  procedure: { body: ProcedureDocument; version: number },
  facts: ConditionFacts,
  severities: readonly string[],
  declaredAt: Date,
  existingStepIds: ReadonlySet<string> = new Set(),
  phaseEntries: PhaseEntries = { detection: declaredAt },
): TaskDraft[] {
  const drafts: TaskDraft[] = [];
  for (const phase of TASK_PHASES) {
    procedure.body.steps[phase].forEach((step, order) => {
      if (existingStepIds.has(step.id) || !stepApplies(step, facts, severities)) return;
      drafts.push({
        phase,
        stepId: step.id,
        procedureId: procedure.body.id,
        procedureVersion: procedure.version,
        title: step.title,
        role: step.role,
        instructions: step.instructions,
        required: step.required,
        reporting: step.reporting,
        evidenceExpected: step.evidence,
        dueAt: stepDueAt(step, declaredAt, phaseEntries)?.toISOString() ?? null,
        order,
      });
    });
  }
  return drafts;
}

/**
 * Due times that start now because the incident entered `phase` at `at`: for each task of the
 * procedure without a due time whose step's target counts from that phase. Returns the tasks
 * with their new `due_at`; re-entering a phase (after a reopen) finds them already set.
 */
export function dueOnPhaseEntry<
  T extends { step_id: string | null; procedure_id: string | null; due_at: string | null },
>(procedure: ProcedureDocument, tasks: readonly T[], phase: TaskPhase, at: Date): T[] {
  const steps = new Map(
    Object.values(procedure.steps)
      .flat()
      .map((s) => [s.id, s]),
  );
  const out: T[] = [];
  for (const t of tasks) {
    const step = t.procedure_id === procedure.id && t.step_id ? steps.get(t.step_id) : undefined;
    if (t.due_at !== null || !step?.target || step.target_from !== phase) continue;
    out.push({ ...t, due_at: addDuration(at, step.target).toISOString() });
  }
  return out;
}
