import { canSeeIncidentOf, findVisibleIncident, visibleTo } from "../auth/incident-visibility.js";
import { type Actor, describeActor } from "../domain/actor.js";
import { invalidInput, notFound } from "../domain/errors.js";
import { newRowId } from "../domain/row-id.js";
import { requiredText } from "../response/incident-change.js";
import type { PostIncidentDeps } from "./deps.js";
import type { Rca, RcaScope } from "./postincident.types.js";
import { changeRca, scopeIncidents } from "./rca-change.js";
import { applyRootCause } from "./rca-problems.js";
import { causalChain, findCause } from "./rca-tree.js";
import { isoInstant, recordOn, requireIncident, textList } from "./record.js";

export { addCause, type CauseInput, removeCause, updateCause } from "./rca-causes.service.js";
export { scopeIncidents } from "./rca-change.js";

export interface ScopeInput {
  summary: string;
  in_scope?: string[];
  out_of_scope?: string[];
  window_start?: string | null;
  window_end?: string | null;
}

export interface StartRcaInput {
  /** The incident analysed (id or human id); or give `problem`. */
  incident?: string;
  /** The problem analysed (id or human id); or give `incident`. */
  problem?: string;
  title?: string;
  scope: ScopeInput;
}

function checkScope(input: ScopeInput | undefined): RcaScope {
  if (!input || typeof input !== "object") throw invalidInput("scope is required");
  const opt = (f: string, v: string | null | undefined) =>
    v === undefined || v === null || v === "" ? null : isoInstant(f, v);
  const scope: RcaScope = {
    summary: requiredText("scope.summary", input.summary, 5000),
    in_scope: textList("scope.in_scope", input.in_scope, 500),
    out_of_scope: textList("scope.out_of_scope", input.out_of_scope, 500),
    window_start: opt("scope.window_start", input.window_start),
    window_end: opt("scope.window_end", input.window_end),
  };
  if (scope.window_start && scope.window_end && scope.window_start > scope.window_end)
    throw invalidInput("scope.window_start cannot be after scope.window_end");
  return scope;
}

export async function getRca(deps: PostIncidentDeps, ref: string, viewer?: Actor): Promise<Rca> {
  const rca = await deps.postincident.getRca(ref);
  if (!rca || !(await canSeeIncidentOf(deps, viewer, rca.incident_id)))
    throw notFound("root-cause analysis", ref);
  return rca;
}

/** The RCAs of an incident or a problem (ids or human ids), oldest first. */
export async function listRcas(
  deps: PostIncidentDeps,
  filter: { incident?: string; problem?: string },
  viewer?: Actor,
): Promise<Rca[]> {
  const incident = filter.incident
    ? await findVisibleIncident(deps, viewer, filter.incident)
    : undefined;
  const problem = filter.problem ? await deps.problems.get(filter.problem) : undefined;
  if ((filter.incident && !incident) || (filter.problem && !problem)) return [];
  return deps.postincident.listRcas({
    incident: incident?.id,
    problem: problem?.id,
    visibleTo: visibleTo(viewer),
  });
}

/** Step 1: opens a root-cause analysis of an incident or a problem with its scope. */
export async function startRca(
  deps: PostIncidentDeps,
  input: StartRcaInput,
  actor: Actor,
): Promise<Rca> {
  if (!input.incident === !input.problem)
    throw invalidInput("give exactly one of incident or problem to analyse");
  const scope = checkScope(input.scope);
  const incident = input.incident ? await requireIncident(deps, input.incident, actor) : undefined;
  const problem = input.problem ? await deps.problems.get(input.problem) : undefined;
  if (input.problem && !problem)
    throw invalidInput(`problem ${input.problem} does not exist`, [
      { message: "no such problem", path: "problem" },
    ]);
  const now = deps.clock.now();
  const at = now.toISOString();
  const rca: Rca = {
    id: newRowId(),
    human_id: await deps.postincident.nextHumanId("RCA", now.getUTCFullYear()),
    title: input.title?.trim() || (incident?.title ?? problem?.title ?? ""),
    incident_id: incident?.id ?? null,
    problem_id: problem?.id ?? null,
    scope,
    causes: [],
    root_cause_id: null,
    solution: null,
    status: "scoping",
    created_at: at,
    created_by: describeActor(actor),
    updated_at: at,
    version: 1,
  };
  await deps.postincident.createRca(rca);
  const targets = await scopeIncidents(deps, rca);
  await recordOn(
    deps,
    targets.map((i) => i.id),
    "rca.started",
    { rca_id: rca.id, rca: rca.human_id, title: rca.title, scope: scope.summary },
    actor,
  );
  return rca;
}

/** Step 1 again: the scope as understood now. */
export async function updateScope(
  deps: PostIncidentDeps,
  ref: string,
  input: ScopeInput,
  actor: Actor,
  expectedVersion?: number,
): Promise<Rca> {
  const scope = checkScope(input);
  const { after } = await changeRca(
    deps,
    ref,
    expectedVersion,
    (rca) => ({ ...rca, scope }),
    (before) => ({
      kind: "rca.scope_updated",
      payload: { from: before.scope.summary, to: scope.summary },
    }),
    actor,
  );
  return after;
}

/**
 * Step 2 concluded: names the root cause. The linked problem records learn it (an open problem
 * becomes a known error, with the workaround given or the solution's).
 */
export async function identifyRootCause(
  deps: PostIncidentDeps,
  ref: string,
  input: { cause_id: string; workaround?: string },
  actor: Actor,
  expectedVersion?: number,
): Promise<{ rca: Rca; problems_updated: string[] }> {
  const { after } = await changeRca(
    deps,
    ref,
    expectedVersion,
    (rca) => {
      findCause(rca, input.cause_id);
      return { ...rca, root_cause_id: input.cause_id };
    },
    (_b, rca) => ({
      kind: "rca.root_cause_identified",
      payload: {
        cause_id: input.cause_id,
        chain: causalChain(rca.causes, input.cause_id).map((c) => c.statement),
      },
    }),
    actor,
  );
  const root = findCause(after, input.cause_id).statement;
  const workaround =
    input.workaround?.trim() ||
    after.solution?.workaround ||
    `none yet; the solution is being worked out in ${after.human_id}`;
  return {
    rca: after,
    problems_updated: await applyRootCause(deps, after, root, workaround, actor),
  };
}

/** Step 3: the effective solution (and the workaround while it is implemented). */
export async function setSolution(
  deps: PostIncidentDeps,
  ref: string,
  input: { summary: string; workaround?: string | null },
  actor: Actor,
  expectedVersion?: number,
): Promise<Rca> {
  const summary = requiredText("summary", input.summary, 10000);
  const workaround = input.workaround?.trim() || null;
  const { after } = await changeRca(
    deps,
    ref,
    expectedVersion,
    (rca, _s, at) => {
      if (!rca.root_cause_id)
        throw invalidInput(
          `${rca.human_id} has no root cause yet; identify it before choosing a solution`,
        );
      return {
        ...rca,
        solution: { summary, workaround, decided_at: at, decided_by: describeActor(actor) },
      };
    },
    () => ({ kind: "rca.solution_set", payload: { summary, workaround } }),
    actor,
  );
  return after;
}
