import type { Incident } from "../../domain/incident/model.js";
import type { HandlerDeps } from "../comms.deps.js";
import { sendNotification } from "../notification.service.js";
import type { NotificationKind } from "../notification.types.js";
import { ackLink } from "./ack.service.js";
import type { Delivery } from "./recipients.js";

/** A message for people: a page or a reminder. */
export interface OutgoingMessage {
  kind: NotificationKind;
  subject: string;
  /** Plain text (Markdown reads fine as text); why the recipient gets it is appended. */
  text: string;
  /**
   * Marks every notification of this send (`escalation:1.0.0`). A job that runs again skips the
   * deliveries already recorded under it, so a retried page is not sent twice.
   */
  label: string;
  /** Put a one-time acknowledgement link in each message. */
  ackLinks: boolean;
}

/**
 * The title as pages and reminders show it: a restricted incident (an insider case) is paged to
 * on-call people who may not take part in it, so its title stays out of their inboxes.
 */
export function shownTitle(incident: Pick<Incident, "title" | "restricted">): string {
  return incident.restricted ? "restricted incident (details in Firebreak)" : incident.title;
}

const deliveryKey = (recipient: string | null, kind: string, target: string) =>
  `${recipient ?? ""}|${kind}|${target}`;

/**
 * Records and schedules one notification per delivery (`sendNotification`; the worker delivers
 * with retries), each with its own acknowledgement link when asked. Idempotent per label.
 * Exercises are labelled `exercise`, which every channel shows as EXERCISE. Returns the ids of
 * the notifications under the label, including ones an earlier run recorded.
 */
export async function dispatch(
  deps: HandlerDeps,
  incident: Incident,
  deliveries: readonly Delivery[],
  message: OutgoingMessage,
): Promise<string[]> {
  const earlier = (
    await deps.notifications.list({ incidentId: incident.id, limit: 10_000 })
  ).filter((n) => n.labels.includes(message.label));
  const done = new Set(
    earlier.map((n) => deliveryKey(n.recipient, n.channel.kind, n.channel.target)),
  );
  const ids = earlier.map((n) => n.id);
  const labels = incident.exercise ? [message.label, "exercise"] : [message.label];
  for (const d of deliveries) {
    const key = deliveryKey(d.recipient, d.channel.kind, d.channel.target);
    if (done.has(key)) continue;
    done.add(key);
    const links: Record<string, string> = {};
    if (message.ackLinks && !incident.times.acknowledged_at)
      links.ack = await ackLink(deps, incident.id, d.recipient);
    const why = d.because.length > 0 ? `\n\nYou receive this as ${d.because.join(", ")}.` : "";
    const n = await sendNotification(deps, {
      incidentId: incident.id,
      incidentRef: incident.human_id,
      kind: message.kind,
      channel: d.channel,
      recipient: d.recipient,
      subject: message.subject,
      body: { text: `${message.text}${why}` },
      severity: incident.severity,
      phase: incident.phase,
      links,
      labels,
    });
    ids.push(n.id);
  }
  return ids;
}
