import { describe, expect, it } from "vitest";
import {
  clockAt as clock,
  DORA,
  DORA_BACKSTOP,
  incidentFacts as facts,
  GDPR,
  HIPAA,
  NIS2,
  obligation,
  SEC,
  sent,
} from "../../test/support/obligations.js";
import { BUILTIN_LIBRARY_DIR, loadLibrary } from "../documents/library.js";
import type { Obligation, PlanDocument } from "../documents/plan.schema.js";
import { type ClockFacts, computeClocks } from "./clocks.js";

/** When the obligation's first deadline falls, for the given facts, at `now`. */
const firstDue = (o: Obligation, f: ClockFacts, now: string) =>
  clock(o, f, now).deadlines[0]?.due_at;

describe("when an obligation applies", () => {
  it("evaluates the trigger over attributes and severity", () => {
    const aware = { awareness: "2026-03-02T10:00:00Z" };
    expect(clock(GDPR, facts({ personal_data: true }, aware), "2026-03-02T11:00:00Z").applies).toBe(
      true,
    );
    const none = clock(GDPR, facts({}, aware), "2026-03-02T11:00:00Z");
    expect(none).toMatchObject({ applies: false, state: "not_applicable", waiting_for: null });
    expect(none.deadlines[0]).toMatchObject({ state: "not_applicable", time_left_ms: null });

    const classified = { classification: "2026-05-04T09:30:00Z" };
    const minor = facts({ major_ict: true }, classified, "inconvenience");
    expect(clock(DORA, minor, "2026-05-04T10:00:00Z").applies).toBe(false);
    expect(clock(DORA, { ...minor, severity: "disaster" }, "2026-05-04T10:00:00Z").applies).toBe(
      true,
    );
  });

  it("waits for its own start event, whatever other events happened", () => {
    const c = clock(
      SEC,
      facts({ material: true }, { awareness: "2026-11-10T12:00:00Z" }),
      "2026-11-12T00:00:00Z",
    );
    expect(c).toMatchObject({
      applies: true,
      state: "waiting",
      started_at: null,
      start_event: "determination",
      waiting_for: "determination",
      next_due_at: null,
    });
    expect(c.deadlines[0]).toMatchObject({ state: "waiting", due_at: null, waiting_for: null });
  });
});

