import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import {
  encodedPowershell,
  servedDetection,
  shadowDelete,
} from "../../../test/support/detection.js";

const ndjson = (events: unknown[]) => events.map((e) => JSON.stringify(e)).join("\n");

describe.each(TEST_DIALECTS)("ATT&CK routes on $name", (dialect) => {
  const served = servedDetection(dialect);

  it("lists, adds and removes an incident's techniques, and answers layers and metrics", async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    const { app } = served;
    const ingest = await app.inject({
      method: "POST",
      url: "/api/v1/events",
      payload: ndjson([shadowDelete("FS02"), encodedPowershell("FS02")]),
      headers: { "content-type": "application/x-ndjson" },
    });
    expect(ingest.statusCode).toBe(202);
    const incidents = (await served.rt.incidents.list({}, 10)).items;
    const incident = incidents.find((i) => i.title.includes("FS02"));
    expect(incident).toBeDefined();
    const url = `/api/v1/incidents/${incident?.human_id}/techniques`;

    const listed = await app.inject({ method: "GET", url });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((t: { id: string }) => t.id)).toEqual([
      "T1027",
      "T1059.001",
      "T1490",
    ]);

    const added = await app.inject({
      method: "POST",
      url,
      payload: { technique: "T1486", reason: "ransom note found" },
    });
    expect(added.statusCode).toBe(200);
    expect(added.json().items).toContainEqual(
      expect.objectContaining({ id: "T1486", by_hand: true, tactics: ["impact"] }),
    );
    const removed = await app.inject({
      method: "POST",
      url: `${url}/T1027/remove`,
      payload: { reason: "over-tagged rule" },
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().items.map((t: { id: string }) => t.id)).not.toContain("T1027");

    // Bad input is a 4xx problem naming the field; nothing is written.
    const unknown = await app.inject({
      method: "POST",
      url,
      payload: { technique: "T0000", reason: "x" },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers["content-type"]).toContain("application/problem+json");
    expect(unknown.json().errors[0].path).toBe("technique");
    const noReason = await app.inject({ method: "POST", url, payload: { technique: "T1486" } });
    expect(noReason.statusCode).toBe(400);
    const notListed = await app.inject({
      method: "POST",
      url: `${url}/T1003/remove`,
      payload: { reason: "x" },
    });
    expect(notListed.statusCode).toBe(404);
    const missing = await app.inject({
      method: "GET",
      url: "/api/v1/incidents/INC-1999-9999/techniques",
    });
    expect(missing.statusCode).toBe(404);

    const layer = await app.inject({
      method: "GET",
      url: `/api/v1/attack/layer?incident=${incident?.human_id}`,
    });
    expect(layer.statusCode).toBe(200);
    expect(layer.headers["content-disposition"]).toContain("attachment");
    expect(layer.json().techniques.map((t: { techniqueID: string }) => t.techniqueID)).toEqual([
      "T1059.001",
      "T1486",
      "T1490",
    ]);
    const badSince = await app.inject({ method: "GET", url: "/api/v1/attack/layer?since=soon" });
    expect(badSince.statusCode).toBe(400);
    expect(badSince.json().errors[0].path).toBe("since");

    const metrics = await app.inject({ method: "GET", url: "/api/v1/metrics/techniques" });
    expect(metrics.statusCode).toBe(200);
    const body = metrics.json();
    expect(body.techniques).toContainEqual(
      expect.objectContaining({ id: "T1490", incidents: 1, tactics: ["impact"] }),
    );
    expect(body.by_tactic).toContainEqual(
      expect.objectContaining({ tactic: "impact", name: "Impact", incidents: 1, techniques: 2 }),
    );
    const badRange = await app.inject({
      method: "GET",
      url: "/api/v1/metrics/techniques?from=2026-02-01&to=2026-01-01",
    });
    expect(badRange.statusCode).toBe(400);
  });
});
