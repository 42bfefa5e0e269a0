import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS, type TestDialect } from "../../test/support/databases.js";
import { incidentWithEverything } from "../../test/support/exchange.js";
import { operator } from "../../test/support/response-helpers.js";
import { testRuntime } from "../../test/support/runtime.js";
import {
  STIX_SCHEMAS,
  stixSchemasPresent,
  stixValidator,
} from "../../test/support/stix-schemas.js";
import { loadDemo } from "../demo/scenario.js";
import { INDICATOR_TYPES } from "../domain/incident/indicator-types.js";
import type { Incident } from "../domain/incident/model.js";
import type { Runtime } from "../runtime.js";
import { gatherDossier } from "./dossier.js";
import { stixBundle } from "./stix.js";
import { stixPattern } from "./stix-patterns.js";
import { uuid5 } from "./uuid5.js";

const TYPES_WITHOUT_PATTERN = ["cve"];

describe("uuid5", () => {
  it("matches RFC 9562's construction (Python's uuid5(NAMESPACE_DNS, 'python.org'))", () => {
    expect(uuid5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org")).toBe(
      "886313e1-3b8a-5372-9b90-0c9aee199e5d",
    );
  });
});

describe("STIX patterns", () => {
  it("writes a pattern for every indicator type but CVE, escaping quotes and backslashes", () => {
    for (const type of INDICATOR_TYPES)
      expect(stixPattern(type, "x") === undefined, type).toBe(TYPES_WITHOUT_PATTERN.includes(type));
    expect(stixPattern("file_path", "C:\\Temp\\it's.exe")).toBe(
      "[file:parent_directory_ref.path = 'C:\\\\Temp' AND file:name = 'it\\'s.exe']",
    );
    expect(stixPattern("asn", "AS64496")).toBe("[autonomous-system:number = 64496]");
    expect(stixPattern("ip", "2001:db8::1")).toBe("[ipv6-addr:value = '2001:db8::1']");
  });
});

describe.skipIf(!stixSchemasPresent())(`STIX 2.1 export, against ${STIX_SCHEMAS}`, () => {
  let rt: Runtime;
  let incident: Incident;
  const validate = stixSchemasPresent() ? stixValidator() : () => [];

  beforeAll(async () => {
    rt = await testRuntime(TEST_DIALECTS[0] as TestDialect);
    incident = await incidentWithEverything(rt);
  });
  afterAll(() => rt.close());

  it("validates against the OASIS schemas, with every part of the incident in it", async () => {
    const bundle = stixBundle(await gatherDossier(rt, incident.human_id, operator));
    expect(validate(bundle)).toEqual([]);
    const byType = (type: string) => bundle.objects.filter((o) => o.type === type);
    expect(byType("incident")).toMatchObject([{ name: incident.title }]);
    expect(byType("indicator")).toHaveLength(INDICATOR_TYPES.length - 1);
    expect(byType("vulnerability")).toMatchObject([
      { name: "CVE-2024-3400", external_references: [{ source_name: "cve" }] },
    ]);
    expect(byType("observed-data")).toHaveLength(5);
    const [fs01] = byType("domain-name");
    expect(fs01?.value).toBe("fs01");
    // Two asset updates: first seen at the first, last at the second.
    const seen = byType("observed-data").find((o) => o.object_refs?.toString() === fs01?.id);
    expect(seen).toMatchObject({
      number_observed: 2,
      labels: expect.arrayContaining(["status:contained"]),
    });
    expect(String(seen?.first_observed) < String(seen?.last_observed)).toBe(true);
    expect(byType("user-account").map((o) => o.user_id)).toEqual(["svc-backup"]);
    expect(byType("software").map((o) => o.name)).toEqual(["Payroll database"]);
    expect(byType("file")).toMatchObject([{ name: "memory.raw", size: 1024 }]);
    expect(byType("attack-pattern")).toMatchObject([
      {
        name: "Data Encrypted for Impact",
        external_references: [{ source_name: "mitre-attack", external_id: "T1486" }],
        kill_chain_phases: [{ kill_chain_name: "mitre-attack", phase_name: "impact" }],
      },
    ]);
    // The report lists everything but the markings, the identity and itself.
    const [report] = byType("report");
    const listed = bundle.objects.filter(
      (o) => !["marking-definition", "identity", "report"].includes(o.type),
    );
    expect(report?.object_refs).toEqual(listed.map((o) => o.id));
    // Each related object is tied to the incident.
    const incidentId = byType("incident")[0]?.id;
    const targets = byType("relationship").map((r) => r.source_ref === incidentId && r.target_ref);
    for (const o of [
      ...byType("indicator"),
      ...byType("attack-pattern"),
      ...byType("observed-data"),
    ])
      expect(targets).toContain(o.id);
  });

  it("marks every object TLP:AMBER by default, TLP:RED once the incident is restricted", async () => {
    const amber = stixBundle(await gatherDossier(rt, incident.id, operator));
    const AMBER = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";
    for (const o of amber.objects.filter((o) => o.type !== "marking-definition"))
      expect(o.object_marking_refs, o.id).toEqual([AMBER]);
    const restricted = { ...(await gatherDossier(rt, incident.id, operator)), tlp: "red" as const };
    const red = stixBundle(restricted);
    expect(red.objects[0]).toMatchObject({ name: "TLP:RED", definition: { tlp: "red" } });
    expect(validate(red)).toEqual([]);
    const strict = stixBundle({ ...restricted, tlp: "amber+strict" });
    expect(strict.objects.slice(0, 2).map((o) => o.name)).toEqual([
      "TLP:AMBER",
      "TLP:AMBER+STRICT",
    ]);
    expect(validate(strict)).toEqual([]);
    expect(validate(stixBundle({ ...restricted, tlp: "clear" }))).toEqual([]);
  });

  it("lists an observable two records share once", async () => {
    const dossier = await gatherDossier(rt, incident.id, operator);
    const evidence = dossier.evidence[0] as (typeof dossier.evidence)[number];
    const twice = stixBundle({ ...dossier, evidence: [evidence, { ...evidence, id: "copy" }] });
    expect(twice.objects.filter((o) => o.type === "file")).toHaveLength(1);
    expect(twice.objects.filter((o) => o.type === "observed-data")).toHaveLength(6);
    expect(validate(twice)).toEqual([]);
  });

  it("gives the same ids and times on a second export of the unchanged incident", async () => {
    const first = stixBundle(await gatherDossier(rt, incident.id, operator));
    const second = stixBundle(await gatherDossier(rt, incident.id, operator));
    expect(second).toEqual(first);
  });

  it("exports every incident of the demo as a valid bundle", async () => {
    const demo = await loadDemo(rt);
    for (const { human_id } of demo.incidents) {
      const bundle = stixBundle(await gatherDossier(rt, human_id, operator));
      expect(validate(bundle), human_id).toEqual([]);
    }
  });
});
