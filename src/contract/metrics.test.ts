import { describe, expectTypeOf, it } from "vitest";
import type { MetricsReport } from "../domain/metrics.js";
import type { MetricsView } from "./metrics.js";

// A measure added to the domain's report and not to the contract (or the other way round) fails
// the typecheck instead of being dropped by the response serialiser.
describe("metrics contract", () => {
  it("answers the metrics exactly as the domain computes them", () => {
    expectTypeOf<MetricsView>().toEqualTypeOf<MetricsReport>();
  });
});
