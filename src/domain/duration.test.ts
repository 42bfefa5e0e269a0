import { describe, expect, it } from "vitest";
import { addDuration, durationMs, parseDuration } from "./duration.js";

describe("ISO 8601 durations", () => {
  it("parses the units documents use", () => {
    expect(parseDuration("PT72H")).toEqual({ hours: 72 });
    expect(parseDuration("P1Y2M3W4DT5H6M7.5S")).toEqual({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7.5,
    });
  });

  it("rejects what is not a duration", () => {
    for (const bad of ["", "P", "PT", "72h", "P1H", "PT-1H", "1D"]) {
      expect(parseDuration(bad), bad).toBeUndefined();
    }
  });

  it("adds calendar months as calendar months", () => {
    const start = new Date("2026-01-31T10:00:00Z");
    expect(addDuration(start, "P1M").toISOString()).toBe("2026-02-28T10:00:00.000Z");
    expect(durationMs("PT30M")).toBe(30 * 60_000);
  });
});
