import { describe, expect, it } from "vitest";
import { checkOnCall, OnCallRotation } from "./on-call.schema.js";

const valid = {
  role: "incident-commander",
  time_zone: "Europe/Berlin",
  handoff: { day: "monday", time: "09:00" },
  starts: "2026-01-05",
  people: ["alice", "bob"],
};

const problems = (input: Record<string, unknown>) => {
  const r = OnCallRotation.safeParse({ ...valid, ...input });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("OnCallRotation schema", () => {
  it("accepts a rotation and defaults overrides to none", () => {
    expect(OnCallRotation.parse(valid).overrides).toEqual([]);
    expect(
      problems({
        overrides: [
          {
            person: "carol",
            from: "2026-02-09T09:00",
            to: "2026-02-16T09:00:00+01:00",
            reason: "swap",
          },
        ],
      }),
    ).toEqual([]);
  });

  it("says what is wrong, where", () => {
    expect(problems({ time_zone: "Berlin" })).toEqual([
      expect.stringMatching(/^time_zone: must be an IANA time zone/),
    ]);
    expect(problems({ handoff: { day: "mon", time: "09:00" } })).toEqual([
      expect.stringMatching(/^handoff.day:/),
    ]);
    expect(problems({ handoff: { day: "monday", time: "9:00" } })).toEqual([
      expect.stringMatching(/^handoff.time: a time of day/),
    ]);
    expect(problems({ starts: "2026-02-30" })).toEqual([expect.stringMatching(/^starts: a date/)]);
    expect(problems({ people: [] })).toHaveLength(1);
    expect(problems({ extra: 1 })).toHaveLength(1);
    expect(
      problems({
        overrides: [{ person: "carol", from: "2026-02-16T09:00", to: "2026-02-16T08:00:00Z" }],
      }),
    ).toEqual(["overrides.0.to: an override ends after it starts"]);
    expect(problems({ overrides: [{ person: "carol", from: "soon", to: "2026-02-16" }] })).toEqual([
      expect.stringMatching(/^overrides.0.from: a date-time/),
    ]);
  });
});

describe("checkOnCall", () => {
  it("finds unknown roles and people, duplicate rotations, and people without the role", () => {
    const plan = {
      roles: [{ id: "incident-commander" }],
      team: [
        { id: "alice", roles: ["incident-commander"] },
        { id: "bob", roles: [] },
      ],
    };
    const rotations = [
      OnCallRotation.parse(valid),
      OnCallRotation.parse({
        ...valid,
        people: ["alice", "mallory"],
        overrides: [{ person: "nobody", from: "2026-02-01", to: "2026-02-02" }],
      }),
      OnCallRotation.parse({ ...valid, role: "scribe", people: ["alice"] }),
    ];
    expect(
      checkOnCall(rotations, plan).map((p) => [p.path.join("."), p.severity, p.message]),
    ).toEqual([
      ["on_call.0.people.1", "warning", "'bob' does not hold role 'incident-commander'"],
      ["on_call.1.role", "error", "role 'incident-commander' already has a rotation"],
      ["on_call.1.people.1", "error", "unknown person 'mallory'"],
      ["on_call.1.overrides.0.person", "error", "unknown person 'nobody'"],
      ["on_call.2.role", "error", "unknown role 'scribe'"],
      ["on_call.2.people.0", "warning", "'alice' does not hold role 'scribe'"],
    ]);
  });
});