describe("regulations as the issue describes them", () => {
  it("GDPR: due exactly 72 hours after the awareness time", () => {
    const c = clock(
      GDPR,
      facts({ personal_data: true }, { awareness: "2026-03-02T10:15:00Z" }),
      "2026-03-02T12:00:00Z",
    );
    expect(c).toMatchObject({
      obligation_id: "gdpr-art-33",
      regulation: "GDPR Art. 33",
      recipient: "Lead supervisory authority",
      state: "running",
      start_event: "awareness",
      started_at: "2026-03-02T10:15:00.000Z",
    });
    expect(c.deadlines[0]).toMatchObject({
      id: "notify-authority",
      due_at: "2026-03-05T10:15:00.000Z",
      state: "pending",
      counts_from: "2026-03-02T10:15:00.000Z",
    });
  });

  it("GDPR: 72 hours are elapsed hours even across a DST change in the deadline's zone", () => {
    const berlin = obligation({
      deadlines: [{ id: "n", name: "N", within: "PT72H", time_zone: "Europe/Berlin" }],
    });
    // Clocks go forward in Berlin on 2026-03-29.
    const f = facts({ personal_data: true }, { awareness: "2026-03-27T12:00:00Z" });
    expect(firstDue(berlin, f, "2026-03-27T13:00:00Z")).toBe("2026-03-30T12:00:00.000Z");
  });

  it("SEC: a Friday determination is due the following Thursday, weekend skipped", () => {
    // Friday 2026-11-13 15:00 New York.
    const f = facts({ material: true }, { determination: "2026-11-13T20:00:00Z" });
    expect(firstDue(SEC, f, "2026-11-14T00:00:00Z")).toBe("2026-11-19T20:00:00.000Z");
  });

  it("SEC: a public holiday inside the span moves the deadline a day later", () => {
    // Friday 2026-11-20 15:00 New York; Thursday 2026-11-26 is Thanksgiving.
    const f = facts({ material: true }, { determination: "2026-11-20T20:00:00Z" });
    expect(firstDue(SEC, f, "2026-11-21T00:00:00Z")).toBe("2026-11-27T20:00:00.000Z");
  });

  it("NIS2: early warning at 24 h, notification at 72 h, final report a month after the notification was met", () => {
    const f = facts({ significant: true }, { awareness: "2026-01-10T08:00:00Z" });
    const before = clock(NIS2, f, "2026-01-10T09:00:00Z");
    expect(before.deadlines.map((d) => [d.id, d.due_at, d.state, d.waiting_for])).toEqual([
      ["early-warning", "2026-01-11T08:00:00.000Z", "pending", null],
      ["incident-notification", "2026-01-13T08:00:00.000Z", "pending", null],
      ["final-report", null, "waiting", "incident-notification"],
    ]);
    expect(before.next_due_at).toBe("2026-01-11T08:00:00.000Z");

    const after = clock(NIS2, f, "2026-01-20T00:00:00Z", {
      notifications: [
        sent("early-warning", "2026-01-10T20:00:00Z"),
        sent("incident-notification", "2026-01-12T20:00:00Z"),
      ],
    });
    expect(after.deadlines[2]).toMatchObject({
      id: "final-report",
      counts_from: "2026-01-12T20:00:00.000Z",
      due_at: "2026-02-12T20:00:00.000Z",
      state: "pending",
      waiting_for: null,
    });
    expect(after.state).toBe("running");
    expect(after.next_due_at).toBe("2026-02-12T20:00:00.000Z");
  });

  it("DORA: initial notification 4 h from classification, then the chain of reports", () => {
    const f = facts({ major_ict: true }, { classification: "2026-05-04T09:30:00Z" });
    const c = clock(DORA, f, "2026-05-04T10:00:00Z");
    expect(c.started_at).toBe("2026-05-04T09:30:00.000Z");
    expect(c.deadlines.map((d) => [d.due_at, d.waiting_for])).toEqual([
      ["2026-05-04T13:30:00.000Z", null],
      [null, "initial-notification"],
      [null, "intermediate-report"],
    ]);
    const later = clock(DORA, f, "2026-05-05T00:00:00Z", {
      notifications: [sent("initial-notification", "2026-05-04T12:00:00Z")],
    });
    expect(later.deadlines[1]?.due_at).toBe("2026-05-07T12:00:00.000Z");
    expect(later.deadlines[2]).toMatchObject({
      state: "waiting",
      waiting_for: "intermediate-report",
    });
  });

  it("DORA in scope, not classified yet: the 24-hour backstop from awareness runs alone", () => {
    const f = facts({ dora_scope: true }, { awareness: "2026-05-04T08:00:00Z" });
    const c = clock(DORA_BACKSTOP, f, "2026-05-04T09:00:00Z");
    expect(c).toMatchObject({
      applies: true,
      state: "running",
      started_at: "2026-05-04T08:00:00.000Z",
    });
    expect(c.deadlines[0]).toMatchObject({
      counts_from: "2026-05-04T08:00:00.000Z",
      due_at: "2026-05-05T08:00:00.000Z",
      state: "pending",
      waiting_for: null,
    });
    expect(c.deadlines[0]?.alternatives).toEqual([
      { start: "classification", from: null, counts_from: null, due_at: null, governs: false },
      {
        start: "awareness",
        from: null,
        counts_from: "2026-05-04T08:00:00.000Z",
        due_at: "2026-05-05T08:00:00.000Z",
        governs: true,
      },
    ]);
  });

  it("DORA classified major: the 4 hours from classification govern while they end first", () => {
    const early = facts(
      { dora_scope: true, major_ict: true },
      { awareness: "2026-05-04T08:00:00Z", classification: "2026-05-04T10:00:00Z" },
    );
    const c = clock(DORA_BACKSTOP, early, "2026-05-04T11:00:00Z");
    expect(c.deadlines[0]).toMatchObject({
      counts_from: "2026-05-04T10:00:00.000Z",
      due_at: "2026-05-04T14:00:00.000Z",
      // A quarter of the governing 4-hour span.
      warn_at: "2026-05-04T13:00:00.000Z",
    });
    expect(c.deadlines[0]?.alternatives.map((a) => [a.start, a.due_at, a.governs])).toEqual([
      ["classification", "2026-05-04T14:00:00.000Z", true],
      ["awareness", "2026-05-05T08:00:00.000Z", false],
    ]);
    expect(c.next_due_at).toBe("2026-05-04T14:00:00.000Z");
  });

  it("DORA classified late: the 24 hours from awareness still govern, so classifying late never buys time", () => {
    const late = facts(
      { major_ict: true },
      { awareness: "2026-05-04T08:00:00Z", classification: "2026-05-05T06:00:00Z" },
    );
    const c = clock(DORA_BACKSTOP, late, "2026-05-05T07:00:00Z");
    expect(c.deadlines[0]).toMatchObject({ due_at: "2026-05-05T08:00:00.000Z", state: "due_soon" });
    expect(c.deadlines[0]?.alternatives.map((a) => a.governs)).toEqual([false, true]);
    const met = clock(DORA_BACKSTOP, late, "2026-05-05T09:00:00Z", {
      notifications: [sent("initial-notification", "2026-05-05T09:00:00Z")],
    });
    expect(met.deadlines[0]).toMatchObject({ state: "met_late", late_by_ms: 3_600_000 });
    expect(met.deadlines[1]?.due_at).toBe("2026-05-08T09:00:00.000Z");
  });

  it("a deadline may name its own start event; the clock starts with the earliest one known", () => {
    const o = obligation({
      clock_start: "determination",
      deadlines: [
        { id: "file", name: "File", within: "PT96H" },
        { id: "warn", name: "Warn", within: "PT24H", start: "awareness" },
      ],
    });
    const c = clock(
      o,
      facts({ personal_data: true }, { awareness: "2026-05-04T08:00:00Z" }),
      "2026-05-04T09:00:00Z",
    );
    expect(c).toMatchObject({
      state: "running",
      started_at: "2026-05-04T08:00:00.000Z",
      waiting_for: null,
    });
    expect(c.deadlines.map((d) => [d.id, d.due_at, d.state])).toEqual([
      ["file", null, "waiting"],
      ["warn", "2026-05-05T08:00:00.000Z", "pending"],
    ]);
  });

  it("HIPAA: 60 calendar days from discovery, on the deadline zone's wall clock", () => {
    const f = facts({ phi: true }, { discovery: "2026-03-01T12:00:00Z" });
    expect(firstDue(HIPAA, f, "2026-03-02T00:00:00Z")).toBe("2026-04-30T12:00:00.000Z");
    // 07:00 EST on 1 March → 07:00 EDT on 30 April: an hour less of elapsed time.
    const ny = obligation({
      ...HIPAA,
      deadlines: [{ id: "n", name: "N", within: "P60D", time_zone: "America/New_York" }],
    });
    expect(firstDue(ny, f, "2026-03-02T00:00:00Z")).toBe("2026-04-30T11:00:00.000Z");
  });
});

