import { describe, expect, it } from "vitest";
import type { PlanBody } from "../api/documents";
import { actorLabel, parseActor, personFacts } from "./people";

const plan = {
  team: [
    {
      id: "amara-okafor",
      name: "Amara Okafor",
      contacts: [{ channel: "email", address: "amara@example.org" }],
      roles: ["commander"],
    },
    { id: "dee", name: "Dee", contacts: [{ channel: "sms", address: "+100" }], roles: [] },
  ],
  roles: [{ id: "commander", title: "Incident commander" }],
  on_call: [
    {
      role: "commander",
      time_zone: "UTC",
      handoff: { day: "monday", time: "09:00" },
      starts: "2026-01-05",
      people: ["amara-okafor", "dee"],
    },
  ],
} as unknown as PlanBody;

const uuid = "1fc0a3e2-5b7d-4c1e-9f00-1234567890ab";

describe("people by name", () => {
  it("reads what describeActor stored, and bare person ids", () => {
    expect(parseActor(`admin (person:${uuid})`)).toEqual({
      kind: "person",
      id: uuid,
      name: "admin",
    });
    expect(parseActor("Amara Okafor (person:amara-okafor)")).toEqual({
      kind: "person",
      id: "amara-okafor",
      name: "Amara Okafor",
    });
    expect(parseActor("rule:lsass-dump")).toEqual({ kind: "rule", id: "lsass-dump" });
    expect(parseActor("amara-okafor")).toEqual({ kind: "person", id: "amara-okafor" });
  });

  it("names a person from the plan's team first, then the record, never a bare uuid", () => {
    expect(actorLabel(plan, { kind: "person", id: "amara-okafor", name: "old name" })).toBe(
      "Amara Okafor",
    );
    expect(actorLabel(plan, parseActor(`admin (person:${uuid})`))).toBe("admin");
    expect(actorLabel(plan, { kind: "person", id: uuid })).toBe("A user not in the plan's team");
    expect(actorLabel(undefined, { kind: "person", id: "sam-lee" })).toBe("sam lee");
    expect(actorLabel(plan, { kind: "system", id: "firebreak" })).toBe("Firebreak");
    expect(actorLabel(plan, { kind: "rule", id: "lsass-dump" })).toBe("Rule lsass-dump");
  });

  it("gives the card roles, contacts and who is on call now", () => {
    // Week 1 of the rotation (from Monday 5 January 09:00 UTC): Amara; week 2: Dee.
    const week1 = new Date("2026-01-07T12:00:00Z");
    const week2 = new Date("2026-01-14T12:00:00Z");
    const amara = personFacts(plan, { kind: "person", id: "amara-okafor" }, week1);
    expect(amara).toEqual({
      name: "Amara Okafor",
      roles: ["Incident commander"],
      contacts: [{ channel: "email", address: "amara@example.org" }],
      onCallFor: ["Incident commander"],
      inTeam: true,
    });
    expect(personFacts(plan, { kind: "person", id: "amara-okafor" }, week2).onCallFor).toEqual([]);
    expect(personFacts(plan, { kind: "person", id: "dee" }, week2).onCallFor).toEqual([
      "Incident commander",
    ]);
    expect(personFacts(plan, { kind: "person", id: uuid }, week1).inTeam).toBe(false);
  });
});
