import { describe, expect, it } from "vitest";
import { replayTimeline, stateDifferences } from "./replay.js";

const declared = {
  kind: "incident.declared",
  payload: { title: "Phish", type: "phishing", severity: "emergency", tasks: 3 },
};

describe("replayTimeline", () => {
  it("rebuilds phase, severity, type and commander from the entries", () => {
    const state = replayTimeline([
      declared,
      { kind: "role.assigned", payload: { role: "commander", person: "amara", to: "amara" } },
      { kind: "note", payload: { text: "looking" } },
      {
        kind: "incident.classified",
        payload: { changes: { severity: { from: "emergency", to: "disaster" } } },
      },
      { kind: "phase.advanced", payload: { from: "detection", to: "containment" } },
      { kind: "role.handover", payload: { role: "commander", from: "amara", to: "daniel" } },
      { kind: "role.assigned", payload: { role: "scribe", person: "priya", to: "priya" } },
    ]);
    expect(state).toEqual({
      title: "Phish",
      type: "phishing",
      severity: "disaster",
      phase: "containment",
      commander: "daniel",
    });
  });

  it("follows endings and reopening", () => {
    const closed = replayTimeline([declared, { kind: "incident.closed", payload: {} }]);
    expect(closed.phase).toBe("closed");
    const reopened = replayTimeline([
      declared,
      { kind: "incident.declined", payload: { reason: "fp" } },
      { kind: "incident.reopened", payload: { from: "declined", to: "detection" } },
      { kind: "incident.merged", payload: { into: "INC-1" } },
    ]);
    expect(reopened.phase).toBe("merged");
  });

  it("sets nothing without a declaration and ignores kinds it does not know", () => {
    expect(replayTimeline([{ kind: "evidence.added", payload: { name: "x" } }])).toEqual({});
  });
});

describe("stateDifferences", () => {
  const stored = {
    title: "Phish",
    type: "phishing",
    severity: "emergency",
    phase: "recovery",
    commander: null,
  };

  it("names each field whose stored value the timeline does not explain", () => {
    expect(stateDifferences(stored, replayTimeline([declared]))).toEqual([
      { field: "phase", stored: "recovery", timeline: "detection" },
    ]);
  });

  it("skips what the timeline never set", () => {
    expect(stateDifferences(stored, { phase: "recovery" })).toEqual([]);
  });
});
