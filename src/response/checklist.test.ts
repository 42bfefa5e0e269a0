import { describe, expect, it } from "vitest";
import { minimalProcedure, procedureStep } from "../../test/support/documents.js";
import { ProcedureDocument } from "../documents/procedure.schema.js";
import { checklist, dueOnPhaseEntry, stepDueAt } from "./checklist.js";

const DECLARED = new Date("2026-05-04T08:00:00Z");
const facts = { severity: "high", type: "malware", attributes: {} };

/** The minimal procedure with a report due 1 day after entering post-incident work. */
function procedure() {
  const p = minimalProcedure();
  (p.steps as Record<string, unknown[]>).post_incident = [
    procedureStep("lessons", "commander", { required: false }),
    procedureStep("final-report", "analyst", {
      required: false,
      target: "P1D",
      target_from: "post_incident",
    }),
  ];
  (p.steps as Record<string, unknown[]>).remediation = [
    procedureStep("patch-all", "analyst", {
      required: false,
      target: "P7D",
      target_from: "remediation",
    }),
  ];
  return ProcedureDocument.parse(p);
}

describe("step targets counted from entering a phase", () => {
  it("leaves the due time open until the phase is entered, counting others from declaration", () => {
    const drafts = checklist({ body: procedure(), version: 1 }, facts, ["low", "high"], DECLARED);
    const due = Object.fromEntries(drafts.map((d) => [d.stepId, d.dueAt]));
    expect(due.triage).toBe("2026-05-04T09:00:00.000Z");
    expect(due.lessons).toBe("2026-05-04T09:00:00.000Z");
    expect(due["final-report"]).toBeNull();
  });

  it("counts from the entry time when the phase was already entered (a later reclassification)", () => {
    const drafts = checklist(
      { body: procedure(), version: 1 },
      facts,
      ["low", "high"],
      DECLARED,
      new Set(),
      {
        detection: DECLARED,
        post_incident: new Date("2026-05-10T12:00:00Z"),
      },
    );
    expect(drafts.find((d) => d.stepId === "final-report")?.dueAt).toBe("2026-05-11T12:00:00.000Z");
  });

  it("sets due times on entry, once: tasks already due keep theirs", () => {
    const tasks = [
      { id: "1", step_id: "final-report", procedure_id: "malware", due_at: null },
      { id: "2", step_id: "lessons", procedure_id: "malware", due_at: "2026-05-04T09:00:00.000Z" },
      { id: "3", step_id: "final-report", procedure_id: "other", due_at: null },
    ];
    const at = new Date("2026-05-10T12:00:00Z");
    expect(dueOnPhaseEntry(procedure(), tasks, "post_incident", at)).toEqual([
      {
        id: "1",
        step_id: "final-report",
        procedure_id: "malware",
        due_at: "2026-05-11T12:00:00.000Z",
      },
    ]);
    expect(dueOnPhaseEntry(procedure(), tasks, "containment", at)).toEqual([]);
    const set = tasks.map((t) => (t.id === "1" ? { ...t, due_at: "2026-05-11T12:00:00.000Z" } : t));
    expect(
      dueOnPhaseEntry(procedure(), set, "post_incident", new Date("2026-06-01T00:00:00Z")),
    ).toEqual([]);
  });

  it("reads a step stored before target_from existed as counting from declaration", () => {
    const { target_from: _, ...old } = procedure().steps
      .detection[0] as ProcedureDocument["steps"]["detection"][number];
    expect(stepDueAt(old as never, DECLARED, {})?.toISOString()).toBe("2026-05-04T09:00:00.000Z");
  });
});
