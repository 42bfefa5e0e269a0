import { describe, expect, it } from "vitest";
import {
  addDaysToDate,
  isTimeZone,
  parseInstantIn,
  validDate,
  weekdayOfDate,
} from "./time-zone.js";

const parse = (text: string, zone = "Europe/Berlin") => parseInstantIn(text, zone)?.toISOString();

describe("parseInstantIn", () => {
  it("reads wall-clock times in the zone and instants with an offset as they are", () => {
    expect(parse("2026-03-10T09:00")).toBe("2026-03-10T08:00:00.000Z");
    expect(parse("2026-07-10 09:00:30.5")).toBe("2026-07-10T07:00:30.500Z");
    expect(parse("2026-03-10")).toBe("2026-03-09T23:00:00.000Z");
    expect(parse("2026-03-10T09:00:00Z")).toBe("2026-03-10T09:00:00.000Z");
    expect(parse("2026-03-10T09:00+05:30")).toBe("2026-03-10T03:30:00.000Z");
  });

  it("moves a time in the DST gap forward and takes the earlier of a repeated time", () => {
    expect(parse("2026-03-29T02:30")).toBe("2026-03-29T01:30:00.000Z"); // 03:30 CEST
    expect(parse("2026-10-25T02:30")).toBe("2026-10-25T00:30:00.000Z"); // the CEST one
  });

  it("rejects what is not a date-time", () => {
    for (const bad of [
      "",
      "2026-02-30",
      "2026-13-01",
      "2026-03-10T24:00",
      "10 March",
      "2026-03-10Z",
    ])
      expect(parse(bad), bad).toBeUndefined();
    expect(parse("2026-03-10T09:00", "Nowhere/City")).toBeUndefined();
  });
});

describe("calendar dates", () => {
  it("knows real dates, adds days and names weekdays without a zone", () => {
    expect(validDate(2028, 2, 29)).toBe(true);
    expect(validDate(2026, 2, 29)).toBe(false);
    expect(addDaysToDate("2026-03-28", 2)).toBe("2026-03-30");
    expect(addDaysToDate("2026-01-01", -1)).toBe("2025-12-31");
    expect(weekdayOfDate("2026-11-20")).toBe(5);
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("")).toBe(false);
  });
});
