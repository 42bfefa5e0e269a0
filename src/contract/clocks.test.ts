import { describe, expectTypeOf, it } from "vitest";
import type { ClockView as ComputedClock } from "../compliance/clock-view.js";
import type { ClockView } from "./clocks.js";

type Recorded<C> = C extends { notifications: (infer N)[] } ? N : never;

describe("clock contract", () => {
  it("answers a clock exactly as compliance computes it", () => {
    expectTypeOf<Omit<ClockView, "notifications">>().toEqualTypeOf<
      Omit<ComputedClock, "notifications">
    >();
  });

  // Who recorded a notification is answered as the timeline shows actors (kind, id, name): the
  // account and token behind them and the admin flag stay on the server.
  it("answers the notifications recorded, their recorder as the timeline shows actors", () => {
    expectTypeOf<Omit<Recorded<ClockView>, "recorded_by">>().toEqualTypeOf<
      Omit<Recorded<ComputedClock>, "recorded_by">
    >();
  });
});
