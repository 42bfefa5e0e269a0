import type { ExerciseRun } from "../../preparation/preparation.types.js";

/**
 * Preparation: the readiness programme's completions, plan reviews and sign-offs, readiness
 * score snapshots, and exercise runs with their log (see migrations/0011-preparation.ts).
 */
export interface PreparationTables {
  preparation_completions: PreparationCompletionsTable;
  plan_reviews: PlanReviewsTable;
  plan_signoffs: PlanSignoffsTable;
  readiness_snapshots: ReadinessSnapshotsTable;
  exercise_runs: ExerciseRunsTable;
  exercise_run_log: ExerciseRunLogTable;
}

/** One time a preparation activity was done (or an automatic check ran and failed). */
export interface PreparationCompletionsTable {
  id: string;
  activity_id: string;
  plan_id: string;
  /** The plan version in force when it was recorded. */
  plan_version: number;
  /** done (counts as the activity done) or failed (an automatic check that did not pass). */
  outcome: string;
  /** When it was done (may be earlier than recorded). */
  completed_at: string;
  recorded_at: string;
  completed_by: string;
  /** JSON array of evidence items (text: a reference, a link, a summary). */
  evidence: string;
  notes: string;
  /** JSON: what an automatic check found (log source coverage), else null. */
  result: string | null;
}

/** A round of review of one plan version: submitted, then approved or sent back. */
export interface PlanReviewsTable {
  id: string;
  /** The document kind reviewed (plan, procedure, declaration_policy, exercise). */
  kind: string;
  /** The reviewed document's id (the column predates reviews of other kinds than plans). */
  plan_id: string;
  version: number;
  /** The reviewed version's content hash: sign-offs are for exactly this content. */
  hash: string;
  /** open, approved, changes_requested, withdrawn. */
  status: string;
  submitted_at: string;
  submitted_by: string;
  note: string;
  closed_at: string | null;
}

/** One approver's decision in a review round. */
export interface PlanSignoffsTable {
  id: string;
  review_id: string;
  kind: string;
  plan_id: string;
  version: number;
  hash: string;
  /** The plan team person who decided. */
  person: string;
  /** approve or request_changes. */
  decision: string;
  comment: string;
  at: string;
  /** Who recorded it (the person, or an admin recording a sign-off given on paper). */
  recorded_by: string;
}

/** The readiness score at a moment, with its breakdown (JSON), for the history chart. */
export interface ReadinessSnapshotsTable {
  id: string;
  taken_at: string;
  score: number;
  plan_id: string;
  plan_version: number;
  breakdown: string;
}

/** One run of an exercise document: the run, with its lists and score as JSON text. */
export interface ExerciseRunsTable
  extends Omit<ExerciseRun, "status" | "incident_ids" | "score" | "action_items"> {
  /** running, finished, cancelled. */
  status: string;
  /** JSON array. */
  incident_ids: string;
  /** JSON, once finished. */
  score: string | null;
  /** JSON array. */
  action_items: string;
}

/** What happened in a run, in order: injects delivered, answers, links, the end. */
export interface ExerciseRunLogTable {
  run_id: string;
  seq: number;
  at: string;
  kind: string;
  /** JSON actor. */
  actor: string;
  /** JSON. */
  payload: string;
}
