import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ClockView } from "../../src/compliance/clock-view.js";
import { fixedClock } from "../../src/domain/clock.js";
import type { Incident, TimelineEntry } from "../../src/domain/incident/model.js";
import type { Runtime } from "../../src/runtime.js";
import { type App, buildApp } from "../../src/server/app.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { testRuntime } from "../support/runtime.js";

const NOW = "2026-11-23T12:00:00.000Z";

describe.each(TEST_DIALECTS)(
  "a regulatory notification's channel and reference on $name",
  (dialect) => {
    let rt: Runtime;
    let app: App;

    const call = async (method: "GET" | "POST" | "PATCH", url: string, payload?: object) => {
      const res = await app.inject({ method, url: `/api/v1${url}`, payload });
      return { status: res.statusCode, body: res.json() };
    };
    const ok = async <T>(method: "GET" | "POST" | "PATCH", url: string, payload?: object) => {
      const res = await call(method, url, payload);
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
      return res.body as T;
    };
    const gdprOf = async (id: string) =>
      (await ok<{ items: ClockView[] }>("GET", `/incidents/${id}/clocks`)).items.find(
        (c) => c.obligation_id === "gdpr-art-33",
      ) as ClockView;

    beforeEach(async (ctx) => {
      if (dialect.skip) return ctx.skip(dialect.skip);
      rt = await testRuntime(dialect, { clock: fixedClock(NOW) });
      app = await buildApp(rt, { logger: false, auth: "trust-local" });
    });
    afterEach(async () => {
      await app?.close();
      await rt?.close();
    });

    it("starts the GDPR clock when personal data is found after declaring", async () => {
      const incident = await ok<Incident>("POST", "/incidents", {
        title: "Laptop stolen",
        type: "data-breach",
      });
      expect((await gdprOf(incident.id)).applies).toBe(false);
      await ok("PATCH", `/incidents/${incident.id}`, {
        attributes: { personal_data: true },
        reason: "The laptop held the HR export",
      });
      expect(await gdprOf(incident.id)).toMatchObject({ applies: true, state: "running" });
    });

    it("keeps how it was sent and the reference, on the clock, the timeline and the regulator draft", async () => {
      const incident = await ok<Incident>("POST", "/incidents", {
        title: "Customer database copied",
        type: "data-breach",
        attributes: { personal_data: true },
        aware_at: "2026-11-22T09:00:00Z",
      });
      const url = `/incidents/${incident.id}/clocks/gdpr-art-33/notifications`;
      const refused = await call("POST", url, { deadline_id: "notify-authority", channel: "fax" });
      expect(refused.status).toBe(400);
      expect((await gdprOf(incident.id)).state).toBe("running");

      const met = await ok<ClockView>("POST", url, {
        deadline_id: "notify-authority",
        sent_at: "2026-11-23T11:00:00Z",
        recipient: "CNIL",
        reference: "CNIL-2026-0042",
        channel: "portal",
      });
      expect(met.deadlines[0]?.notification).toEqual({
        sent_at: "2026-11-23T11:00:00.000Z",
        recipient: "CNIL",
        reference: "CNIL-2026-0042",
        channel: "portal",
      });
      expect(met.notifications[0]).toMatchObject({
        channel: "portal",
        reference: "CNIL-2026-0042",
      });
      expect((await gdprOf(incident.id)).notifications[0]?.channel).toBe("portal");

      const timeline = (
        await ok<{ items: TimelineEntry[] }>("GET", `/incidents/${incident.id}/timeline`)
      ).items;
      expect(timeline.find((e) => e.kind === "clock.notification_recorded")?.payload).toMatchObject(
        {
          channel: "portal",
          reference: "CNIL-2026-0042",
        },
      );

      const report = await ok<{ content_base64: string }>(
        "POST",
        `/incidents/${incident.id}/reports`,
        { kind: "regulator-gdpr", format: "md", include_content: true },
      );
      const text = Buffer.from(report.content_base64, "base64").toString();
      expect(text).toMatch(
        /notified .*by the regulator's portal to CNIL, reference CNIL-2026-0042/,
      );
    });
  },
);
