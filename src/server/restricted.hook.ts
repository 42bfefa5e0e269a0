import type { FastifyInstance, FastifyRequest } from "fastify";
import { visibleTo } from "../auth/incident-visibility.js";
import { notFound } from "../domain/errors.js";
import type { Runtime } from "../runtime.js";

/**
 * A safety net for restricted incidents beyond the routes under `/incidents/:id` (which the
 * access hook answers 404) and the incident list (filtered in SQL): for a caller who does not see
 * everything,
 *
 * - a request body naming a hidden incident (`into`, `incident`, `incident_id`, `incidents`)
 *   answers 404, as one naming an unknown incident does — so linking, merging or attaching
 *   cannot probe for it;
 * - every list in an answer loses the entries that reference a hidden incident (an `incident_id`,
 *   an `incident` id or object, an incident itself, or a bare id) — cross-incident lists such as
 *   indicator sightings, clocks, problems' linked incidents and alerts.
 *
 * Aggregates (counts, metrics) cannot be scrubbed after the fact: their use cases must filter
 * with `visibleTo` (auth/incident-visibility.ts) before computing.
 */
export function hideRestricted(app: FastifyInstance, rt: Runtime): void {
  const hiddenSets = new WeakMap<FastifyRequest, Promise<Set<string>>>();
  const hidden = (request: FastifyRequest): Promise<Set<string>> | undefined => {
    const person = request.actor ? visibleTo(request.actor) : undefined;
    if (person === undefined) return undefined;
    let set = hiddenSets.get(request);
    if (!set) {
      set = rt.incidents
        .hiddenFrom(person)
        .then((rows) => new Set(rows.flatMap((r) => [r.id, r.human_id])));
      hiddenSets.set(request, set);
    }
    return set;
  };

  app.addHook("preHandler", async (request) => {
    // Bodies only: a query filter naming a hidden incident runs, and its answer is scrubbed to
    // what an unknown incident gives (an empty list), where a 404 would tell them apart.
    const refs = [request.body].flatMap((part) => {
      if (!part || typeof part !== "object" || Array.isArray(part)) return [];
      const fields = part as Record<string, unknown>;
      return ["into", "incident", "incident_id", "incidents"].flatMap((k) => {
        const v = fields[k];
        return typeof v === "string" ? [v] : Array.isArray(v) ? v.filter(isString) : [];
      });
    });
    if (refs.length === 0) return;
    const set = await hidden(request);
    const found = set && refs.find((r) => isHiddenRef(r, set));
    if (found) throw notFound("incident", found);
  });

  app.addHook("preSerialization", async (request, _reply, payload) => {
    if (payload === null || typeof payload !== "object") return payload;
    const set = await hidden(request);
    return set && set.size > 0 ? scrub(payload, set, 0) : payload;
  });
}

const isString = (v: unknown): v is string => typeof v === "string";

function isHiddenRef(ref: string, hidden: Set<string>): boolean {
  return hidden.has(ref) || hidden.has(ref.toUpperCase());
}

/** Whether a list entry is, or is about, a hidden incident. */
function mentionsHidden(entry: unknown, hidden: Set<string>): boolean {
  if (typeof entry === "string") return isHiddenRef(entry, hidden);
  if (entry === null || typeof entry !== "object") return false;
  const e = entry as Record<string, unknown>;
  if (isString(e.incident_id) && isHiddenRef(e.incident_id, hidden)) return true;
  if (isString(e.incident) && isHiddenRef(e.incident, hidden)) return true;
  const inner = e.incident as Record<string, unknown> | null | undefined;
  if (inner && typeof inner === "object" && isString(inner.id) && hidden.has(inner.id)) return true;
  return e.restricted === true && isString(e.id) && isString(e.human_id) && hidden.has(e.id);
}

function scrub(value: unknown, hidden: Set<string>, depth: number): unknown {
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value))
    return value.filter((v) => !mentionsHidden(v, hidden)).map((v) => scrub(v, hidden, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value; // a Date, a Buffer: leave it
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, hidden, depth + 1);
  return out;
}
