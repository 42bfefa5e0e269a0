import { describe, expect, it } from "vitest";
import { incidentHarnessPerFile } from "../../../test/support/http-harness.js";

describe("incident times outside the calendar the clocks use", () => {
  const h = incidentHarnessPerFile();

  it("refuses extended-year and non-ISO times with 400 instead of storing them", async () => {
    for (const aware_at of [
      "+275760-09-13T00:00:00.000Z", // compares as text before "2026-…": was taken as the past
      "-000124-01-01T00:00:00.000Z",
      "1",
      "March 3",
    ]) {
      const res = await h.send("POST", "/api/v1/incidents", {
        title: "Odd time",
        type: "ransomware",
        aware_at,
      });
      expect(res.statusCode, `${aware_at}: ${res.body}`).toBe(400);
      expect(res.json().detail).toMatch(/aware_at must be an ISO 8601 time/);
    }
    const ancient = await h.send("POST", "/api/v1/incidents", {
      title: "Odd time",
      type: "ransomware",
      first_activity_at: "0124-01-01T00:00:00Z",
    });
    expect(ancient.json().detail).toBe("first_activity_at cannot be before 1970");
    // A backdated decision that starts a clock: stored before, then its reaction failed.
    const decision = await h.send("POST", `${h.base}/notes`, {
      text: "classified",
      kind: "decision",
      sets: "classified",
      occurred_at: "0124-01-01T00:00:00Z",
    });
    expect(decision.statusCode).toBe(400);
    expect(decision.json().detail).toBe("occurred_at cannot be before 1970");
    const ok = await h.send("POST", "/api/v1/incidents", {
      title: "Fine time",
      type: "ransomware",
      first_activity_at: "2026-01-02T03:04:05Z",
      aware_at: "2026-01-02T04:00:00Z",
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
