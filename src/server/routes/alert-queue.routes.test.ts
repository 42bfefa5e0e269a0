import { it as base, describe, expect } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { encodedPowershell, servedDetection } from "../../../test/support/detection.js";

describe.each(TEST_DIALECTS)("the triage queue, on $name", (dialect) => {
  // The PostgreSQL run needs FIREBREAK_TEST_PG; without it the suite says so and skips.
  const it = base.skipIf(dialect.skip !== undefined);
  const served = servedDetection(dialect);

  it("keeps acknowledged alerts until someone decides, and hides them on request", async () => {
    await served.app.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify([encodedPowershell("QUEUE-1"), encodedPowershell("QUEUE-2")]),
    });
    const ids = async (query: string) =>
      (await served.app.inject(`/api/v1/alerts?q=queue-&${query}`))
        .json()
        .items.map((a: { title: string; id: string; status: string }) => `${a.id}:${a.status}`)
        .sort();
    const [first, second] = (await served.app.inject("/api/v1/alerts?q=queue-")).json().items;
    const ack = await served.app.inject({
      method: "POST",
      url: `/api/v1/alerts/${first.id}/acknowledge`,
    });
    expect(ack.statusCode, ack.body).toBe(200);

    expect(await ids("triage=true")).toEqual(
      [`${first.id}:acknowledged`, `${second.id}:open`].sort(),
    );
    expect(await ids("triage=true&status=open")).toEqual([`${second.id}:open`]);

    // Deciding takes it out: resolved is no longer waiting for anyone.
    await served.app.inject({ method: "POST", url: `/api/v1/alerts/${first.id}/resolve` });
    expect(await ids("triage=true")).toEqual([`${second.id}:open`]);
  });
});
