import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ClockView } from "../../src/compliance/clock-view.js";
import { fixedClock } from "../../src/domain/clock.js";
import type { Incident, Task, TimelineEntry } from "../../src/domain/incident/model.js";
import { type RunningWorker, type Runtime, startJobWorker } from "../../src/runtime.js";
import { type App, buildApp } from "../../src/server/app.js";
import { TEST_DIALECTS } from "../support/databases.js";
import {
  minimalPlan,
  minimalProcedure,
  procedureStep,
  writeLibrary,
} from "../support/documents.js";
import { testRuntime } from "../support/runtime.js";
import { waitFor } from "../support/wait.js";

/**
 * The plan says what regulators require (issue 13, item 6), through the API on every dialect:
 * DORA's "4 h after classification, no later than 24 h after awareness", NIS2's three deadlines,
 * GDPR fulfilled by a step of whichever procedure the incident runs, a step target counted from
 * entering a phase, and an audience that is only updated while its condition holds.
 */

/** Monday 23 November 2026, noon UTC. */
const NOW = "2026-11-23T12:00:00.000Z";
const H = 3_600_000;

function harness(dialect: (typeof TEST_DIALECTS)[number], library?: () => string[]) {
  const clock = fixedClock(NOW);
  const h = {} as { rt: Runtime; app: App; comms?: RunningWorker; clock: typeof clock };
  h.clock = clock;
  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    clock.set(NOW);
    h.rt = await testRuntime(dialect, { clock, library: library?.() });
    h.app = await buildApp(h.rt, { logger: false, auth: "trust-local" });
  });
  afterEach(async () => {
    await h.comms?.stop();
    h.comms = undefined;
    await h.app?.close();
    await h.rt?.close();
  });
  const call = async (method: "GET" | "POST" | "PATCH", url: string, payload?: object) => {
    const res = await h.app.inject({ method, url: `/api/v1${url}`, payload });
    return { status: res.statusCode, body: res.json() };
  };
  const ok = async <T>(method: "GET" | "POST" | "PATCH", url: string, payload?: object) => {
    const res = await call(method, url, payload);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body as T;
  };
  const clockOf = async (id: string, obligation: string) =>
    (await ok<{ items: ClockView[] }>("GET", `/incidents/${id}/clocks`)).items.find(
      (c) => c.obligation_id === obligation,
    ) as ClockView;
  const tasks = async (id: string) =>
    (await ok<{ items: Task[] }>("GET", `/incidents/${id}/tasks`)).items;
  return { h, call, ok, clockOf, tasks };
}

