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

/** One run of an exercise document. */
export interface ExerciseRunsTable {
  id: string;
  /** RUN-2026-0001. */
  human_id: string;
  exercise_id: string;
  exercise_version: number;
  title: string;
  /** Expected incident type, kept for "types exercised" in the readiness score. */
  expected_type: string;
  plan_id: string;
  plan_version: number;
  /** Scenario seconds per real second. */
  speed: number;
  /** running, finished, cancelled. */
  status: string;
  started_at: string;
  /** When the run ends by itself (real time). */
  ends_at: string;
  finished_at: string | null;
  started_by: string;
  /** JSON array of incident ids the run produced or was linked to, first = primary. */
  incident_ids: string;
  /** When the first inject with events or alerts was delivered: "time to declare" counts from it. */
  signal_at: string | null;
  /** JSON score, once finished. */
  score: string | null;
  /** JSON array of action item ids raised from the gaps. */
  action_items: string;
  version: number;
  updated_at: string;
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
