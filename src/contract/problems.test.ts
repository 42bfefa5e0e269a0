import { describe, expectTypeOf, it } from "vitest";
import type { LinkedIncident, Problem } from "../domain/problem.js";
import type { ProblemDetail, ProblemView } from "./problems.js";

describe("problem contract", () => {
  it("answers a problem exactly as the domain model holds it", () => {
    expectTypeOf<ProblemView>().toEqualTypeOf<Problem>();
  });

  it("answers a problem's detail with its linked incidents as the domain model holds them", () => {
    expectTypeOf<Omit<ProblemDetail, "incidents">>().toEqualTypeOf<Problem>();
    expectTypeOf<ProblemDetail["incidents"]>().toEqualTypeOf<LinkedIncident[]>();
  });
});
