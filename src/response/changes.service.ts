import { createHash, randomUUID } from "node:crypto";
import type { Config } from "../config.js";
import type { Actor } from "../domain/actor.js";
import {
  type ChangeEvent,
  type ChangeLink,
  changeTargets,
  changeWindow,
  incidentTargets,
} from "../domain/change.js";
import { durationMs } from "../domain/duration.js";
import type { Incident } from "../domain/incident/model.js";
import { newRowId } from "../domain/row-id.js";
import type { ChangeStore } from "./change.types.js";
import type { ResponseDeps } from "./deps.js";
import { getIncident } from "./incident.service.js";

/**
 * Changes (deploys, configuration pushes) and the ones before an incident. A response use case:
 * what it is for is the incident — its room, its technical report — while the receiver that
 * records changes (detection/receivers/pagerduty-change.ts) is one sender among possible others.
 */

export interface ChangeDeps extends ResponseDeps {
  changes: ChangeStore;
  config: Config;
}

/** A change as a sender describes it; the integration its key belongs to is already known. */
export interface ChangeInput {
  integration_id: string;
  summary: string;
  source: string | null;
  /** The change's own time (any ISO 8601 form), if the sender gave one. */
  timestamp: string | null;
  custom_details: Record<string, unknown> | null;
  links: ChangeLink[];
}

/**
 * The dedup key: a change that carries its own time is identified by its content, so a sender's
 * retry (after a timeout or a 5xx) is stored once. Without a time, two identical changes are as
 * likely two real ones (a restart done twice), so each gets its own key.
 */
function dedupKey(input: ChangeInput, timestamp: string): string {
  if (input.timestamp === null) return randomUUID().replaceAll("-", "");
  const { summary, source, custom_details, links } = input;
  return createHash("sha256")
    .update(JSON.stringify([summary, source, timestamp, custom_details, links]))
    .digest("hex")
    .slice(0, 32);
}

/** Stores a change with the names it touches; a retry of a stored change answers the stored one. */
export async function recordChange(deps: ChangeDeps, input: ChangeInput): Promise<ChangeEvent> {
  const now = deps.clock.now().toISOString();
  const timestamp = input.timestamp ? new Date(input.timestamp).toISOString() : now;
  return deps.changes.record({
    id: newRowId(),
    ...input,
    timestamp,
    received_at: now,
    targets: changeTargets(input.source, input.custom_details),
    dedup_key: dedupKey(input, timestamp),
  });
}

export interface ChangeQuery {
  since?: string;
  until?: string;
  /** A service or host name (any case). */
  service?: string;
  limit: number;
  cursor?: string;
}

/** Every change, newest first, optionally within a time span and touching one name. */
export function listChanges(deps: Pick<ChangeDeps, "changes">, query: ChangeQuery) {
  const iso = (t: string | undefined) => (t ? new Date(t).toISOString() : undefined);
  const service = query.service?.trim().toLowerCase();
  return deps.changes.list(
    {
      since: iso(query.since),
      until: iso(query.until),
      targets: service ? [service] : undefined,
    },
    query.limit,
    query.cursor || undefined,
  );
}

/** The changes before an incident, with the window and the names they were matched on. */
export interface ChangesBefore {
  /** First activity, or the declaration while first activity is unknown. */
  anchor: string;
  from: string;
  /** The incident's names (assets, service attributes), lower case. */
  targets: string[];
  /** Newest first. */
  items: ChangeEvent[];
}

/** At most this many changes are shown for one incident: the newest of its window. */
export const CHANGES_BEFORE_LIMIT = 200;

/**
 * The changes that touch an incident's assets or services in the configured window before its
 * first activity. No visibility check: callers already hold the incident (the room's route reads
 * it through `incidentChanges`, a report through its own visibility check).
 */
export async function changesBefore(deps: ChangeDeps, incident: Incident): Promise<ChangesBefore> {
  const assets = await deps.incidents.assets(incident.id);
  const targets = incidentTargets(
    incident.attributes,
    assets.map((a) => a.name),
  );
  const { anchor, from, to } = changeWindow(incident.times, durationMs(deps.config.changeWindow));
  if (targets.length === 0) return { anchor, from, targets, items: [] };
  const page = await deps.changes.list({ since: from, until: to, targets }, CHANGES_BEFORE_LIMIT);
  return { anchor, from, targets, items: page.items };
}

/** `changesBefore` for an incident the viewer may see (another one is `not_found`). */
export async function incidentChanges(
  deps: ChangeDeps,
  ref: string,
  viewer: Actor | undefined,
): Promise<ChangesBefore> {
  return changesBefore(deps, await getIncident(deps, ref, viewer));
}
