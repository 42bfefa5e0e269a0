import { describe, expect, it } from "vitest";
import {
  effectiveTimeZone,
  formatDateTime,
  formatDuration,
  formatSpan,
  formatTime,
  formatUtc,
  localInputToIso,
  relativeTime,
} from "./time";

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

describe("times in the user's display zone", () => {
  const at = "2026-11-23T13:05:09.000Z";

  // Compared with the same wall clock read in UTC: the browser's language decides the format.
  const utcClock = (wall: string) => formatDateTime(`${wall}Z`, "UTC");

  it("shows the same instant as each zone's wall clock", () => {
    expect(formatDateTime(at, "UTC")).toBe(utcClock("2026-11-23T13:05:09"));
    expect(formatDateTime(at, "Europe/Berlin")).toBe(utcClock("2026-11-23T14:05:09"));
    expect(formatDateTime(at, "America/New_York")).toBe(utcClock("2026-11-23T08:05:09"));
    expect(formatTime(at, "Europe/Berlin")).toBe(formatTime("2026-11-23T14:05:09Z", "UTC"));
    // Across midnight the date moves with the zone.
    expect(formatDateTime("2026-11-23T23:30:00Z", "Asia/Tokyo")).toBe(
      utcClock("2026-11-24T08:30:00"),
    );
  });

  it("follows summer time: Berlin is UTC+2 in July, UTC+1 in December", () => {
    expect(formatDateTime("2026-07-01T12:00:00Z", "Europe/Berlin")).toBe(
      utcClock("2026-07-01T14:00:00"),
    );
    expect(formatDateTime("2026-12-01T12:00:00Z", "Europe/Berlin")).toBe(
      utcClock("2026-12-01T13:00:00"),
    );
  });

  it("states the UTC instant for hover titles", () => {
    expect(formatUtc(at)).toBe("2026-11-23 13:05:09 UTC");
    expect(formatUtc("not a time")).toBe("not a time");
  });

  it("takes the user's zone, else the organisation's, else UTC", () => {
    expect(effectiveTimeZone("Asia/Tokyo", "Europe/Berlin")).toBe("Asia/Tokyo");
    expect(effectiveTimeZone(null, "Europe/Berlin")).toBe("Europe/Berlin");
    expect(effectiveTimeZone(undefined, undefined)).toBe("UTC");
    expect(effectiveTimeZone("Mars/Olympus", "Nowhere/Land")).toBe("UTC");
  });

  it("reads a typed wall-clock time in the display zone, not the browser's", () => {
    expect(localInputToIso("2026-11-23T14:05", "Europe/Berlin")).toBe("2026-11-23T13:05:00.000Z");
    expect(localInputToIso("2026-07-01T14:00", "Europe/Berlin")).toBe("2026-07-01T12:00:00.000Z");
    expect(localInputToIso("2026-11-23T14:05", "UTC")).toBe("2026-11-23T14:05:00.000Z");
    expect(localInputToIso("", "UTC")).toBeUndefined();
    expect(localInputToIso("yesterday", "UTC")).toBeUndefined();
  });
});
