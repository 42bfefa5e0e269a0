import { clocks, type NotificationInput } from "../../../src/contract/clocks";
import { comms, type StatusUpdateInput } from "../../../src/contract/comms";
import { escalation } from "../../../src/contract/escalation";
import { client } from "./client";

/**
 * Regulatory clocks, status updates, escalation and notifications, as the incident room and the
 * dashboard call them (`src/contract/clocks.ts`, `comms.ts`, `escalation.ts`).
 */

export type {
  ClockView as Clock,
  NotificationInput,
} from "../../../src/contract/clocks";
export type { StatusUpdateResultView as StatusUpdateResult } from "../../../src/contract/comms";

const on = (id: string) => ({ params: { id } });
const items = <T>(p: { items: T[] }) => p.items;

export const clocksApi = {
  forIncident: (ref: string, signal?: AbortSignal) =>
    client.call(clocks.ofIncident, on(ref), { signal }).then(items),
  running: (signal?: AbortSignal) =>
    client
      .call(clocks.list, { query: { state: "running,due_soon,overdue" } }, { signal })
      .then(items),
  recordNotification: (ref: string, obligationId: string, input: NotificationInput) =>
    client.call(clocks.recordNotification, { params: { id: ref, obligationId }, body: input }),
};

export const commsApi = {
  updates: (ref: string, signal?: AbortSignal) => client.call(comms.updates, on(ref), { signal }),
  sendUpdate: (ref: string, input: StatusUpdateInput) =>
    client.call(comms.postUpdate, { ...on(ref), body: input }),
  escalation: (ref: string, signal?: AbortSignal) =>
    client.call(escalation.get, on(ref), { signal }),
  notifications: (ref: string, signal?: AbortSignal) =>
    client.call(comms.notifications, on(ref), { signal }).then(items),
};
