import { describe, expect, it } from "vitest";
import { formatDuration, formatSpan, relativeTime } from "./time";

describe("human time", () => {
  const now = new Date("2026-11-23T12:00:00Z");

  it("says how long ago or how soon", () => {
    expect(relativeTime("2026-11-23T11:35:00Z", now)).toBe("25 min ago");
    expect(relativeTime("2026-11-23T12:25:00Z", now)).toBe("in 25 min");
    expect(relativeTime("2026-11-23T12:00:04Z", now)).toBe("just now");
    expect(relativeTime("2026-11-23T08:50:00Z", now)).toBe("3 h 10 min ago");
    expect(relativeTime("2026-11-20T08:00:00Z", now)).toBe("3 d 4 h ago");
  });

  it("rounds long spans to the unit that matters", () => {
    expect(formatSpan(45_000)).toBe("45 s");
    expect(formatSpan(12 * 3_600_000 + 60_000)).toBe("12 h");
    expect(formatSpan(10 * 86_400_000)).toBe("10 d");
    expect(formatSpan(119.8 * 60_000)).toBe("2 h");
    expect(formatSpan(47.9 * 3_600_000)).toBe("2 d");
  });

  it("reads ISO 8601 durations", () => {
    expect(formatDuration("PT30M")).toBe("30 min");
    expect(formatDuration("P1DT2H")).toBe("1 d 2 h");
    expect(formatDuration("P1Y")).toBe("1 y");
    expect(formatDuration("P2W")).toBe("2 wk");
    expect(formatDuration("soon")).toBe("soon");
  });
});
