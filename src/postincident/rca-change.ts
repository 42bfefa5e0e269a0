import { canSeeIncidentOf } from "../auth/incident-visibility.js";
import type { Actor } from "../domain/actor.js";
import type { Incident } from "../domain/incident/model.js";
import type { TimelineKind, TimelinePayload } from "../domain/incident/timeline-kinds.js";
import type { PostIncidentDeps } from "./deps.js";
import type { Rca } from "./postincident.types.js";
import { rcaStatus } from "./rca-tree.js";
import { mutateVersioned, recordOn } from "./record.js";

/** The RCA an `rca.*` timeline entry names. */
type RcaRef = { rca_id: string; rca: string };
type RcaKind = { [K in TimelineKind]: TimelinePayload<K> extends RcaRef ? K : never }[TimelineKind];
/** What a change of an RCA records on the timeline, less the reference `changeRca` adds. */
type RcaChangeEntry = {
  [K in RcaKind]: { kind: K; payload: Omit<TimelinePayload<K>, keyof RcaRef> };
}[RcaKind];

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

/**
 * Runs one change on an RCA (optimistic concurrency), recomputes its step, and tells the
 * timelines of the incidents in scope.
 */
export async function changeRca(
  deps: PostIncidentDeps,
  ref: string,
  expectedVersion: number | undefined,
  decide: (rca: Rca, scope: Incident[], at: string) => Promise<Rca> | Rca,
  entry: (before: Rca, after: Rca) => RcaChangeEntry,
  actor: Actor,
): Promise<{ before: Rca; after: Rca }> {
  const result = await mutateVersioned(
    "root-cause analysis",
    ref,
    expectedVersion,
    // One about an incident the actor may not see is as missing as one that does not exist.
    async () => {
      const rca = await deps.postincident.getRca(ref);
      return rca && (await canSeeIncidentOf(deps, actor, rca.incident_id)) ? rca : undefined;
    },
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
