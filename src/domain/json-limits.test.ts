import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deepValue } from "../../test/support/hostile-input.js";
import { checkJsonLimits, formatJsonPath, MAX_JSON_DEPTH } from "./json-limits.js";

describe("checkJsonLimits", () => {
  it("accepts 64 levels and names the path of the 65th", () => {
    expect(checkJsonLimits(deepValue(MAX_JSON_DEPTH))).toBeUndefined();
    const problem = checkJsonLimits({ ok: 1, deep: deepValue(MAX_JSON_DEPTH) });
    expect(problem?.reason).toBe("nested deeper than 64 levels");
    expect(formatJsonPath(problem?.path ?? [])).toBe(`deep${".a".repeat(MAX_JSON_DEPTH - 1)}`);
  });

  it("measures a million levels without overflowing the stack", () => {
    expect(checkJsonLimits(deepValue(1_000_000))?.reason).toMatch(/deeper than 64/);
  });

  it("stops at a cycle (as YAML aliases can build) and counts values", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = [cyclic];
    expect(checkJsonLimits(cyclic)?.reason).toMatch(/deeper/);
    expect(checkJsonLimits({ list: [1, 2, 3, [4]] }, 64, 5)?.reason).toBe("more than 5 values");
    expect(checkJsonLimits({ list: [1, 2, 3] }, 64, 5)).toBeUndefined();
  });

  it("agrees with a recursive depth count on random JSON", () => {
    const depth = (v: unknown): number =>
      typeof v === "object" && v !== null
        ? 1 + Math.max(0, ...Object.values(v as object).map(depth))
        : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 1, max: 8 }), (v, max) => {
        expect(checkJsonLimits(v, max) === undefined).toBe(depth(v) <= max);
      }),
      { seed: 14, numRuns: 500 },
    );
  });
});