describe.each(TEST_DIALECTS)("the built-in plan's regulatory clocks on $name", (dialect) => {
  const { h, call, ok, clockOf, tasks } = harness(dialect);
  const declare = (body: Record<string, unknown>) =>
    ok<Incident>("POST", "/incidents", { title: "Payments API flooded", ...body });
  const decide = (id: string, sets: "classified", occurred_at: string) =>
    ok("POST", `/incidents/${id}/notes`, {
      kind: "decision",
      text: "Major ICT-related incident under the Art. 18 criteria.",
      sets,
      occurred_at,
    });

  it("DORA: declared without classification shows 24 h from awareness; classified major adds 4 h, which governs", async () => {
    const incident = await declare({
      type: "denial-of-service",
      attributes: { dora_scope: true },
      aware_at: "2026-11-23T09:00:00Z",
    });
    const before = await clockOf(incident.id, "dora-art-19");
    expect(before).toMatchObject({ applies: true, state: "running", waiting_for: null });
    expect(before.deadlines[0]).toMatchObject({
      id: "initial-notification",
      counts_from: "2026-11-23T09:00:00.000Z",
      due_at: "2026-11-24T09:00:00.000Z",
      state: "pending",
    });
    expect(before.deadlines[0]?.alternatives.map((a) => [a.start, a.due_at, a.governs])).toEqual([
      ["classification", null, false],
      ["awareness", "2026-11-24T09:00:00.000Z", true],
    ]);
    expect(before.deadlines[1]).toMatchObject({
      state: "waiting",
      waiting_for: "initial-notification",
    });

    await ok("PATCH", `/incidents/${incident.id}`, {
      attributes: { major_ict: true },
      reason: "Clients affected above the DORA threshold",
    });
    await decide(incident.id, "classified", "2026-11-23T11:00:00Z");
    const after = await clockOf(incident.id, "dora-art-19");
    expect(after.deadlines[0]).toMatchObject({
      counts_from: "2026-11-23T11:00:00.000Z",
      due_at: "2026-11-23T15:00:00.000Z",
    });
    expect(after.deadlines[0]?.alternatives.map((a) => [a.start, a.due_at, a.governs])).toEqual([
      ["classification", "2026-11-23T15:00:00.000Z", true],
      ["awareness", "2026-11-24T09:00:00.000Z", false],
    ]);
    expect(after.next_due_at).toBe("2026-11-23T15:00:00.000Z");
    // The reminders follow the earlier deadline: half-way through the 4 hours is 13:00.
    const reminders = await h.rt.jobs.list({
      status: "pending",
      dedupKeyPrefix: `clock.reminder:${incident.id}:dora-art-19:initial-notification:`,
    });
    expect(reminders.map((j) => j.dueAt)).toEqual(["2026-11-23T13:00:00.000Z"]);
  });

  it("DORA: setting major_ict records the classification time; a dated decision corrects it", async () => {
    const incident = await declare({
      type: "denial-of-service",
      attributes: { dora_scope: true },
      aware_at: "2026-11-23T09:00:00Z",
    });
    const classified = await ok<Incident>("PATCH", `/incidents/${incident.id}`, {
      attributes: { major_ict: true },
      reason: "Major under Art. 18",
    });
    expect(classified.times.classified_at).toBe(NOW);
    expect((await clockOf(incident.id, "dora-art-19")).deadlines[0]?.due_at).toBe(
      "2026-11-23T16:00:00.000Z",
    );
    const entries = (
      await ok<{ items: TimelineEntry[] }>("GET", `/incidents/${incident.id}/timeline`)
    ).items;
    expect(entries.find((e) => e.kind === "incident.classified")?.payload.times_set).toEqual({
      classified_at: NOW,
    });
    await decide(incident.id, "classified", "2026-11-23T10:30:00Z");
    expect((await clockOf(incident.id, "dora-art-19")).deadlines[0]?.due_at).toBe(
      "2026-11-23T14:30:00.000Z",
    );
    // Declared already classified major: classified at the declaration.
    const declared = await declare({ type: "denial-of-service", attributes: { major_ict: true } });
    expect(declared.times.classified_at).toBe(NOW);
  });

  it("DORA classified late: the 24 hours from awareness are earlier and still govern", async () => {
    const incident = await declare({
      type: "denial-of-service",
      attributes: { dora_scope: true, major_ict: true },
      aware_at: "2026-11-22T14:00:00Z",
    });
    await decide(incident.id, "classified", "2026-11-23T11:00:00Z");
    const dora = await clockOf(incident.id, "dora-art-19");
    expect(dora.deadlines[0]).toMatchObject({
      due_at: "2026-11-23T14:00:00.000Z",
      state: "due_soon",
      time_left_ms: 2 * H,
    });
    expect(dora.deadlines[0]?.alternatives.map((a) => a.governs)).toEqual([false, true]);
  });

  it("NIS2: early warning at 24 h, notification at 72 h, final report a month after the notification", async () => {
    const incident = await declare({
      type: "ransomware",
      attributes: { significant: true },
      aware_at: "2026-11-23T10:00:00Z",
    });
    const nis2 = await clockOf(incident.id, "nis2-art-23");
    expect(nis2.deadlines.map((d) => [d.id, d.due_at, d.state, d.waiting_for])).toEqual([
      ["early-warning", "2026-11-24T10:00:00.000Z", "pending", null],
      ["incident-notification", "2026-11-26T10:00:00.000Z", "pending", null],
      ["final-report", null, "waiting", "incident-notification"],
    ]);
    const met = await ok<ClockView>(
      "POST",
      `/incidents/${incident.id}/clocks/nis2-art-23/notifications`,
      {
        deadline_id: "incident-notification",
        sent_at: "2026-11-23T11:30:00Z",
        reference: "CSIRT-2026-881",
      },
    );
    expect(met.deadlines.map((d) => [d.id, d.due_at, d.state])).toEqual([
      ["early-warning", "2026-11-24T10:00:00.000Z", "pending"],
      ["incident-notification", "2026-11-26T10:00:00.000Z", "met"],
      ["final-report", "2026-12-23T11:30:00.000Z", "pending"],
    ]);
  });

  it("GDPR is fulfilled by the notification step of whichever procedure runs: a phishing incident reminds its assignee", async () => {
    const incident = await declare({
      title: "Mailbox with customer data read by attacker",
      type: "phishing",
      attributes: { personal_data: true },
      aware_at: "2026-11-20T09:00:00Z",
    });
    expect((await clockOf(incident.id, "gdpr-art-33")).state).toBe("overdue");
    const step = (await tasks(incident.id)).find(
      (t) => t.step_id === "notify-supervisory-authority",
    );
    expect(step?.procedure_id).toBe("phishing");
    await ok("PATCH", `/incidents/${incident.id}/tasks/${step?.id}`, { assignee: "jonas-weber" });

    h.comms = await startJobWorker(h.rt, { linkBase: "http://firebreak.test", pollMs: 20 });
    const reminder = await waitFor("a GDPR reminder on the timeline", async () => {
      const t = (await ok<{ items: TimelineEntry[] }>("GET", `/incidents/${incident.id}/timeline`))
        .items;
      return t.find(
        (e): e is TimelineEntry<"clock.reminder"> =>
          e.kind === "clock.reminder" && e.payload.obligation_id === "gdpr-art-33",
      );
    });
    const specs = reminder.payload.recipients.map((r) => r.spec);
    expect(specs).toContain("person:jonas-weber");
  });

  it("customers hear only of incidents with customer impact", async () => {
    const incident = await declare({ type: "denial-of-service" });
    const refused = await call("POST", `/incidents/${incident.id}/updates`, {
      audience: "customers",
      summary: "Degraded service.",
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ condition: "customer_impact" });
    expect(refused.body.detail).toContain("only when customer_impact");
  });
});

