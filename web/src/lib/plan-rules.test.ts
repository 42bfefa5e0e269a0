import { describe, expect, it } from "vitest";
import type { PlanBody } from "../api/documents";
import type { SessionInfo } from "../api/session";
import {
  closingObligations,
  commanderCandidates,
  commanderChoices,
  commanderRequired,
  mayCloseAnyway,
} from "./plan-rules";

const level = (id: string, close_requires: string[] = []) =>
  ({ id, name: id, definition: "", targets: {}, rule_levels: [], close_requires }) as never;
const role = (id: string, authority: string[], on_call_authority?: string[]) =>
  ({ id, title: id, responsibilities: [], authority, on_call_authority }) as never;

const plan = {
  severity_scale: [level("low"), level("high", ["root_cause_analysis", "after_action_report"])],
  command: { required_from: "high" },
  roles: [
    role("commander", ["override_gate", "close"]),
    role("deputy", ["override_gate"], ["close"]),
    role("analyst", ["declare"]),
  ],
  team: [
    { id: "cy", name: "Cy", contacts: [], roles: ["commander"] },
    { id: "dee", name: "Dee", contacts: [], roles: ["deputy"] },
    { id: "ana", name: "Ana", contacts: [], roles: ["analyst"] },
  ],
  on_call: [
    {
      role: "deputy",
      time_zone: "UTC",
      handoff: { day: "monday", time: "09:00" },
      starts: "2020-01-06",
      people: ["dee"],
    },
  ],
} as unknown as PlanBody;

const as = (person: string | null, role: SessionInfo["role"] = "responder"): SessionInfo => ({
  user: {
    id: "u",
    email: "e",
    name: "n",
    role,
    person_id: person,
    disabled: false,
    created_at: "2026-01-01T00:00:00.000Z",
    updated_at: "2026-01-01T00:00:00.000Z",
    last_sign_in_at: null,
    time_zone: null,
  },
  role,
  via: "session",
});

describe("the plan's command and closing rules, as the dialogs read them", () => {
  it("asks for a commander from the plan's severity up, and never without the rule", () => {
    expect(commanderRequired(plan, "low")).toBe(false);
    expect(commanderRequired(plan, "high")).toBe(true);
    expect(commanderRequired({ ...plan, command: {} }, "high")).toBe(false);
    expect(commanderRequired(plan, "unknown")).toBe(false);
  });

  it("lists the post-incident work the severity requires before closing", () => {
    expect(closingObligations(plan, "high")).toEqual([
      "root_cause_analysis",
      "after_action_report",
    ]);
    expect(closingObligations(plan, "low")).toEqual([]);
    expect(closingObligations(undefined, "high")).toEqual([]);
  });

  it("offers closing anyway to whoever holds close and override_gate", () => {
    const free = { commander: null };
    expect(mayCloseAnyway(as(null, "admin"), plan, free)).toBe(true);
    expect(mayCloseAnyway(as("cy"), plan, free)).toBe(true);
    // A team commander does not command an incident someone else commands.
    expect(mayCloseAnyway(as("cy"), plan, { commander: "dee" })).toBe(false);
    // The analyst in command holds the commander role's authority.
    expect(mayCloseAnyway(as("ana"), plan, { commander: "ana" })).toBe(true);
    // The deputy's close comes from the on-call rotation, while it has them on call.
    expect(mayCloseAnyway(as("dee"), plan, free)).toBe(true);
    const later = plan.on_call.map((r) => ({ ...r, starts: "2999-01-07" }));
    expect(mayCloseAnyway(as("dee"), { ...plan, on_call: later }, free)).toBe(false);
    expect(mayCloseAnyway(as("ana"), plan, free)).toBe(false);
    expect(mayCloseAnyway(as(null), plan, free)).toBe(false);
    expect(mayCloseAnyway(as("cy", "observer"), plan, free)).toBe(false);
  });

  it("puts the signed-in person first among commanders, then the plan's commanders", () => {
    expect(commanderCandidates(plan, "ana").map((p) => p.id)).toEqual(["ana", "cy", "dee"]);
    expect(commanderCandidates(plan, null).map((p) => p.id)).toEqual(["cy", "dee", "ana"]);
    expect(commanderChoices(plan, "ana").map((c) => c.label)).toEqual([
      "Ana (you)",
      "Cy (commander)",
      "Dee",
    ]);
  });
});
