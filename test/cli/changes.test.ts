import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { TEST_DIALECTS, type TestDialect } from "../support/databases.js";
import { createReceivers, listeningDetection } from "../support/detection.js";

/** `firebreak changes` against a running server: the list, its filters and one incident's changes. */
describe("firebreak changes", () => {
  const served = listeningDetection(TEST_DIALECTS[0] as TestDialect);
  const cli = (args: string[]) => runCli([...args, ...served.server]);
  let incident = "";

  beforeAll(async () => {
    const { keys } = await createReceivers(served.app, { items: "alerts", title: "/title" });
    const send = async (summary: string, service: string, minutesAgo: number) => {
      const res = await served.app.inject({
        method: "POST",
        url: "/api/v1/integrations/pagerduty/v2/change/enqueue",
        payload: {
          routing_key: keys.pagerduty,
          payload: {
            summary,
            source: "deploy-pipeline",
            timestamp: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
            custom_details: { service },
          },
        },
      });
      expect(res.statusCode).toBe(202);
    };
    await send("Deployed checkout-api v2.14.0", "checkout-api", 10);
    await send("Rotated the ERP secret", "erp", 20);
    await send("Migrated the ERP database", "erp", 60 * 30);
    const declared = await served.app.inject({
      method: "POST",
      url: "/api/v1/incidents",
      payload: {
        title: "Checkout failing",
        type: "ransomware",
        attributes: { affected_services: ["checkout-api"] },
      },
    });
    incident = declared.json().human_id;
  });

  it("lists changes newest first, filtered by time and service, with --json one document", async () => {
    const all = await cli(["changes", "--json"]);
    expect(all.code, all.stderr).toBe(0);
    expect(JSON.parse(all.stdout).items.map((c: { summary: string }) => c.summary)).toEqual([
      "Deployed checkout-api v2.14.0",
      "Rotated the ERP secret",
      "Migrated the ERP database",
    ]);
    const recentErp = await cli(["changes", "--since", "PT24H", "--service", "ERP", "--json"]);
    expect(JSON.parse(recentErp.stdout).items.map((c: { summary: string }) => c.summary)).toEqual([
      "Rotated the ERP secret",
    ]);
    const text = await cli(["changes", "--service", "erp"]);
    expect(text.stdout).toMatch(/Rotated the ERP secret {2}\[deploy-pipeline\] {2}touches erp/);
  });

  it("shows the changes before an incident", async () => {
    const res = await cli(["changes", "--incident", incident, "--json"]);
    expect(res.code, res.stderr).toBe(0);
    const before = JSON.parse(res.stdout);
    expect(before.targets).toEqual(["checkout-api"]);
    expect(before.items.map((c: { summary: string }) => c.summary)).toEqual([
      "Deployed checkout-api v2.14.0",
    ]);
  });

  it("refuses a bad time with exit 2", async () => {
    const res = await cli(["changes", "--since", "soon"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("since");
  });
});
