import { describe, expectTypeOf, it } from "vitest";
import type { Asset } from "../domain/incident/model.js";
import type { AssetView } from "./assets.js";

describe("asset contract", () => {
  it("answers an asset exactly as the domain model holds it", () => {
    expectTypeOf<AssetView>().toEqualTypeOf<Asset>();
  });
});