describe("the built-in plan's obligations", async () => {
  const lib = await loadLibrary([`${BUILTIN_LIBRARY_DIR}/plan.yml`]);
  const plan = lib.documents.find((d) => d.kind === "plan")?.body as PlanDocument;
  const severities = plan.severity_scale.map((s) => s.id);
  const at = (now: string) => ({ now: new Date(now), severities });
  const byId = (clocks: ReturnType<typeof computeClocks>) =>
    Object.fromEntries(clocks.map((c) => [c.obligation_id, c]));

  it("personal data: a GDPR clock due 72 hours after awareness, nothing else applies", () => {
    const f = facts({ personal_data: true }, { awareness: "2026-06-01T07:45:00Z" });
    const clocks = byId(computeClocks(plan.compliance, f, {}, at("2026-06-01T08:00:00Z")));
    expect(clocks["gdpr-art-33"]?.deadlines[0]?.due_at).toBe("2026-06-04T07:45:00.000Z");
    const applying = Object.values(clocks).filter((c) => c.applies);
    expect(applying.map((c) => c.obligation_id)).toEqual(["gdpr-art-33"]);
  });

  it("a materiality decision on Friday: SEC due Thursday, Friday with Thanksgiving inside", () => {
    const plain = facts({ material: true }, { determination: "2026-11-13T20:00:00Z" });
    const sec = (f: ClockFacts) =>
      byId(computeClocks(plan.compliance, f, {}, at("2026-11-14T00:00:00Z")))["sec-8k-1-05"];
    expect(sec(plain)?.deadlines[0]?.due_at).toBe("2026-11-19T20:00:00.000Z");
    const holiday = facts({ material: true }, { determination: "2026-11-20T20:00:00Z" });
    expect(sec(holiday)?.deadlines[0]?.due_at).toBe("2026-11-27T20:00:00.000Z");
  });

  it("computes every obligation of the plan without error", () => {
    const everything = facts(
      {
        personal_data: true,
        high_risk_to_individuals: true,
        dora_scope: true,
        significant: true,
        material: true,
        major_ict: true,
        phi: true,
        individuals_affected: 900,
      },
      {
        awareness: "2026-02-02T09:00:00Z",
        classification: "2026-02-02T11:00:00Z",
        determination: "2026-02-03T15:00:00Z",
        discovery: "2026-02-02T08:00:00Z",
      },
    );
    const clocks = computeClocks(plan.compliance, everything, {}, at("2026-02-02T12:00:00Z"));
    expect(clocks.every((c) => c.applies && c.state !== "waiting")).toBe(true);
  });
});
