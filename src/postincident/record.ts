import { findVisibleIncident } from "../auth/incident-visibility.js";
import type { Actor } from "../domain/actor.js";
import { DomainError, invalidInput } from "../domain/errors.js";
import type { Incident } from "../domain/incident/model.js";
import {
  type TimelineKind,
  type TimelinePayload,
  timelineContent,
} from "../domain/incident/timeline-kinds.js";
import type { ResponseDeps } from "../response/deps.js";
import { mutateIncident } from "../response/mutate.js";

/**
 * Tells each incident's timeline about a post-incident change, through `mutateIncident` so that
 * the hash chain and the incident's version stay intact. The post-incident row is the source of
 * truth and is written first; the timeline follows it (as for problems).
 */
export async function recordOn<K extends TimelineKind>(
  deps: ResponseDeps,
  incidentIds: readonly string[],
  kind: K,
  payload: TimelinePayload<K>,
  actor: Actor,
): Promise<void> {
  // Bookkeeping on every linked incident: the caller's right was checked on what they changed.
  for (const id of new Set(incidentIds))
    await mutateIncident(deps, id, undefined, undefined, ({ incident }) => ({
      incident,
      timeline: [{ ...timelineContent(kind, payload), actor }],
    }));
}

/** The incident behind a reference, or invalid_input naming the field. */
export async function requireIncident(
  deps: ResponseDeps,
  ref: string,
  viewer: Actor | undefined,
  field = "incident",
): Promise<Incident> {
  // A restricted incident the viewer does not take part in fails exactly as a missing one.
  const incident = await findVisibleIncident(deps, viewer, ref);
  if (!incident)
    throw invalidInput(`incident ${ref} does not exist`, [
      { message: "no such incident", path: field },
    ]);
  if (incident.phase === "merged")
    throw new DomainError(
      "conflict",
      `${incident.human_id} was merged into another incident; do its post-incident work there`,
    );
  return incident;
}

/** An ISO 8601 instant (a date alone means midnight UTC), normalised as stored. */
export function isoInstant(field: string, value: unknown): string {
  const t =
    typeof value === "string" && /^\d{4}-\d{2}-\d{2}(T|$)/.test(value)
      ? Date.parse(value)
      : Number.NaN;
  if (Number.isNaN(t))
    throw invalidInput(`${field} must be an ISO 8601 date or time, such as 2026-12-01`, [
      { message: "not an ISO 8601 time", path: field },
    ]);
  return new Date(t).toISOString();
}

/** A list of non-empty, trimmed, bounded strings. */
export function textList(field: string, value: unknown, max = 2000): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidInput(`${field} must be a list of text`);
  return value.map((v, i) => {
    if (typeof v !== "string" || !v.trim())
      throw invalidInput(`${field}[${i}] must be non-empty text`, [
        { message: "empty", path: `${field}[${i}]` },
      ]);
    if (v.length > max)
      throw invalidInput(`${field}[${i}] is at most ${max} characters`, [
        { message: "too long", path: `${field}[${i}]` },
      ]);
    return v.trim();
  });
}

const RETRIES = 8;

/**
 * Optimistic concurrency for a versioned post-incident row, as `mutateIncident` does for
 * incidents: with `expectedVersion` a concurrent change is a 409 stale_version; without it the
 * change is recomputed on the fresh row.
 */
export async function mutateVersioned<T extends { version: number; human_id: string }>(
  what: string,
  ref: string,
  expectedVersion: number | undefined,
  load: () => Promise<T | undefined>,
  decide: (current: T) => Promise<T> | T,
  save: (next: T, expected: number) => Promise<boolean>,
): Promise<{ before: T; after: T }> {
  for (let attempt = 0; attempt < RETRIES; attempt++) {
    const current = await load();
    if (!current) throw new DomainError("not_found", `${what} ${ref} does not exist`);
    if (expectedVersion !== undefined && current.version !== expectedVersion)
      throw stale(what, current, expectedVersion);
    const next = await decide(current);
    if (await save(next, current.version))
      return { before: current, after: { ...next, version: current.version + 1 } };
    if (expectedVersion !== undefined) {
      const fresh = (await load()) as T;
      throw stale(what, fresh, expectedVersion);
    }
  }
  throw new DomainError("conflict", `${what} ${ref} is changing too fast; try again`);
}

function stale(what: string, row: { version: number; human_id: string }, expected: number) {
  return new DomainError(
    "stale_version",
    `${what} ${row.human_id} is at version ${row.version}, not ${expected}: someone else changed it; reload and try again`,
    [],
    { current_version: row.version },
  );
}
