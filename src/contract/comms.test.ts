import { describe, expectTypeOf, it } from "vitest";
import type { NotificationWithLog } from "../comms/notification.types.js";
import type {
  CadenceView,
  StatusUpdateResult,
} from "../comms/status-updates/status-update.service.js";
import type { CadenceItem, NotificationView, StatusUpdateResultView } from "./comms.js";

describe("comms contract", () => {
  it("answers a status update and the cadence exactly as the use case makes them", () => {
    expectTypeOf<StatusUpdateResultView>().toEqualTypeOf<StatusUpdateResult>();
    expectTypeOf<CadenceItem>().toEqualTypeOf<CadenceView>();
  });

  // The delivery log says what went where and how delivery went, not the message: its body and
  // links (one-time acknowledgement links among them) stay on the server. Kinds are answered as
  // text, so that a new channel or notification kind does not change the API's schema.
  it("answers a notification's delivery record, without its message", () => {
    type Kept = Omit<
      NotificationWithLog,
      "incidentId" | "incidentRef" | "body" | "links" | "phase"
    >;
    expectTypeOf<keyof NotificationView>().toEqualTypeOf<keyof Kept>();
    expectTypeOf<Kept>().toExtend<NotificationView>();
  });
});
