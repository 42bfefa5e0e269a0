import type { AuditStore } from "../audit/audit.types.js";
import type { Env } from "../comms/channels/target.js";
import type { CommsStores } from "../comms/comms.deps.js";
import type { NotificationDeps } from "../comms/notification.service.js";
import type { DetectionDeps } from "../detection/detection.js";
import type { Actor } from "../domain/actor.js";
import type { DocumentKind } from "../domain/document-kind.js";
import type { ReportDeps } from "../reports/report.types.js";

/** One recorded completion of a preparation activity (or a failed automatic check). */
export type Completion = {
  id: string;
  activity_id: string;
  plan_id: string;
  plan_version: number;
  /** `done` counts as the activity done; `failed` is an automatic check that did not pass. */
  outcome: "done" | "failed";
  completed_at: string;
  recorded_at: string;
  completed_by: string;
  evidence: string[];
  notes: string;
  /** What an automatic check found (the log source coverage), else null. */
  result: unknown;
};

/** Where completions are kept (store/preparation.repo.ts). */
export interface CompletionStore {
  add(completion: Completion): Promise<void>;
  /** Newest first; `activityId` narrows to one activity. */
  list(filter: { activityId?: string; limit?: number }): Promise<Completion[]>;
  /** The newest `done` completion of each activity that has one. */
  latestDone(): Promise<Map<string, Completion>>;
}

/** Where a review round stands. */
export type ReviewStatus = "open" | "approved" | "changes_requested" | "withdrawn";

/** One approver's decision in a round, with the hash of the content decided on. */
export type Signoff = {
  id: string;
  review_id: string;
  kind: DocumentKind;
  /** The document's id (any kind; the name predates reviews of procedures and policies). */
  plan_id: string;
  version: number;
  hash: string;
  person: string;
  decision: "approve" | "request_changes";
  comment: string;
  at: string;
  recorded_by: string;
};

/** A round of review of one document version (any kind). */
export type PlanReview = {
  id: string;
  kind: DocumentKind;
  /** The document's id (any kind). */
  plan_id: string;
  version: number;
  hash: string;
  status: ReviewStatus;
  submitted_at: string;
  submitted_by: string;
  note: string;
  closed_at: string | null;
  signoffs: Signoff[];
};

/** Where review rounds and sign-offs are kept (store/plan-review.repo.ts). */
export interface PlanReviewStore {
  /** Every round of a document, oldest first, with their sign-offs. */
  reviews(kind: DocumentKind, id: string): Promise<PlanReview[]>;
  open(review: Omit<PlanReview, "signoffs">): Promise<void>;
  /** Records a sign-off; false when this person already decided in this round. */
  addSignoff(signoff: Signoff): Promise<boolean>;
  /** Closes an open round; false when it was no longer open. */
  close(id: string, status: Exclude<ReviewStatus, "open">, at: string): Promise<boolean>;
}

/** The readiness score at a moment, for the history. */
export type ReadinessSnapshot = {
  id: string;
  taken_at: string;
  score: number;
  plan_id: string;
  plan_version: number;
  breakdown: unknown;
};

/** Where readiness snapshots are kept. */
export interface SnapshotStore {
  add(snapshot: ReadinessSnapshot): Promise<void>;
  /** Newest first, within [from, to). */
  list(range: { from?: string; to?: string; limit?: number }): Promise<ReadinessSnapshot[]>;
}

/** Where an exercise run stands. */
export type RunStatus = "running" | "finished" | "cancelled";

/** One run of an exercise document. Times are real (wall-clock) ISO 8601 UTC text. */
export type ExerciseRun = {
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
  status: RunStatus;
  started_at: string;
  /** When the run ends by itself (real time). */
  ends_at: string;
  finished_at: string | null;
  started_by: string;
  /** Incident ids the run produced or was linked to, first = primary. */
  incident_ids: string[];
  /** When the first inject with events or alerts was delivered: "time to declare" counts from it. */
  signal_at: string | null;
  /** The score, once finished. */
  score: unknown;
  /** Ids of the action items raised from the gaps. */
  action_items: string[];
  version: number;
  updated_at: string;
};

/** One entry of a run's log: an inject delivered, an answer, a declaration, the end. */
export type RunLogEntry = {
  seq: number;
  at: string;
  kind: string;
  actor: Actor;
  payload: Record<string, unknown>;
};

/** Where exercise runs and their logs are kept (store/exercise-run.repo.ts). */
export interface ExerciseRunStore {
  create(run: ExerciseRun): Promise<void>;
  /** By id or human id (RUN-2026-0001). */
  get(ref: string): Promise<ExerciseRun | undefined>;
  /** Newest first. */
  list(filter: { status?: RunStatus; since?: string }, limit: number): Promise<ExerciseRun[]>;
  /** Stores the run if its version is still `expected`; false when someone changed it first. */
  update(run: ExerciseRun, expected: number): Promise<boolean>;
  log(runId: string): Promise<RunLogEntry[]>;
  append(runId: string, entries: Omit<RunLogEntry, "seq">[]): Promise<void>;
  nextHumanId(year: number): Promise<string>;
}

/** Samples of recently received events (exercise replays left out), for the log source check. */
export interface EventSampleSource {
  samples(range: { since: string; until: string }, perGroup: number): Promise<unknown[]>;
}

/** The preparation module's own stores. */
export interface PreparationStores {
  completions: CompletionStore;
  reviews: PlanReviewStore;
  snapshots: SnapshotStore;
  runs: ExerciseRunStore;
  eventSamples: EventSampleSource;
}

/**
 * What the preparation use cases take: detection (exercises replay through it), notifications
 * (reminders, injects), comms (a finished exercise stops its paging), post-incident (action
 * items from exercise gaps) and their own stores.
 */
export interface PreparationDeps
  extends DetectionDeps,
    NotificationDeps,
    Omit<ReportDeps, "clockRecords">,
    CommsStores {
  preparation: PreparationStores;
  /** Document submissions, approvals, supersedes and retirements are audited. */
  audit: AuditStore;
  /** What `${env:NAME}` in channel targets reads. */
  env: Env;
}
