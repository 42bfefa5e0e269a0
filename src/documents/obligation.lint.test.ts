import { describe, expect, it } from "vitest";
import {
  DORA,
  DORA_BACKSTOP,
  GDPR,
  NIS2,
  obligation,
  SEC,
} from "../../test/support/obligations.js";
import { BUILTIN_LIBRARY_DIR, loadLibrary } from "./library.js";
import { obligationProblems } from "./obligation.lint.js";
import type { PlanDocument } from "./plan.schema.js";

const problems = (deadlines: Parameters<typeof obligation>[0]["deadlines"]) =>
  obligationProblems(obligation({ deadlines })).map(
    (p) => `${p.severity} ${p.path.join(".")}: ${p.message}`,
  );

describe("obligationProblems", () => {
  it("finds nothing wrong with the modelled regulations or the built-in plan", async () => {
    for (const o of [GDPR, SEC, NIS2, DORA, DORA_BACKSTOP])
      expect(obligationProblems(o), o.id).toEqual([]);
    const lib = await loadLibrary([`${BUILTIN_LIBRARY_DIR}/plan.yml`]);
    const plan = lib.documents.find((d) => d.kind === "plan")?.body as PlanDocument;
    expect(plan.compliance.flatMap(obligationProblems)).toEqual([]);
  });

  it("rejects unknown time zones and calendars", () => {
    expect(
      problems([
        { id: "a", name: "A", business_days: 4, calendar: "ZZ", time_zone: "Eastern" },
        { id: "b", name: "B", business_days: 4, calendar: "DE-XX", time_zone: "Europe/Berlin" },
      ]),
    ).toEqual([
      "error deadlines.0.time_zone: 'Eastern' is not an IANA time zone such as America/New_York",
      expect.stringMatching(/^error deadlines.0.calendar: 'ZZ' is not a holiday calendar/),
      expect.stringMatching(/^error deadlines.1.calendar: 'XX' is not a state/),
    ]);
  });

  it("warns about ignored calendars and business days counted in UTC", () => {
    expect(
      problems([
        { id: "a", name: "A", within: "PT72H", calendar: "US" },
        { id: "b", name: "B", business_days: 2 },
      ]),
    ).toEqual([
      "warning deadlines.0.calendar: a holiday calendar only matters for business_days; it is ignored",
      expect.stringMatching(/^warning deadlines.1.time_zone: business days are counted in UTC/),
    ]);
  });

  it("finds from-chains that never start", () => {
    expect(
      problems([
        { id: "a", name: "A", within: "PT1H", from: "b" },
        { id: "b", name: "B", within: "PT1H", from: "a" },
        { id: "c", name: "C", within: "PT1H", from: "c" },
        { id: "d", name: "D", within: "PT1H", from: "nope" },
        { id: "e", name: "E", within: "PT1H", from: "c" },
      ]),
    ).toEqual([
      "error deadlines.0.from: deadline 'a' can never start: its 'from' chain loops at 'a'",
      "error deadlines.1.from: deadline 'b' can never start: its 'from' chain loops at 'b'",
      "error deadlines.2.from: deadline 'c' can never start: its 'from' chain loops at 'c'",
      "error deadlines.3.from: deadline 'nope' is not a deadline of this obligation",
      "error deadlines.4.from: deadline 'e' can never start: its 'from' chain loops at 'c'",
    ]);
  });

  it("checks each earliest_of alternative at its own path", () => {
    expect(
      problems([
        {
          id: "a",
          name: "A",
          earliest_of: [
            { within: "PT4H", start: "classification", time_zone: "Mars/Olympus" },
            { within: "PT24H", from: "a" },
            { business_days: 2, from: "nope", time_zone: "Europe/Berlin" },
          ],
        },
      ]),
    ).toEqual([
      "error deadlines.0.earliest_of.0.time_zone: 'Mars/Olympus' is not an IANA time zone such as America/New_York",
      "error deadlines.0.earliest_of.1.from: deadline 'a' cannot count from itself",
      "error deadlines.0.earliest_of.2.from: deadline 'nope' is not a deadline of this obligation",
    ]);
  });
});
