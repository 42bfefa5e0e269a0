import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import { type ChangeInput, recordChange } from "../response/changes.service.js";
import type { Runtime } from "../runtime.js";

const change = (summary: string, extra: Partial<ChangeInput> = {}): ChangeInput => ({
  integration_id: "ci",
  summary,
  source: "deploy-pipeline",
  timestamp: "2026-11-23T08:00:00.000Z",
  custom_details: { service: "checkout-api" },
  links: [],
  ...extra,
});

describe.each(TEST_DIALECTS)("change store on $name", (dialect) => {
  let rt: Runtime;
  runtimePerTest(dialect, {}, (fresh) => {
    rt = fresh;
  });

  it("stores concurrent retries of one change once, and answers every one with it", async () => {
    const stored = await Promise.all(
      Array.from({ length: 8 }, () => recordChange(rt, change("Deployed v2"))),
    );
    expect(new Set(stored.map((c) => c.id)).size).toBe(1);
    const page = await rt.changes.list({ targets: ["checkout-api"] }, 50);
    expect(page.items).toHaveLength(1);
    // The same change from another integration is another change.
    await recordChange(rt, change("Deployed v2", { integration_id: "other" }));
    expect((await rt.changes.list({}, 50)).items).toHaveLength(2);
  });

  it("finds changes by any name they touch within a window, through the names index", async () => {
    await recordChange(
      rt,
      change("Moved fs01 to the new share", {
        source: "FS01",
        custom_details: { hosts: ["fs01", "fs02"], service: ["files", 3] },
      }),
    );
    await recordChange(rt, change("Later", { source: "fs02", timestamp: "2026-11-23T09:00:00Z" }));
    const window = { since: "2026-11-23T07:00:00.000Z", until: "2026-11-23T08:00:00.000Z" };
    const byFs02 = await rt.changes.list({ ...window, targets: ["fs02"] }, 50);
    expect(byFs02.items.map((c) => c.summary)).toEqual(["Moved fs01 to the new share"]);
    // The source first, then the details in the order service, services, host, hostname, hosts.
    expect(byFs02.items[0]?.targets).toEqual(["fs01", "files", "fs02"]);
    // Two names of one change find it once.
    expect((await rt.changes.list({ targets: ["fs01", "files"] }, 50)).items).toHaveLength(1);
    expect((await rt.changes.list({ ...window, targets: ["payments"] }, 50)).items).toEqual([]);
  });
});
