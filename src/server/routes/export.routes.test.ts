import { describe, expect, it } from "vitest";
import { TEST_DIALECTS, type TestDialect } from "../../../test/support/databases.js";
import { incidentHarnessPerFile } from "../../../test/support/http-harness.js";
import { userWithToken } from "../../../test/support/identity.js";
import { testRuntime } from "../../../test/support/runtime.js";
import { auditLog } from "../../audit/audit.service.js";
import { EXPORT_FORMAT_NAMES } from "../../domain/exchange.js";
import { buildApp } from "../app.js";

describe("incident export and MISP import routes", () => {
  const h = incidentHarnessPerFile();

  it("answers each format as a JSON attachment named after the incident, and audits it", async () => {
    for (const format of EXPORT_FORMAT_NAMES) {
      const res = await h.get(`${h.base}/export?format=${format}`);
      expect(res.statusCode, `${format}: ${res.body.slice(0, 300)}`).toBe(200);
      expect(res.headers["content-type"]).toMatch(/json/);
      expect(res.headers["content-disposition"]).toBe(
        `attachment; filename="${h.incident.human_id}.${format}.json"`,
      );
      expect(res.headers["x-tlp"]).toBe("amber");
      expect(typeof res.json()).toBe("object");
    }
    const stix = (await h.get(`${h.base}/export?format=stix`)).json();
    expect(stix).toMatchObject({ type: "bundle", id: expect.stringMatching(/^bundle--/) });
    const log = await auditLog(h.rt, { action: "incident.exported" }, 20);
    expect(log.items).toHaveLength(EXPORT_FORMAT_NAMES.length + 1);
    expect(log.items[0]).toMatchObject({
      target: h.incident.human_id,
      incident_id: h.incident.id,
      details: { format: "stix", tlp: "amber" },
    });
  });

  it("refuses an unknown format with 400 problem+json naming the formats", async () => {
    const res = await h.get(`${h.base}/export?format=openioc`);
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    for (const format of EXPORT_FORMAT_NAMES) expect(res.body).toContain(format);
    expect((await h.get(`/api/v1/incidents/INC-1999-0001/export?format=stix`)).statusCode).toBe(
      404,
    );
  });

  it("marks a restricted incident TLP:RED", async () => {
    const declared = await h.send("POST", "/api/v1/incidents", {
      title: "HR investigation",
      type: "ransomware",
      restricted: true,
    });
    expect(declared.statusCode, declared.body).toBe(201);
    const res = await h.get(`/api/v1/incidents/${declared.json().human_id}/export?format=misp`);
    expect(res.headers["x-tlp"]).toBe("red");
    expect(res.json().Event).toMatchObject({ distribution: "0" });
    expect(res.json().Event.Tag[0]).toMatchObject({ name: "tlp:red" });
  });

  it("imports a MISP event's attributes as indicators, reporting what it skipped", async () => {
    const res = await h.send("POST", `${h.base}/indicators/misp`, {
      Event: {
        info: "Partner report",
        Tag: [{ name: "tlp:green" }],
        Attribute: [
          { uuid: "u-1", type: "ip-dst", value: "198.51.100.77" },
          { uuid: "u-2", type: "btc", value: "1BoatSLRHtKNngkdXEeobR76b53LETtpyT" },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      event: { info: "Partner report", uuid: null },
      imported: [{ type: "ip", value: "198.51.100.77", tags: ["tlp:green"], created: true }],
      skipped: [{ attribute: "u-2", type: "btc", reason: expect.stringMatching(/no Firebreak/) }],
    });
    await h.expectRecorded(["indicator.added"]);
    await h.expectRefused(
      () => h.send("POST", `${h.base}/indicators/misp`, { name: "not an event" }),
      400,
      "invalid_input",
    );
  });
});

describe("exports of a restricted incident", () => {
  it("answer a non-participant as for a missing incident, and export nothing", async () => {
    const rt = await testRuntime(TEST_DIALECTS[0] as TestDialect);
    const app = await buildApp(rt, { logger: false });
    try {
      const admin = (await userWithToken(rt, "admin")).headers;
      const outsider = (await userWithToken(rt, "responder", "write", { person_id: "kenji-sato" }))
        .headers;
      const declared = await app.inject({
        method: "POST",
        url: "/api/v1/incidents",
        headers: admin,
        payload: { title: "Insider case", type: "ransomware", restricted: true },
      });
      const secret = declared.json().human_id as string;
      for (const ref of [secret, "INC-1999-0001"]) {
        const read = await app.inject({
          url: `/api/v1/incidents/${ref}/export?format=stix`,
          headers: outsider,
        });
        expect(read.statusCode, read.body).toBe(404);
        expect(read.json().detail).toBe(`incident ${ref} does not exist`);
        const write = await app.inject({
          method: "POST",
          url: `/api/v1/incidents/${ref}/indicators/misp`,
          headers: outsider,
          payload: { Event: { info: "x", Attribute: [{ type: "ip-dst", value: "192.0.2.9" }] } },
        });
        expect(write.statusCode, write.body).toBe(404);
      }
      expect(await auditLog(rt, { action: "incident.exported" }, 5)).toMatchObject({ items: [] });
      expect(await rt.incidents.indicators(declared.json().id)).toEqual([]);
    } finally {
      await app.close();
      await rt.close();
    }
  });
});
