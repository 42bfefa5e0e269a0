import { describe, expect, it } from "vitest";
import { ATTACK_TACTICS, attackTechnique, searchTechniques } from "./catalogue.js";
import { countTechniques } from "./counts.js";
import { incidentTechniques, UNKNOWN_TECHNIQUE } from "./incident-techniques.js";
import { navigatorLayer } from "./layer.js";
import { readAttackTags } from "./tags.js";

describe("ATT&CK catalogue and tags", () => {
  it("knows techniques, sub-techniques and the tactics in the matrix's order", () => {
    expect(attackTechnique("t1059.001")).toMatchObject({ id: "T1059.001", name: "PowerShell" });
    expect(attackTechnique("T1078")?.tactics).toHaveLength(4);
    expect(ATTACK_TACTICS.map((t) => t.shortname).slice(0, 3)).toEqual([
      "reconnaissance",
      "resource-development",
      "initial-access",
    ]);
    expect(searchTechniques("powershell").map((t) => t.id)).toContain("T1059.001");
    expect(searchTechniques("T1059")[0]?.id).toBe("T1059");
  });

  it("reads Sigma's technique and tactic tags and ignores the rest", () => {
    expect(
      readAttackTags([
        "attack.execution",
        "attack.t1059.001",
        "attack.defense_evasion",
        "attack.T1027",
        "attack.g0016",
        "attack.s0002",
        "cve.2021-44228",
        "attack.t1059.001",
      ]),
    ).toEqual({ techniques: ["T1059.001", "T1027"], tactics: ["execution", "defense-evasion"] });
  });
});

describe("an incident's techniques", () => {
  const alerts = [
    { id: "a1", tags: ["attack.persistence", "attack.t1078"] },
    { id: "a2", tags: ["attack.t1078", "attack.t1685"] },
  ];

  it("narrows tactics to the alerts' tactic tags, keeps unknown ids, applies hand edits in order", () => {
    const got = incidentTechniques(alerts, [
      { kind: "attack.technique_added", payload: { technique: "T1486" } },
      { kind: "attack.technique_removed", payload: { technique: "T1486" } },
      { kind: "attack.technique_added", payload: { technique: "t1490" } },
      { kind: "attack.technique_removed", payload: { technique: "T1685" } },
    ]);
    expect(got).toEqual([
      {
        id: "T1078",
        name: "Valid Accounts",
        parent: null,
        tactics: ["persistence"],
        alert_ids: ["a1", "a2"],
        by_hand: false,
      },
      {
        id: "T1490",
        name: "Inhibit System Recovery",
        parent: null,
        tactics: ["impact"],
        alert_ids: [],
        by_hand: true,
      },
    ]);
    expect(incidentTechniques([alerts[1] as (typeof alerts)[1]], [])[1]).toMatchObject({
      id: "T1685",
      name: UNKNOWN_TECHNIQUE,
      tactics: [],
    });
  });

  it("counts incidents per technique and per tactic, once each, and scores layers by them", () => {
    const one = incidentTechniques(alerts, []);
    const two = incidentTechniques([{ id: "b1", tags: ["attack.t1078", "attack.t1490"] }], []);
    const counts = countTechniques([one, two, []]);
    expect(counts.techniques.map((t) => [t.id, t.incidents])).toEqual([
      ["T1078", 2],
      ["T1490", 1],
      ["T1685", 1],
    ]);
    expect(counts.by_tactic.find((t) => t.tactic === "persistence")).toMatchObject({
      incidents: 2,
      techniques: 1,
    });
    const layer = navigatorLayer(
      [
        { human_id: "INC-1", title: "one", techniques: one },
        { human_id: "INC-2", title: "two", techniques: two },
      ],
      { name: "both", description: "" },
    );
    // INC-2's alert names no tactic: its T1078 counts under all four of T1078's tactics.
    const at = (tactic: string) =>
      layer.techniques.find((t) => t.techniqueID === "T1078" && t.tactic === tactic);
    expect(at("persistence")).toMatchObject({
      score: 2,
      comment: "INC-1: 2 alerts; INC-2: 1 alert",
      metadata: [
        { name: "incident", value: "INC-1" },
        { name: "incident", value: "INC-2" },
      ],
    });
    expect(at("initial-access")).toMatchObject({ score: 1, comment: "INC-2: 1 alert" });
    expect(layer.techniques.filter((t) => t.techniqueID === "T1078")).toHaveLength(4);
    expect(layer.gradient.maxValue).toBe(2);
  });
});
