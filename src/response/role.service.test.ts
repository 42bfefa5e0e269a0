import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import {
  declaredRansomware,
  declareRansomware,
  expectIntact,
  incidentState,
  operator,
  rejection,
  tickingClock,
} from "../../test/support/response-helpers.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import type { Runtime } from "../runtime.js";
import { declineIncident } from "./phase.service.js";
import { assignRole, listRoles, releaseRole } from "./role.service.js";

describe.each(TEST_DIALECTS)("roles on $name", (dialect) => {
  let rt: Runtime;
  runtimePerTest(dialect, { clock: tickingClock() }, (fresh) => {
    rt = fresh;
  });

  it("assigns the commander, then records the handover: who, to whom, when", async () => {
    const { incident, seq } = await declaredRansomware(rt);

    const amara = await assignRole(
      rt,
      incident.human_id,
      { role: "commander", person: "amara-okafor" },
      operator,
    );
    expect((await rt.incidents.get(incident.id))?.commander).toBe("amara-okafor");
    const daniel = await assignRole(
      rt,
      incident.id,
      { role: "commander", person: "daniel-reyes", reason: "end of shift" },
      operator,
    );
    expect((await rt.incidents.get(incident.id))?.commander).toBe("daniel-reyes");

    const roles = await listRoles(rt, incident.id, undefined);
    expect(roles.map((r) => [r.role, r.person, r.ended_at])).toEqual([
      ["commander", "amara-okafor", daniel.assigned_at],
      ["commander", "daniel-reyes", null],
    ]);
    expect(roles[0]?.id).toBe(amara.id);

    const entries = await rt.incidents.timeline(incident.id, seq);
    expect(entries.map((e) => e.kind)).toEqual(["role.assigned", "role.handover"]);
    expect(entries[1]?.payload).toMatchObject({
      role: "commander",
      from: "amara-okafor",
      to: "daniel-reyes",
      at: daniel.assigned_at,
      reason: "end of shift",
      qualified: true,
    });

    // Giving the role to whoever holds it changes nothing.
    const version = (await rt.incidents.get(incident.id))?.version;
    expect(
      await assignRole(rt, incident.id, { role: "commander", person: "daniel-reyes" }, operator),
    ).toEqual(daniel);
    expect((await rt.incidents.get(incident.id))?.version).toBe(version);
    await expectIntact(rt, incident.id);
  });

  it("hands over other roles, adds extra holders when asked, and releases them", async () => {
    const incident = await declareRansomware(rt);
    await assignRole(
      rt,
      incident.id,
      { role: "forensic-investigator", person: "tomas-lindqvist" },
      operator,
    );
    const priya = await assignRole(
      rt,
      incident.id,
      { role: "security-analyst", person: "priya-natarajan" },
      operator,
    );
    const amara = await assignRole(
      rt,
      incident.id,
      { role: "security-analyst", person: "amara-okafor", additional: true },
      operator,
    );
    expect(
      (await listRoles(rt, incident.id, undefined)).filter((r) => !r.ended_at).map((r) => r.person),
    ).toEqual(["tomas-lindqvist", "priya-natarajan", "amara-okafor"]);
    const released = await releaseRole(rt, incident.id, priya.id, "off shift", operator);
    expect(released.ended_at).not.toBeNull();
    expect(
      (await listRoles(rt, incident.id, undefined)).find((r) => r.id === amara.id)?.ended_at,
    ).toBeNull();
    // The commander field is only for the commander role.
    expect((await rt.incidents.get(incident.id))?.commander).toBeNull();
    expect((await rt.incidents.timeline(incident.id)).at(-1)).toMatchObject({
      kind: "role.released",
      payload: { role: "security-analyst", person: "priya-natarajan", reason: "off shift" },
    });
    await expectIntact(rt, incident.id);
  });

  it("refuses unknown roles and people, and changes on ended incidents, changing nothing", async () => {
    const incident = await declareRansomware(rt);
    const commander = await assignRole(
      rt,
      incident.id,
      { role: "commander", person: "amara-okafor" },
      operator,
    );
    const before = await incidentState(rt, incident.id);

    const person = await rejection(
      assignRole(rt, incident.id, { role: "commander", person: "mallory" }, operator),
    );
    expect(person).toMatchObject({ code: "invalid_input" });
    expect(person.message).toMatch(
      /'mallory' is not in the plan's team; the team is amara-okafor, daniel-reyes/,
    );
    const role = await rejection(
      assignRole(rt, incident.id, { role: "wizard", person: "amara-okafor" }, operator),
    );
    expect(role.message).toMatch(
      /unknown role 'wizard'; the plan's roles are commander, deputy-commander/,
    );
    const two = await rejection(
      assignRole(
        rt,
        incident.id,
        { role: "commander", person: "daniel-reyes", additional: true },
        operator,
      ),
    );
    expect(two.message).toMatch(/one commander at a time/);
    expect(
      (await rejection(releaseRole(rt, incident.id, commander.id, undefined, operator))).message,
    ).toMatch(/handed over, never left empty/);
    expect(await incidentState(rt, incident.id)).toEqual(before);

    await declineIncident(rt, incident.id, "false positive", operator);
    const ended = await rejection(
      assignRole(rt, incident.id, { role: "scribe", person: "amara-okafor" }, operator),
    );
    expect(ended.message).toMatch(/has ended \(declined\)/);
  });
});
