import { describe, expectTypeOf, it } from "vitest";
import type { ActivityStatus } from "../preparation/activities.js";
import type { LogSourceCoverage } from "../preparation/log-sources.js";
import type { Completion } from "../preparation/preparation.types.js";
import type { Readiness } from "../preparation/readiness.js";
import type { ReadinessPoint } from "../preparation/readiness.service.js";
import type {
  ActivityView,
  CompletionView,
  LogSourceCoverageView,
  ReadinessPointView,
  ReadinessView,
} from "./preparation.js";

// The answers are the preparation room's records as they are: a field added there and not here
// (which the response schema would drop) fails the typecheck.
describe("preparation contract", () => {
  it("answers activities and completions exactly as the preparation room holds them", () => {
    expectTypeOf<ActivityView>().toEqualTypeOf<ActivityStatus>();
    expectTypeOf<CompletionView>().toEqualTypeOf<Completion>();
  });

  it("answers the readiness score, its history and the log sources exactly as computed", () => {
    expectTypeOf<ReadinessView>().toEqualTypeOf<Readiness>();
    expectTypeOf<ReadinessPointView>().toEqualTypeOf<ReadinessPoint>();
    expectTypeOf<LogSourceCoverageView>().toEqualTypeOf<LogSourceCoverage>();
  });
});
