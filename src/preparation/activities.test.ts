import { describe, expect, it } from "vitest";
import { activityStatus, graceMs, reminderLevels, warnWindowMs } from "./activities.js";

const DAY = 86_400_000;
const activity = {
  id: "restore",
  title: "Test-restore",
  owner_role: "ops",
  cadence: "P3M",
  evidence: ["log"],
  kind: "backup_restore_test" as const,
};
const plan = {
  owner: "ann",
  team: [
    { id: "ann", name: "Ann", contacts: [], roles: ["commander"] },
    { id: "olly", name: "Olly", contacts: [], roles: ["ops"] },
  ],
  roles: [
    { id: "commander", title: "C", responsibilities: ["x"], authority: [] },
    { id: "ops", title: "O", responsibilities: ["x"], authority: [] },
    { id: "sponsor", title: "S", responsibilities: ["x"], authority: ["approve_plan" as const] },
  ],
};

describe("preparation activities", () => {
  it("are due one cadence after the last completion (or after entering the plan) and warn before", () => {
    const listed = "2026-01-01T00:00:00.000Z";
    const fresh = activityStatus(activity, plan, undefined, listed, new Date("2026-02-01"));
    expect(fresh).toMatchObject({
      state: "ok",
      due_at: "2026-04-01T00:00:00.000Z",
      owners: ["olly"],
    });
    expect(activityStatus(activity, plan, undefined, listed, new Date("2026-03-20")).state).toBe(
      "due_soon",
    );
    const late = activityStatus(activity, plan, undefined, listed, new Date("2026-04-03"));
    expect(late).toMatchObject({ state: "overdue", overdue_by_ms: 2 * DAY });
    const done = { completed_at: "2026-03-30T00:00:00.000Z", completed_by: "person:olly" };
    expect(activityStatus(activity, plan, done, listed, new Date("2026-04-03"))).toMatchObject({
      state: "ok",
      due_at: "2026-06-30T00:00:00.000Z",
      last_done_by: "person:olly",
    });
  });

  it("warn a quarter of the cadence ahead (at most two weeks) and escalate after a tenth (1–7 days)", () => {
    expect(warnWindowMs("P7D")).toBe(1.75 * DAY);
    expect(warnWindowMs("P1Y")).toBe(14 * DAY);
    expect(graceMs("P7D")).toBe(DAY);
    expect(graceMs("P20D")).toBe(2 * DAY);
    expect(graceMs("P1Y")).toBe(7 * DAY);
    const status = activityStatus(
      activity,
      plan,
      undefined,
      "2026-01-01T00:00:00Z",
      new Date("2026-01-02"),
    );
    const levels = reminderLevels(status, plan);
    expect(levels.map((l) => [l.level, l.label, l.recipients])).toEqual([
      [0, "due soon", ["role:ops"]],
      [1, "due", ["role:ops"]],
      [2, "overdue", ["role:ops", "person:ann"]],
      [3, "still overdue", ["role:ops", "person:ann", "role:sponsor"]],
    ]);
    expect(levels[2]?.at.toISOString()).toBe("2026-04-08T00:00:00.000Z");
  });
});
