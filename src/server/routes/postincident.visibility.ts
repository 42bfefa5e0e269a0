import type { FastifyRequest } from "fastify";
import { ensureVisible as ensureVisibleTo, visibleTo } from "../../auth/incident-visibility.js";
import { invalidInput } from "../../domain/errors.js";
import type { Runtime } from "../../runtime.js";
import { requestActor } from "../request-actor.js";

/**
 * Restricted incidents stay hidden behind the post-incident routes too: a single RCA, action
 * item or report about an incident the caller may not see answers 404, as the incident would
 * (the policy: auth/incident-visibility.ts).
 */
export function ensureVisible(
  rt: Runtime,
  request: FastifyRequest,
  what: string,
  ref: string,
  incidentId: string | null,
): Promise<void> {
  return ensureVisibleTo(rt, requestActor(request), incidentId, what, ref);
}

/** The ids of incidents the caller may not see, for aggregates computed over all incidents. */
export async function hiddenIncidents(rt: Runtime, request: FastifyRequest): Promise<Set<string>> {
  const person = visibleTo(requestActor(request));
  if (person === undefined) return new Set();
  return new Set((await rt.incidents.hiddenFrom(person)).map((r) => r.id));
}

/** `If-Match: "7"` or `7` → 7; absent → undefined (concurrent changes are merged). */
export function ifMatch(headers: { "if-match"?: string }): number | undefined {
  const raw = headers["if-match"];
  if (raw === undefined) return undefined;
  const n = Number(raw.replace(/^W\//, "").replaceAll('"', ""));
  if (!Number.isInteger(n) || n < 0) throw invalidInput('If-Match must be a version such as "7"');
  return n;
}
