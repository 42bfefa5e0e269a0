import { canSeeIncident } from "../auth/incident-visibility.js";
import { type Actor, describeActor } from "../domain/actor.js";
import { DomainError, invalidInput, notFound } from "../domain/errors.js";
import type { Incident } from "../domain/incident/model.js";
import {
  type TimelineKind,
  type TimelinePayload,
  timelineContent,
} from "../domain/incident/timeline-kinds.js";
import type { LinkedIncident, Problem, ProblemState } from "../domain/problem.js";
import { newRowId } from "../domain/row-id.js";
import type { ResponseDeps } from "./deps.js";
import { requiredText } from "./incident-change.js";
import { mutateIncident } from "./mutate.js";
import type { ProblemFilter, ProblemStore } from "./problem.types.js";
import { mutateProblem } from "./problem-mutate.js";

/** What the problem use cases take: the incident deps (for the linked timelines) and problems. */
export interface ProblemDeps extends ResponseDeps {
  problems: ProblemStore;
}

export interface ProblemWithIncidents extends Problem {
  incidents: LinkedIncident[];
}

export interface OpenProblemInput {
  title: string;
  description?: string;
  /** Incidents (ids or human ids) this problem is behind. */
  incidents?: string[];
}

/** A move to the next state, with what that state requires. */
export interface ProblemTransition {
  to: ProblemState;
  /** Required for known_error. */
  cause?: string;
  /** Required for known_error. */
  workaround?: string;
  /** Required for resolved. */
  fix?: string;
  /** Required for resolved: who verified that the fix works. */
  verified_by?: string;
}

/** Each state's one way forward; anything else is refused. */
const NEXT: Record<ProblemState, ProblemState | null> = {
  open: "known_error",
  known_error: "resolved",
  resolved: null,
};

/**
 * The problem after a transition, or why it cannot make it: open → known_error needs the cause
 * and a workaround, known_error → resolved needs the fix and who verified it.
 */
export function applyTransition(problem: Problem, input: ProblemTransition, at: string): Problem {
  const allowed = NEXT[problem.state];
  if (input.to !== allowed)
    throw new DomainError(
      "conflict",
      `${problem.human_id} is ${problem.state}; ${allowed ? `it can only move to ${allowed}` : "a resolved problem does not change; open a new one"}, not ${input.to}`,
      [],
      { state: problem.state, to: input.to, allowed: allowed ? [allowed] : [] },
    );
  if (input.to === "known_error")
    return {
      ...problem,
      state: "known_error",
      cause: requiredText("cause", input.cause, 10000),
      workaround: requiredText("workaround", input.workaround, 10000),
      known_error_at: at,
    };
  return {
    ...problem,
    state: "resolved",
    fix: requiredText("fix", input.fix, 10000),
    verified_by: requiredText("verified_by", input.verified_by, 300),
    resolved_at: at,
  };
}

/** The incidents named, as the actor may see them: a hidden restricted one does not exist. */
async function resolveIncidents(
  deps: ProblemDeps,
  refs: string[],
  actor: Actor,
): Promise<Incident[]> {
  const found: Incident[] = [];
  for (const ref of refs) {
    const incident = await deps.incidents.get(ref);
    if (!incident || !(await canSeeIncident(deps, actor, incident)))
      throw invalidInput(`incident ${ref} does not exist`, [
        { message: "no such incident", path: "incidents" },
      ]);
    if (!found.some((i) => i.id === incident.id)) found.push(incident);
  }
  return found;
}

/** Tells each incident's timeline about the problem (its own chain, its own version). */
async function record<K extends TimelineKind>(
  deps: ProblemDeps,
  incidentIds: string[],
  kind: K,
  payload: TimelinePayload<K>,
  actor: Actor,
) {
  // Bookkeeping on every linked incident: the caller's right was checked on what they changed.
  for (const id of incidentIds)
    await mutateIncident(deps, id, undefined, undefined, ({ incident }) => ({
      incident,
      timeline: [{ ...timelineContent(kind, payload), actor }],
    }));
}

const brief = (p: Problem) => ({
  problem_id: p.id,
  problem: p.human_id,
  title: p.title,
  state: p.state,
});

