import { describe, expect, it } from "vitest";
import { formatDuration, incidentDurations, quantile, stats, stepOutcome } from "./metrics.js";

describe("metrics (pure)", () => {
  it("computes mean, median and p90 by linear interpolation between closest ranks", () => {
    expect(stats([])).toEqual({ count: 0, mean_ms: null, median_ms: null, p90_ms: null });
    expect(stats([5])).toEqual({ count: 1, mean_ms: 5, median_ms: 5, p90_ms: 5 });
    // sorted 10, 30, 120: h(p90) = 2 × 0.9 = 1.8 → 30 + 0.8 × 90 = 102
    expect(stats([120, 10, 30])).toEqual({
      count: 3,
      mean_ms: 160 / 3,
      median_ms: 30,
      p90_ms: 102,
    });
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
  });

  it("selects the same quantiles as sorting does, over long and repetitive inputs", () => {
    // R-7 from a sorted copy: the definition the selection must agree with.
    const sortedQuantile = (xs: number[], p: number) => {
      const a = [...xs].sort((x, y) => x - y);
      const h = (a.length - 1) * p;
      const lo = Math.floor(h);
      const x = a[lo] as number;
      return x + (h - lo) * ((a[Math.min(lo + 1, a.length - 1)] as number) - x);
    };
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    // Lengths either side of the sampled selection's threshold; few distinct values, many, sorted.
    for (const n of [2, 3, 599, 601, 602, 1000, 4_999, 20_000])
      for (const spread of [3, 1_000_000]) {
        const xs = Array.from({ length: n }, () => Math.floor(next() * spread));
        for (const input of [xs, [...xs].sort((x, y) => x - y), [...xs].sort((x, y) => y - x)]) {
          const s = stats(input);
          expect(s.median_ms).toBe(sortedQuantile(input, 0.5));
          expect(s.p90_ms).toBeCloseTo(sortedQuantile(input, 0.9), 6);
          expect(quantile(input, 0.25)).toBeCloseTo(sortedQuantile(input, 0.25), 6);
        }
      }
  });

  it("measures each span only when both ends exist and are in order", () => {
    const times = {
      first_activity_at: "2026-01-01T00:00:00.000Z",
      detected_at: "2026-01-01T08:00:00.000Z",
      declared_at: "2026-01-01T09:00:00.000Z",
      acknowledged_at: "2026-01-01T08:30:00.000Z", // before declaration: a data error, left out
      contained_at: "2026-01-01T12:00:00.000Z",
      recovered_at: null,
      closed_at: null,
    };
    const d = incidentDurations({
      id: "i",
      human_id: "INC",
      severity: "s",
      type: "t",
      phase: "recovery",
      exercise: false,
      times,
    });
    expect(d).toEqual({ mttd: 8 * 3_600_000, mttc: 4 * 3_600_000 });
  });

  it("judges a required step once it is settled or its phase is over", () => {
    const task = {
      incident_id: "i",
      phase: "containment",
      step_id: "s",
      required: true,
      status: "open",
      due_at: "2026-01-01T10:00:00.000Z",
      completed_at: null,
    };
    expect(stepOutcome(task, "containment")).toBe("pending");
    expect(stepOutcome(task, "eradication")).toBe("not_done");
    expect(stepOutcome({ ...task, phase: "remediation" }, "post_incident")).toBe("pending");
    expect(stepOutcome({ ...task, phase: "remediation" }, "closed")).toBe("not_done");
    expect(
      stepOutcome(
        { ...task, status: "done", completed_at: "2026-01-01T10:00:00.000Z" },
        "containment",
      ),
    ).toBe("on_time");
    expect(
      stepOutcome(
        { ...task, status: "done", completed_at: "2026-01-01T10:00:01.000Z" },
        "containment",
      ),
    ).toBe("late");
    expect(stepOutcome({ ...task, status: "skipped" }, "containment")).toBe("skipped");
  });

  it("formats durations for people", () => {
    expect([
      formatDuration(null),
      formatDuration(45_000),
      formatDuration(12 * 60_000),
      formatDuration(200 * 60_000),
      formatDuration(52 * 3_600_000),
    ]).toEqual(["–", "45s", "12m", "3h 20m", "2d 4h"]);
  });
});
