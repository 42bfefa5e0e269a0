import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { operator, rejection } from "../../test/support/response-helpers.js";
import { testRuntime } from "../../test/support/runtime.js";
import { loadDemo } from "../demo/scenario.js";
import { attackTactic, attackTechnique } from "../domain/attack/catalogue.js";
import type { Incident } from "../domain/incident/model.js";
import type { Runtime } from "../runtime.js";
import { gatherDossier } from "./dossier.js";
import { EXPORT_FORMATS } from "./formats.js";
import { attackLayer } from "./navigator.js";

// biome-ignore lint/suspicious/noExplicitAny: the checks read the layer as any JSON document
type Json = any;

/**
 * The problems of a layer against the Navigator's layer format 4.5
 * (attack-navigator, layers/spec/v4.5/layerformat.md), written from its property tables:
 * required properties, value ranges and enums, and no property the format does not define.
 */
function layerProblems(layer: Json): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  const LAYER_PROPERTIES = [
    "versions",
    "name",
    "description",
    "domain",
    "customDataURL",
    "filters",
    "sorting",
    "layout",
    "hideDisabled",
    "techniques",
    "gradient",
    "legendItems",
    "showTacticRowBackground",
    "tacticRowBackground",
    "selectTechniquesAcrossTactics",
    "selectSubtechniquesWithParent",
    "selectVisibleTechniques",
    "metadata",
    "links",
  ];
  for (const key of Object.keys(layer)) check(LAYER_PROPERTIES.includes(key), `unknown ${key}`);
  check(typeof layer.name === "string" && layer.name.length > 0, "name is required");
  check(
    ["enterprise-attack", "mobile-attack", "ics-attack"].includes(layer.domain),
    "domain is not a valid value",
  );
  check(layer.versions?.layer === "4.5", 'versions.layer must be "4.5"');
  const [major, minor] = String(layer.versions?.navigator).split(".").map(Number);
  check(
    (major as number) > 4 || (major === 4 && (minor as number) >= 9),
    "versions.navigator must be at least 4.9.0",
  );
  check(typeof layer.versions?.attack === "string", "versions.attack is a string");
  check(typeof layer.description === "string", "description is a string");
  check([0, 1, 2, 3].includes(layer.sorting), "sorting is 0 to 3");
  check(typeof layer.hideDisabled === "boolean", "hideDisabled is a boolean");
  const layout = layer.layout ?? {};
  check(["side", "flat", "mini"].includes(layout.layout ?? "side"), "layout.layout");
  check(
    ["none", "all", "annotated"].includes(layout.expandedSubtechniques ?? "none"),
    "layout.expandedSubtechniques",
  );
  const hex = (c: unknown) => typeof c === "string" && /^#[0-9a-f]{6}$/i.test(c);
  const g = layer.gradient;
  check(Array.isArray(g?.colors) && g.colors.length >= 2 && g.colors.every(hex), "gradient.colors");
  check(g?.maxValue > g?.minValue, "gradient.maxValue must be > minValue");
  for (const item of layer.legendItems ?? [])
    check(typeof item.label === "string" && hex(item.color), "legendItems need label and color");
  const metadataOk = (m: Json) =>
    m.divider === true || (typeof m.name === "string" && typeof m.value === "string");
  for (const m of layer.metadata ?? []) check(metadataOk(m), "metadata: name and value strings");
  const TECHNIQUE_PROPERTIES = [
    "techniqueID",
    "tactic",
    "comment",
    "enabled",
    "score",
    "color",
    "metadata",
    "links",
    "showSubtechniques",
  ];
  for (const t of layer.techniques ?? []) {
    const id = String(t.techniqueID);
    for (const key of Object.keys(t)) check(TECHNIQUE_PROPERTIES.includes(key), `${id}: ${key}`);
    check(/^T\d{4}(\.\d{3})?$/.test(id), `${id}: techniqueID is T#### or T####.###`);
    if (t.tactic !== undefined) {
      check(attackTactic(t.tactic) !== undefined, `${id}: unknown tactic ${t.tactic}`);
      // The Navigator shows an annotation only under a tactic the technique belongs to.
      const known = attackTechnique(id);
      if (known) check(known.tactics.includes(t.tactic), `${id} is not in ${t.tactic}`);
    }
    check(t.score === undefined || typeof t.score === "number", `${id}: score is a number`);
    check(typeof (t.comment ?? "") === "string", `${id}: comment is a string`);
    check(typeof (t.enabled ?? true) === "boolean", `${id}: enabled is a boolean`);
    for (const m of t.metadata ?? []) check(metadataOk(m), `${id}: metadata`);
  }
  return problems;
}

