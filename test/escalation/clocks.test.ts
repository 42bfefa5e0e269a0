import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ClockView } from "../../src/compliance/clock-view.js";
import { fixedClock } from "../../src/domain/clock.js";
import type { Incident, TimelineEntry } from "../../src/domain/incident/model.js";
import { type RunningWorker, type Runtime, startJobWorker } from "../../src/runtime.js";
import { type App, buildApp } from "../../src/server/app.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { testRuntime } from "../support/runtime.js";
import { waitFor } from "../support/wait.js";

/** Monday 23 November 2026, noon UTC: after the Fridays the decisions below are dated. */
const NOW = "2026-11-23T12:00:00.000Z";

describe.each(TEST_DIALECTS)("regulatory clocks through the API on $name", (dialect) => {
  let rt: Runtime;
  let app: App;
  let comms: RunningWorker | undefined;
  const clock = fixedClock(NOW);

  const call = async (method: "GET" | "POST", url: string, payload?: object) => {
    const res = await app.inject({ method, url: `/api/v1${url}`, payload });
    return { status: res.statusCode, body: res.json() };
  };
  const ok = async <T>(method: "GET" | "POST", url: string, payload?: object) => {
    const res = await call(method, url, payload);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body as T;
  };
  const declare = (body: Record<string, unknown>) =>
    ok<Incident>("POST", "/incidents", { title: "Customer database copied", ...body });
  const clocksOf = async (id: string) =>
    (await ok<{ items: ClockView[] }>("GET", `/incidents/${id}/clocks`)).items;
  const clockOf = async (id: string, obligation: string) =>
    (await clocksOf(id)).find((c) => c.obligation_id === obligation) as ClockView;

  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    clock.set(NOW);
    rt = await testRuntime(dialect, { clock });
    app = await buildApp(rt, { logger: false, auth: "trust-local" });
  });
  afterEach(async () => {
    await comms?.stop();
    comms = undefined;
    await app?.close();
    await rt?.close();
  });

  it("shows a GDPR clock due 72 hours after awareness for personal data", async () => {
    const incident = await declare({
      type: "data-breach",
      attributes: { personal_data: true },
      aware_at: "2026-11-23T10:15:00Z",
    });
    const gdpr = await clockOf(incident.id, "gdpr-art-33");
    expect(gdpr).toMatchObject({
      applies: true,
      state: "running",
      start_event: "awareness",
      started_at: "2026-11-23T10:15:00.000Z",
      next_due_at: "2026-11-26T10:15:00.000Z",
    });
    expect(gdpr.deadlines[0]).toMatchObject({ id: "notify-authority", state: "pending" });
    expect((await clockOf(incident.id, "sec-8k-1-05")).state).toBe("not_applicable");
    const reminders = await rt.jobs.list({
      status: "pending",
      dedupKeyPrefix: `clock.reminder:${incident.id}:gdpr-art-33:`,
    });
    // Half-way through the 72 hours: the first reminder.
    expect(reminders.map((j) => j.dueAt)).toEqual(["2026-11-24T22:15:00.000Z"]);
  });

  it("counts the SEC's four business days from a Friday decision, skipping the weekend and Thanksgiving", async () => {
    const friday = await declare({ type: "ransomware", attributes: { material: true } });
    expect((await clockOf(friday.id, "sec-8k-1-05")).state).toBe("waiting");
    await ok("POST", `/incidents/${friday.id}/notes`, {
      kind: "decision",
      text: "Material: the CFO and counsel determined it at 15:00 New York time.",
      sets: "determined",
      occurred_at: "2026-11-13T20:00:00Z",
    });
    const sec = await clockOf(friday.id, "sec-8k-1-05");
    expect(sec.started_at).toBe("2026-11-13T20:00:00.000Z");
    // Thursday 19 November 2026, 15:00 in New York.
    expect(sec.deadlines[0]?.due_at).toBe("2026-11-19T20:00:00.000Z");

    const holiday = await declare({ type: "ransomware", attributes: { material: true } });
    await ok("POST", `/incidents/${holiday.id}/notes`, {
      kind: "decision",
      text: "Material.",
      sets: "determined",
      occurred_at: "2026-11-20T20:00:00Z",
    });
    // Thanksgiving (Thursday 26 November) is not a business day: Friday 27 November.
    expect((await clockOf(holiday.id, "sec-8k-1-05")).deadlines[0]?.due_at).toBe(
      "2026-11-27T20:00:00.000Z",
    );
  });

  it("makes overdue clocks unmistakable: state, list across incidents, timeline", async () => {
    const late = await declare({
      type: "data-breach",
      attributes: { personal_data: true },
      aware_at: "2026-11-20T09:00:00Z",
    });
    const onTime = await declare({ type: "data-breach", attributes: { personal_data: true } });
    const gdpr = await clockOf(late.id, "gdpr-art-33");
    expect(gdpr).toMatchObject({ state: "overdue", next_due_at: "2026-11-23T09:00:00.000Z" });
    expect(gdpr.deadlines[0]).toMatchObject({ state: "overdue", late_by_ms: 3 * 3_600_000 });

    const overdue = await ok<{ items: ClockView[] }>("GET", "/clocks?state=overdue");
    expect(overdue.items.map((c) => [c.incident.human_id, c.obligation_id])).toEqual([
      [late.human_id, "gdpr-art-33"],
    ]);
    const all = await ok<{ items: ClockView[] }>("GET", "/clocks");
    expect(all.items[0]?.state).toBe("overdue");
    expect(all.items.some((c) => c.incident.id === onTime.id && c.state === "running")).toBe(true);
    expect((await call("GET", "/clocks?state=late")).status).toBe(400);

    // The catch-up reminder fires at once and marks the clock overdue on the timeline.
    comms = await startJobWorker(rt, { linkBase: "http://firebreak.test", pollMs: 20 });
    const entries = await waitFor("clock.overdue on the timeline", async () => {
      const t = (await ok<{ items: TimelineEntry[] }>("GET", `/incidents/${late.id}/timeline`))
        .items;
      return t.some((e) => e.kind === "clock.overdue") ? t : undefined;
    });
    expect(entries.find((e) => e.kind === "clock.overdue")?.payload).toMatchObject({
      obligation_id: "gdpr-art-33",
      deadline_id: "notify-authority",
      due_at: "2026-11-23T09:00:00.000Z",
      late_by_ms: 3 * 3_600_000,
    });
    const reminder = entries.find((e) => e.kind === "clock.reminder");
    expect(reminder?.payload).toMatchObject({ urgency: "critical" });
  });

  it("is met by recording the notification and can be stopped once, with a reason", async () => {
    const incident = await declare({
      type: "data-breach",
      attributes: { personal_data: true, material: true },
      aware_at: "2026-11-20T09:00:00Z",
    });
    const met = await ok<ClockView>(
      "POST",
      `/incidents/${incident.human_id}/clocks/gdpr-art-33/notifications`,
      {
        deadline_id: "notify-authority",
        sent_at: "2026-11-23T11:00:00Z",
        recipient: "CNIL",
        reference: "CNIL-2026-0042",
      },
    );
    expect(met.state).toBe("met");
    expect(met.deadlines[0]).toMatchObject({ state: "met_late", late_by_ms: 2 * 3_600_000 });
    expect(met.notifications[0]).toMatchObject({ recipient: "CNIL", reference: "CNIL-2026-0042" });
    const pending = await rt.jobs.list({
      status: "pending",
      dedupKeyPrefix: `clock.reminder:${incident.id}:gdpr-art-33:`,
    });
    expect(pending).toEqual([]);

    const bad = await call("POST", `/incidents/${incident.id}/clocks/gdpr-art-33/notifications`, {
      deadline_id: "final-report",
    });
    expect(bad.status).toBe(400);
    expect(
      (await call("POST", `/incidents/${incident.id}/clocks/nope/stop`, { reason: "x" })).status,
    ).toBe(404);

    const stopped = await ok<ClockView>(
      "POST",
      `/incidents/${incident.id}/clocks/sec-8k-1-05/stop`,
      {
        reason: "Counsel: not material after all",
      },
    );
    expect(stopped).toMatchObject({
      state: "stopped",
      stopped: { reason: "Counsel: not material after all" },
    });
    const again = await call("POST", `/incidents/${incident.id}/clocks/sec-8k-1-05/stop`, {
      reason: "twice",
    });
    expect(again.status).toBe(409);

    const kinds = (
      await ok<{ items: TimelineEntry[] }>("GET", `/incidents/${incident.id}/timeline`)
    ).items.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["clock.notification_recorded", "clock.stopped"]));
  });
});
