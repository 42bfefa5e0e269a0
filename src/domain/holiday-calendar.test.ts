import { describe, expect, it } from "vitest";
import { calendarProblem } from "./holiday-calendar.js";

describe("calendarProblem", () => {
  it("names what is wrong with a calendar", () => {
    expect(calendarProblem("US")).toBeUndefined();
    expect(calendarProblem("DE-BY")).toBeUndefined();
    expect(calendarProblem("XX")).toMatch(/not a holiday calendar/);
    expect(calendarProblem("DE-ZZ")).toMatch(/'ZZ' is not a state/);
    expect(calendarProblem("US-A-B-C")).toMatch(/not a holiday calendar/);
  });
});
