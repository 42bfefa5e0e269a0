import { describe, expect, it } from "vitest";
import { ExerciseDocument } from "../../documents/exercise.schema.js";
import type { PlanDocument } from "../../documents/plan.schema.js";
import type { Incident } from "../../domain/incident/model.js";
import { resolvedTargets, scoreRun } from "./score.js";

const exercise = ExerciseDocument.parse({
  kind: "exercise",
  id: "x",
  version: "1",
  title: "X",
  scenario: "Something happens.",
  expected: { incident_type: "ransomware", severity: "high" },
  targets: { declare: "PT30M" },
  duration: "PT2H",
  injects: [
    { id: "e", at: "PT0S", title: "signal", alerts: [{ title: "a", severity: "high" }] },
    {
      id: "q",
      at: "PT10M",
      title: "decide",
      question: {
        to: ["role:commander"],
        text: "Isolate?",
        choices: [
          { id: "yes", text: "Isolate" },
          { id: "no", text: "Wait" },
        ],
        expected: "yes",
        answer_within: "PT10M",
      },
    },
    {
      id: "open",
      at: "PT20M",
      title: "open",
      question: { to: ["role:analyst"], text: "Why?", expected: "because" },
    },
  ],
});
const plan = {
  severity_scale: [
    { id: "high", targets: { acknowledge: "PT15M", contain: "PT4H", recover: "P1D" } },
  ],
  roles: [
    { id: "commander", authority: ["override_gate"] },
    { id: "analyst", authority: ["declare"] },
  ],
} as unknown as PlanDocument;
const start = "2026-01-01T00:00:00.000Z";
/** Real time at speed 60: one second is a scenario minute. */
const at = (minutes: number) => new Date(Date.parse(start) + minutes * 1000).toISOString();
const incident = (times: Partial<Incident["times"]>, type = "ransomware") =>
  ({
    type,
    severity: "high",
    times: { declared_at: at(5), acknowledged_at: null, contained_at: null, ...times },
  }) as Incident;

describe("scoring an exercise run", () => {
  it("takes the exercise's targets, else the plan's for the expected severity", () => {
    expect(resolvedTargets(exercise, plan)).toEqual({
      acknowledge: "PT15M",
      declare: "PT30M",
      contain: "PT4H",
    });
  });

  it("measures in scenario time and gives half a point for late, none for missed", () => {
    const s = scoreRun({
      exercise,
      plan,
      speed: 60,
      started_at: start,
      signal_at: start,
      incident: incident({ acknowledged_at: at(25), contained_at: at(500) }),
      answers: [
        {
          inject_id: "q",
          choice: "yes",
          text: null,
          correct: null,
          by: "x",
          at: at(30),
          after_ms: 20 * 60_000,
        },
        {
          inject_id: "open",
          choice: null,
          text: "a reason",
          correct: null,
          by: "x",
          at: at(30),
          after_ms: 0,
        },
      ],
    });
    const by = Object.fromEntries(s.items.map((x) => [x.id, [x.outcome, x.points]]));
    expect(by).toEqual({
      "target:declare": ["met", 1],
      "target:acknowledge": ["late", 0.5],
      "target:contain": ["missed", 0],
      "classification:type": ["right", 1],
      "classification:severity": ["right", 1],
      "decision:q": ["right", 0.5],
      "decision:open": ["unscored", 0],
    });
    expect(s.possible).toBe(6);
    expect(s.score).toBe(67);
    expect(s.gaps.map((g) => g.owner_role)).toEqual(["commander", "commander", "commander"]);
  });

  it("without an incident nothing is reached, and a wrong type is a gap", () => {
    const none = scoreRun({
      exercise,
      plan,
      speed: 1,
      started_at: start,
      signal_at: null,
      incident: null,
      answers: [],
    });
    expect(none.score).toBe(0);
    expect(none.gaps.map((g) => g.title)).toContain(
      "Incident type: no incident declared instead of ransomware",
    );
    const wrong = scoreRun({
      exercise,
      plan,
      speed: 60,
      started_at: start,
      signal_at: start,
      incident: incident({}, "malware"),
      answers: [],
    });
    expect(wrong.items.find((x) => x.id === "classification:type")?.outcome).toBe("wrong");
  });
});
