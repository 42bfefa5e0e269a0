import type { IncidentPhase } from "./incident/phase.js";

/**
 * A problem's life: cause unknown (open) → cause found with a workaround (known_error) → fix
 * implemented and verified (resolved).
 */
export const PROBLEM_STATES = ["open", "known_error", "resolved"] as const;
export type ProblemState = (typeof PROBLEM_STATES)[number];

/** The underlying cause behind one or more incidents. */
export interface Problem {
  id: string;
  /** PRB-2026-0001. */
  human_id: string;
  title: string;
  description: string;
  state: ProblemState;
  cause: string | null;
  workaround: string | null;
  fix: string | null;
  /** Who verified that the fix works. */
  verified_by: string | null;
  opened_at: string;
  opened_by: string;
  known_error_at: string | null;
  resolved_at: string | null;
  updated_at: string;
  /** Optimistic concurrency, as on incidents: every change bumps it. */
  version: number;
}

/** An incident linked to a problem, with enough of it to recognise it. */
export interface LinkedIncident {
  incident_id: string;
  human_id: string;
  title: string;
  phase: IncidentPhase;
  severity: string;
  linked_at: string;
}
