import { type Actor, describeActor } from "../domain/actor.js";
import { durationMs } from "../domain/duration.js";
import { invalidInput, notFound } from "../domain/errors.js";
import { newRowId } from "../domain/row-id.js";
import type { Suppression, SuppressionMatcher } from "./alert.types.js";
import type { DetectionDeps } from "./detection.js";

/** A suppression rule to add. */
export interface NewSuppression {
  matcher: SuppressionMatcher;
  reason: string;
  /** A maintenance window's start (ISO); default: now. */
  starts_at?: string;
  expires_at?: string;
  /** Instead of `expires_at`: an ISO 8601 duration from the start. */
  for?: string;
}

/**
 * Adds a suppression rule: from its start until it expires, new alerts it matches arrive
 * suppressed (counted, kept, but out of the triage queue and the declaration policies).
 */
export async function createSuppression(
  deps: DetectionDeps,
  input: NewSuppression,
  actor: Actor,
): Promise<Suppression> {
  const now = deps.clock.now();
  const start = input.starts_at ? new Date(input.starts_at) : now;
  const expires = input.for
    ? new Date(start.getTime() + durationMs(input.for))
    : input.expires_at
      ? new Date(input.expires_at)
      : null;
  if (expires && expires <= start) throw invalidInput("a suppression must expire after it starts");
  const s: Suppression = {
    id: newRowId(),
    matcher: input.matcher,
    reason: input.reason,
    starts_at: input.starts_at ? start.toISOString() : null,
    expires_at: expires ? expires.toISOString() : null,
    created_at: now.toISOString(),
    created_by: describeActor(actor),
  };
  await deps.detection.suppressions.create(s);
  return s;
}

/** Deletes a suppression rule; alerts it suppressed stay suppressed. */
export async function deleteSuppression(deps: DetectionDeps, id: string): Promise<void> {
  if (!(await deps.detection.suppressions.delete(id))) throw notFound("suppression", id);
}