/** The linked incidents a viewer may see (restricted ones are for their participants). */
async function visibleLinks(
  deps: ProblemDeps,
  problemId: string,
  viewer?: Actor,
): Promise<LinkedIncident[]> {
  const out: LinkedIncident[] = [];
  for (const link of await deps.problems.incidents(problemId)) {
    const incident = viewer ? await deps.incidents.get(link.incident_id) : undefined;
    if (!incident || (await canSeeIncident(deps, viewer, incident))) out.push(link);
  }
  return out;
}

/** A problem with the linked incidents the viewer may see (all of them without a viewer). */
export async function getProblem(
  deps: ProblemDeps,
  ref: string,
  viewer?: Actor,
): Promise<ProblemWithIncidents> {
  const problem = await deps.problems.get(ref);
  if (!problem) throw notFound("problem", ref);
  return { ...problem, incidents: await visibleLinks(deps, problem.id, viewer) };
}

/** Opens a problem (cause unknown), optionally linked to incidents, whose timelines say so. */
export async function openProblem(
  deps: ProblemDeps,
  input: OpenProblemInput,
  actor: Actor,
): Promise<ProblemWithIncidents> {
  const title = requiredText("title", input.title, 300);
  const incidents = await resolveIncidents(deps, input.incidents ?? [], actor);
  const now = deps.clock.now();
  const at = now.toISOString();
  const problem: Problem = {
    id: newRowId(),
    human_id: await deps.problems.nextHumanId("PRB", now.getUTCFullYear()),
    title,
    description: input.description?.trim() ?? "",
    state: "open",
    cause: null,
    workaround: null,
    fix: null,
    verified_by: null,
    opened_at: at,
    opened_by: describeActor(actor),
    known_error_at: null,
    resolved_at: null,
    updated_at: at,
    version: 1,
  };
  await deps.problems.create(
    problem,
    incidents.map((i) => i.id),
    at,
  );
  // The problem row is the source of truth for links; the timelines follow it.
  await record(
    deps,
    incidents.map((i) => i.id),
    "problem.linked",
    brief(problem),
    actor,
  );
  return getProblem(deps, problem.id, actor);
}

/** Links incidents to a problem; incidents already linked are left as they are. */
export async function linkIncidents(
  deps: ProblemDeps,
  ref: string,
  incidentRefs: string[],
  actor: Actor,
  expectedVersion?: number,
): Promise<ProblemWithIncidents> {
  if (incidentRefs.length === 0) throw invalidInput("give at least one incident to link");
  const incidents = await resolveIncidents(deps, incidentRefs, actor);
  const done = await mutateProblem(deps, ref, expectedVersion, (problem, linked) => {
    const fresh = incidents
      .filter((i) => !linked.some((l) => l.incident_id === i.id))
      .map((i) => i.id);
    return fresh.length > 0 ? { problem, link: fresh } : null;
  });
  if (done) await record(deps, done.linked, "problem.linked", brief(done.after), actor);
  return getProblem(deps, ref, actor);
}

/** Moves a problem to its next state; every linked incident's timeline records the move. */
export async function transitionProblem(
  deps: ProblemDeps,
  ref: string,
  input: ProblemTransition,
  actor: Actor,
  expectedVersion?: number,
): Promise<ProblemWithIncidents> {
  const done = await mutateProblem(deps, ref, expectedVersion, (problem, _linked, at) => ({
    problem: applyTransition(problem, input, at),
  }));
  const { before, after } = done as NonNullable<typeof done>;
  const linked = await deps.problems.incidents(after.id);
  const details =
    after.state === "known_error"
      ? { cause: after.cause, workaround: after.workaround }
      : { fix: after.fix, verified_by: after.verified_by };
  await record(
    deps,
    linked.map((l) => l.incident_id),
    "problem.state_changed",
    { ...brief(after), from: before.state, to: after.state, ...details },
    actor,
  );
  return { ...after, incidents: await visibleLinks(deps, after.id, actor) };
}

/** Problems, newest first, a page at a time; `viewer` as in `getProblem`. */
export async function listProblems(
  deps: ProblemDeps,
  filter: ProblemFilter,
  limit = 50,
  cursor?: string,
  viewer?: Actor,
): Promise<{ items: Problem[]; next_cursor: string | null }> {
  let incident = filter.incident;
  if (incident !== undefined) {
    const found = await deps.incidents.get(incident);
    if (!found || !(await canSeeIncident(deps, viewer, found)))
      return { items: [], next_cursor: null };
    incident = found.id;
  }
  return deps.problems.list({ ...filter, incident }, Math.min(Math.max(limit, 1), 200), cursor);
}
