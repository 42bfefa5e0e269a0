import { api } from "./client";
import type { Page } from "./types";

/** Problem records (`src/server/routes/problem.routes.ts`). */

export const PROBLEM_STATES = ["open", "known_error", "resolved"] as const;
export type ProblemState = (typeof PROBLEM_STATES)[number];

export interface LinkedIncident {
  incident_id: string;
  human_id: string;
  title: string;
  phase: string;
  severity: string;
  linked_at: string;
}

export interface Problem {
  id: string;
  human_id: string;
  title: string;
  description: string;
  state: ProblemState;
  cause: string | null;
  workaround: string | null;
  fix: string | null;
  verified_by: string | null;
  opened_at: string;
  opened_by: string;
  known_error_at: string | null;
  resolved_at: string | null;
  updated_at: string;
  version: number;
}

export interface ProblemDetail extends Problem {
  incidents: LinkedIncident[];
}

export interface Transition {
  to: ProblemState;
  cause?: string;
  workaround?: string;
  fix?: string;
  verified_by?: string;
}

const at = (id: string) => `/problems/${encodeURIComponent(id)}`;

export const problemsApi = {
  list: (filter: { state?: string[]; q?: string; cursor?: string }, signal?: AbortSignal) =>
    api<Page<Problem>>("/problems", {
      signal,
      query: { state: filter.state, q: filter.q?.trim() || undefined, cursor: filter.cursor },
    }),
  get: (id: string, signal?: AbortSignal) => api<ProblemDetail>(at(id), { signal }),
  open: (input: { title: string; description?: string; incidents?: string[] }) =>
    api<ProblemDetail>("/problems", { json: input }),
  link: (id: string, incidents: string[]) =>
    api<ProblemDetail>(`${at(id)}/incidents`, { json: { incidents } }),
  transition: (id: string, input: Transition, version: number) =>
    api<ProblemDetail>(`${at(id)}/transition`, { json: input, ifMatch: version }),
};
