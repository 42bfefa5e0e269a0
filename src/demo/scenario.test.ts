import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { testRuntime } from "../../test/support/runtime.js";
import type { Runtime } from "../runtime.js";
import { loadDemo } from "./scenario.js";

describe("firebreak demo scenario", () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await testRuntime(TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number]);
  });
  afterAll(() => rt.close());

  it("loads two incidents, alerts and a stored report, once", async () => {
    const first = await loadDemo(rt);
    expect(first.loaded).toBe(true);
    expect(first.alerts).toBeGreaterThan(0);
    expect(first.events).toBeGreaterThanOrEqual(45);
    const { items } = await rt.incidents.list({}, 100);
    expect(items).toHaveLength(2);
    expect(items.map((i) => i.phase).sort()).toEqual(["closed", "containment"]);
    const closed = items.find((i) => i.phase === "closed");
    const reports = await postReports(rt, closed?.id ?? "");
    expect(reports.length).toBeGreaterThan(0);

    const second = await loadDemo(rt);
    expect(second.loaded).toBe(false);
    expect((await rt.incidents.list({}, 100)).items).toHaveLength(2);
  });
});

async function postReports(rt: Runtime, id: string) {
  const { listReports } = await import("../reports/report.service.js");
  const { postIncidentDeps } = await import("../store/postincident.wiring.js");
  return listReports(postIncidentDeps(rt), id);
}
