import { describe, expectTypeOf, it } from "vitest";
import type { IncidentTechnique } from "../domain/attack/incident-techniques.js";
import type { NavigatorLayer } from "../domain/attack/layer.js";
import type { TechniqueMetrics } from "../reports/technique-metrics.js";
import type { IncidentTechniqueView, NavigatorLayerView, TechniqueMetricsView } from "./attack.js";

describe("ATT&CK contract", () => {
  it("answers techniques, layers and metrics exactly as the use cases make them", () => {
    expectTypeOf<IncidentTechniqueView>().toEqualTypeOf<IncidentTechnique>();
    expectTypeOf<NavigatorLayerView>().toEqualTypeOf<NavigatorLayer>();
    expectTypeOf<TechniqueMetricsView>().toEqualTypeOf<TechniqueMetrics>();
  });
});
