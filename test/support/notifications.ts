import { listNotifications, type NotificationDeps } from "../../src/comms/notification.service.js";
import type { NotificationWithLog } from "../../src/comms/notification.types.js";
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
