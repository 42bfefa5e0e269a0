import { listNotifications, type NotificationDeps } from "../../src/comms/notification.service.js";
import type { Notification, NotificationWithLog } from "../../src/comms/notification.types.js";
import { waitFor } from "./wait.js";

/**
 * The notification once the worker has settled it (sent, failed or refused, no longer pending),
 * with its delivery log: what a test of delivery asserts on.
 */
export function settledNotification(
  deps: Pick<NotificationDeps, "notifications">,
  id: string,
): Promise<NotificationWithLog> {
  return waitFor(`notification ${id} to settle`, async () => {
    const found = (await listNotifications(deps)).find((n) => n.id === id);
    return found && found.status !== "pending" ? found : undefined;
  });
}

/** A page as the channels get it, for tests of how each renders one; `overrides` change it. */
export function samplePage(overrides: Partial<Notification> = {}): Notification {
  return {
    id: "n1",
    incidentId: "6f1c",
    incidentRef: "INC-2026-0007",
    kind: "page",
    channel: { kind: "webhook", target: "http://x", id: null },
    recipient: "role:commander",
    subject: "Ransomware on file server",
    body: { text: "Encrypted shares on fs01.\nIsolate now.", html: null, markdown: null },
    severity: "emergency",
    phase: "containment",
    links: { incident: "https://fb.example.org/i/6f1c", ack: "https://fb.example.org/ack/t0k" },
    labels: [],
    status: "pending",
    attempts: 0,
    lastError: null,
    createdAt: "2026-03-02T09:00:00.000Z",
    sentAt: null,
    ...overrides,
  };
}
