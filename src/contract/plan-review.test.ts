import { describe, expectTypeOf, it } from "vitest";
import type { PlanDiff } from "../preparation/plan-diff.js";
import type { DocumentStatus } from "../preparation/plan-review.service.js";
import type { VersionStatus } from "../preparation/plan-state.js";
import type { DocumentStatusView, PlanDiffView, VersionStatusView } from "./plan-review.js";

// The approval answers are the preparation room's pictures as they are: a field added there and
// not here (which the response schema would drop) fails the typecheck.
describe("plan review contract", () => {
  it("answers a document's approval picture exactly as plan review makes it", () => {
    expectTypeOf<DocumentStatusView>().toEqualTypeOf<DocumentStatus>();
    expectTypeOf<VersionStatusView>().toEqualTypeOf<VersionStatus>();
  });

  it("answers a diff exactly as plan-diff makes it", () => {
    expectTypeOf<PlanDiffView>().toEqualTypeOf<PlanDiff>();
  });
});
