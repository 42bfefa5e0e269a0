import { it as base, describe, expect } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { encodedPowershell, servedDetection } from "../../../test/support/detection.js";

describe.each(TEST_DIALECTS)("alert triage in a state that forbids it, on $name", (dialect) => {
  // The PostgreSQL run needs FIREBREAK_TEST_PG; without it the suite says so and skips.
  const it = base.skipIf(dialect.skip !== undefined);
  const served = servedDetection(dialect);

  it("answers 409 problem+json naming the alert's status, and changes nothing", async () => {
    await served.app.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify([encodedPowershell("TRIAGE-1")]),
    });
    const [alert] = (await served.app.inject("/api/v1/alerts?q=triage-1")).json().items;
    const post = (verb: string) =>
      served.app.inject({ method: "POST", url: `/api/v1/alerts/${alert.id}/${verb}` });
    expect((await post("resolve")).statusCode).toBe(200);
    const before = (await served.app.inject(`/api/v1/alerts/${alert.id}`)).json();
    for (const verb of ["resolve", "acknowledge"]) {
      const res = await post(verb);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({
        type: "/problems/conflict",
        status: 409,
        alert_status: "resolved",
        detail: expect.stringContaining(`cannot ${verb} alert`),
      });
    }
    expect((await served.app.inject(`/api/v1/alerts/${alert.id}`)).json()).toEqual(before);
  });
});
