import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import type { Actor } from "../domain/actor.js";
import { declareIncident } from "../response/incident.service.js";
import type { Runtime } from "../runtime.js";

const admin: Actor = { kind: "person", id: "operator", name: "Operator", admin: true };

/**
 * Membership (people paged for an incident) is part of the one visibility rule in SQL: a member
 * sees the restricted incident in every query that applies the rule — single checks, the
 * incident list, the hidden set, and lists of things that belong to incidents (alerts).
 */
describe.each(TEST_DIALECTS)("incident members on $name", (dialect) => {
  let rt: Runtime;
  runtimePerTest(dialect, {}, (fresh) => {
    rt = fresh;
  });

  it("let a paged person see the restricted incident and its alerts, and nobody else", async () => {
    const secret = await declareIncident(
      rt,
      { title: "Insider case", type: "insider", restricted: true, commander: "amara-okafor" },
      admin,
    );
    const now = new Date().toISOString();
    const sighting = async (key: string) =>
      (
        await rt.detection.alerts.sight(
          {
            scope: "test",
            dedup_key: key,
            source: "webhook",
            rule_id: null,
            integration_id: null,
            title: key,
            severity: "warning",
            level: null,
            entities: {},
            tags: [],
            payload: {},
            count: 1,
            first_seen: now,
            last_seen: now,
            status: "open",
            event_ids: [],
          },
          now,
        )
      ).alert.id;
    const attached = await sighting("attached");
    const loose = await sighting("loose");
    await rt.detection.alerts.attach([attached], secret.id, now);
    const alertsOf = async (person: string) =>
      (await rt.detection.alerts.list({ visibleTo: person }, 100)).items.map((a) => a.id).sort();

    expect(await rt.incidents.isVisibleTo(secret.id, "bob")).toBe(false);
    expect((await rt.incidents.hiddenFrom("bob")).map((h) => h.id)).toEqual([secret.id]);
    expect(await alertsOf("bob")).toEqual([loose]);

    const member = {
      incident_id: secret.id,
      person: "bob",
      reason: "paged",
      added_at: now,
      added_by: "escalation",
    };
    await rt.incidents.addMembers([member]);
    await rt.incidents.addMembers([{ ...member, added_at: new Date(0).toISOString() }]);
    expect(await rt.incidents.members(secret.id)).toEqual([member]);

    expect(await rt.incidents.isVisibleTo(secret.id, "bob")).toBe(true);
    expect(await rt.incidents.hiddenFrom("bob")).toEqual([]);
    const listed = await rt.incidents.list({ visibleTo: "bob" }, 100);
    expect(listed.items.map((i) => i.id)).toEqual([secret.id]);
    expect(await alertsOf("bob")).toEqual([attached, loose].sort());
    // A member of one incident is nobody to another; others are not members by bob's page.
    expect(await rt.incidents.isVisibleTo(secret.id, "dan")).toBe(false);
    expect(await alertsOf("dan")).toEqual([loose]);
    expect((await rt.detection.alerts.list({}, 100)).items).toHaveLength(2);
  });
});
