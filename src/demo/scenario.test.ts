import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { testRuntime } from "../../test/support/runtime.js";
import { listClocks } from "../compliance/clock.service.js";
import { overdueActionItems } from "../postincident/action-list.js";
import { getLessons } from "../postincident/lessons.service.js";
import { documentStatus } from "../preparation/plan-review.service.js";
import { metrics as responseMetrics } from "../reports/metrics.service.js";
import { listReports } from "../reports/report.service.js";
import type { Runtime } from "../runtime.js";
import { loadDemo } from "./scenario.js";

const HOUR = 3_600_000;

describe("firebreak demo scenario", () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await testRuntime(TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number]);
  });
  afterAll(() => rt.close());

  it("loads incidents in several phases, months of history, triage and reports, once", async () => {
    const first = await loadDemo(rt);
    expect(first.loaded).toBe(true);
    const { items } = await rt.incidents.list({}, 100);
    expect(items).toHaveLength(first.incidents.length);
    const phases = items.map((i) => i.phase);
    expect(phases.filter((p) => p === "closed")).toHaveLength(7);
    expect(phases.filter((p) => p !== "closed").sort()).toEqual(["containment", "detection"]);

    // The stories happened at their own times: months apart, with real durations.
    const declared = items.map((i) => Date.parse(i.times.declared_at)).sort();
    const now = rt.clock.now().getTime();
    expect(now - (declared[0] as number)).toBeGreaterThan(140 * 24 * HOUR);
    const detecting = items.find((i) => i.phase === "detection");
    expect(detecting?.times.acknowledged_at).toBeNull();

    const metrics = await responseMetrics(rt, {});
    expect(metrics.overall.mttr.count).toBe(7);
    expect(metrics.overall.mttr.median_ms).toBeGreaterThan(HOUR);
    expect(Object.keys(metrics.by_month).length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(metrics.by_severity)).toEqual(
      expect.arrayContaining(["inconvenience", "emergency", "disaster"]),
    );

    // The triage queue has work, the phishing incident's GDPR clock runs, an action is overdue.
    const triage = await rt.detection.alerts.list({ triage: true }, 100);
    expect(triage.items.map((a) => a.title)).toEqual(
      expect.arrayContaining([
        "Password guessing against one account",
        "Windows event log cleared",
      ]),
    );
    const clocks = await listClocks(rt);
    expect(clocks.map((c) => `${c.incident.phase} ${c.state}`)).toContain("containment running");
    expect((await overdueActionItems(rt, new Date())).length).toBeGreaterThan(0);

    const closed = items.find((i) => i.title.startsWith("Ransomware precursor"));
    const reports = await listReports(rt, closed?.id ?? "", undefined);
    expect(reports.map((r) => r.kind).sort()).toEqual(["after-action", "executive"]);
    // Its review's change proposal became the ransomware procedure's second version.
    const revised = await rt.documents.get("procedure", "ransomware");
    expect(revised).toMatchObject({ version: 2, label: "2026.11" });
    // It came into force through approval: Amara submitted, the plan's approvers signed its hash.
    const approval = await documentStatus(rt, {
      kind: "procedure",
      id: "ransomware",
    });
    expect(approval.current).toMatchObject({ version: 2, state: "approved", in_force: true });
    expect(approval.current.approvals.map((a) => a.person)).toEqual(
      approval.current.required_approvers,
    );
    // Nothing in the stories happens after now.
    expect(Date.parse(revised?.createdAt ?? "")).toBeLessThan(now);
    for (const i of items) expect(Date.parse(i.updated_at)).toBeLessThanOrEqual(now);
    expect((await getLessons(rt, closed?.id ?? "", undefined)).proposals).toMatchObject([
      { status: "applied", target: { version: 1, step_id: "confirm-and-scope" } },
    ]);

    const second = await loadDemo(rt);
    expect(second.loaded).toBe(false);
    expect((await rt.incidents.list({}, 100)).items).toHaveLength(items.length);
  });
});
