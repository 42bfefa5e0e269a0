import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS, type TestDialect } from "../../test/support/databases.js";
import { EVERY_TYPE, incidentWithEverything } from "../../test/support/exchange.js";
import { MISP_FORMAT, mispChecker, mispFormatPresent } from "../../test/support/misp-format.js";
import { declareRansomware, operator, rejection } from "../../test/support/response-helpers.js";
import { testRuntime } from "../../test/support/runtime.js";
import { loadDemo } from "../demo/scenario.js";
import { INDICATOR_TYPES } from "../domain/incident/indicator-types.js";
import type { Incident } from "../domain/incident/model.js";
import type { Runtime } from "../runtime.js";
import { gatherDossier } from "./dossier.js";
import { mispEvent } from "./misp.js";
import { importMispEvent } from "./misp-import.js";
import { MISP_KIND_OF } from "./misp-types.js";
import { stixBundle } from "./stix.js";

type Attribute = {
  type: string;
  category: string;
  value: string;
  to_ids: boolean;
  Tag?: { name: string }[];
};

describe.skipIf(!mispFormatPresent())(`MISP events, against ${MISP_FORMAT}`, () => {
  let rt: Runtime;
  let incident: Incident;
  const check = mispFormatPresent()
    ? mispChecker()
    : Object.assign(() => [], { categories: new Map() });

  beforeAll(async () => {
    rt = await testRuntime(TEST_DIALECTS[0] as TestDialect);
    incident = await incidentWithEverything(rt);
  });
  afterAll(() => rt.close());

  it("reads the format description's category–type table (the checker is not empty)", () => {
    expect(check.categories.size).toBeGreaterThan(10);
    expect(check.categories.get("Network activity")?.has("ip-dst")).toBe(true);
    // Every mapping of an indicator type is a combination the document allows.
    for (const kind of Object.values(MISP_KIND_OF))
      expect(check.categories.get(kind.category)?.has(kind.type), kind.type).toBe(true);
    // And the checker refuses what the document refuses.
    const bad = {
      Event: { info: "x", Attribute: [{ type: "md5", category: "Person", value: "x" }] },
    };
    expect(check(bad).length).toBeGreaterThan(5);
  });

  it("exports the incident as an event the format description accepts", async () => {
    const { Event } = mispEvent(await gatherDossier(rt, incident.human_id, operator));
    expect(check({ Event })).toEqual([]);
    const attributes = Event.Attribute as Attribute[];
    expect(attributes.filter((a) => a.category !== "Targeting data")).toHaveLength(
      INDICATOR_TYPES.length,
    );
    expect(attributes.find((a) => a.type === "vulnerability")).toMatchObject({
      value: "CVE-2024-3400",
      to_ids: false,
    });
    expect(attributes.find((a) => a.type === "ip-dst")).toMatchObject({
      value: "203.0.113.7",
      to_ids: true,
    });
    expect(
      attributes
        .filter((a) => a.category === "Targeting data")
        .map((a) => `${a.type} ${a.value}`)
        .sort(),
    ).toEqual([
      "target-machine 10.0.4.12",
      "target-machine FS01",
      "target-machine Payroll database",
      "target-user svc-backup",
    ]);
    const tags = (Event.Tag as { name: string }[]).map((t) => t.name);
    expect(tags).toEqual(
      expect.arrayContaining([
        "tlp:amber",
        'misp-galaxy:mitre-attack-pattern="Data Encrypted for Impact - T1486"',
      ]),
    );
    expect(Event).toMatchObject({ published: false, distribution: "1", analysis: "0" });
  });

  it("exports every incident of the demo as a valid event", async () => {
    const demo = await loadDemo(rt);
    for (const { human_id } of demo.incidents)
      expect(check(mispEvent(await gatherDossier(rt, human_id, operator))), human_id).toEqual([]);
  });

  it("imports an exported event onto another incident as the same indicators, with the tags", async () => {
    const exported = mispEvent(await gatherDossier(rt, incident.id, operator));
    const other = await declareRansomware(rt, "Same actor, second site");
    const result = await importMispEvent(rt, other.human_id, exported, operator);
    const pairs = (list: { type: string; value: string }[]) =>
      list.map((i) => `${i.type} ${i.value}`).sort();
    expect(pairs(result.imported)).toEqual(pairs(await rt.incidents.indicators(incident.id)));
    expect(result.skipped.map((s) => s.type).sort()).toEqual([
      "target-machine",
      "target-machine",
      "target-machine",
      "target-user",
    ]);
    expect(result.skipped[0]?.reason).toMatch(/has no Firebreak indicator type/);
    expect(result.imported[0]?.tags).toEqual(
      expect.arrayContaining(["tlp:amber", 'firebreak:incident-type="ransomware"']),
    );
    // Exported again, the tags travel with them: MISP attribute tags, STIX labels.
    const again = await gatherDossier(rt, other.id, operator);
    const ip = (mispEvent(again).Event.Attribute as Attribute[]).find((a) => a.type === "ip-dst");
    expect(ip?.Tag?.map((t) => t.name)).toContain("tlp:amber");
    expect(check(mispEvent(again))).toEqual([]);
    const stixIp = stixBundle(again).objects.find(
      (o) => o.type === "indicator" && String(o.pattern).includes("ipv4"),
    );
    expect(stixIp?.labels).toContain("tlp:amber");
  });

  it("skips bad attributes with their reasons and keeps the rest; a second import adds nothing", async () => {
    const target = await declareRansomware(rt, "Phishing wave");
    const event = {
      Event: {
        uuid: "5a747459-41b4-4826-9b29-42dd950d210f",
        info: "Phishing wave, week 48",
        Tag: [{ name: "tlp:green" }, { name: "x".repeat(300) }],
        Attribute: [
          {
            uuid: "a-1",
            type: "ip-src",
            category: "Network activity",
            value: "198.51.100.9",
            comment: "C2",
          },
          { uuid: "a-2", type: "ip-src", value: "999.1.1.1" },
          { uuid: "a-3", type: "btc", value: "1BoatSLRHtKNngkdXEeobR76b53LETtpyT" },
          { uuid: "a-4", type: "domain", value: "gone.example.com", deleted: true },
          "not an attribute",
          { uuid: "a-6", type: "md5" },
          {
            uuid: "a-7",
            type: "domain|ip",
            value: "mail.evil.example|198.51.100.9",
            Tag: [{ name: "kill-chain:delivery" }],
          },
          { uuid: "a-8", type: "filename|sha256", value: `invoice.pdf.exe|${EVERY_TYPE.sha256}` },
        ],
        Object: [
          {
            name: "file",
            Attribute: [{ uuid: "o-1", type: "filename", value: "/tmp/.x/payload" }],
          },
        ],
      },
    };
    const first = await importMispEvent(rt, target.human_id, event, operator);
    expect(first.event).toEqual({ uuid: event.Event.uuid, info: "Phishing wave, week 48" });
    expect(first.skipped.map((s) => s.attribute)).toEqual([
      "a-2",
      "a-3",
      "a-4",
      "Attribute[4]",
      "a-6",
    ]);
    expect(first.skipped[0]?.reason).toMatch(/as ip: '999.1.1.1' is not an IPv4 or IPv6 address/);
    expect(first.imported.map((i) => `${i.type} ${i.value} ${i.created}`)).toEqual([
      "ip 198.51.100.9 true",
      "domain mail.evil.example true",
      "file_name invoice.pdf.exe true",
      `sha256 ${EVERY_TYPE.sha256} true`,
      "file_path /tmp/.x/payload true",
    ]);
    expect(first.imported[0]).toMatchObject({
      description: "C2",
      tags: ["kill-chain:delivery", "tlp:green"],
    });
    expect(first.imported[2]?.description).toBe("MISP event: Phishing wave, week 48");

    const entries = (await rt.incidents.timeline(target.id)).length;
    const second = await importMispEvent(rt, target.id, event, operator);
    expect(second.imported.every((i) => !i.created)).toBe(true);
    expect((await rt.incidents.timeline(target.id)).length).toBe(entries);
  });

  it("refuses what is not a MISP event, and incidents that do not exist", async () => {
    expect((await rejection(importMispEvent(rt, incident.id, { hello: 1 }, operator))).code).toBe(
      "invalid_input",
    );
    expect(
      (await rejection(importMispEvent(rt, "INC-1999-0001", { Event: { info: "x" } }, operator)))
        .code,
    ).toBe("not_found");
  });
});
