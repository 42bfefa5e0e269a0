import { randomUUID } from "node:crypto";
import { type Actor, describeActor } from "../domain/actor.js";
import { invalidInput, notFound } from "../domain/errors.js";
import type { Incident } from "../response/incident.types.js";
import { requiredText } from "../response/incident-change.js";
import type { PostIncidentDeps } from "./deps.js";
import type { CauseNode, Rca, RcaScope } from "./postincident.types.js";
import { checkEvidenceRefs, type EvidenceRefInput } from "./rca-evidence.js";
import { applyRootCause } from "./rca-problems.js";
import { addNode, causalChain, findCause, rcaStatus, removeNode } from "./rca-tree.js";
import { isoInstant, mutateVersioned, recordOn, requireIncident, textList } from "./record.js";

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

export interface CauseInput {
  /** The cause this one explains ("why did the parent happen?"); none for a top-level cause. */
  parent_id?: string | null;
  statement: string;
  evidence?: EvidenceRefInput[];
  contributing_factors?: string[];
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

/** The incidents whose records an RCA may cite and whose timelines hear about it. */
export async function scopeIncidents(deps: PostIncidentDeps, rca: Rca): Promise<Incident[]> {
  const ids = rca.incident_id
    ? [rca.incident_id]
    : rca.problem_id
      ? (await deps.problems.incidents(rca.problem_id)).map((l) => l.incident_id)
      : [];
  const found = await Promise.all(ids.map((id) => deps.incidents.get(id)));
  return found.filter((i): i is Incident => i !== undefined);
}

export async function getRca(deps: PostIncidentDeps, ref: string): Promise<Rca> {
  const rca = await deps.postincident.getRca(ref);
  if (!rca) throw notFound("root-cause analysis", ref);
  return rca;
}

/** The RCAs of an incident or a problem (ids or human ids), oldest first. */
export async function listRcas(
  deps: PostIncidentDeps,
  filter: { incident?: string; problem?: string },
): Promise<Rca[]> {
  const incident = filter.incident ? await deps.incidents.get(filter.incident) : undefined;
  const problem = filter.problem ? await deps.problems.get(filter.problem) : undefined;
  if ((filter.incident && !incident) || (filter.problem && !problem)) return [];
  return deps.postincident.listRcas({ incident: incident?.id, problem: problem?.id });
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
  const incident = input.incident ? await requireIncident(deps, input.incident) : undefined;
  const problem = input.problem ? await deps.problems.get(input.problem) : undefined;
  if (input.problem && !problem)
    throw invalidInput(`problem ${input.problem} does not exist`, [
      { message: "no such problem", path: "problem" },
    ]);
  const now = deps.clock.now();
  const at = now.toISOString();
  const rca: Rca = {
    id: randomUUID(),
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

/**
 * Runs one change on an RCA (optimistic concurrency), recomputes its step, and tells the
 * timelines of the incidents in scope.
 */
async function changeRca(
  deps: PostIncidentDeps,
  ref: string,
  expectedVersion: number | undefined,
  decide: (rca: Rca, scope: Incident[], at: string) => Promise<Rca> | Rca,
  entry: (before: Rca, after: Rca) => { kind: string; payload: Record<string, unknown> },
  actor: Actor,
): Promise<{ before: Rca; after: Rca }> {
  const result = await mutateVersioned(
    "root-cause analysis",
    ref,
    expectedVersion,
    () => deps.postincident.getRca(ref),
    async (rca) => {
      const at = deps.clock.now().toISOString();
      const next = await decide(rca, await scopeIncidents(deps, rca), at);
      const items = await deps.actionItems.list({ rca: rca.id }, 1000);
      return { ...next, status: rcaStatus(next, items), updated_at: at };
    },
    (next, expected) => deps.postincident.updateRca(next, expected),
  );
  const { kind, payload } = entry(result.before, result.after);
  const targets = await scopeIncidents(deps, result.after);
  await recordOn(
    deps,
    targets.map((i) => i.id),
    kind,
    { rca_id: result.after.id, rca: result.after.human_id, ...payload },
    actor,
  );
  return result;
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

/** Step 2: adds a "why" link with the evidence it rests on and its contributing factors. */
export async function addCause(
  deps: PostIncidentDeps,
  ref: string,
  input: CauseInput,
  actor: Actor,
  expectedVersion?: number,
): Promise<{ rca: Rca; cause: CauseNode }> {
  const statement = requiredText("statement", input.statement, 5000);
  const factors = textList("contributing_factors", input.contributing_factors, 2000);
  let cause: CauseNode | undefined;
  const { after } = await changeRca(
    deps,
    ref,
    expectedVersion,
    async (rca, scope, at) => {
      cause = {
        id: randomUUID(),
        parent_id: input.parent_id ?? null,
        statement,
        evidence: await checkEvidenceRefs(deps, input.evidence, scope),
        contributing_factors: factors,
        added_at: at,
        added_by: describeActor(actor),
      };
      return { ...rca, causes: addNode(rca.causes, cause) };
    },
    () => ({
      kind: "rca.cause_added",
      payload: {
        cause_id: cause?.id,
        parent_id: cause?.parent_id,
        statement,
        evidence: cause?.evidence.map((e) => `${e.kind}:${e.id}`),
        contributing_factors: factors,
      },
    }),
    actor,
  );
  return { rca: after, cause: cause as CauseNode };
}

/** Step 2: corrects a "why" link's statement, evidence or contributing factors. */
export async function updateCause(
  deps: PostIncidentDeps,
  ref: string,
  causeId: string,
  patch: Partial<Omit<CauseInput, "parent_id">>,
  actor: Actor,
  expectedVersion?: number,
): Promise<Rca> {
  const statement =
    patch.statement === undefined ? undefined : requiredText("statement", patch.statement, 5000);
  const factors =
    patch.contributing_factors === undefined
      ? undefined
      : textList("contributing_factors", patch.contributing_factors, 2000);
  if (statement === undefined && factors === undefined && patch.evidence === undefined)
    throw invalidInput("nothing to change: give statement, evidence or contributing_factors");
  const { after } = await changeRca(
    deps,
    ref,
    expectedVersion,
    async (rca, scope) => {
      const old = findCause(rca, causeId);
      const next: CauseNode = {
        ...old,
        statement: statement ?? old.statement,
        contributing_factors: factors ?? old.contributing_factors,
        evidence:
          patch.evidence === undefined
            ? old.evidence
            : await checkEvidenceRefs(deps, patch.evidence, scope),
      };
      return { ...rca, causes: rca.causes.map((c) => (c.id === causeId ? next : c)) };
    },
    (before) => ({
      kind: "rca.cause_updated",
      payload: {
        cause_id: causeId,
        from: before.causes.find((c) => c.id === causeId)?.statement,
        ...(statement ? { statement } : {}),
        ...(factors ? { contributing_factors: factors } : {}),
        ...(patch.evidence ? { evidence_changed: true } : {}),
      },
    }),
    actor,
  );
  return after;
}

/** Step 2: removes a "why" link that turned out wrong (a leaf that is not the root cause). */
export async function removeCause(
  deps: PostIncidentDeps,
  ref: string,
  causeId: string,
  actor: Actor,
  expectedVersion?: number,
): Promise<Rca> {
  const { after } = await changeRca(
    deps,
    ref,
    expectedVersion,
    (rca) => ({ ...rca, causes: removeNode(rca, causeId) }),
    (before) => ({
      kind: "rca.cause_removed",
      payload: {
        cause_id: causeId,
        statement: before.causes.find((c) => c.id === causeId)?.statement,
      },
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
