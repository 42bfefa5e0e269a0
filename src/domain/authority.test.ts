import { describe, expect, it } from "vitest";
import { type AuthorityFacts, type AuthorityPlan, holds } from "./authority.js";

const plan: AuthorityPlan = {
  roles: [
    { id: "commander", authority: ["override_gate", "close"] },
    { id: "deputy", authority: [], on_call_authority: ["close"] },
    { id: "scribe", authority: ["change_severity"] },
  ],
  team: [
    { id: "cy", roles: ["commander"] },
    { id: "dee", roles: ["deputy"] },
  ],
  on_call: [
    {
      role: "deputy",
      time_zone: "UTC",
      handoff: { day: "monday", time: "09:00" },
      starts: "2026-03-02",
      people: ["dee"],
    },
  ],
};

const facts = (id: string, over: Partial<AuthorityFacts> = {}): AuthorityFacts => ({
  plan,
  incident: { commander: null },
  roles: [],
  actor: { kind: "person", id },
  now: new Date("2026-03-04T15:00:00Z"),
  ...over,
});

describe("who holds a plan authority on an incident", () => {
  it("gives a team commander the role's authority only while nobody else commands", () => {
    expect(holds(facts("cy"), "close")).toBe(true);
    expect(holds(facts("cy", { incident: { commander: "ana" } }), "close")).toBe(false);
    expect(holds(facts("ana", { incident: { commander: "ana" } }), "close")).toBe(true);
  });

  it("adds current role assignments, not ended ones", () => {
    const scribe = { person: "ana", role: "scribe", ended_at: null };
    expect(holds(facts("ana", { roles: [scribe] }), "change_severity")).toBe(true);
    const ended = { ...scribe, ended_at: "2026-03-04T10:00:00Z" };
    expect(holds(facts("ana", { roles: [ended] }), "change_severity")).toBe(false);
  });

  it("gives on-call authority only while the rotation has the person on call", () => {
    expect(holds(facts("dee"), "close")).toBe(true);
    expect(holds(facts("dee", { now: new Date("2026-03-01T00:00:00Z") }), "close")).toBe(false);
  });

  it("lets an authority the plan names nowhere be decided by its stand-in", () => {
    expect(holds(facts("cy"), "hand_over")).toBe(true);
    expect(holds(facts("dee"), "hand_over")).toBe(false);
  });

  it("gives admins and the system everything, rules and integrations nothing", () => {
    expect(holds(facts("x", { actor: { kind: "person", id: "x", admin: true } }), "close")).toBe(
      true,
    );
    expect(holds(facts("x", { actor: { kind: "system", id: "firebreak" } }), "close")).toBe(true);
    expect(holds(facts("x", { actor: { kind: "rule", id: "cy" } }), "close")).toBe(false);
  });
});
