import { describe, expectTypeOf, it } from "vitest";
import type { Onboarding } from "../preparation/onboarding.js";
import type { OnboardingView } from "./onboarding.js";

describe("the onboarding contract", () => {
  it("answers the checklist as the use case computes it", () => {
    expectTypeOf<OnboardingView>().toEqualTypeOf<Onboarding>();
  });
});