/** A plan with a customers audience on a condition, and a step due 2 h after entering containment. */
function phaseLibrary(): string[] {
  const plan = minimalPlan({
    attributes: [
      { id: "personal_data", type: "boolean", description: "Personal data involved" },
      { id: "customer_impact", type: "boolean", description: "Customers see it" },
    ],
  });
  const audiences = (plan.communication as { audiences: Record<string, unknown>[] }).audiences;
  plan.communication = {
    audiences: [
      ...audiences,
      {
        id: "customers",
        name: "Customers",
        kind: "non_technical",
        channels: ["mail"],
        cadence: { low: "P1D", high: "PT2H" },
        condition: "customer_impact",
      },
    ],
  };
  const procedure = minimalProcedure();
  (procedure.steps as Record<string, unknown[]>).containment = [
    procedureStep("isolate"),
    procedureStep("containment-report", "analyst", {
      required: false,
      target: "PT2H",
      target_from: "containment",
    }),
  ];
  return [writeLibrary(plan, procedure)];
}

describe.each(TEST_DIALECTS)("phase targets and audience conditions on $name", (dialect) => {
  const { h, call, ok, tasks } = harness(dialect, phaseLibrary);

  it("a step's target counts from entering its phase, not from the declaration", async () => {
    const incident = await ok<Incident>("POST", "/incidents", {
      title: "Trojan on a build server",
      type: "malware",
      commander: "ann",
    });
    const byStep = async () =>
      Object.fromEntries((await tasks(incident.id)).map((t) => [t.step_id, t]));
    let t = await byStep();
    expect(t.isolate?.due_at).toBe("2026-11-23T13:00:00.000Z");
    expect(t["containment-report"]?.due_at).toBeNull();

    await ok("PATCH", `/incidents/${incident.id}/tasks/${t.triage?.id}`, { status: "done" });
    h.clock.set("2026-11-23T12:45:00Z");
    await ok("POST", `/incidents/${incident.id}/advance`, {});
    t = await byStep();
    expect(t["containment-report"]?.due_at).toBe("2026-11-23T14:45:00.000Z");
    // From declaration, as before.
    expect(t.isolate?.due_at).toBe("2026-11-23T13:00:00.000Z");
  });

  it("an audience whose condition does not hold has no cadence and takes no update until it does", async () => {
    const incident = await ok<Incident>("POST", "/incidents", {
      title: "Trojan on a build server",
      type: "malware",
    });
    const cadence = async () =>
      Object.fromEntries(
        (
          await ok<{ cadence: { audience: string; applies: boolean; every: string | null }[] }>(
            "GET",
            `/incidents/${incident.id}/updates`,
          )
        ).cadence.map((c) => [c.audience, c]),
      );
    const jobs = () =>
      h.rt.jobs.list({
        status: "pending",
        dedupKeyPrefix: `status_update.due:${incident.id}:customers:`,
      });
    expect((await cadence()).customers).toMatchObject({ applies: false, every: null });
    expect((await cadence()).responders).toMatchObject({ applies: true, every: "PT1H" });
    expect(await jobs()).toEqual([]);
    const refused = await call("POST", `/incidents/${incident.id}/updates`, {
      audience: "customers",
      summary: "Builds are delayed.",
    });
    expect(refused.status).toBe(409);

    await ok("PATCH", `/incidents/${incident.id}`, {
      attributes: { customer_impact: true },
      reason: "Release downloads are affected",
    });
    expect((await cadence()).customers).toMatchObject({ applies: true, every: "PT2H" });
    expect((await jobs()).map((j) => j.dueAt)).toEqual(["2026-11-23T14:00:00.000Z"]);
    const sent = await ok<{ audience: string }>("POST", `/incidents/${incident.id}/updates`, {
      audience: "customers",
      summary: "Release downloads are delayed; builds resume within the hour.",
    });
    expect(sent.audience).toBe("customers");
  });
});