/** The technique ids an incident's alerts carry, read from the stored tags independently. */
async function alertTechniqueIds(rt: Runtime, incidentId: string): Promise<string[]> {
  const alerts = (await rt.detection.alerts.list({ incident_id: incidentId }, 500)).items;
  const ids = alerts.flatMap((a) =>
    a.tags.filter((t) => /^attack\.t\d{4}/.test(t)).map((t) => t.slice(7).toUpperCase()),
  );
  return [...new Set(ids)].sort();
}

describe("ATT&CK Navigator layers", () => {
  let rt: Runtime;
  let ransomware: Incident;
  let phishing: Incident;
  beforeAll(async () => {
    rt = await testRuntime(TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number]);
    const demo = await loadDemo(rt);
    const find = (test: (i: { title: string; phase: string }) => boolean) =>
      rt.incidents.get(demo.incidents.find(test)?.id ?? "missing") as Promise<Incident>;
    ransomware = await find((i) => /ransomware/i.test(i.title) && i.phase === "closed");
    phishing = await find((i) => i.phase === "containment");
  }, 120_000);
  afterAll(() => rt?.close());

  it("exports the demo ransomware incident's alert techniques as a well-formed 4.5 layer", async () => {
    const dossier = await gatherDossier(rt, ransomware.human_id, operator);
    const layer: Json = EXPORT_FORMATS.navigator.build(dossier);
    expect(layerProblems(layer)).toEqual([]);
    expect(layer).toMatchObject({
      domain: "enterprise-attack",
      versions: { layer: "4.5", attack: "18" },
      name: `${ransomware.human_id} ${ransomware.title}`,
    });
    const fromAlerts = await alertTechniqueIds(rt, ransomware.id);
    expect(fromAlerts.length).toBeGreaterThan(0);
    const ids = [...new Set(layer.techniques.map((t: Json) => t.techniqueID))].sort();
    expect(ids).toEqual(fromAlerts);
    expect(layer.techniques.every((t: Json) => t.score === 1)).toBe(true);
    expect(layer.metadata).toEqual(
      expect.arrayContaining([
        { name: ransomware.human_id, value: ransomware.title },
        { name: "TLP", value: expect.stringMatching(/^TLP:/) },
      ]),
    );
    // Shadow copy deletion is Impact only; the layer places it there and nowhere else.
    expect(layer.techniques.filter((t: Json) => t.techniqueID === "T1490")).toEqual([
      expect.objectContaining({ tactic: "impact", comment: expect.stringContaining("alert") }),
    ]);
  });

  it("scores a layer over a period by the number of incidents that saw each technique", async () => {
    const since = new Date(Date.parse(ransomware.times.declared_at) - 1000).toISOString();
    const layer: Json = await attackLayer(rt, { since }, operator);
    expect(layerProblems(layer)).toEqual([]);
    const names = layer.metadata.filter((m: Json) => !m.divider).map((m: Json) => m.name);
    expect(names).toEqual(expect.arrayContaining([ransomware.human_id, phishing.human_id]));
    expect(layer.name).toBe(`Firebreak incidents since ${since}`);

    const onRansomware = new Set(await alertTechniqueIds(rt, ransomware.id));
    const onPhishing = new Set(await alertTechniqueIds(rt, phishing.id));
    for (const t of layer.techniques) {
      const expected = [onRansomware, onPhishing].filter((s) => s.has(t.techniqueID)).length;
      if (expected > 0) expect(t.score, t.techniqueID).toBe(expected);
    }
    expect(layer.gradient.maxValue).toBe(Math.max(...layer.techniques.map((t: Json) => t.score)));

    // Named incidents: only those, and one a person may not see is not found.
    const one: Json = await attackLayer(rt, { incidents: [phishing.human_id] }, operator);
    expect(one.metadata[0]).toEqual({ name: phishing.human_id, value: phishing.title });
    await rt.db.kysely
      .updateTable("incidents")
      .set({ restricted: 1 })
      .where("id", "=", phishing.id)
      .execute();
    const outsider = { kind: "person" as const, id: "outsider", name: "Outsider" };
    const hidden = await rejection(attackLayer(rt, { incidents: [phishing.human_id] }, outsider));
    expect(hidden.code).toBe("not_found");
    const period: Json = await attackLayer(rt, { since }, outsider);
    expect(period.metadata.map((m: Json) => m.name)).not.toContain(phishing.human_id);
    const bad = await rejection(attackLayer(rt, { since: "last week" }, operator));
    expect(bad.details[0]?.path).toBe("since");
  });
});
