import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { rejection } from "../../test/support/response-helpers.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import { throughRetention } from "../../test/support/tamper.js";
import type { Actor } from "../domain/actor.js";
import { TASK_PHASES } from "../domain/incident/phase.js";
import type { Runtime } from "../runtime.js";
import { acknowledgeIncident, classifyIncident, declareIncident } from "./incident.service.js";
import {
  advancePhase,
  closeIncident,
  declineIncident,
  mergeIncident,
  reopenIncident,
} from "./phase.service.js";
import { addTask, updateTask } from "./task.service.js";
import { addNote, incidentTimeline, verifyTimeline } from "./timeline.service.js";

const operator: Actor = { kind: "person", id: "operator", admin: true };
const outsider: Actor = { kind: "person", id: "mallory" };

describe.each(TEST_DIALECTS)("incident lifecycle on $name", (dialect) => {
  let rt: Runtime;
  runtimePerTest(dialect, {}, (fresh) => {
    rt = fresh;
  });

  const declareRansomware = (extra = {}) =>
    declareIncident(
      rt,
      {
        title: "Files encrypted on FS01",
        type: "ransomware",
        severity: "emergency",
        commander: "amara-okafor",
        ...extra,
      },
      operator,
    );

  /** Completes every required task of the incident's current phase. */
  async function finishPhase(ref: string) {
    const incident = await rt.incidents.get(ref);
    const tasks = await rt.incidents.tasks(incident?.id ?? "");
    for (const t of tasks.filter(
      (x) => x.phase === incident?.phase && x.required && x.status !== "done",
    ))
      await updateTask(rt, ref, t.id, { status: "done" }, operator);
  }

  it("turns the ransomware procedure into tasks per phase, with roles and due times", async () => {
    const incident = await declareRansomware();
    expect(incident.human_id).toMatch(/^INC-\d{4}-0001$/);
    expect(incident.phase).toBe("detection");
    const tasks = await rt.incidents.tasks(incident.id);
    const phases = new Set(tasks.map((t) => t.phase));
    for (const p of TASK_PHASES) expect(phases).toContain(p);
    for (const t of tasks) {
      expect(t.role).toBeTruthy();
      expect(t.procedure_id).toBe("ransomware");
      if (t.due_at)
        expect(Date.parse(t.due_at)).toBeGreaterThan(Date.parse(incident.times.declared_at));
    }
    expect(tasks.filter((t) => t.due_at).length).toBeGreaterThan(tasks.length / 2);
    const plan = await rt.documents.get("plan", incident.plan_id);
    expect(incident.plan_version).toBe(plan?.version);
  });

  it("blocks leaving detection while required tasks are open, naming them; then advances", async () => {
    const incident = await declareRansomware();
    const required = (await rt.incidents.tasks(incident.id)).filter(
      (t) => t.phase === "detection" && t.required,
    );
    expect(required.length).toBeGreaterThan(0);
    const blocked = await rejection(advancePhase(rt, incident.human_id, {}, operator));
    expect(blocked.code).toBe("gate_blocked");
    expect((blocked.extra.blocking_tasks as { id: string }[]).map((t) => t.id).sort()).toEqual(
      required.map((t) => t.id).sort(),
    );
    expect((await rt.incidents.get(incident.id))?.phase).toBe("detection");

    await finishPhase(incident.human_id);
    const advanced = await advancePhase(rt, incident.human_id, {}, operator);
    expect(advanced.phase).toBe("containment");
  });

  it("lets the commander override a gate with a written reason, and nobody else", async () => {
    const incident = await declareRansomware();
    expect(
      (await rejection(advancePhase(rt, incident.id, { override: true }, operator))).code,
    ).toBe("invalid_input");
    expect(
      (await rejection(advancePhase(rt, incident.id, { override: true, reason: "no" }, outsider)))
        .code,
    ).toBe("forbidden");
    const moved = await advancePhase(
      rt,
      incident.id,
      { override: true, reason: "Host already isolated by the EDR" },
      operator,
    );
    expect(moved.phase).toBe("containment");
    const entries = await incidentTimeline(rt, incident.id, undefined);
    const override = entries.find((e) => e.kind === "phase.gate_overridden");
    expect(override?.payload.reason).toBe("Host already isolated by the EDR");
    expect(override?.payload.passed_over).toEqual(
      expect.arrayContaining([expect.objectContaining({ phase: "detection" })]),
    );
  });

  it("runs a whole lifecycle from declaration to closed, stamping the metric times", async () => {
    const incident = await declareRansomware({
      first_activity_at: "2026-01-01T00:00:00Z",
      aware_at: "2026-01-02T00:00:00Z",
    });
    await acknowledgeIncident(rt, incident.id, operator);
    for (const _ of ["containment", "eradication", "recovery", "post_incident"]) {
      await finishPhase(incident.id);
      await advancePhase(rt, incident.id, {}, operator);
    }
    const atPost = await rt.incidents.get(incident.id);
    expect(atPost?.phase).toBe("post_incident");
    expect(atPost?.times.remediation_opened_at).toBeTruthy();

    // Remediation items must be settled or turned into follow-ups before closing.
    await finishPhase(incident.id);
    const blocked = await rejection(closeIncident(rt, incident.id, {}, operator));
    expect(blocked.code).toBe("gate_blocked");
    for (const t of (await rt.incidents.tasks(incident.id)).filter(
      (x) => x.phase === "remediation",
    ))
      await updateTask(rt, incident.id, t.id, { follow_up: true }, operator);
    // Emergency: the plan wants the RCA, lessons and after-action report first (authority.test.ts).
    const unworked = await rejection(closeIncident(rt, incident.id, {}, operator));
    expect(unworked.extra).toMatchObject({
      blocking_tasks: [],
      missing_obligations: expect.any(Array),
    });
    const closed = await closeIncident(
      rt,
      incident.id,
      { override: true, reason: "Exercise of the lifecycle only" },
      operator,
    );
    expect(closed.phase).toBe("closed");
    for (const k of [
      "acknowledged_at",
      "contained_at",
      "eradicated_at",
      "recovered_at",
      "closed_at",
    ] as const)
      expect(closed.times[k]).toBeTruthy();
    expect(closed.times.detected_at).toBe("2026-01-02T00:00:00.000Z");
    expect((await verifyTimeline(rt, incident.id, undefined)).intact).toBe(true);
    expect(
      (
        await rejection(
          updateTask(
            rt,
            incident.id,
            (await rt.incidents.tasks(incident.id))[0]?.id ?? "",
            { note: "late" },
            operator,
          ),
        )
      ).code,
    ).toBe("invalid_input");
  });

  it("adds newly applicable tasks on reclassification and never removes any", async () => {
    const incident = await declareRansomware();
    const before = await rt.incidents.tasks(incident.id);
    await updateTask(rt, incident.id, before[0]?.id ?? "", { status: "done" }, operator);
    await classifyIncident(
      rt,
      incident.id,
      {
        attributes: { personal_data: true, ransom_demand: true },
        severity: "disaster",
        reason: "Exfiltration confirmed",
      },
      operator,
    );
    const after = await rt.incidents.tasks(incident.id);
    expect(after.length).toBeGreaterThan(before.length);
    for (const t of before) expect(after.map((a) => a.id)).toContain(t.id);
    expect(after.find((t) => t.id === before[0]?.id)?.status).toBe("done");
    expect(
      (
        await rejection(
          classifyIncident(rt, incident.id, { severity: "apocalypse", reason: "x" }, operator),
        )
      ).code,
    ).toBe("invalid_input");
    expect(
      (
        await rejection(
          classifyIncident(rt, incident.id, { severity: "catastrophe", reason: "" }, operator),
        )
      ).code,
    ).toBe("invalid_input");
  });

  it("refuses unknown types, severities and attributes, storing nothing", async () => {
    expect(
      (
        await rejection(
          declareIncident(rt, { title: "x", type: "alien", severity: "emergency" }, operator),
        )
      ).code,
    ).toBe("invalid_input");
    expect(
      (
        await rejection(
          declareIncident(rt, { title: "x", type: "malware", severity: "critical" }, operator),
        )
      ).code,
    ).toBe("invalid_input");
    expect(
      (
        await rejection(
          declareIncident(
            rt,
            { title: "x", type: "malware", attributes: { personal_data: "yes" } },
            operator,
          ),
        )
      ).code,
    ).toBe("invalid_input");
    expect((await rt.incidents.list({}, 10)).items).toEqual([]);
  });

  it("keeps both of two simultaneous changes, and refuses a stale version", async () => {
    const incident = await declareRansomware();
    const tasks = (await rt.incidents.tasks(incident.id)).slice(0, 6);
    await Promise.all(
      tasks.map((t, i) =>
        updateTask(rt, incident.id, t.id, { note: `note ${i}`, status: "in_progress" }, operator),
      ),
    );
    const after = await rt.incidents.tasks(incident.id);
    for (const t of tasks) expect(after.find((a) => a.id === t.id)?.status).toBe("in_progress");
    const current = await rt.incidents.get(incident.id);
    expect(current?.version).toBe(incident.version + tasks.length);
    const stale = await rejection(
      addNote(rt, incident.id, { text: "x" }, operator).then(() =>
        updateTask(
          rt,
          incident.id,
          tasks[0]?.id ?? "",
          { note: "late" },
          operator,
          incident.version,
        ),
      ),
    );
    expect(stale.code).toBe("stale_version");
    expect((await verifyTimeline(rt, incident.id, undefined)).intact).toBe(true);
  });

  it("names the first timeline entry whose stored bytes were changed", async () => {
    const incident = await declareRansomware({ commander: undefined });
    await addNote(rt, incident.id, { text: "Attacker used RDP" }, operator);
    await addNote(rt, incident.id, { text: "Second note" }, operator);
    expect(await verifyTimeline(rt, incident.id, undefined)).toMatchObject({
      intact: true,
      entries: 3,
    });
    await throughRetention(rt.db, (tx) =>
      sql`update timeline set payload = replace(payload, 'RDP', 'SSH') where incident_id = ${incident.id} and seq = 2`.execute(
        tx,
      ),
    );
    expect(await verifyTimeline(rt, incident.id, undefined)).toMatchObject({
      intact: false,
      first_bad_seq: 2,
    });
  });

  it("declines, reopens and merges", async () => {
    const a = await declareRansomware();
    const b = await declareRansomware();
    expect((await declineIncident(rt, a.id, "Backup job, not ransomware", operator)).phase).toBe(
      "declined",
    );
    expect((await reopenIncident(rt, a.id, "It was ransomware after all", operator)).phase).toBe(
      "detection",
    );
    const merged = await mergeIncident(rt, a.id, b.human_id, "Same attack", operator);
    expect(merged.phase).toBe("merged");
    expect((await incidentTimeline(rt, b.id, undefined)).at(-2)?.kind).toBe(
      "incident.merge_received",
    );
    expect((await rejection(mergeIncident(rt, b.id, b.id, "self", operator))).code).toBe(
      "invalid_input",
    );
  });

  it("records backdated notes and decisions that start clocks", async () => {
    const incident = await declareRansomware();
    await addNote(
      rt,
      incident.id,
      {
        text: "Material: yes",
        kind: "decision",
        sets: "determined",
        occurred_at: "2026-01-01T12:00:00Z",
      },
      operator,
    );
    const after = await rt.incidents.get(incident.id);
    expect(after?.times.determined_at).toBe("2026-01-01T12:00:00.000Z");
    const entry = (await incidentTimeline(rt, incident.id, undefined)).at(-1);
    expect(entry).toMatchObject({ kind: "decision", occurred_at: "2026-01-01T12:00:00.000Z" });
  });

  it("adds ad-hoc tasks and skips required ones only with a reason", async () => {
    const incident = await declareRansomware();
    const task = await addTask(
      rt,
      incident.id,
      { title: "Call the insurer", phase: "containment", due_in: "PT2H" },
      operator,
    );
    expect(task.step_id).toBeNull();
    const required = (await rt.incidents.tasks(incident.id)).find((t) => t.required);
    const skip = (skip_reason: string | undefined, actor: Actor) =>
      updateTask(rt, incident.id, required?.id ?? "", { status: "skipped", skip_reason }, actor);
    expect((await rejection(skip(undefined, operator))).code).toBe("invalid_input");
    expect((await rejection(skip("n/a", outsider))).code).toBe("forbidden");
    expect((await skip("Not applicable", operator)).status).toBe("skipped");
  });
});
