import { describe, expect, it } from "vitest";
import type { PlanBody } from "../api/documents";
import type { TimelineEntry } from "../api/incidents";
import { describeEntry, entryKindLabel, timelineGroup } from "./timeline-text";

const plan = {
  severity_scale: [{ id: "emergency", name: "Emergency" }],
  team: [{ id: "priya", name: "Priya Natarajan", roles: [], contacts: [] }],
  roles: [{ id: "commander", title: "Incident Commander", responsibilities: [], authority: [] }],
  attributes: [{ id: "personal_data", type: "boolean", title: "Personal data involved" }],
} as unknown as PlanBody;

const entry = (kind: string, payload: Record<string, unknown>): TimelineEntry => ({
  seq: 1,
  recorded_at: "2026-11-23T12:00:00.000Z",
  occurred_at: null,
  actor: { kind: "person", id: "priya" },
  kind,
  payload,
  prev_hash: "",
  hash: "",
});

describe("timeline entries in words", () => {
  it("says what changed on a task, with the plan's names", () => {
    expect(
      describeEntry(
        plan,
        entry("task.updated", {
          title: "Isolate hosts",
          changes: {
            status: { from: "open", to: "skipped", reason: "no EDR" },
            assignee: { from: null, to: "priya" },
          },
        }),
      ),
    ).toBe("Isolate hosts: skipped (no EDR); assigned to Priya Natarajan");
  });

  it("names reclassified attributes by their plan titles, not their ids", () => {
    expect(
      describeEntry(
        plan,
        entry("incident.classified", {
          changes: {
            severity: { from: null, to: "emergency" },
            "attributes.personal_data": { from: null, to: true },
            "attributes.records_count": { from: null, to: 12 },
          },
        }),
      ),
    ).toBe("Reclassified: severity → Emergency, Personal data involved → true, records count → 12");
  });

  it("says who a page let into a restricted incident", () => {
    expect(
      describeEntry(plan, entry("incident.members_added", { people: ["priya"], reason: "paged" })),
    ).toBe("Priya Natarajan paged: may now see this restricted incident");
  });

  it("names phases, severities and roles as people say them", () => {
    expect(
      describeEntry(plan, entry("phase.advanced", { from: "post_incident", to: "recovery" })),
    ).toBe("Phase Post-incident → Recovery");
    expect(
      describeEntry(
        plan,
        entry("incident.closing_overridden", {
          missing: ["lessons_learned", "executive_report"],
          missing_names: ["a lessons-learned review", "an executive report"],
          reason: "Board briefed in person",
        }),
      ),
    ).toBe(
      "Closing overridden without a lessons-learned review; an executive report: Board briefed in person",
    );
    expect(
      describeEntry(
        plan,
        entry("incident.declared", { title: "FS01", severity: "emergency", type: "ransomware" }),
      ),
    ).toBe("Declared: FS01 (Emergency, ransomware)");
    expect(
      describeEntry(plan, entry("role.assigned", { role: "commander", person: "priya" })),
    ).toBe("Priya Natarajan is Incident Commander");
    expect(
      describeEntry(
        plan,
        entry("role.handover", { role: "commander", from: "jonas", to: "priya", ended: [] }),
      ),
    ).toBe("Incident Commander handed over to Priya Natarajan");
  });

  it("falls back to the kind for entries it does not know", () => {
    expect(describeEntry(plan, entry("something.new_happened", {}))).toBe("something new happened");
    expect(entryKindLabel("something.new_happened")).toBe("Something new happened");
  });

  it("groups entries for the timeline filter", () => {
    expect(timelineGroup("decision")).toBe("notes");
    expect(timelineGroup("incident.closed")).toBe("phases");
    expect(timelineGroup("task.added")).toBe("tasks");
    expect(timelineGroup("evidence.added")).toBe("other");
  });
});
