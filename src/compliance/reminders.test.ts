import { describe, expect, it } from "vitest";
import {
  DORA,
  incidentFacts as facts,
  GDPR,
  HIPAA,
  SEVERITIES,
  sent,
} from "../../test/support/obligations.js";
import { computeClock } from "./clocks.js";
import {
  nextClockReminders,
  nextReminder,
  type RemindableDeadline,
  reminderTimes,
} from "./reminders.js";

const H = 3_600_000;
const T0 = "2026-03-02T00:00:00.000Z";
const at = (hours: number) => new Date(Date.parse(T0) + hours * H).toISOString();

// GDPR: 72 h from T0.
const gdpr: RemindableDeadline = {
  id: "notify-authority",
  state: "pending",
  counts_from: T0,
  due_at: at(72),
};

describe("reminderTimes", () => {
  it("reminds at half, three quarters and 90% of the span, at the due time, then while overdue", () => {
    const r = reminderTimes(gdpr);
    expect(r.map((x) => [x.at, x.kind, x.urgency])).toEqual([
      [at(36), "approaching", "info"],
      [at(54), "approaching", "warning"],
      [at(64.8), "approaching", "warning"],
      [at(72), "due", "critical"],
      // Overdue every quarter of the span (18 h), three listed by default.
      [at(90), "overdue", "critical"],
      [at(108), "overdue", "critical"],
      [at(126), "overdue", "critical"],
    ]);
    expect(r.map((x) => x.elapsed)).toEqual([0.5, 0.75, 0.9, 1, 1.25, 1.5, 1.75]);
    expect(r.every((x) => x.deadline_id === "notify-authority")).toBe(true);
  });

  it("repeats overdue reminders hourly for short spans and daily for long ones", () => {
    const dora = computeClock(
      DORA,
      facts({ major_ict: true }, { classification: T0 }),
      {},
      { now: new Date(at(1)), severities: SEVERITIES },
    ).deadlines[0] as RemindableDeadline;
    const overdue = reminderTimes(dora).filter((r) => r.kind === "overdue");
    expect(overdue.map((r) => r.at)).toEqual([at(5), at(6), at(7)]);

    const hipaa = computeClock(
      HIPAA,
      facts({ phi: true }, { discovery: T0 }),
      {},
      { now: new Date(at(1)), severities: SEVERITIES },
    ).deadlines[0] as RemindableDeadline;
    const due = Date.parse(hipaa.due_at as string);
    const first = reminderTimes(hipaa, { overdue_count: 1 }).at(-1);
    expect(first && Date.parse(first.at) - due).toBe(24 * H);
  });

  it("takes other fractions, interval and count", () => {
    const r = reminderTimes(gdpr, {
      fractions: [0.9, 0.5, 0.5, 0, 1],
      overdue_every_ms: H,
      overdue_count: 2,
    });
    expect(r.map((x) => x.at)).toEqual([at(36), at(64.8), at(72), at(73), at(74)]);
    expect(() => reminderTimes(gdpr, { overdue_every_ms: 0 })).toThrow(RangeError);
  });

  it("has nothing for deadlines that are closed or whose due time is unknown", () => {
    for (const state of ["met", "met_late", "stopped", "waiting", "not_applicable"] as const)
      expect(reminderTimes({ ...gdpr, state }), state).toEqual([]);
    expect(reminderTimes({ ...gdpr, due_at: null })).toEqual([]);
  });
});

describe("nextReminder", () => {
  it("gives the first reminder strictly after an instant", () => {
    expect(nextReminder(gdpr, new Date(T0))?.at).toBe(at(36));
    expect(nextReminder(gdpr, new Date(at(36)))?.at).toBe(at(54));
    expect(nextReminder(gdpr, new Date(at(71)))).toMatchObject({ at: at(72), kind: "due" });
  });

  it("never runs out while overdue", () => {
    expect(nextReminder(gdpr, new Date(at(72)))?.at).toBe(at(90));
    expect(nextReminder(gdpr, new Date(at(89.5)))?.at).toBe(at(90));
    expect(nextReminder(gdpr, new Date(at(90)))?.at).toBe(at(108));
    const far = nextReminder(gdpr, new Date(at(72 + 18 * 100 + 1)));
    expect(far).toMatchObject({ at: at(72 + 18 * 101), kind: "overdue", elapsed: 1 + 101 / 4 });
  });

  it("is null once the deadline is met", () => {
    expect(nextReminder({ ...gdpr, state: "met" }, new Date(T0))).toBeNull();
  });

  it("lists the next reminder of each open deadline of a clock, soonest first", () => {
    const nis2Like = computeClock(
      { ...GDPR, deadlines: [...GDPR.deadlines, { id: "early", name: "Early", within: "PT24H" }] },
      facts({ personal_data: true }, { awareness: T0 }),
      { notifications: [sent("nothing", at(1))] },
      { now: new Date(at(2)), severities: SEVERITIES },
    );
    const next = nextClockReminders(nis2Like, new Date(at(2)));
    expect(next.map((r) => [r.deadline_id, r.at])).toEqual([
      ["early", at(12)],
      ["notify-authority", at(36)],
    ]);
  });
});
