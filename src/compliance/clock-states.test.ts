import { describe, expect, it } from "vitest";
import {
  clockAt as clock,
  DORA,
  incidentFacts as facts,
  GDPR,
  HIPAA,
  NIS2,
  obligation,
  SEC,
  SEVERITIES,
  sent,
} from "../../test/support/obligations.js";
import { type ClockRecord, computeClock, computeClocks } from "./clocks.js";

const H = 3_600_000;

describe("deadline states at a fixed now", () => {
  // Aware 2026-03-02 10:00 UTC; due 2026-03-05 10:00; warning window min(18 h, 24 h) = 18 h.
  const f = facts({ personal_data: true }, { awareness: new Date("2026-03-02T10:00:00Z") });
  const at = (now: string, record?: ClockRecord) => clock(GDPR, f, now, record);

  it("pending before the warning window, with the time left", () => {
    const c = at("2026-03-02T11:00:00Z");
    expect(c.deadlines[0]).toMatchObject({
      state: "pending",
      time_left_ms: 71 * H,
      late_by_ms: null,
      warn_at: "2026-03-04T16:00:00.000Z",
    });
    expect(c.state).toBe("running");
  });

  it("due_soon inside the last quarter of the span, up to and including the due time", () => {
    expect(at("2026-03-04T15:59:59Z").deadlines[0]?.state).toBe("pending");
    expect(at("2026-03-04T16:00:00Z").deadlines[0]?.state).toBe("due_soon");
    const c = at("2026-03-05T10:00:00Z");
    expect(c.deadlines[0]).toMatchObject({ state: "due_soon", time_left_ms: 0 });
    expect(c.state).toBe("due_soon");
  });

  it("overdue after the due time, unmistakably", () => {
    const c = at("2026-03-05T12:00:00Z");
    expect(c.state).toBe("overdue");
    expect(c.deadlines[0]).toMatchObject({
      state: "overdue",
      time_left_ms: -2 * H,
      late_by_ms: 2 * H,
    });
  });

  it("met by the first notification recorded in time", () => {
    const c = at("2026-03-10T00:00:00Z", {
      notifications: [
        sent("notify-authority", "2026-03-04T09:00:00Z", "supplement"),
        sent("notify-authority", "2026-03-03T16:00:00Z", "DPA-2026-0042"),
        sent("unrelated", "2026-03-02T10:30:00Z"),
      ],
    });
    expect(c.state).toBe("met");
    expect(c.deadlines[0]).toMatchObject({
      state: "met",
      met_at: "2026-03-03T16:00:00.000Z",
      time_left_ms: null,
      late_by_ms: null,
      notification: {
        sent_at: "2026-03-03T16:00:00.000Z",
        recipient: "Authority",
        reference: "DPA-2026-0042",
      },
    });
    expect(c.next_due_at).toBeNull();
  });

  it("met_late when the notification came after the due time", () => {
    const c = at("2026-03-10T00:00:00Z", {
      notifications: [
        { deadline_id: "notify-authority", sent_at: "2026-03-05T15:00:00Z", recipient: "DPA" },
      ],
    });
    expect(c.state).toBe("met");
    expect(c.deadlines[0]).toMatchObject({
      state: "met_late",
      late_by_ms: 5 * H,
      notification: { reference: null },
    });
  });

  it("stopped with a reason; lateness at the stop is kept", () => {
    const stop = {
      reason: "unlikely to result in a risk (DPO decision)",
      at: "2026-03-02T20:00:00Z",
    };
    const c = at("2026-03-10T00:00:00Z", { stop });
    expect(c).toMatchObject({
      state: "stopped",
      waiting_for: null,
      stopped: { reason: stop.reason, at: "2026-03-02T20:00:00.000Z" },
      next_due_at: null,
    });
    expect(c.deadlines[0]).toMatchObject({
      state: "stopped",
      time_left_ms: null,
      late_by_ms: null,
    });
    const late = at("2026-03-10T00:00:00Z", { stop: { ...stop, at: "2026-03-05T11:00:00Z" } });
    expect(late.deadlines[0]?.late_by_ms).toBe(H);
  });

  it("keeps deadlines met before a stop as met", () => {
    const c = clock(
      NIS2,
      facts({ significant: true }, { awareness: "2026-01-10T08:00:00Z" }),
      "2026-01-11T00:00:00Z",
      {
        notifications: [sent("early-warning", "2026-01-10T20:00:00Z")],
        stop: { reason: "not significant after all", at: "2026-01-10T22:00:00Z" },
      },
    );
    expect(c.deadlines.map((d) => d.state)).toEqual(["met", "stopped", "stopped"]);
    expect(c.deadlines[2]?.waiting_for).toBeNull();
  });

  it("caps the warning window at 24 hours and takes a quarter of short spans", () => {
    const hipaa = clock(
      HIPAA,
      facts({ phi: true }, { discovery: "2026-03-01T12:00:00Z" }),
      "2026-04-29T11:59:00Z",
    );
    expect(hipaa.deadlines[0]).toMatchObject({
      warn_at: "2026-04-29T12:00:00.000Z",
      state: "pending",
    });
    const dora = clock(
      DORA,
      facts({ major_ict: true }, { classification: "2026-05-04T09:30:00Z" }),
      "2026-05-04T12:30:00Z",
    );
    expect(dora.deadlines[0]).toMatchObject({
      warn_at: "2026-05-04T12:30:00.000Z",
      state: "due_soon",
    });
  });

  it("takes a configured warning window", () => {
    const c = computeClock(
      GDPR,
      f,
      {},
      {
        now: new Date("2026-03-04T09:00:00Z"),
        severities: SEVERITIES,
        warning: { fraction: 0.5 },
      },
    );
    expect(c.deadlines[0]).toMatchObject({ warn_at: "2026-03-04T10:00:00.000Z", state: "pending" });
  });

  it("uses the default time zone for deadlines that name none", () => {
    const monthly = obligation({ deadlines: [{ id: "m", name: "M", within: "P1M" }] });
    const ff = facts({ personal_data: true }, { awareness: "2026-03-15T12:00:00Z" });
    const opts = { now: new Date("2026-03-16T00:00:00Z"), severities: SEVERITIES };
    expect(computeClock(monthly, ff, {}, opts).deadlines[0]?.due_at).toBe(
      "2026-04-15T12:00:00.000Z",
    );
    const berlin = computeClock(monthly, ff, {}, { ...opts, defaultTimeZone: "Europe/Berlin" });
    expect(berlin.deadlines[0]?.due_at).toBe("2026-04-15T11:00:00.000Z");
  });
});

