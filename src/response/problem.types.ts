import type { LinkedIncident, Problem, ProblemState } from "../domain/problem.js";

export interface ProblemFilter {
  state?: ProblemState[];
  /** Only problems linked to this incident (id). */
  incident?: string;
  /** Case-insensitive text in the title or human id. */
  q?: string;
}

/** What the problem use cases need from storage. */
export interface ProblemStore {
  /** Next human id for a prefix and year, from the same counters as incidents: PRB-2026-0001. */
  nextHumanId(prefix: string, year: number): Promise<string>;
  create(problem: Problem, incidentIds: string[], linkedAt: string): Promise<void>;
  /** By id or human id. */
  get(ref: string): Promise<Problem | undefined>;
  list(
    filter: ProblemFilter,
    limit: number,
    cursor?: string,
  ): Promise<{ items: Problem[]; next_cursor: string | null }>;
  incidents(problemId: string): Promise<LinkedIncident[]>;
  /**
   * Writes the problem's new state and any new links if the stored version is still
   * `expectedVersion` (then bumped by one); false when someone else changed it first.
   */
  update(
    problem: Problem,
    expectedVersion: number,
    link?: { incidentIds: string[]; at: string },
  ): Promise<boolean>;
}
