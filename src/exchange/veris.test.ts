import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { minimalPlan, minimalProcedure, toYaml } from "../../test/support/documents.js";
import { testRuntime } from "../../test/support/runtime.js";
import { verisSchemaPresent, verisValidator } from "../../test/support/veris-schema.js";
import { loadDemo } from "../demo/scenario.js";
import { parseDocuments } from "../documents/yaml-loader.js";
import type { Runtime } from "../runtime.js";
import { gatherDossier, type IncidentDossier } from "./dossier.js";
import { EXPORT_FORMATS } from "./formats.js";
import { buildVeris, span } from "./veris.js";

// biome-ignore lint/suspicious/noExplicitAny: the tests read the exported JSON document freely
type Doc = any;

const present = verisSchemaPresent();
if (!present) console.warn("skipping VERIS schema checks: ../shared/reference/veris is absent");

/** The dossier with the plan's incident type mapped to VERIS as `veris`. */
function mapped(d: IncidentDossier, veris: unknown): IncidentDossier {
  const incident_types = d.plan.body.incident_types.map((t) =>
    t.id === d.incident.type ? { ...t, veris } : t,
  );
  return {
    ...d,
    plan: { ...d.plan, body: { ...d.plan.body, incident_types } },
  } as IncidentDossier;
}

describe("VERIS export", () => {
  let rt: Runtime;
  let closed: IncidentDossier;
  let open: IncidentDossier;
  beforeAll(async () => {
    rt = await testRuntime(TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number]);
    const demo = await loadDemo(rt);
    const ransomware = demo.incidents.find(
      (i) => /ransomware/i.test(i.title) && i.phase === "closed",
    );
    const phishing = demo.incidents.find((i) => i.phase === "containment");
    closed = await gatherDossier(rt, ransomware?.human_id ?? "missing", undefined);
    open = await gatherDossier(rt, phishing?.human_id ?? "missing", undefined);
  }, 120_000);
  afterAll(() => rt?.close());

  it("is registered as the veris export format", () => {
    expect(EXPORT_FORMATS.veris.build(closed)).toEqual(buildVeris(closed));
  });

  it.skipIf(!present)(
    "exports demo incidents, closed and open, valid against the shipped schema",
    () => {
      const valid = verisValidator();
      for (const d of [closed, open]) expect(valid(buildVeris(d)), d.incident.human_id).toEqual([]);
    },
  );

  it("fills what Firebreak knows and says Unknown for the rest", () => {
    const v = buildVeris(closed) as Doc;
    const i = closed.incident;
    expect(v).toMatchObject({
      schema_version: "1.4.0",
      incident_id: i.id,
      reference: i.human_id,
      security_incident: "Confirmed",
      // The default scale's Emergency is the second of four: Painful.
      impact: { overall_rating: i.severity === "emergency" ? "Painful" : expect.any(String) },
      targeted: "Unknown",
      attribute: { confidentiality: { data_disclosure: "Unknown" } },
      plus: { master_id: i.id },
    });
    const first = new Date(i.times.first_activity_at ?? i.times.detected_at);
    expect(v.timeline.incident).toEqual({
      year: first.getUTCFullYear(),
      month: first.getUTCMonth() + 1,
      day: first.getUTCDate(),
    });
    expect(v.timeline.containment).toEqual(span(i.times.detected_at, i.times.contained_at));
    expect(v.timeline.containment.unit).not.toBe("Unknown");
    expect(v.timeline.compromise).toEqual({ unit: "Unknown" });
    // Its alerts came from Sigma rules over logs.
    expect(v.discovery_method).toEqual({ internal: { variety: ["Log review"] } });
    // The built-in plan maps no type: action and actor are unknown, with the reason.
    expect(v.action.unknown.notes).toMatch(/does not map incident type 'ransomware'/);
    expect(Object.keys(v.actor)).toEqual(["unknown"]);
    expect(v.notes).toMatch(/The incident ended \(closed/);
    expect(v.asset.cloud).toEqual(["Unknown"]);

    const o = buildVeris(open) as Doc;
    expect(o.notes).toMatch(/still open \(phase containment\): this is what was known so far/);
    expect(o.timeline.containment).toEqual({ unit: "Unknown" });
    if (open.indicators.length > 0)
      expect(o.ioc).toContainEqual({
        indicator: open.indicators[0]?.value,
        comment: open.indicators[0]?.type,
      });
  });

  it.skipIf(!present)(
    "takes actions, actor and attributes from the plan's mapping of the type",
    () => {
      const d = mapped(closed, {
        action: {
          malware: { variety: ["Ransomware"] },
          social: { variety: ["Phishing"], vector: ["Email"] },
        },
        actor: { external: { variety: ["Organized crime"], motive: ["Financial"] } },
        attribute: {
          availability: { variety: ["Interruption"] },
          confidentiality: { data_disclosure: "Potentially", data: ["Personal"] },
        },
      });
      const v = buildVeris(d) as Doc;
      expect(verisValidator()(v)).toEqual([]);
      expect(v.action).toEqual({
        malware: { variety: ["Ransomware"], vector: ["Unknown"] },
        social: { variety: ["Phishing"], vector: ["Email"], target: ["Unknown"] },
      });
      expect(v.actor).toEqual({
        external: { variety: ["Organized crime"], motive: ["Financial"] },
      });
      expect(v.attribute).toEqual({
        confidentiality: { data_disclosure: "Potentially", data: [{ variety: "Personal" }] },
        availability: { variety: ["Interruption"] },
      });
    },
  );
});

describe("the plan's VERIS mapping", () => {
  const planWith = (veris: unknown) =>
    toYaml(
      minimalPlan({
        incident_types: [
          { id: "malware", name: "Malware", default_severity: "high", procedure: "malware", veris },
        ],
      }),
      minimalProcedure(),
    );

  it("is optional, and checked against VERIS's own words with line and column", () => {
    expect(parseDocuments(planWith(undefined), "plan.yml").errors).toEqual([]);
    expect(
      parseDocuments(planWith({ action: { malware: { variety: ["Ransomware"] } } }), "plan.yml")
        .errors,
    ).toEqual([]);
    const { errors } = parseDocuments(
      planWith({ action: { malware: { variety: ["Ransomwear"] } } }),
      "plan.yml",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      file: "plan.yml",
      line: expect.any(Number),
      column: expect.any(Number),
      path: expect.stringContaining("veris.action.malware.variety"),
    });
    expect(parseDocuments(planWith({ action: {} }), "plan.yml").errors[0]?.message).toMatch(
      /at least one action category/,
    );
  });
});

describe("span", () => {
  it("says a duration in the largest unit it fills", () => {
    expect(span("2026-01-01T00:00:00Z", "2026-01-01T00:00:42Z")).toEqual({
      unit: "Seconds",
      value: 42,
    });
    expect(span("2026-01-01T00:00:00Z", "2026-01-01T05:40:00Z")).toEqual({
      unit: "Hours",
      value: 6,
    });
    expect(span("2026-01-01T00:00:00Z", "2026-01-04T00:00:00Z")).toEqual({
      unit: "Days",
      value: 3,
    });
    expect(span(null, "2026-01-04T00:00:00Z")).toEqual({ unit: "Unknown" });
    expect(span("2026-01-04T00:00:00Z", "2026-01-01T00:00:00Z")).toEqual({ unit: "Unknown" });
  });
});
