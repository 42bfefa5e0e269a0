import { describe, expect, it } from "vitest";
import { addBusinessDays, isBusinessDay, isTimeZone, publicHolidays } from "./business-days.js";

const NY = { timeZone: "America/New_York", calendar: "US" };
const iso = (d: Date) => d.toISOString();

describe("addBusinessDays", () => {
  it("skips the weekend: Friday 15:00 + 4 is the following Thursday 15:00", () => {
    // Friday 2026-11-13 15:00 EST (UTC-5); the week after has no US public holiday.
    const start = new Date("2026-11-13T20:00:00Z");
    expect(iso(addBusinessDays(start, 4, NY))).toBe("2026-11-19T20:00:00.000Z");
  });

  it("moves past a public holiday inside the span (Thanksgiving 2026-11-26)", () => {
    const start = new Date("2026-11-20T20:00:00Z"); // Friday 15:00 New York
    expect(iso(addBusinessDays(start, 4, NY))).toBe("2026-11-27T20:00:00.000Z"); // Friday
    // Without the calendar only the weekend is skipped.
    expect(iso(addBusinessDays(start, 4, { timeZone: "America/New_York" }))).toBe(
      "2026-11-26T20:00:00.000Z",
    );
  });

  it("does not count a start on Saturday: Saturday + 4 is Thursday", () => {
    const start = new Date("2026-11-14T15:00:00Z"); // Saturday 10:00 New York
    expect(iso(addBusinessDays(start, 4, NY))).toBe("2026-11-19T15:00:00.000Z");
    const sunday = new Date("2026-11-15T15:00:00Z");
    expect(iso(addBusinessDays(sunday, 1, NY))).toBe("2026-11-16T15:00:00.000Z"); // Monday
  });

  it("uses the local date, not the UTC date, to decide the day", () => {
    // 2026-11-13T03:00Z is still Thursday 22:00 in New York: + 1 is Friday 22:00.
    const start = new Date("2026-11-13T03:00:00Z");
    expect(iso(addBusinessDays(start, 1, NY))).toBe("2026-11-14T03:00:00.000Z");
  });

  it("keeps the wall-clock time across a DST change", () => {
    // Friday 2026-10-30 09:00 EDT (UTC-4) + 4 → Thursday 2026-11-05 09:00 EST (UTC-5).
    const start = new Date("2026-10-30T13:00:00Z");
    expect(iso(addBusinessDays(start, 4, NY))).toBe("2026-11-05T14:00:00.000Z");
  });

  it("skips observed substitute holidays and regional holidays", () => {
    // 2026-07-04 is a Saturday; Friday 2026-07-03 is the observed US public holiday.
    const thursday = new Date("2026-07-02T16:00:00Z");
    expect(iso(addBusinessDays(thursday, 1, NY))).toBe("2026-07-06T16:00:00.000Z");
    // Corpus Christi (2026-06-04) is public in Bavaria but not in Berlin.
    const wednesday = new Date("2026-06-03T08:00:00Z"); // 10:00 Berlin time
    const by = { timeZone: "Europe/Berlin", calendar: "DE-BY" };
    const be = { timeZone: "Europe/Berlin", calendar: "DE-BE" };
    expect(iso(addBusinessDays(wednesday, 1, by))).toBe("2026-06-05T08:00:00.000Z");
    expect(iso(addBusinessDays(wednesday, 1, be))).toBe("2026-06-04T08:00:00.000Z");
  });

  it("counts only public holidays, not bank or observance days", () => {
    // Heiliger Abend (24 Dec) is a bank holiday in Germany: a business day here.
    const dec23 = new Date("2026-12-23T08:00:00Z");
    const by = { timeZone: "Europe/Berlin", calendar: "DE-BY" };
    expect(iso(addBusinessDays(dec23, 1, by))).toBe("2026-12-24T08:00:00.000Z");
    // 25 and 26 Dec are public, 27 Dec is a Sunday.
    expect(iso(addBusinessDays(dec23, 2, by))).toBe("2026-12-28T08:00:00.000Z");
  });

  it("crosses a year boundary", () => {
    const dec31 = new Date("2026-12-31T14:00:00Z"); // Thursday; 1 Jan is a holiday
    expect(iso(addBusinessDays(dec31, 1, NY))).toBe("2027-01-04T14:00:00.000Z");
  });

  it("returns the start for 0 and rejects bad input", () => {
    const start = new Date("2026-11-14T15:00:00Z");
    expect(iso(addBusinessDays(start, 0, NY))).toBe(iso(start));
    expect(() => addBusinessDays(start, -1, NY)).toThrow(RangeError);
    expect(() => addBusinessDays(start, 1.5, NY)).toThrow(RangeError);
    expect(() => addBusinessDays(start, 1, { timeZone: "Mars/Olympus" })).toThrow(/time zone/);
    expect(() => addBusinessDays(start, 1, { timeZone: "UTC", calendar: "XX" })).toThrow(
      /not a holiday calendar/,
    );
  });
});

describe("calendars", () => {
  it("lists public holidays as local dates and caches them", () => {
    const us = publicHolidays("US", 2026);
    expect(us.has("2026-11-26")).toBe(true);
    expect(us.has("2026-07-03")).toBe(true);
    expect(publicHolidays("US", 2026)).toBe(us);
  });

  it("decides business days in the time zone", () => {
    // 2026-11-26T03:00Z is still Wednesday evening in New York, Thanksgiving in UTC.
    expect(isBusinessDay(new Date("2026-11-26T03:00:00Z"), NY)).toBe(true);
    expect(
      isBusinessDay(new Date("2026-11-26T03:00:00Z"), { timeZone: "UTC", calendar: "US" }),
    ).toBe(false);
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Nowhere")).toBe(false);
  });
});
