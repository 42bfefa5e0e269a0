import type {
  ActionStatus,
  EvidenceRefKind,
  ProposalStatus,
  RcaStatus,
} from "../domain/post-incident-states.js";

/**
 * Post-incident activity: root-cause analysis (scope → causal relationships → solution →
 * implementation tracked as action items), lessons learned with change proposals for the plan and
 * procedures, and the action items that outlive incidents. The stores are implemented in
 * `store/postincident.repo.ts` and `store/action-item.repo.ts`.
 */

/** Step 1: what the analysis covers. */
export interface RcaScope {
  summary: string;
  in_scope: string[];
  out_of_scope: string[];
  /** The period looked at (ISO 8601), when it matters. */
  window_start: string | null;
  window_end: string | null;
}

/** What a "why" link rests on: something recorded on an incident in the RCA's scope. */
export interface EvidenceRef {
  kind: EvidenceRefKind;
  /** Evidence/indicator/task id, alert id, or a timeline entry's sequence number. */
  id: string;
  /** The incident it is recorded on (filled in when the reference is checked). */
  incident_id: string;
  note: string | null;
}

/**
 * Step 2: one "why" link. Top-level causes (no parent) answer "why did the incident happen?";
 * a child answers "why did its parent happen?". The tree is stored flat, parents first.
 */
export interface CauseNode {
  id: string;
  parent_id: string | null;
  statement: string;
  evidence: EvidenceRef[];
  contributing_factors: string[];
  added_at: string;
  added_by: string;
}

/** Step 3: the effective solution, and the workaround while it is being implemented. */
export interface RcaSolution {
  summary: string;
  workaround: string | null;
  decided_at: string;
  decided_by: string;
}

export interface Rca {
  id: string;
  /** RCA-2026-0001. */
  human_id: string;
  title: string;
  /** The incident analysed, or null for an analysis of a problem. */
  incident_id: string | null;
  /** The problem analysed, or null for an analysis of an incident. */
  problem_id: string | null;
  scope: RcaScope;
  causes: CauseNode[];
  root_cause_id: string | null;
  solution: RcaSolution | null;
  status: RcaStatus;
  created_at: string;
  created_by: string;
  updated_at: string;
  version: number;
}

/** Step 4 and beyond: a change someone owns, with a due date, tracked to done and verified. */
export interface ActionItem {
  id: string;
  /** ACT-2026-0001. */
  human_id: string;
  title: string;
  description: string;
  incident_id: string | null;
  problem_id: string | null;
  rca_id: string | null;
  /** A person id from the plan's team. */
  owner: string;
  due_at: string;
  status: ActionStatus;
  /** How it was verified that the change works (required to mark it done). */
  verification: string | null;
  verified_by: string | null;
  cancel_reason: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  completed_at: string | null;
  version: number;
}

/** The part of a plan or procedure version a change proposal is about. */
export interface ProposalTarget {
  kind: "plan" | "procedure";
  id: string;
  /** The stored version the proposal was checked against. */
  version: number;
  /** A procedure step id. */
  step_id: string | null;
  /** A top-level section of a plan (escalation, roles, communication, …). */
  section: string | null;
}

/** "Change this step of that document": what can become its next version. */
export interface ChangeProposal {
  id: string;
  target: ProposalTarget;
  change: string;
  rationale: string;
  status: ProposalStatus;
}

/** The formal lessons-learned review of one incident. */
export interface LessonsReview {
  id: string;
  incident_id: string;
  what_happened: string;
  went_well: string[];
  went_poorly: string[];
  learned: string[];
  proposals: ChangeProposal[];
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  version: number;
}

/** A hit of "has this happened before?". */
export interface LessonSearchHit {
  kind: "lesson" | "root_cause";
  /** Lessons review id or RCA id. */
  id: string;
  incident: { id: string; human_id: string; title: string } | null;
  problem: { id: string; human_id: string; title: string } | null;
  title: string;
  snippet: string;
  score: number;
  at: string;
}

/** A searchable document: its fields, weighted, and where it came from. */
export interface SearchCandidate {
  kind: LessonSearchHit["kind"];
  id: string;
  incident: LessonSearchHit["incident"];
  problem: LessonSearchHit["problem"];
  title: string;
  at: string;
  fields: { text: string; weight: number }[];
}

export interface RcaFilter {
  incident?: string;
  problem?: string;
  /**
   * Leaves out what belongs to restricted incidents this person does not take part in, in the
   * query (auth/incident-visibility.ts), so a page is never short; absent: everything.
   */
  visibleTo?: string;
}

/** What the RCA and lessons use cases need from storage. */
export interface PostIncidentStore {
  nextHumanId(prefix: string, year: number): Promise<string>;
  createRca(rca: Rca): Promise<void>;
  /** By id or human id. */
  getRca(ref: string): Promise<Rca | undefined>;
  listRcas(filter: RcaFilter): Promise<Rca[]>;
  /** Writes the RCA if the stored version is still `expectedVersion`; false otherwise. */
  updateRca(rca: Rca, expectedVersion: number): Promise<boolean>;
  getLessons(incidentId: string): Promise<LessonsReview | undefined>;
  /** Inserts (expectedVersion 0) or updates the incident's review; false on a version race. */
  saveLessons(review: LessonsReview, expectedVersion: number): Promise<boolean>;
  /** Every review with a proposal against a document (kind and id). */
  lessonsProposingFor(kind: string, id: string, visibleTo?: string): Promise<LessonsReview[]>;
  /** Lessons and RCAs whose text contains any of the (lower-case) terms; exercises left out. */
  searchCandidates(terms: string[], limit: number, visibleTo?: string): Promise<SearchCandidate[]>;
}

export interface ActionItemFilter {
  status?: ActionStatus[];
  owner?: string;
  incident?: string;
  problem?: string;
  rca?: string;
  /** Open or in progress and due before this instant. */
  overdueAt?: string;
  /**
   * Leaves out what belongs to restricted incidents this person does not take part in, in the
   * query (auth/incident-visibility.ts), so a page is never short; absent: everything.
   */
  visibleTo?: string;
}

/** A task marked follow-up on an ended incident: tracked as an action item too. */
export interface FollowUpTask {
  task_id: string;
  incident_id: string;
  incident_human_id: string;
  incident_title: string;
  title: string;
  assignee: string | null;
  role: string | null;
  due_at: string | null;
  status: string;
  created_at: string;
  completed_at: string | null;
}

export interface ActionItemStore {
  nextHumanId(prefix: string, year: number): Promise<string>;
  create(item: ActionItem): Promise<void>;
  /** By id or human id. */
  get(ref: string): Promise<ActionItem | undefined>;
  list(filter: ActionItemFilter, limit: number): Promise<ActionItem[]>;
  update(item: ActionItem, expectedVersion: number): Promise<boolean>;
  /** Follow-up tasks of closed incidents (exercises left out). */
  followUpTasks(
    filter: Pick<ActionItemFilter, "incident" | "overdueAt" | "visibleTo">,
  ): Promise<FollowUpTask[]>;
}
