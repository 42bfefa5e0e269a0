import { canSeeIncidentOf, findVisibleIncident } from "../auth/incident-visibility.js";
import { currentPlan } from "../documents/document.service.js";
import { type Actor, describeActor } from "../domain/actor.js";
import { DomainError, invalidInput, notFound } from "../domain/errors.js";
import { ACTION_STATUSES, type ActionStatus } from "../domain/post-incident-states.js";
import { newRowId } from "../domain/row-id.js";
import { requiredText } from "../response/incident-change.js";
import { pinnedPlan } from "../response/plan-context.js";
import type { PostIncidentDeps } from "./deps.js";
import type { ActionItem } from "./postincident.types.js";
import { scopeIncidents } from "./rca.service.js";
import { resolveProblems } from "./rca-problems.js";
import { rcaStatus } from "./rca-tree.js";
import { isoInstant, mutateVersioned, recordOn, requireIncident } from "./record.js";

export interface NewActionItemInput {
  title: string;
  description?: string;
  /** A person id from the plan's team. */
  owner: string;
  /** ISO 8601 date or time. */
  due_at: string;
  /** What the item belongs to: an RCA (its incident or problem follow), an incident, a problem. */
  rca?: string;
  incident?: string;
  problem?: string;
}

export interface ActionItemPatch {
  status?: ActionStatus;
  owner?: string;
  due_at?: string;
  title?: string;
  description?: string;
  /** How it was verified that the change works; required to mark an item done. */
  verification?: string;
  /** Who verified it (defaults to the caller). */
  verified_by?: string;
  /** Required to cancel an item. */
  cancel_reason?: string;
}

/** The owner must be someone the plan knows: the incident's pinned plan, else the current one. */
async function checkOwner(
  deps: PostIncidentDeps,
  owner: string,
  incidentId: string | null,
): Promise<void> {
  const incident = incidentId ? await deps.incidents.get(incidentId) : undefined;
  const plan = incident ? await pinnedPlan(deps, incident) : await currentPlan(deps.documents);
  if (!plan.body.team.some((p) => p.id === owner))
    throw invalidInput(`owner '${owner}' is not in the plan's team`, [
      { message: "not in the team", path: "owner" },
    ]);
}

/** The incidents whose timelines hear about an item: its incident, or its problem's incidents. */
async function itemIncidents(deps: PostIncidentDeps, item: ActionItem): Promise<string[]> {
  if (item.incident_id) return [item.incident_id];
  if (item.rca_id) {
    const rca = await deps.postincident.getRca(item.rca_id);
    if (rca) return (await scopeIncidents(deps, rca)).map((i) => i.id);
  }
  if (item.problem_id)
    return (await deps.problems.incidents(item.problem_id)).map((l) => l.incident_id);
  return [];
}

const brief = (i: ActionItem) => ({
  action_item_id: i.id,
  action_item: i.human_id,
  title: i.title,
  owner: i.owner,
  due_at: i.due_at,
  status: i.status,
});

/** Creates an owned, dated action item, from an RCA (step 4), a review, or on its own. */
export async function addActionItem(
  deps: PostIncidentDeps,
  input: NewActionItemInput,
  actor: Actor,
): Promise<ActionItem> {
  const title = requiredText("title", input.title, 500);
  const owner = requiredText("owner", input.owner, 200);
  const dueAt = isoInstant("due_at", input.due_at);
  let incidentId: string | null = null;
  let problemId: string | null = null;
  let rcaId: string | null = null;
  if (input.rca) {
    const rca = await deps.postincident.getRca(input.rca);
    const hidden = rca?.incident_id && !(await findVisibleIncident(deps, actor, rca.incident_id));
    if (!rca || hidden) throw invalidInput(`root-cause analysis ${input.rca} does not exist`);
    ({ incident_id: incidentId, problem_id: problemId, id: rcaId } = rca);
  } else if (input.incident) incidentId = (await requireIncident(deps, input.incident, actor)).id;
  else if (input.problem) {
    const p = await deps.problems.get(input.problem);
    if (!p) throw invalidInput(`problem ${input.problem} does not exist`);
    problemId = p.id;
  }
  await checkOwner(deps, owner, incidentId);
  const now = deps.clock.now();
  const at = now.toISOString();
  const item: ActionItem = {
    id: newRowId(),
    human_id: await deps.actionItems.nextHumanId("ACT", now.getUTCFullYear()),
    title,
    description: input.description?.trim() ?? "",
    incident_id: incidentId,
    problem_id: problemId,
    rca_id: rcaId,
    owner,
    due_at: dueAt,
    status: "open",
    verification: null,
    verified_by: null,
    cancel_reason: null,
    created_at: at,
    created_by: describeActor(actor),
    updated_at: at,
    completed_at: null,
    version: 1,
  };
  await deps.actionItems.create(item);
  await recordOn(deps, await itemIncidents(deps, item), "action_item.added", brief(item), actor);
  if (rcaId) await refreshRca(deps, rcaId, actor);
  return item;
}

