import { describe, expectTypeOf, it } from "vitest";
import type { Alert, AlertDetail, StoredEvent, Suppression } from "../detection/alert.types.js";
import type { AlertDetailView, AlertView, EventView } from "./alerts.js";
import type { SuppressionView } from "./suppressions.js";

// The answers are the detection records as the store holds them: a field added on one side only
// fails the typecheck instead of being dropped by the response serialiser.
describe("alert contract", () => {
  it("answers an alert exactly as the store holds it", () => {
    expectTypeOf<AlertView>().toEqualTypeOf<Alert>();
  });

  it("answers an event as stored, without the reader's cached JSON text", () => {
    // raw_text spares the reader serialising `raw` again; it is `raw` itself, not news.
    expectTypeOf<EventView>().toEqualTypeOf<Omit<StoredEvent, "raw_text">>();
  });

  it("answers an alert's detail with the newest events behind it", () => {
    expectTypeOf<Omit<AlertDetailView, "events" | "events_total">>().toEqualTypeOf<AlertDetail>();
    expectTypeOf<AlertDetailView["events"]>().toEqualTypeOf<EventView[]>();
  });

  it("answers a suppression rule exactly as the store holds it", () => {
    expectTypeOf<SuppressionView>().toEqualTypeOf<Suppression>();
  });
});
