import { DomainError, notFound } from "../domain/errors.js";
import type { ResponseDeps } from "./deps.js";
import type { Incident, IncidentChange, Task } from "./incident.types.js";

/** The state a change is computed from. */
export interface IncidentState {
  incident: Incident;
  tasks: Task[];
  now: Date;
}

export type ChangeFn = (
  state: IncidentState,
) => Promise<Omit<IncidentChange, "expectedVersion">> | Omit<IncidentChange, "expectedVersion">;

const RETRIES = 8;

/**
 * Runs one change on one incident with optimistic concurrency. With `expectedVersion` (the
 * client said which version it saw) a concurrent change makes it fail with 409 stale_version.
 * Without it, the change is recomputed on the fresh state and tried again, so two responders
 * changing the same incident at once both keep their change — never a silent overwrite.
 */
export async function mutateIncident(
  deps: ResponseDeps,
  ref: string,
  expectedVersion: number | undefined,
  change: ChangeFn,
): Promise<Incident> {
  for (let attempt = 0; attempt < RETRIES; attempt++) {
    const incident = await deps.incidents.get(ref);
    if (!incident) throw notFound("incident", ref);
    if (expectedVersion !== undefined && incident.version !== expectedVersion)
      throw staleVersion(incident, expectedVersion);
    const tasks = await deps.incidents.tasks(incident.id);
    const now = deps.clock.now();
    const next = await change({ incident, tasks, now });
    const committed = await deps.incidents.commit({
      ...next,
      incident: { ...next.incident, updated_at: now.toISOString() },
      expectedVersion: incident.version,
    });
    if (committed)
      return { ...next.incident, updated_at: now.toISOString(), version: incident.version + 1 };
    if (expectedVersion !== undefined) {
      const fresh = (await deps.incidents.get(ref)) as Incident;
      throw staleVersion(fresh, expectedVersion);
    }
  }
  throw new DomainError("conflict", `incident ${ref} is changing too fast; try again`);
}

function staleVersion(incident: Incident, expected: number) {
  return new DomainError(
    "stale_version",
    `incident ${incident.human_id} is at version ${incident.version}, not ${expected}: someone else changed it; reload and try again`,
    [],
    { current_version: incident.version },
  );
}
