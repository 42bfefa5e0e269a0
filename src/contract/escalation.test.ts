import { describe, expectTypeOf, it } from "vitest";
import type { EscalationState, PathPosition } from "../comms/escalation/escalation.types.js";
import type { EscalationView } from "./escalation.js";

// The engine's position with its time, spelt out as one object: expect-type tells an
// intersection from the equivalent object type.
type Positioned = Omit<PathPosition & { at: string }, never>;

describe("escalation contract", () => {
  it("answers the escalation state exactly as the engine keeps it", () => {
    expectTypeOf<Omit<EscalationView, "last" | "next">>().toEqualTypeOf<
      Omit<EscalationState, "last" | "next">
    >();
    expectTypeOf<EscalationView["last"]>().toEqualTypeOf<Positioned | null>();
    expectTypeOf<EscalationView["next"]>().toEqualTypeOf<Positioned | null>();
  });
});
