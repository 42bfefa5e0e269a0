import { describe, expectTypeOf, it } from "vitest";
import type { Indicator } from "../domain/incident/model.js";
import type { IndicatorSighting } from "../response/indicator.types.js";
import type { AddedIndicatorView, IndicatorView, SightingView } from "./indicators.js";

describe("indicator contract", () => {
  it("answers an indicator exactly as the domain model holds it", () => {
    expectTypeOf<IndicatorView>().toEqualTypeOf<Indicator>();
    expectTypeOf<Omit<AddedIndicatorView, "created">>().toEqualTypeOf<Indicator>();
  });

  it("answers a sighting exactly as the indicator index finds it", () => {
    expectTypeOf<SightingView>().toEqualTypeOf<IndicatorSighting>();
  });
});
