import { type Actor, describeActor } from "../../domain/actor.js";
import type { Incident } from "../../domain/incident/model.js";
import type { CommsDeps } from "../comms.deps.js";
import { appendOnce } from "../timeline-once.js";
import type { ResolvedRecipient } from "./recipients.js";

/** The timeline entry that says who an escalation step made a participant. */
export const MEMBERS_ADDED = "incident.members_added";

/**
 * Paging someone for a restricted incident makes them a participant (auth/incident-visibility.ts):
 * a page they could not open, or acknowledge with `firebreak ack`, would stop nothing. Runs
 * before the page goes out, so the link works when it arrives.
 *
 * Crash-safe and once per step: the timeline entry (keyed by the step) is written first, then the
 * membership rows (idempotent). A re-run after a crash between the two finds the same people not
 * yet members, finds the entry already written, and only adds the rows.
 */
export async function admitPaged(
  deps: CommsDeps,
  incident: Incident,
  resolved: ResolvedRecipient[],
  stepKey: string,
  actor: Actor,
  at: Date,
): Promise<string[]> {
  if (!incident.restricted) return [];
  const paged = [...new Set(resolved.flatMap((r) => r.people))];
  const members = new Set((await deps.incidents.members(incident.id)).map((m) => m.person));
  const fresh = paged.filter((p) => !members.has(p));
  if (fresh.length === 0) return [];
  await appendOnce(
    deps,
    incident.id,
    (e) => e.kind === MEMBERS_ADDED && e.payload.key === stepKey,
    [{ kind: MEMBERS_ADDED, actor, payload: { key: stepKey, people: fresh, reason: "paged" } }],
  );
  await deps.incidents.addMembers(
    fresh.map((person) => ({
      incident_id: incident.id,
      person,
      reason: "paged",
      added_at: at.toISOString(),
      added_by: describeActor(actor),
    })),
  );
  return fresh;
}
