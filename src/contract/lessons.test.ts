import { describe, expectTypeOf, it } from "vitest";
import type { LessonsInput, ProposalView } from "../postincident/lessons.service.js";
import type { LessonSearchHit, LessonsReview } from "../postincident/postincident.types.js";
import type { BodyOf } from "./endpoint.js";
import type {
  LessonSearchHitView,
  LessonsView,
  lessons,
  ProposalView as ProposalAnswer,
} from "./lessons.js";

// The answers are what the use cases return: a field added to one and not the other fails the
// typecheck instead of being dropped by the response serialiser.
describe("lessons contract", () => {
  it("answers a review exactly as the store holds it", () => {
    expectTypeOf<LessonsView>().toEqualTypeOf<LessonsReview>();
  });

  it("answers a change proposal with the incident it came from", () => {
    expectTypeOf<ProposalAnswer>().toEqualTypeOf<ProposalView>();
  });

  it("answers a search hit exactly as the search makes it", () => {
    expectTypeOf<LessonSearchHitView>().toEqualTypeOf<LessonSearchHit>();
  });

  it("takes what the use case takes", () => {
    expectTypeOf<BodyOf<typeof lessons.record>>().toEqualTypeOf<LessonsInput>();
  });
});