describe("computeClocks and bad input", () => {
  it("computes every obligation with its own record", () => {
    const f = facts(
      { personal_data: true, material: true },
      { awareness: "2026-11-13T12:00:00Z", determination: "2026-11-13T20:00:00Z" },
    );
    const all = computeClocks(
      [GDPR, SEC, HIPAA],
      f,
      { "gdpr-art-33": { notifications: [sent("notify-authority", "2026-11-14T00:00:00Z")] } },
      {
        now: new Date("2026-11-14T12:00:00Z"),
        severities: SEVERITIES,
      },
    );
    expect(all.map((c) => [c.obligation_id, c.state])).toEqual([
      ["gdpr-art-33", "met"],
      ["sec-8k-1-05", "running"],
      ["hipaa-breach", "not_applicable"],
    ]);
  });

  it("rejects instants that are not instants", () => {
    const f = facts({ personal_data: true }, { awareness: "yesterday" });
    expect(() => clock(GDPR, f, "2026-03-02T11:00:00Z")).toThrow(
      /awareness time is not a valid instant/,
    );
    const ok = facts({ personal_data: true }, { awareness: "2026-03-02T10:00:00Z" });
    expect(() =>
      clock(GDPR, ok, "2026-03-02T11:00:00Z", {
        notifications: [sent("notify-authority", "soon")],
      }),
    ).toThrow(RangeError);
  });
});