/** The item after a patch, or why the patch is refused. */
function applyPatch(
  item: ActionItem,
  patch: ActionItemPatch,
  actor: Actor,
  at: string,
): ActionItem {
  const next = { ...item };
  if (patch.title !== undefined) next.title = requiredText("title", patch.title, 500);
  if (patch.description !== undefined) next.description = patch.description.trim();
  if (patch.owner !== undefined) next.owner = requiredText("owner", patch.owner, 200);
  if (patch.due_at !== undefined) next.due_at = isoInstant("due_at", patch.due_at);
  if (patch.verification !== undefined)
    next.verification = requiredText("verification", patch.verification, 5000);
  if (patch.status !== undefined && patch.status !== item.status) {
    if (!(ACTION_STATUSES as readonly string[]).includes(patch.status))
      throw invalidInput(`status must be one of ${ACTION_STATUSES.join(", ")}`);
    next.status = patch.status;
    next.completed_at = null;
    next.cancel_reason = null;
    if (patch.status === "done") {
      if (!next.verification)
        throw invalidInput(
          "say how it was verified that the change works (verification) before marking it done",
          [{ message: "required to mark done", path: "verification" }],
        );
      next.verified_by = patch.verified_by?.trim() || actor.id;
      next.completed_at = at;
    } else if (patch.status === "cancelled") {
      next.cancel_reason = requiredText("cancel_reason", patch.cancel_reason, 2000);
      next.completed_at = at;
    } else next.verified_by = null;
  }
  return { ...next, updated_at: at };
}

/** Changes an action item: status (done needs a verification), owner, due date, text. */
export async function updateActionItem(
  deps: PostIncidentDeps,
  ref: string,
  patch: ActionItemPatch,
  actor: Actor,
  expectedVersion?: number,
): Promise<ActionItem> {
  const { before, after } = await mutateVersioned(
    "action item",
    ref,
    expectedVersion,
    // One about an incident the actor may not see is as missing as one that does not exist.
    async () => {
      const item = await deps.actionItems.get(ref);
      return item && (await canSeeIncidentOf(deps, actor, item.incident_id)) ? item : undefined;
    },
    async (item) => {
      const next = applyPatch(item, patch, actor, deps.clock.now().toISOString());
      if (next.owner !== item.owner) await checkOwner(deps, next.owner, next.incident_id);
      return next;
    },
    (next, expected) => deps.actionItems.update(next, expected),
  );
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of ["status", "owner", "due_at", "title", "verification", "cancel_reason"] as const)
    if (before[k] !== after[k]) changes[k] = { from: before[k], to: after[k] };
  if (Object.keys(changes).length === 0 && patch.description === undefined)
    throw invalidInput("nothing to change");
  await recordOn(
    deps,
    await itemIncidents(deps, after),
    "action_item.updated",
    { ...brief(after), changes },
    actor,
  );
  if (after.rca_id) await refreshRca(deps, after.rca_id, actor);
  return after;
}

export async function getActionItem(
  deps: PostIncidentDeps,
  ref: string,
  viewer?: Actor,
): Promise<ActionItem> {
  const item = await deps.actionItems.get(ref);
  if (!item || !(await canSeeIncidentOf(deps, viewer, item.incident_id)))
    throw notFound("action item", ref);
  return item;
}

/**
 * Recomputes an RCA's step after its action items changed. When the last open item is done
 * (step 4 complete), the RCA's problem records are resolved with the verified fix.
 */
async function refreshRca(deps: PostIncidentDeps, rcaId: string, actor: Actor): Promise<void> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const rca = await deps.postincident.getRca(rcaId);
    if (!rca) return;
    const items = await deps.actionItems.list({ rca: rca.id }, 1000);
    const status = rcaStatus(rca, items);
    if (status === rca.status) return;
    const at = deps.clock.now().toISOString();
    if (!(await deps.postincident.updateRca({ ...rca, status, updated_at: at }, rca.version)))
      continue;
    if (status === "complete") {
      const resolved = await resolveProblems(deps, rca, items, actor);
      const incidents = (await scopeIncidents(deps, rca)).map((i) => i.id);
      await recordOn(
        deps,
        incidents,
        "rca.completed",
        { rca_id: rca.id, rca: rca.human_id, problems_resolved: resolved },
        actor,
      );
    }
    return;
  }
  throw new DomainError("conflict", `root-cause analysis ${rcaId} is changing too fast`);
}
