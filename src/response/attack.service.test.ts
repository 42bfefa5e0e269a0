import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { encodedPowershell, shadowDelete } from "../../test/support/detection.js";
import {
  expectIntact,
  incidentState,
  operator,
  rejection,
} from "../../test/support/response-helpers.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import { ingestEvents } from "../detection/ingest.service.js";
import type { Runtime } from "../runtime.js";
import {
  addIncidentTechnique,
  incidentTechniques,
  listIncidentTechniques,
  removeIncidentTechnique,
} from "./attack.service.js";

const ndjson = (events: unknown[]) => events.map((e) => JSON.stringify(e)).join("\n");
const outsider = { kind: "person" as const, id: "outsider", name: "Outsider" };

/** Shadow copies deleted on FS01 (declares by the default policy), then encoded PowerShell there. */
async function ransomwareFromAlerts(rt: Runtime) {
  const first = await ingestEvents(rt, { text: ndjson([shadowDelete("FS01")]) });
  const incidentId = first.incidents[0]?.incident_id as string;
  expect(incidentId).toBeTruthy();
  const second = await ingestEvents(rt, { text: ndjson([encodedPowershell("FS01")]) });
  expect(second.incidents[0]).toMatchObject({ action: "attached", incident_id: incidentId });
  const alerts = (await rt.detection.alerts.list({ incident_id: incidentId }, 10)).items;
  const byRule = (ruleTitle: RegExp) => alerts.find((a) => ruleTitle.test(a.title))?.id;
  return {
    incidentId,
    shadowAlert: byRule(/shadow/i) as string,
    powershellAlert: byRule(/powershell/i) as string,
  };
}

describe.each(TEST_DIALECTS)("ATT&CK techniques of incidents on $name", (dialect) => {
  let rt: Runtime;
  runtimePerTest(dialect, {}, (fresh) => {
    rt = fresh;
  });

  it("gathers techniques from the alerts' Sigma tags with names, tactics and parents", async () => {
    const { incidentId, shadowAlert, powershellAlert } = await ransomwareFromAlerts(rt);
    expect(shadowAlert).toBeTruthy();
    expect(powershellAlert).toBeTruthy();
    expect(await incidentTechniques(rt, incidentId)).toEqual([
      {
        id: "T1027",
        name: "Obfuscated Files or Information",
        parent: null,
        tactics: ["defense-evasion"],
        alert_ids: [powershellAlert],
        by_hand: false,
      },
      {
        id: "T1059.001",
        name: "PowerShell",
        parent: "T1059",
        tactics: ["execution"],
        alert_ids: [powershellAlert],
        by_hand: false,
      },
      {
        id: "T1490",
        name: "Inhibit System Recovery",
        parent: null,
        tactics: ["impact"],
        alert_ids: [shadowAlert],
        by_hand: false,
      },
    ]);
  });

  it("adds and removes techniques by hand with a reason, on the timeline", async () => {
    const { incidentId, powershellAlert } = await ransomwareFromAlerts(rt);
    const human = (await rt.incidents.get(incidentId))?.human_id as string;

    const added = await addIncidentTechnique(
      rt,
      human,
      { technique: "t1486", reason: "files renamed .locked on FS01" },
      operator,
    );
    expect(added.find((t) => t.id === "T1486")).toEqual({
      id: "T1486",
      name: "Data Encrypted for Impact",
      parent: null,
      tactics: ["impact"],
      alert_ids: [],
      by_hand: true,
    });
    // Adding it again changes nothing: no second entry, no new version.
    const version = (await rt.incidents.get(incidentId))?.version;
    await addIncidentTechnique(rt, human, { technique: "T1486", reason: "again" }, operator);
    expect((await rt.incidents.get(incidentId))?.version).toBe(version);

    const removed = await removeIncidentTechnique(
      rt,
      human,
      { technique: "T1027", reason: "the rule tags obfuscation; the command was not obfuscated" },
      operator,
    );
    expect(removed.map((t) => t.id)).toEqual(["T1059.001", "T1486", "T1490"]);
    // The same alert repeating does not bring a removed technique back.
    await ingestEvents(rt, { text: ndjson([encodedPowershell("FS01")]) });
    expect((await incidentTechniques(rt, incidentId)).map((t) => t.id)).not.toContain("T1027");

    const entries = (await rt.incidents.timeline(incidentId)).filter((e) =>
      e.kind.startsWith("attack."),
    );
    expect(entries.map((e) => [e.kind, e.payload])).toEqual([
      [
        "attack.technique_added",
        {
          technique: "T1486",
          name: "Data Encrypted for Impact",
          reason: "files renamed .locked on FS01",
        },
      ],
      [
        "attack.technique_removed",
        {
          technique: "T1027",
          name: "Obfuscated Files or Information",
          reason: "the rule tags obfuscation; the command was not obfuscated",
        },
      ],
    ]);
    await expectIntact(rt, incidentId);

    // Added back by hand, it returns with its alert, marked as confirmed by hand.
    const back = await addIncidentTechnique(
      rt,
      incidentId,
      { technique: "T1027", reason: "the second run was obfuscated" },
      operator,
    );
    expect(back.find((t) => t.id === "T1027")).toMatchObject({
      by_hand: true,
      alert_ids: [powershellAlert],
    });
  });

  it("refuses unknown techniques, a missing reason and removing what is not listed", async () => {
    const { incidentId } = await ransomwareFromAlerts(rt);
    const before = await incidentState(rt, incidentId);

    const unknown = await rejection(
      addIncidentTechnique(rt, incidentId, { technique: "T9999", reason: "x" }, operator),
    );
    expect(unknown.code).toBe("invalid_input");
    expect(unknown.details[0]?.path).toBe("technique");
    const byName = await rejection(
      addIncidentTechnique(rt, incidentId, { technique: "PowerShell", reason: "x" }, operator),
    );
    expect(byName.message).toContain("did you mean T1059.001 (PowerShell)");
    const noReason = await rejection(
      addIncidentTechnique(rt, incidentId, { technique: "T1486", reason: "  " }, operator),
    );
    expect(noReason.details[0]?.path).toBe("reason");
    const notListed = await rejection(
      removeIncidentTechnique(rt, incidentId, { technique: "T1486", reason: "x" }, operator),
    );
    expect(notListed.code).toBe("not_found");

    expect(await incidentState(rt, incidentId)).toEqual(before);
  });

  it("hides a restricted incident's techniques from people outside it", async () => {
    const { incidentId } = await ransomwareFromAlerts(rt);
    await rt.db.kysely
      .updateTable("incidents")
      .set({ restricted: 1 })
      .where("id", "=", incidentId)
      .execute();
    const hidden = await rejection(listIncidentTechniques(rt, incidentId, outsider));
    expect(hidden.code).toBe("not_found");
    expect(await listIncidentTechniques(rt, incidentId, operator)).toHaveLength(3);
  });
});
