import { describe, expect, it } from "vitest";
import type { PlanDocument } from "../../documents/plan.schema.js";
import { reminderLevels, resolveRecipients } from "./recipients.js";

type Plan = Pick<PlanDocument, "on_call" | "team" | "channels" | "roles">;

const plan: Plan = {
  roles: [
    { id: "commander", title: "C", responsibilities: ["x"], authority: [] },
    { id: "deputy-commander", title: "D", responsibilities: ["x"], authority: [] },
    { id: "analyst", title: "A", responsibilities: ["x"], authority: [] },
  ],
  team: [
    {
      id: "ann",
      name: "Ann",
      roles: ["commander", "analyst"],
      contacts: [
        { channel: "email", address: "ann@example.org" },
        { channel: "phone", address: "+1-555-0100" },
      ],
    },
    {
      id: "bob",
      name: "Bob",
      roles: ["commander"],
      contacts: [{ channel: "email", address: "bob@example.org" }],
    },
    {
      id: "cat",
      name: "Cat",
      roles: ["analyst"],
      contacts: [{ channel: "sms", address: "+1-555-0102" }],
    },
  ],
  on_call: [
    {
      role: "commander",
      time_zone: "UTC",
      handoff: { day: "monday", time: "09:00" },
      starts: "2026-01-05",
      people: ["ann", "bob"],
      overrides: [],
    },
  ],
  channels: [{ id: "war-room", kind: "slack", target: "https://hooks.example.org/x" }],
};

describe("resolveRecipients", () => {
  it("pages the person on call for a role with a rotation, by the rotation's week", () => {
    const week1 = resolveRecipients(plan, ["role:commander"], new Date("2026-01-06T12:00:00Z"));
    expect(week1.resolved).toEqual([{ spec: "role:commander", people: ["ann"], via: "on_call" }]);
    const week2 = resolveRecipients(plan, ["role:commander"], new Date("2026-01-13T12:00:00Z"));
    expect(week2.deliveries.map((d) => d.channel.target)).toEqual(["bob@example.org"]);
    expect(week2.deliveries[0]?.because).toEqual(["role:commander (on call)"]);
  });

  it("pages every holder of a role without a rotation, and before a rotation starts", () => {
    const analysts = resolveRecipients(plan, ["role:analyst"], new Date("2026-01-06T12:00:00Z"));
    expect(analysts.resolved[0]).toMatchObject({ people: ["ann", "cat"], via: "role_holders" });
    const early = resolveRecipients(plan, ["role:commander"], new Date("2025-12-01T00:00:00Z"));
    expect(early.resolved[0]).toMatchObject({ people: ["ann", "bob"], via: "role_holders" });
  });

  it("sends one message per person and contact, naming every reason, and keeps undeliverable people visible", () => {
    const r = resolveRecipients(
      plan,
      ["role:commander", "role:analyst", "person:ann", "channel:war-room", "person:nobody"],
      new Date("2026-01-06T12:00:00Z"),
    );
    expect(r.deliveries.map((d) => [d.recipient, d.channel.kind, d.channel.target])).toEqual([
      ["person:ann", "email", "ann@example.org"],
      ["person:cat", "sms", "+1-555-0102"],
      ["channel:war-room", "slack", "https://hooks.example.org/x"],
    ]);
    expect(r.deliveries[0]?.because).toEqual([
      "role:commander (on call)",
      "role:analyst",
      "person:ann",
    ]);
    expect(r.resolved.at(-1)).toEqual({ spec: "person:nobody", people: [], via: "unknown" });
  });
});

describe("reminderLevels", () => {
  it("goes from the incident's commander to the deputies to whoever is on call", () => {
    expect(reminderLevels(plan, "ann")).toEqual([
      ["person:ann"],
      ["person:ann", "role:deputy-commander"],
      ["person:ann", "role:deputy-commander", "role:commander"],
    ]);
    expect(reminderLevels(plan, null)).toEqual([
      ["role:commander"],
      ["role:commander", "role:deputy-commander"],
    ]);
    expect(reminderLevels({ roles: [] }, null)).toEqual([]);
  });
});
